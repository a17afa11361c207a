"""Helpers for 2026 portal records (generator/upstream/portal.py): tidy text, split it, find numbers, place errors.

Everything here keeps the record's words: text is only normalised (NFC, invisible characters out,
runs of spaces joined), never reworded.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import unicodedata
from typing import Any

from generator.upstream.portal_cells import _DATES, _ISO_DATE, _MONEY
from generator.content.textfold import fold, slugify

# ---------------------------------------------------------------- text


# Format characters (category Cf: zero-width spaces, direction marks, soft hyphens) are dropped; control
# characters and every kind of space become one space; U+2028/U+2029/U+0085 are line breaks.
_DROP = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                   "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_BREAK = re.compile("\r\n?|[\u2028\u2029\x85]")
_SPACE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def tidy(value: Any) -> str:
    """NFC text with its line breaks; zero-width marks dropped, tabs and no-break spaces as spaces."""
    text = _BREAK.sub("\n", _DROP.sub("", unicodedata.normalize("NFC", "" if value is None else str(value))))
    return "\n".join(line for line in (_SPACE.sub(" ", part).strip() for part in text.split("\n")) if line)


def one_line(value: Any) -> str:
    return tidy(value).replace("\n", " ")


def lines_of(value: Any) -> list[str]:
    return [line for line in tidy(value).split("\n") if line]


MARKER = re.compile(r"^(?:[-–•+*]+\s*)+")  # list markers: "-", "+", "*", "•"


def unmark(text: str) -> str:
    """Without leading list markers: "- Tờ khai" → "Tờ khai"; keeps "a)" and "(1.1)", which carry meaning."""
    return MARKER.sub("", text).strip()


def case_name(text: Any) -> str:
    """A dossier heading without "*", list markers and the closing ":"."""
    return unmark(one_line(text)).rstrip(" :").strip()


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def without_thu_tuc(name: str) -> str:
    """ "Thủ tục đăng ký khai tử" → "Đăng ký khai tử"; the rest verbatim."""
    if fold(name[:8]).lower() == "thu tuc " and name[8:].strip():
        return capitalised(name[8:].strip(" :-–"))
    return capitalised(name)


def short_slug(text: str, limit: int = 60) -> str:
    """ASCII slug of at most ``limit`` characters, cut between words."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1].rsplit("-", 1)[0]
    return cut or slug[:limit]


def number_text(value: float | int) -> str:
    """A number as the record has it: 7, 17.5."""
    return str(int(value)) if float(value).is_integer() else str(value)


# ---------------------------------------------------------------- steps

_STEP_HEAD = re.compile(r"^Bước\s*\d+\s*[:.)–-]?\s*", re.IGNORECASE)
_NEW_ITEM = re.compile(r"^[-–•*]")  # "+", "(i)", "a)" lines add detail to the item before
TITLE_MAX = 200


def step_title(text: str) -> tuple[str, str]:
    """A title short enough to read as one, and what is left of ``text`` for the detail.

    ``title + " " + rest`` is the whole text, unless the title ends in "…": then ``rest`` is all of it.
    """
    if len(text) <= TITLE_MAX:
        return text, ""
    m = re.search(r"[.;:!?](\s)", text[:TITLE_MAX])
    if m and m.start() > 20:
        return text[:m.start() + 1], text[m.end():]
    return text[:120].rsplit(" ", 1)[0] + " …", text


def split_steps(items: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(name, description) of each record step → (title, detail lines); no line of either is dropped."""
    out: list[tuple[str, list[str]]] = []
    for name, description in items:
        head = _STEP_HEAD.sub("", one_line(name)).strip()
        body = lines_of(description)
        if head:
            out.append((head, body))
        elif any(_STEP_HEAD.match(line) for line in body):
            for line in body:
                if _STEP_HEAD.match(line) or not out or not out[-1][0]:
                    out.append((_STEP_HEAD.sub("", line).strip(), []))
                else:
                    out[-1][1].append(line)
        elif any(_NEW_ITEM.match(line) for line in body):
            for line in body:
                if _NEW_ITEM.match(line) or not out:
                    out.append((unmark(line), []))
                else:
                    out[-1][1].append(line)
        else:
            out += [(line, []) for line in body]
    steps = []
    for title, detail in out:
        if not title and detail:
            title, detail = unmark(detail[0]), detail[1:]
        if not title:
            continue
        title, rest = step_title(title)
        steps.append((title, ([rest] if rest else []) + detail))
    return steps


# ---------------------------------------------------------------- legal basis, dates, money

_DOC_NUMBER = re.compile(r"(?<![\w/])(\d+[a-z]?(?:\.[a-z0-9]+)?)\s*\.?\s*/\s*(?:((?:19|20)\d{2})\s*/\s*)?"
                         r"([A-ZĐ][A-ZĐa-z0-9]*(?:\s?-\s?[A-ZĐ0-9][A-ZĐa-z0-9]*)*)")


def document_number(*texts: str) -> str | None:
    """ "Thông tư số 03/2023/TT-BTP" → "03/2023/TT-BTP"; "2628/QĐ-UBND" stays (first text that holds one)."""
    for text in texts:
        if m := _DOC_NUMBER.search(one_line(text)):
            year = f"{m.group(2)}/" if m.group(2) else ""
            return f"{m.group(1)}/{year}" + re.sub(r"\s", "", m.group(3))
    return None


def one_date(text: str) -> dt.date | None:
    """A date only when exactly one full day, month and year is written."""
    folded = fold(text)
    found = {(int(y), int(m), int(d)) for pat in _DATES for d, m, y in pat.findall(folded)}
    found |= {(int(y), int(m), int(d)) for y, m, d in _ISO_DATE.findall(folded)}
    try:
        return dt.date(*found.pop()) if len(found) == 1 else None
    except ValueError:
        return None


_PER = re.compile(r"\s*/\s*(?:1\s+)?(h[ồo] s[ơo]|[^\W\d_]+)")


def money(text: str) -> list[tuple[int, str | None]]:
    """Amounts in đồng written in ``text``, each with what it is per ("trang", "hồ sơ"…), in order."""
    out = []
    for m in _MONEY.finditer(fold(text)):  # fold() keeps positions, so they hold in ``text`` too
        per = _PER.match(text, text.rfind("/", m.start(), m.end())) if m.group(2) else None
        out.append((int(re.sub(r"[.,]", "", m.group(1))), per.group(1) if per else None))
    return out


_FREE = re.compile(r"^(mien phi|mien le phi|khong thu phi|khong thu le phi|khong thu|khong|0 dong)$")


def says_free(text: str) -> bool:
    """True only for a description that says nothing but "free" ("Miễn phí.", "Không thu phí")."""
    return bool(_FREE.match(fold(one_line(text)).strip(" .;:()-")))


# ---------------------------------------------------------------- where a JSON value is

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _past_blanks(text: str, i: int) -> int:
    m = _WS.match(text, i)  # never None: the pattern matches the empty string too
    return m.end() if m else i


def json_marks(text: str) -> dict[str, tuple[int, int]]:
    """Line and column (from 1) of every value of a VALID JSON text, by JSON pointer.

    Only used when a record is wrong, so the fast path stays ``json.loads``.
    """
    offsets: dict[str, int] = {}

    def value(i: int, pointer: str) -> int:
        i = _past_blanks(text, i)
        offsets[pointer] = i
        if text[i] in "{[":
            close, i, n = "}" if text[i] == "{" else "]", i + 1, 0
            while True:
                i = _past_blanks(text, i)
                if text[i] == close:
                    return i + 1
                if text[i] == ",":
                    i += 1
                    continue
                if close == "}":
                    m = _STRING.match(text, i)
                    key = json.loads(m.group()) if m else ""
                    i = _past_blanks(text, m.end() if m else i + 1) + 1
                    i = value(i, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
                else:
                    i, n = value(i, f"{pointer}/{n}"), n + 1
        m = _STRING.match(text, i) or _LITERAL.match(text, i)
        return m.end() if m else i + 1

    try:
        value(0, "")
    except (IndexError, AttributeError, ValueError, RecursionError):
        pass  # a partial table still places what it can
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out = {}
    for pointer, offset in offsets.items():
        line = bisect.bisect_right(starts, offset)
        out[pointer] = (line, offset - starts[line - 1] + 1)
    return out


def place(marks: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int]:
    """Where ``pointer`` is, or its nearest parent that is there (a missing key: its object)."""
    while pointer and pointer not in marks:
        pointer = pointer.rsplit("/", 1)[0]
    return marks.get(pointer, (1, 1))
