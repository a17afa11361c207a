"""Hints for a value of the wrong kind that say exactly what to write, and never guess wrong.

A hint is only specific when the value can be read one way: "20.000đ" is 20000 đồng and "20k" is
20000, but "50.5" could be 50500 đồng or a typo, so the hint says both and asks to check the
source. Vietnamese writes thousands with dots and decimals with commas ("1,5 triệu").
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from generator.diagnostics.messages import Bi, bi
from generator.diagnostics.yaml_diagnosis import CURLY, INVISIBLE, first_invisible

_MULTIPLIERS = {"k": 1000, "nghìn": 1000, "ngàn": 1000, "nghin": 1000, "ngan": 1000,
                "tr": 1_000_000, "triệu": 1_000_000, "trieu": 1_000_000}
_AMOUNT = re.compile(r"([0-9][0-9.,]*)\s*(k|nghìn|ngàn|nghin|ngan|tr|triệu|trieu)?\.?\s*"
                     r"(?:đồng|đ|vnđ|vnd|dong|d)?\.?", re.I)
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*")  # 20.000 or 1,500,000
_FREE = re.compile(r"miễn|mien|free|không thu|khong thu|không mất|^0\s*(đ|đồng|vnd)?$", re.I)


def whole_dong(text: str) -> int | None:
    """The amount in đồng that ``text`` can only mean, or None when it could mean more than one."""
    m = _AMOUNT.fullmatch(text.strip().replace(" ", "") if len(text) < 40 else "")
    if not m:
        return None
    number, unit = m.group(1), (m.group(2) or "").lower()
    times = _MULTIPLIERS.get(unit, 1)
    if re.fullmatch(r"[0-9]+", number):
        return int(number) * times
    if _GROUPED.fullmatch(number):  # thousands separators; with a unit ("1.500k") it is unclear
        return int(re.sub(r"[.,]", "", number)) if times == 1 else None
    if times > 1 and re.fullmatch(r"[0-9]+[.,][0-9]+", number):  # "1,5 triệu", "2.5k"
        try:
            value = Decimal(number.replace(",", ".")) * times
        except InvalidOperation:
            return None
        return int(value) if value == value.to_integral_value() else None
    return None


def amount_hint(value: object) -> Bi:
    """For a fee amount that is not a whole number of đồng: text ("20k") or a number with a dot (50.5)."""
    raw = str(getattr(value, "raw", value)).strip()
    if isinstance(value, str) and _FREE.search(raw):
        return bi(vi="miễn phí thì ghi amount: 0 (chữ số 0); ai được miễn thì ghi trong exemptions",
                  en="for free write amount: 0 (the digit); who pays nothing goes under exemptions")
    if isinstance(value, float):
        grouped = _GROUPED.fullmatch(raw)
        if grouped and grouped.group(1) == ".":  # 8.000: a Vietnamese thousands separator
            return bi(vi="ghi {n}, không ghi {raw}: số tiền tính bằng đồng, viết liền, không có dấu chấm hay phẩy",
                      en="write {n}, not {raw}: amounts are whole đồng, without dots or commas",
                      n=int(raw.replace(".", "")), raw=raw)
        m = re.fullmatch(r"([0-9]+)\.([0-9]{1,2})", raw)
        if m:  # 50.5: maybe 50.500 đồng written short, maybe a mistake
            n = int(m.group(1)) * 1000 + int(m.group(2).ljust(3, "0"))
            return bi(vi="số tiền là số đồng chẵn; nếu ý là {short} đồng thì ghi {n}, nếu không thì xem lại nguồn",
                      en="amounts are whole đồng; write {n} if it means {short} đồng, or check the source",
                      n=n, short=f"{m.group(1)}.{m.group(2).ljust(3, '0')}")
        return bi(vi="số tiền là số đồng chẵn, chỉ gồm chữ số; xem lại nguồn",
                  en="amounts are whole đồng, in digits only; check the source")
    whole = whole_dong(raw)
    if whole is not None and str(whole) in raw.replace(".", "").replace(",", ""):  # "20.000đ": only the dot goes
        return bi(vi='ghi {n}, không ghi "{raw}"', en='write {n}, not "{raw}"', n=whole, raw=raw)
    if whole is not None:  # "20k", "1,5 triệu": the whole amount, spelt out
        return bi(vi='ghi {n} (đủ số đồng, chỉ gồm chữ số), không ghi "{raw}"',
                  en='write {n} (the whole amount in đồng, digits only), not "{raw}"', n=whole, raw=raw)
    return bi(vi="ghi đủ số tiền bằng đồng, chỉ gồm chữ số, ví dụ 20000; nếu nguồn không ghi rõ, bỏ amount và "
                 "giải thích trong note",
              en="write the whole amount in đồng, in digits only, e.g. 20000; if the source is unclear, leave "
                 "amount out and explain in note")


def number_hint(value: object, field: str = "") -> Bi:
    """For another whole number (a count, a processing time) written as text or with a fraction."""
    raw = str(getattr(value, "raw", value)).strip()
    if isinstance(value, float) and field == "value":  # a processing time of 1.5 days
        return bi(vi="ghi một số nguyên; nếu thời hạn là nửa ngày, hãy ghi theo giờ (unit: hour)",
                  en="write a whole number; for half a day, give the time in hours (unit: hour)")
    if isinstance(value, float):
        return bi(vi="ghi một số nguyên, ví dụ 1", en="write a whole number, e.g. 1")
    digits = re.findall(r"[0-9]+", raw)
    if len(digits) == 1:  # "3 ngày": the one number there is
        return bi(vi='ghi {n}, không ghi "{raw}"', en='write {n}, not "{raw}"', n=int(digits[0]), raw=raw)
    return bi(vi="ghi một số bằng chữ số, ví dụ 1", en="write a number in digits, e.g. 1")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_hint(value: object, quoted: bool) -> Bi | None:
    """For a date the schema refused; None when the template's own hint (YYYY-MM-DD) says it all."""
    text = str(value).strip()
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    if m:
        year, month, day = map(int, m.groups())
        if _date(year, month, day):
            return bi(vi="bỏ dấu ngoặc quanh ngày: {v}", en="remove the quotes around the date: {v}",
                      v=f"{year}-{month:02}-{day:02}") if quoted else None
        swapped = _date(year, day, month)
        example = f"{year}-{day:02}-{month:02}" if swapped else "2026-11-30"
        if not 1 <= month <= 12:
            return bi(vi="không có tháng {m}: viết ngày theo dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ {e}",
                      en="month {m} does not exist: write the date as YYYY-MM-DD (year-month-day), e.g. {e}",
                      m=month, e=example)
        days = calendar.monthrange(year, month)[1]
        return bi(vi="tháng {m} năm {y} chỉ có {d} ngày: xem lại ngày (viết theo dạng YYYY-MM-DD)",
                  en="month {m} of {y} has only {d} days: check the day (written as YYYY-MM-DD)",
                  m=month, y=year, d=days)
    m = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text)
    if m and _date(int(m.group(3)), int(m.group(2)), int(m.group(1))):
        iso = f"{m.group(3)}-{int(m.group(2)):02}-{int(m.group(1)):02}"
        return bi(vi="viết năm trước: {iso} (năm-tháng-ngày), không có dấu ngoặc",
                  en="write the year first: {iso} (year-month-day), without quotes", iso=iso)
    return None


def hidden_hint(value: object, source_line: str, column: int) -> Bi | None:
    """For text the schema refused because of a character the editor cannot see, or curly quotes."""
    if not isinstance(value, str):
        return None
    at = first_invisible(value)
    if at is not None:
        ch = value[at]
        found = source_line.find(ch, max(column - 1, 0))
        return bi(vi="giá trị có một ký tự không nhìn thấy ở cột {c}: {name}, U+{hex}; hãy xóa nó",
                  en="the value holds an invisible character at column {c}: {name}, U+{hex}; delete it",
                  c=found + 1 if found >= 0 else column, name=INVISIBLE[ch], hex=f"{ord(ch):04X}")
    if len(value) > 1 and value[0] in CURLY and value[-1] in CURLY.values():
        return bi(vi="giá trị nằm trong dấu ngoặc cong {q}, YAML giữ chúng như một phần của chữ: dùng dấu ngoặc "
                     "thẳng \"…\", hoặc bỏ ngoặc",
                  en="the value is in curly quotes {q}, which YAML keeps as part of the text: use straight "
                     "quotes \"…\", or none", q=value[0] + value[-1])
    return None
