"""Vietnamese as an announcer says it: numbers and phone numbers in words, content text made
fit to read aloud, and reading time."""
from __future__ import annotations

import re

# One Vietnamese word is one syllable. Radio news runs above 200 syllables a
# minute; outdoor horns echo between poles and many listeners are old, so
# commune announcers read far slower. 140 is the middle of a slow, clear 130-150.
PACE_SYLLABLES_PER_MINUTE: int = 140
# A breath at every full stop, a short pause at commas (phone digit groups rely on it).
SENTENCE_PAUSE_SECONDS: float = 0.4
CLAUSE_PAUSE_SECONDS: float = 0.15


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")
# How announcers spell the Latin letters of form codes such as CT01 ("xê tê không một").
LETTERS = {k: v.replace("_", " ") for k, v in (p.split(":") for p in (
    "A:a B:bê C:xê D:dê Đ:đê E:e F:ép G:giê H:hát I:i J:gi K:ca L:e_lờ M:em_mờ N:en_nờ O:o "
    "P:pê Q:quy R:e_rờ S:ét_xì T:tê U:u V:vê W:vê_kép X:ích_xì Y:i_dài Z:dét").split())}

# ---------------------------------------------------------------- numbers --

def _three(n: int, full: bool) -> list[str]:
    """One group of three digits; ``full`` also reads a zero hundreds digit (1005)."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[h], "trăm"] if full or h else []
    if t == 0:
        if u:
            words += (["linh"] if words else []) + [_DIGITS[u]]  # 105: linh năm, never lăm
    elif t == 1:
        words += ["mười"] + ([("lăm" if u == 5 else _DIGITS[u])] if u else [])  # 11 mười một
    else:
        words += [_DIGITS[t], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(u, _DIGITS[u])] if u else [])
    return words


def number_words(n: int) -> str:
    """How an announcer reads ``n`` (0 <= n < 10**12): 20000 -> "hai mươi nghìn"."""
    if not 0 <= n < 10**12:
        raise ValueError(f"number out of range: {n}")
    if n == 0:
        return "không"
    groups = [n // 1000**i % 1000 for i in range(4)]
    words: list[str] = []
    for scale in (3, 2, 1, 0):
        if groups[scale]:  # zero groups are skipped: 1000000 is "một triệu"
            words += _three(groups[scale], full=bool(words)) + ([_SCALES[scale]] if scale else [])
    return " ".join(words)


def digit_words(digits: str) -> str:
    return " ".join(_DIGITS[int(d)] for d in digits)


def spoken_phone(number: str) -> str:
    """Digits one by one, in comma-separated groups for pauses: "1022" -> "một không hai hai"."""
    chunks = re.findall(r"\d+", number)
    if not chunks:
        raise ValueError(f"no digits in phone number: {number!r}")
    if len(chunks) == 1:  # the tables store digits only: group them the way people say them
        d = chunks[0]
        sizes = {8: (4, 4), 10: (4, 3, 3), 11: (3, 4, 4)}.get(len(d), (3,) * (len(d) // 3 + 1))
        sizes = (len(d),) if len(d) <= 5 else sizes
        chunks = [d[sum(sizes[:i]):sum(sizes[:i + 1])] for i in range(len(sizes))]
        chunks = [c for c in chunks if c]
        if len(chunks) > 1 and len(chunks[-1]) == 1:  # never leave one digit on its own
            chunks[-2:] = [chunks[-2] + chunks[-1]]
    return ("cộng " if number.strip().startswith("+") else "") + ", ".join(map(digit_words, chunks))


# ---------------------------------------------------------------- timing --

def count_syllables(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def estimate_seconds(text: str) -> float:
    """Reading time at PACE_SYLLABLES_PER_MINUTE, plus pauses at full stops and commas."""
    return (count_syllables(text) * 60 / PACE_SYLLABLES_PER_MINUTE
            + len(re.findall(r"[.!?]+", text)) * SENTENCE_PAUSE_SECONDS
            + len(re.findall(r"[,;:]", text)) * CLAUSE_PAUSE_SECONDS)


# ----------------------------------------------------------- spoken text --

# Names that keep their capital letter mid-sentence.
_PROPER = ("Ủy ban", "Công an", "Cổng", "Trung tâm", "Bộ phận", "Tòa án", "Cơ sở dữ liệu", "Hội đồng",
           "Phiếu", "Giấy khai sinh", "Giấy chứng", "Giấy báo", "Giấy xác nhận", "Trích lục", "Căn cước")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
# "281/2016/TT-BTC", "Thông tư 75": references a listener cannot look up
_CITATION = re.compile(r"\d+/\d{4}/\w|\b(Thông tư|Nghị định|Nghị quyết|Quyết định)\s+\d")
_LEAD_CITATION = re.compile(r"^(Theo|Căn cứ|Thu theo|Mức phí theo)\s[^,;]*\d+/\d{4}/[^,;]*[,;]\s*")
_EDITORIAL = re.compile(r"^(Bản ghi|Chưa chắc chắn|Xem phần)")  # notes for editors, or for the page
_SEE = re.compile(r"\s*\(xem phần[^)]*\)|,? xem phần [^.;]*")
_ASIDE = re.compile(r"\s*\([^)]*\)")
# A trailing example or purpose clause illustrates rather than restricts ("..., ví dụ ...", "..., để ...").
_ILLUSTRATION = re.compile(r", (?:ví dụ|để) ")
_ILLUSTRATION_LOOSE = re.compile(r",? (?:ví dụ|để) ")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def mid(s: str) -> str:
    """Lower-case a leading common word so it can sit mid-sentence; keep names and codes."""
    return s[0].lower() + s[1:] if len(s) > 1 and s[1].islower() and not s.startswith(_PROPER) else s


def say(n: int | str) -> str:
    return number_words(int(n)) if int(n) < 10**12 else digit_words(str(n))


def speakable(text: str) -> str:
    """Content text made fit to read aloud.

    Drops links, legal citations and notes for editors (a listener cannot look up
    "281/2016/TT-BTC"), turns brackets into spoken asides, calls the listener
    "bà con", and writes every number as words.
    """
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        sentence = _SEE.sub("", _LEAD_CITATION.sub("", _URL.sub("", sentence))).strip()
        if sentence and not _CITATION.search(sentence) and not _EDITORIAL.match(sentence):
            kept.append(cap(sentence))
    t = " ".join(kept)
    for pattern, repl in (
        (r"\s*\(([^)]*)\)", r", \1,"), (r"[\"“”‘’]", ""), (r"\s+[-–—]\s+", ", "),
        (r"\bbạn\b", "bà con"), (r"\bBạn\b", "Bà con"), (r"m²", " mét vuông"), (r"%", " phần trăm"),
        (r"(\d)\s*[–-]\s*(\d)", r"\1 đến \2"),                      # 7:30–11:30
        (r"\b(?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})\b", r"ngày \1 tháng \2 năm \3"),
        (r"\b(\d{1,2})h\b", r"\1 giờ"),
    ):
        t = re.sub(pattern, repl, t)
    t = re.sub(r"\b(\d{1,2})\s*[:h]\s*(\d{2})\b",
               lambda m: f"{say(m[1])} giờ" + (f" {say(m[2])}" if int(m[2]) else ""), t)
    t = re.sub(r"\bthứ (\d+)\b", lambda m: "thứ " + {"1": "nhất", "4": "tư"}.get(m[1], say(m[1])), t)
    t = re.sub(r"\b([A-ZĐ]{1,4})(\d+)\b",
               lambda m: " ".join(LETTERS.get(c, c) for c in m[1]) + " " + digit_words(m[2]), t)
    t = re.sub(r"(\d+),(\d+)", lambda m: f"{say(m[1])} phẩy {digit_words(m[2])}", t)
    t = re.sub(r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+", lambda m: say(m[0].replace(".", "")), t)
    t = t.replace("/", " trên ")  # house numbers: 12/3 is "mười hai trên ba"
    t = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", t))
    t = re.sub(r"[,;:]\s*([,.;:!?])", r"\1", t)
    return t.strip().rstrip(",;:").strip()


def without_asides(text: str) -> str:
    """Text without its bracketed asides: "Tờ khai (theo mẫu)" -> "Tờ khai"."""
    return _ASIDE.sub("", text).strip()


def core(text: str, loose: bool = False) -> str:
    """The part of a phrase before a trailing example or purpose clause. Only after a comma
    unless ``loose``: in "giấy giới thiệu ghi rõ để làm thủ tục" the "để" restricts."""
    return (_ILLUSTRATION_LOOSE if loose else _ILLUSTRATION).split(text, maxsplit=1)[0].rstrip(".,; ")


def listing(texts: list[str]) -> str:
    """Items read one after another, each mid-sentence: "tờ khai; Giấy chứng sinh"."""
    return "; ".join(mid(speakable(t)) for t in texts)
