"""CSV tables (offices, provinces, communes), validated with frictionless.

Frictionless reports the row number as the file's line number (the header is
row 1) and the field number as the column, so problems map onto
``file:row:col`` like every other error.
"""
from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import Bi, Text, bi

PACKAGE = "datapackage.json"
_GSO = bi(vi="mã xã 5 chữ số của Tổng cục Thống kê, ví dụ 00004", en="a 5-digit GSO code, e.g. 00004")
_PATTERN_WORDS = {
    "phone": bi(vi="số điện thoại Việt Nam chỉ gồm chữ số, ví dụ 02838293000 hoặc 1022",
                en="a Vietnamese phone number written as digits only, e.g. 02838293000 or 1022"),
    "hotline": bi(vi="đường dây nóng chỉ gồm chữ số, ví dụ 1022", en="a hotline written as digits only, e.g. 1022"),
    "gso_code": _GSO,
    "code": _GSO,
    "province_code": bi(vi="mã tỉnh 2 chữ số, ví dụ 79", en="a 2-digit province code, e.g. 79"),
}
# What frictionless's error types mean, in Vietnamese (its own English message is kept for --lang en).
_ERRORS_VI = {
    "extra-cell": "dòng có nhiều ô hơn số cột", "missing-cell": "dòng có ít ô hơn số cột",
    "blank-row": "dòng trống", "duplicate-row": "dòng này trùng hệt một dòng khác",
    "type-error": "ô '{name}' sai kiểu giá trị", "constraint-error": "ô '{name}' không đúng quy định của cột",
    "blank-label": "có cột không có tên", "duplicate-label": "tên cột bị trùng",
    "incorrect-label": "tên cột khác với datapackage.json", "missing-label": "thiếu một cột",
    "extra-label": "thừa một cột", "blank-header": "dòng tên cột để trống",
}


def _words(err: Any) -> Bi:
    vi = _ERRORS_VI.get(getattr(err, "type", ""), "bảng có lỗi ({type})")
    return Bi(vi.format(name=getattr(err, "field_name", "") or "", type=getattr(err, "type", "")), err.message)


@dataclass(frozen=True)
class Tables:
    """Rows of every table, as plain dicts keyed by column name."""

    # Mappings, not dicts: the catalog keeps read-only views of them (generator/content/catalog.py).
    communes: Mapping[str, dict[str, str]]
    provinces: Mapping[str, dict[str, str]]
    offices: Mapping[str, dict[str, str]]


def _read_rows(path: Path, key: str) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [{k: _nfc(v) for k, v in row.items()} for row in csv.DictReader(fh)]
    return {row[key]: row for row in rows if row.get(key)}


def _nfc(value: Any) -> Any:
    """Names typed with separate accent marks are joined, so pages never show split letters."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def read_tables(folder: Path) -> Tables:
    return Tables(
        communes=_read_rows(folder / "communes-2025.csv", "code"),
        provinces=_read_rows(folder / "provinces.csv", "province_code"),
        offices=_read_rows(folder / "offices.csv", "gso_code"),
    )


def _field_number(schema_fields: list[Any], name: str) -> int:
    for index, f in enumerate(schema_fields, start=1):
        if f.name == name:
            return index
    return 1


def _issue_for(file: str, fields: list[Any], err: Any) -> Issue | None:
    kind = err.type
    row = getattr(err, "row_number", None) or 1
    col = getattr(err, "field_number", None) or 1
    name = getattr(err, "field_name", "") or ""
    cell = getattr(err, "cell", "")
    pointer = f"/{row}/{name}" if name else f"/{row}"
    note = getattr(err, "note", "") or ""

    def at(code: str, /, position: int = col, hint: Text | None = None, **params: object) -> Issue:
        return make_issue(code, file, row, position, pointer, hint=hint, **params)

    if kind == "constraint-error":
        if 'constraint "required"' in note:
            return at("table.required", field=name)
        if 'constraint "pattern"' in note:
            return at("table.pattern", field=name, value=cell,
                      expected=_PATTERN_WORDS.get(name, bi(vi="dạng cần có", en="the expected form")))
        return at("table.row", detail=_words(err))
    if kind == "unique-error":
        return at("table.unique", field=name, value=cell)
    if kind == "primary-key":
        return None  # the unique-error on the same row already says it
    if kind == "foreign-key":
        ref = err.reference_name
        first = err.field_names[0]
        column = _field_number(fields, first)
        value = err.field_cells[0]
        if ref == "communes":
            return at("table.unknown-commune", position=column, value=value,
                      hint=bi(vi="tra mã trong procedures/tables/communes-2025.csv",
                              en="look the code up in procedures/tables/communes-2025.csv"))
        return at("table.unknown-province", position=column, value=value)
    if kind in ("extra-cell", "missing-cell", "blank-row", "duplicate-row", "type-error"):
        return at("table.row", detail=_words(err))
    if kind.endswith("-label") or kind.endswith("-header"):
        return make_issue("table.header", file, 1, col, "", detail=_words(err))
    return make_issue("table.package", file, row, col, pointer, detail=_words(err))


def check_tables(folder: Path, root: Path) -> list[Issue]:
    """Validate every resource of ``folder/datapackage.json``; never raises."""
    from frictionless import FrictionlessException, Package  # slow import: only when needed

    descriptor = folder / PACKAGE
    display = os.path.relpath(descriptor, root)
    if not descriptor.is_file():
        return [make_issue("table.package", display, detail=bi(vi="không có tệp datapackage.json",
                                                                en="datapackage.json is missing"))]
    issues: list[Issue] = []
    try:
        package = Package(str(descriptor))
        report = package.validate()
    except (FrictionlessException, OSError, ValueError) as exc:
        return [make_issue("table.package", display, detail=Bi("không đọc được gói dữ liệu hoặc một bảng trong đó",
                                                                str(exc).splitlines()[0]))]
    for task in report.tasks:
        resource = package.get_resource(task.name)
        file = os.path.relpath(folder / str(resource.path), root)
        fields = list(resource.schema.fields) if resource.schema else []
        for err in task.errors:
            issue = _issue_for(file, fields, err)
            if issue is not None:
                issues.append(issue)
    issues.extend(_province_matches(folder, root))
    return issues


def _province_matches(folder: Path, root: Path) -> list[Issue]:
    """An office's province must be the province its commune belongs to."""
    file = os.path.relpath(folder / "offices.csv", root)
    issues = []
    try:
        communes = _read_rows(folder / "communes-2025.csv", "code")
        with (folder / "offices.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            column = header.index("province_code") + 1 if "province_code" in header else 1
            for office in reader:
                commune = communes.get(office.get("gso_code") or "")
                value = office.get("province_code") or ""
                if commune and value and commune["province_code"] != value:
                    line = reader.line_num
                    issues.append(make_issue(
                        "table.province-mismatch", file, line, column, f"/{line}/province_code",
                        code=office["gso_code"], expected=commune["province_code"], value=value))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []  # frictionless has already reported the unreadable file
    return issues
