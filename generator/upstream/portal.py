"""The national portal's 2026 records (procedures/portal/records/*.json): read, check, map to our model.

- ``PortalRecord``: a typed, lenient view of the fields we use (unknown keys ignored, ``null`` lists
  read as empty, Unix-millisecond dates as dates).
- ``load_record`` / ``load_records``: a broken file is an ``Issue`` (``portal.json``, ``portal.shape``)
  placed at a real line and column of the JSON file, never a traceback.
- ``map_record``: a record → data shaped like ``generator.content.model.Procedure`` (Vietnamese texts only)
  plus ``todos``: what a person must review, by JSON pointer, in Vietnamese. What cannot be read is
  kept verbatim and marked, never dropped and never replaced by a claim that the portal is silent.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import Bi, Text, bi, kind_of, os_reason
from generator.content.model import Category
from generator.upstream.portal_text import json_marks, place

PORTAL_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{id}"
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def _none_as(empty: Any) -> BeforeValidator:
    return BeforeValidator(lambda v: empty if v is None else v)


def _ms_date(value: Any) -> Any:
    """Unix milliseconds → the day in Viet Nam."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value / 1000, VIETNAM).date()
    return value


S = Annotated[str, _none_as("")]
B = Annotated[bool, _none_as(False)]
Count = Annotated[int, _none_as(0)]
Day = Annotated[dt.date | None, BeforeValidator(_ms_date)]
Required = Annotated[str, Field(min_length=1), BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)]


_T = TypeVar("_T")
# A generic alias rather than a function call so that type checkers read `_list[X]` as `list[X]`.
_list = Annotated[list[_T], _none_as([])]


class Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PortalFee(Part):
    type: S = ""  # FEE (phí), SERVICE_FEE (lệ phí), PRICE_LEVEL
    value: int | float | None = None  # in currencyName; VND when none is named
    description: S = ""
    currencyName: str | None = None


class ExecutionMethod(Part):
    submissionMethod: S = ""  # ONLINE | DIRECT | POSTAL
    processingTime: int | float | str | None = None  # a text with unit OTHER, at times
    processingTimeUnit: S = ""  # WORKING_DAY | DAY | HOUR | OTHER (MONTH seen too)
    description: S = ""
    fees: _list[PortalFee] = []


class ProcessingDay(Part):
    qty: int | float | None = None
    type: S = ""


class Case(Part):
    name: S = ""
    code: S = ""
    processingDay: ProcessingDay | None = None


class ProfileComponent(Part):
    name: S = ""
    originalQty: Count = 0
    copyQty: Count = 0
    required: B = False  # False on every component of the 2026 crawl


class ExecutionCase(Part):
    name: S = ""
    profileComponents: _list[ProfileComponent] = []


class ExecutionStep(Part):
    name: S = ""
    description: S = ""


class LegalBasis(Part):
    code: S = ""
    name: S = ""


class Named(Part):
    name: S = ""
    code: S = ""


class Proposal(Part):
    proposalNumber: str | None = None


class PortalRecord(Part):
    """One procedure as the portal publishes it (the ``data`` of a record file)."""

    id: Required
    code: Required
    name: Required
    isWard: B = False
    isProvince: B = False
    isMinistry: B = False
    isOtherAgency: B = False
    isVertical: B = False
    isFullProcess: B = False  # online from start to end (toàn trình)
    executionMethods: _list[ExecutionMethod] = []
    cases: _list[Case] = []
    executionCases: _list[ExecutionCase] = []
    executionSteps: _list[ExecutionStep] = []
    legalBasisesDetails: _list[LegalBasis] = []
    resultsDetails: _list[Named] = []
    subjectTypesDetails: _list[Named] = []
    requirementsAndConditions: S = ""
    categoriesDetails: _list[Named] = []
    unitGroupsExecuting: _list[Named] = []
    departmentsExecuting: _list[Named] = []
    executingAgencies: S = ""
    procedureProposal: Proposal | None = None
    type: S = ""  # STANDARD (national), SPECIFIC (one province's own procedure), STANDARD_INTERNAL
    departmentPromulgateName: S = ""  # who published it, e.g. "UBND tỉnh Thanh Hóa"
    createdAt: Day = None
    updatedAt: Day = None

    @property
    def url(self) -> str:
        return PORTAL_PAGE.format(id=self.id)


# ---------------------------------------------------------------- reading

def _issue(code: str, file: str, at: tuple[int, int], pointer: str = "", hint: Text | None = None,
           **params: object) -> Issue:
    return make_issue(code, file, at[0], at[1], pointer, hint=hint, **params)


def _shape_message(error: Any) -> Bi:
    where = "/".join(str(p) for p in error["loc"])
    kind = error["type"]
    if kind == "missing":
        return bi(vi="bản ghi không có '{where}'", en="the record has no '{where}'", where=where)
    if kind == "string_too_short":
        return bi(vi="'{where}' để trống", en="'{where}' is empty", where=where)
    return bi(vi="'{where}' sai kiểu ({found})", en="'{where}' has the wrong type ({found}): {msg}", where=where,
              found=kind_of(error.get("input")), msg=error["msg"].lower())


_JSON_VI = {  # the json module's messages, from what the editor (or a cut-off download) left
    "Expecting value": "thiếu một giá trị (hoặc tệp bị cắt ngang)",
    "Expecting ',' delimiter": "thiếu dấu phẩy giữa hai mục",
    "Expecting ':' delimiter": "thiếu dấu hai chấm sau tên mục",
    "Expecting property name enclosed in double quotes": "tên mục phải nằm trong ngoặc kép (hoặc có dấu phẩy thừa)",
    "Unterminated string starting at": "đoạn chữ mở ngoặc kép ở đây mà không đóng",
    "Invalid control character at": "có ký tự điều khiển ẩn trong đoạn chữ",
    "Extra data": "còn dữ liệu thừa sau khi bản ghi đã kết thúc",
    "Invalid \\escape": "dấu \\ đi với một ký tự không hợp lệ",
}


def _json_reason(msg: str) -> Bi:
    return Bi(next((vi for en, vi in _JSON_VI.items() if msg.startswith(en)), "JSON viết sai"), msg)


def parse_record(raw: bytes, file: str) -> tuple[PortalRecord | None, list[Issue]]:
    """The bytes of one record file (``{"code": "OK", "data": {...}}`` or the bare data)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        at = (before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        return None, [_issue("portal.json", file, at, reason=bi(vi="không phải văn bản UTF-8 (byte thứ {n})",
                                                               en="not UTF-8 text (byte {n})", n=exc.start + 1))]
    try:
        top = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [_issue("portal.json", file, (exc.lineno, exc.colno), reason=_json_reason(exc.msg))]
    except RecursionError:
        return None, [_issue("portal.json", file, (1, 1), reason=bi(vi="lồng nhau quá sâu", en="nested too deeply"))]
    prefix, data = "", top
    if isinstance(top, dict) and "data" in top:
        prefix, data = "/data", top["data"]
    if not isinstance(data, dict):
        answered = (bi(vi=" (Cổng trả lời {code!r})", en=" (the portal answered {code!r})", code=top.get("code"))
                    if prefix and top.get("code") not in (None, "OK") else "")
        what = (bi(vi="tệp không chứa đối tượng JSON nào", en="the file holds no JSON object") if prefix == "" else
                bi(vi="'data' là {kind}, không phải một bản ghi", en="'data' is {kind}, not a record",
                   kind=kind_of(data)) + answered)
        return None, [_issue("portal.shape", file, place(json_marks(text), prefix), prefix, detail=what)]
    try:
        return PortalRecord.model_validate(data), []
    except ValidationError as exc:
        marks = json_marks(text)
        issues = []
        for error in exc.errors()[:20]:
            pointer = prefix + "".join(f"/{p}" for p in error["loc"])
            issues.append(_issue("portal.shape", file, place(marks, pointer), pointer,
                                 detail=_shape_message(error)))
        return None, issues


def _display(path: Path) -> str:
    import os

    rel = os.path.relpath(path.resolve(), Path.cwd())
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def load_record(path: Path) -> PortalRecord:
    """One record; raises ``RecordIssues`` (a ValueError holding the issues) when it is broken."""
    record, issues = read_record_file(path)
    if record is None:
        raise RecordIssues(issues)
    return record


def read_record_file(path: Path) -> tuple[PortalRecord | None, list[Issue]]:
    """Like ``load_record``, returning the issues instead of raising."""
    file = _display(Path(path))
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [make_issue("portal.json", file, reason=os_reason(exc))]
    return parse_record(raw, file)


class RecordIssues(ValueError):
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0]
        super().__init__(f"{first.file}:{first.line}:{first.column}: {first.message}")


def load_records(folder: Path) -> tuple[dict[str, PortalRecord], list[Issue]]:
    """Every ``*.json`` record in ``folder`` by code; broken files (and repeated codes) as issues."""
    records: dict[str, PortalRecord] = {}
    where: dict[str, str] = {}
    issues: list[Issue] = []
    for path in sorted(Path(folder).glob("*.json")):
        record, problems = read_record_file(path)
        issues += problems
        if record is None:
            continue
        if record.code in records:
            issues.append(make_issue("portal.shape", _display(path), 1, 1, "/data/code",
                                     detail=bi(vi="mã {code} cũng có trong {other}; đã giữ tệp đó",
                                               en="code {code} is also in {other}; kept that one",
                                               code=record.code, other=where[record.code])))
            continue
        records[record.code], where[record.code] = record, _display(path)
    return records, issues


# ---------------------------------------------------------------- mapping

@dataclass
class Mapped:
    """A record mapped to our layout.

    ``data`` validates as ``generator.content.model.Procedure``. Where the record itself has nothing for a
    required part (no legal basis, no documents, no steps…), ``data`` holds a placeholder that says
    so in Vietnamese, and the part's pointer is in ``placeholders`` (a page can show "none listed").
    """

    data: dict[str, Any]
    todos: dict[str, list[str]]
    record: PortalRecord
    placeholders: list[str] = field(default_factory=list)
    verbatim_fees: int = 0  # fees whose amount could not be read: kept verbatim, marked uncertain

    @property
    def slug(self) -> str:
        return self.data["slug"]

    @property
    def field(self) -> str:
        return self.data["field"]

    def todo_lines(self) -> list[str]:
        return [f"{p}: {m}" for p, ms in self.todos.items() for m in ms]


def map_record(record: PortalRecord, fields: Mapping[str, Category], today: dt.date | None = None) -> Mapped:
    """A record → our Procedure layout, with TODOs (see ``generator/upstream/portal_map.py`` for the rules)."""
    from generator.upstream.portal_map import Mapper

    return Mapper(record, fields).run(today or dt.date.today())
