"""Vietnamese as an announcer says it: numbers and phone numbers in words, and reading time."""
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
