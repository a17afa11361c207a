"""Cells of a national-portal record: messy times, fees and texts, read with care.

Used by generator/editors/importer.py. Every guess comes back with a note, so the importer
can mark it "# TODO(review)".
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from generator.content.textfold import fold, slugify  # noqa: F401 - slugify is used by the importer

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schema/procedure.schema.json"
TODO = "# TODO(review): "
FIELDS = {"ho tich": "ho-tich", "cu tru": "cu-tru", "chung thuc": "chung-thuc",
          "ly lich tu phap": "ly-lich-tu-phap"}
# Matched on folded text, first hit wins. There is no district level since 2025-07-01.
LEVELS = [("cap huyen", "commune"), ("huyen", "commune"), ("cap xa", "commune"), ("xa", "commune"),
          ("cap tinh", "province"), ("tinh", "province"), ("cap bo", "central"), ("bo", "central"),
          ("trung uong", "central")]
# Longest first, so "dịch vụ bưu chính" is cut off whole from a run-together row.
CHANNEL_WORDS = [("dich vu buu chinh", "postal"), ("buu chinh", "postal"), ("buu dien", "postal"),
                 ("truc tiep", "in_person"), ("truc tuyen", "online")]
NO_INFO = {"", "khong co thong tin", "chua co thong tin", "dang cap nhat", "khong xac dinh"}
NONE_WORDS = {"khong", "khong co", "khong quy dinh"}  # a real "none", for conditions
FREE_WORDS = ("mien phi", "khong thu phi", "mien le phi", "khong thu le phi")
DOC_TYPES = {"luat", "nghi dinh", "thong tu", "nghi quyet", "quyet dinh", "thong tu lien tich", "van ban"}
_NUMBER = r"\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ0-9][A-ZĐa-z0-9]*)*"  # 66.7/2025/NQ-CP
_MONEY = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:viet nam dong|vnd|dong|d)(?![a-z])"
                    r"(?:\s*/\s*(?:1\s+)?([a-z]+))?")  # on folded text: "20.000đ/trang"
_TIME = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio)?(?![a-z])")
_DATES = [re.compile(r"ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"),
          re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"),
          re.compile(r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?![\d/])")]
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s*")
_STEP = re.compile(r"(?=Bước\s*\d+\s*[:.)–-])", re.IGNORECASE)


# ---------------------------------------------------------------- text helpers

def clean(value: Any) -> str:
    """One line of NFC text; lists joined; control characters (YAML refuses some) dropped."""
    if isinstance(value, list):
        return "; ".join(s for s in map(clean, value) if s)
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    return " ".join("".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text).split())


def lines(value: Any) -> list[str]:
    """Items of a cell: one per line, '; ' or bullet; a list is taken as given."""
    if isinstance(value, list):
        return [s for s in map(clean, value) if s]
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r", "\n")
    # A scraped cell may lose its line breaks: a dash right after a sentence end starts an item.
    parts = re.split(r"\n|;\s|(?<=[.:;!?])\s*[-–•+]\s+", text)
    return [s for s in (clean(_BULLET.sub("", p, count=1)) for p in parts) if s]


def rows(value: Any) -> list[Any]:
    """A table cell as a list of rows: a scraped table may be one text, or one row alone."""
    return value if isinstance(value, list) else [value] if isinstance(value, dict) else lines(value)


def no_info(value: Any) -> bool:
    return fold(clean(value)).strip(" .") in NO_INFO


def vi(text: str) -> dict[str, str]:
    return {"vi": text}


def dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


# ---------------------------------------------------------------- cells

Notes = list[tuple[str, str]]  # (key under the value, TODO message)


def parse_time(cell: Any) -> tuple[dict[str, Any], Notes]:
    """A processing-time cell → Duration data."""
    text = clean(cell)
    if no_info(text):
        return ({"note": vi("Cổng Dịch vụ công không ghi thời hạn giải quyết.")},
                [("note", "Cổng không có thông tin về thời hạn; tìm trong văn bản pháp luật rồi điền value, unit.")])
    m = _TIME.search(folded := fold(text))
    value = float(m.group(1).replace(",", ".")) if m else 0.0
    # A unit we do not know ("15 phút", "3 tháng") is not guessed: 15 minutes are not 15 days.
    if not m or not 0 < value <= 365 or (not m.group(2) and folded[m.end():].lstrip()[:1].isalpha()):
        return {"note": vi(text)}, [("note", f"Không đọc được thời hạn “{text}”; đã chép nguyên văn vào note.")]
    out: dict[str, Any] = {"value": int(value) if value.is_integer() else value}
    out["unit"] = {"ngay lam viec": "working_day", "ngay": "day", "gio": "hour"}.get(m.group(2) or "", "working_day")
    guessed = f"Cổng chỉ ghi “{m.group(1)}”, không ghi đơn vị; đã đoán là ngày làm việc."
    notes = [] if m.group(2) else [("unit", guessed)]
    rest = (text[:m.start()] + " " + text[m.end():]).strip(" .,;:-–")
    if len(rest.split()) > 2:  # e.g. "… kể từ ngày nhận đủ hồ sơ", not a bare "Trong"
        out["note"] = vi(rest[0].upper() + rest[1:])
    return out, notes


def parse_fee(cell: Any) -> tuple[dict[str, Any], Notes]:
    """A fee cell → Fee data in whole đồng."""
    text = clean(cell)
    if no_info(text):
        return ({"uncertain": True, "note": vi("Cổng Dịch vụ công không có thông tin về phí, lệ phí.")},
                [("", "Cổng không có thông tin về phí, lệ phí; kiểm tra rồi điền amount.")])
    folded = fold(text)
    free = any(w in folded for w in FREE_WORDS)
    amounts: list[tuple[int, str | None]] = []
    limits: list[tuple[int, str | None]] = []
    for m in _MONEY.finditer(folded):
        capped = re.search(r"(toi da|khong qua)\W*(\w+\W+){0,2}$", folded[max(0, m.start() - 25):m.start()])
        per = text[m.start(2):m.end(2)] if m.group(2) else None
        (limits if capped else amounts).append((int(re.sub(r"[.,]", "", m.group(1))), per))
    if re.match(r"[.,]\d", text):  # a number cut in two, as in "Trực tiếp110.000 đồng"
        amounts = []
    if not amounts:
        if free:
            return {"amount": 0}, []
        return ({"uncertain": True, "note": vi(f"Cổng ghi: “{text}”.")},
                [("", f"Không đọc được số tiền trong “{text}”.")])
    fee: dict[str, Any] = {}
    if folded.startswith(("le phi", "phi")):
        fee["name"] = vi("Lệ phí" if folded.startswith("le phi") else "Phí")
    fee["amount"], per = amounts[0]
    if per:
        fee["per"] = vi(per)
    if limits:
        fee["max_amount"] = limits[0][0]
    notes: Notes = []
    if len(amounts) > 1 or len(limits) > 1 or free or "usd" in folded:
        fee["note"] = vi(f"Cổng ghi: “{text}”.")
        notes.append(("amount", ("Ô phí có nhiều mức hoặc điều kiện; đã lấy mức đầu tiên, nguyên văn ở note. "
                                 "Kiểm tra, tách thành từng dòng phí nếu cần.")))
    if fee["amount"] > 100_000_000:  # above the model's limit: surely misread
        del fee["amount"]
        fee.update(uncertain=True, note=vi(f"Cổng ghi: “{text}”."))
        notes = [("", "Số tiền lớn bất thường; kiểm tra lại.")]
    return fee, notes


def split_row(row: Any) -> tuple[str | None, str, str, str, str]:
    """A channel row → (channel key, channel cell, time cell, fee cell, description)."""
    if isinstance(row, dict):
        raw = clean(row.get("kenh") or row.get("hinh_thuc"))
        if "thoi_han" in row or "phi_le_phi" in row:
            key = next((k for w, k in CHANNEL_WORDS if w in fold(raw)), None)
            return key, raw, clean(row.get("thoi_han")), clean(row.get("phi_le_phi")), clean(row.get("mo_ta"))
        row = raw  # the whole row was scraped into the channel cell
    text = clean(row)
    for word, key in CHANNEL_WORDS:
        if fold(text).startswith(word):
            rest = text[len(word):].lstrip(" :-")
            # Whole numbers only: in "Trực tiếp110.000 đồng" a decimal would swallow the fee.
            m = re.match(r"(khong co thong tin|\d+\s*(?:ngay lam viec|ngay|gio)?)\s*", fold(rest))
            cut = m.end() if m else 0
            return key, text[:len(word)], rest[:cut].strip(), rest[cut:].strip(), ""
    return None, text, "", "", ""
