"""Vietnamese as an announcer says it: numbers and phone numbers in words, content text made
fit to read aloud, and reading time."""
from __future__ import annotations

import datetime as dt
import re

from generator.content.model import Duration, Fee
from generator.site.views import ChannelFacts

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
    """Lower-case a leading common word so it can sit mid-sentence ("Ý kiến" too); keep names
    and codes ("VNeID", "CT01")."""
    word = s.split(" ", 1)[0]
    common = len(word) == 1 or word[1:].islower()
    return s[0].lower() + s[1:] if len(s) > 1 and common and not s.startswith(_PROPER) else s


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


# ------------------------------------------------------------ time, fees --

_UNITS = {"working_day": "ngày làm việc", "day": "ngày", "hour": "giờ"}
HOW = {"in_person": "nộp trực tiếp", "online": "làm trực tuyến", "postal": "gửi qua bưu điện"}
_PER_TIME = re.compile(r"mỗi lần [^,]*")  # "mỗi lần đăng ký": what a bare amount means anyway
# The same thing in fewer words, for the one-minute version.
_SHORTER = ((r"\bnộp hồ sơ trực tuyến\b", "nộp trực tuyến"),
            (r"\btài khoản định danh điện tử (VNeID )?mức độ\b", "tài khoản VNeID mức"))


def time_words(d: Duration) -> str:
    """ "bảy ngày làm việc", or the note's first plain sentence when the file gives no number."""
    if d.value is not None and d.unit is not None:
        value = float(d.value)
        amount = say(int(value)) if value.is_integer() else speakable(f"{value:g}".replace(".", ","))
        return f"{amount} {_UNITS[d.unit]}"
    note = speakable(d.note.vi).split(". ")[0].rstrip(".") if d.note else ""
    return mid(note) or "bà con hỏi cán bộ tại quầy"


def amount_words(fee: Fee, compact: bool = False) -> str:
    """An uncertain or missing amount is never read out as fact: the listener is sent to ask."""
    if fee.uncertain or fee.amount is None:
        return ("bà con hỏi tại quầy trước khi nộp" if compact
                else "chưa có mức thu chắc chắn, bà con hỏi cán bộ tại quầy trước khi nộp")
    if fee.amount == 0:
        text = "miễn phí"
    else:
        text = f"{say(fee.amount)} đồng"
        if fee.per and not (compact and _PER_TIME.fullmatch(fee.per.vi)):
            text += f" {mid(speakable(fee.per.vi))}"
        text += f", tối đa {say(fee.max_amount)} đồng" if fee.max_amount else ""
    return text + _when(fee, compact)


def _when(fee: Fee, compact: bool = False) -> str:
    """A time-limited rule is read with its condition and last day, never as the standing fee;
    ``compact`` says a month's last day as "đến hết tháng hai năm ...", the same day, and the
    condition in the words people use ("tài khoản VNeID mức hai")."""
    condition = mid(speakable(fee.condition.vi)) if fee.condition else ""
    for long, short in _SHORTER if compact else ():
        condition = re.sub(long, short, condition)
    text = f" khi {condition}" if condition else ""
    if d := fee.valid_until:
        month_end = (d + dt.timedelta(days=1)).day == 1
        if compact and month_end:
            text += f", đến hết tháng {say(d.month)} năm {say(d.year)}"
        else:
            text += f", áp dụng đến hết ngày {say(d.day)} tháng {say(d.month)} năm {say(d.year)}"
    return text


def _label(fee: Fee, compact: bool = False, procedure: str = "") -> str:
    """The fee's name; ``compact`` drops its asides, and the procedure's name when that is all
    it adds: "Lệ phí đăng ký kết hôn có yếu tố nước ngoài" is "Lệ phí" in that procedure's script."""
    name = cap(speakable(without_asides(fee.name.vi) if compact else fee.name.vi)) if fee.name else "Lệ phí"
    head = name[:len(name) - len(procedure)].rstrip()
    if compact and procedure and name.lower().endswith(" " + procedure.lower()) and head in ("Lệ phí", "Phí"):
        return head
    return name


def _per_channel(values: list[tuple[str, str]]) -> str:
    """ "X" when every channel says X, else "X nếu nộp trực tiếp, Y nếu làm trực tuyến"."""
    if len({v for _, v in values}) == 1:
        return values[0][1]
    return ", ".join(f"{v} nếu {HOW[k]}" for k, v in values)


def time_and_fees(channels: list[ChannelFacts]) -> str:
    """Every fee of every channel; channels that say the same are merged."""
    groups: dict[str, list[str]] = {}
    for c in channels:
        ch = c.channel
        time = time_words(ch.processing_time)
        time = f"thời gian giải quyết là {time}" if ch.processing_time.value else time
        fees = " ".join(f"{_label(f)}: {amount_words(f)}." for f in ch.fees)
        groups.setdefault(f"{time}. {fees}", []).append(HOW[c.name])
    return " ".join((f"Nếu {hows[0]}" if len(hows) == 1 else f"Dù {', '.join(hows[:-1])} hay {hows[-1]}")
                    + f", {said}" for said, hows in groups.items())


_CHANNEL_WORDS = {"in_person": "trực tiếp", "online": "trực tuyến", "postal": "bưu"}


def time_and_fees_brief(channels: list[ChannelFacts], compact: int = 0,
                        procedure: str = "") -> str:
    """Time, and each channel's own fee with any time-limited rule for it (a waiver is read
    with its condition and last day, after the standing fee, never in its place). ``compact``
    1 drops asides and the procedure's name in the fee's name, "mỗi lần ..." and the note on
    other fees; 2 also sends listeners to ask about the time when the file gives no number.
    Shortest, still nothing untrue."""
    times = [(c.name, time_words(c.channel.processing_time).split(";")[0]
              if c.channel.processing_time.value or compact < 2 else "bà con hỏi tại quầy") for c in channels]
    text = f"Thời gian giải quyết: {_per_channel(times)}."
    firsts = [(c.name, c.standing) for c in channels]
    limits = [(c.name, f) for c in channels for f in c.limited]  # for the fee read, said after it
    several = any(c.others for c in channels)
    # several fees: the name says which one is read; else "Phí" or "Lệ phí", as the file calls it
    first_name = firsts[0][1].name.vi if firsts[0][1].name else ""
    label = (_label(firsts[0][1], bool(compact), procedure) if several
             else "Phí" if first_name.startswith("Phí ") else "Lệ phí")
    pers = {f.per.vi for _, f in firsts if f.per and not (compact and _PER_TIME.fullmatch(f.per.vi))}
    if len(pers) == 1 and all(f.per for _, f in firsts) and len({amount_words(f) for _, f in firsts}) > 1:
        # "mười lăm nghìn đồng nếu nộp trực tiếp, bảy nghìn đồng nếu làm trực tuyến, mỗi lần đăng ký"
        plain = [(k, amount_words(f.model_copy(update={"per": None}), bool(compact))) for k, f in firsts]
        text += f" {label}: {_per_channel(plain)}, {mid(speakable(pers.pop()))}."
    else:
        text += f" {label}: {_per_channel([(k, amount_words(f, bool(compact))) for k, f in firsts])}."
    limited: dict[str, list[tuple[str, Fee]]] = {}
    for k, f in limits:
        limited.setdefault(amount_words(f, bool(compact)), []).append((k, f))
    for said, rules in limited.items():  # "...; miễn phí khi nộp trực tuyến ..., đến hết tháng hai năm ..."
        kinds, condition = [k for k, _ in rules], rules[0][1].condition
        if len(kinds) == len(channels) or (condition and all(_CHANNEL_WORDS[k] in condition.vi for k in kinds)):
            text = f"{text[:-1]}; {said}."  # for every channel, or its condition names the channel
        else:
            text = f"{text[:-1]}; nếu {' hoặc '.join(HOW[k] for k in kinds)}, {said}."
    return text + (" Các khoản phí khác, bà con hỏi tại quầy." if several and not compact else "")
