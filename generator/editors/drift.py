"""`guide drift`: where a guide differs from its national portal record.

For every guide whose code has a record in ``procedures/portal/records/`` the facts a resident relies on are
compared with the record (name, address, time and fees per channel, legal basis, document groups and
documents). Each difference is an issue at the YAML value (codes ``drift.*`` in ``errors.CODES``, documented
in ``docs/errors.md``). A difference that is right on purpose is acknowledged in the guide's ``drift:`` list
with the record's value exactly as printed here; it then shows as a note, and a note that no longer matches
anything is reported, so that a changed record is looked at again.

The comparison rules below are what guide writers rely on; change them only together with docs/errors.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.diagnostics import report
from generator.config import Settings, load_settings
from generator.diagnostics.errors import Issue, make_issue
from generator.content.loader import Document, load_file
from generator.diagnostics.messages import DEFAULT_LANG, Bi, bi, lang_of, localize, plural
from generator.content.model import DRIFT_CODES, Procedure
from generator.upstream.portal import PORTAL_PAGE, ExecutionMethod, PortalRecord, read_record_file
from generator.content.schema_check import check_schema
from generator.content.validate import UsageError, discover, display

EXIT_OK, EXIT_DRIFT = 0, 1

MISSING = "—"  # the side that has no such channel (or no value at all)
CHANNEL_OF_METHOD = {"ONLINE": "online", "DIRECT": "in_person", "POSTAL": "postal"}
UNIT_OF = {"WORKING_DAY": "working_day", "DAY": "day", "HOUR": "hour"}

# Text printed outside the issues (whose templates live in errors.CODES), kept here in one place:
# (Vietnamese, English), or for counts (Vietnamese, English singular, English plural).
TEXTS = {
    "acknowledged": ("có chủ ý (ghi chú drift số {index}): {reason}", "on purpose (drift note {index}): {reason}"),
    "no-portal": ("--portal {folder}: không có thư mục này", "--portal {folder}: no such folder"),
    "summary-ok": ("Xong: không có khác biệt nào chưa được ghi nhận so với bản ghi trên Cổng",
                   "OK: no unacknowledged difference from the portal records"),
    "summary-drift": ("Có {differences} so với bản ghi trên Cổng", "Drift: {differences} from the portal records"),
    "summary-unread": (", và {problems} trong các tệp không so sánh được",
                       ", and {problems} in files that could not be compared"),
    "summary-tail": (" trong {guides} ({acknowledged}, {stale}, {without}).",
                     " in {guides} ({acknowledged}, {stale}, {without})."),
    "problem": ("lỗi", "problem", "problems"),
    "difference": ("khác biệt", "difference", "differences"),
    "guide": ("hướng dẫn", "guide", "guides"),
    "acknowledged-count": ("đã ghi nhận", "acknowledged", "acknowledged"),
    "stale": ("ghi chú cũ", "stale note", "stale notes"),
    "without": ("chưa có bản ghi", "without a record", "without a record"),
}


def _text(key: str, **params: object) -> Bi:
    vi, en = TEXTS[key]
    return bi(vi=vi, en=en, **params)


def _count(n: int, key: str) -> Bi:
    vi, one, many = TEXTS[key]
    return plural(n, vi, one, many)


# ---------------------------------------------------------------- reading the records

def read_record(folder: Path, code: str) -> tuple[PortalRecord | None, list[Issue]]:
    """The record of ``code`` (``<folder>/<code>.json``): none and no issue when there is no such file;
    a broken file gives its positioned ``portal.*`` issues (generator/upstream/portal.py)."""
    path = folder / f"{code}.json"
    if not path.is_file():
        return None, []
    return read_record_file(path)


# ---------------------------------------------------------------- the comparison rules

@dataclass(frozen=True)
class Difference:
    """One fact that differs: what the acknowledgements match (code, channel, record) and where it is."""

    code: str
    pointer: str
    ours: str
    record: str
    channel: str | None = None
    params: tuple[tuple[str, str], ...] = ()  # extra message parameters (drift.legal)


def _nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text or ""))


_LEADING_THU_TUC = re.compile(r"^thủ tục\s+")


def name_key(name: str) -> str:
    """Name as compared: no leading "Thủ tục", case-folded, whitespace collapsed, no trailing punctuation."""
    text = " ".join(_nfc(name).split()).casefold()
    text = _LEADING_THU_TUC.sub("", text)
    while text and (text[-1].isspace() or unicodedata.category(text[-1]) == "Po"):
        text = text[:-1]
    return text


def _number(value: object) -> str:
    """1 -> "1", 1.0 -> "1", 0.5 -> "0.5"; anything else as it is."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    try:
        return _number(float(str(value).strip().replace(",", ".")))
    except ValueError:
        return str(value)


def _time(qty: object, unit: object) -> tuple[str, str]:
    return _number(qty), UNIT_OF.get(str(unit), str(unit or "").lower() or "other")


def _show_times(times: Iterable[tuple[str, str]]) -> str:
    def order(t: tuple[str, str]) -> tuple[float, str]:
        try:
            return float(t[0]), t[1]
        except ValueError:
            return float("inf"), t[1]
    return " | ".join(f"{q} {u}" for q, u in sorted(set(times), key=order)) or MISSING


def _methods(record: PortalRecord) -> dict[str, list[ExecutionMethod]]:
    """The record's execution methods by our channel name (a channel may appear more than once)."""
    out: dict[str, list[ExecutionMethod]] = {}
    for method in record.executionMethods:
        if method.submissionMethod in CHANNEL_OF_METHOD:
            out.setdefault(CHANNEL_OF_METHOD[method.submissionMethod], []).append(method)
    return out


def record_times(record: PortalRecord, methods: list[ExecutionMethod]) -> set[tuple[str, str]]:
    """processingTime + unit of each method; with unit OTHER, the processingDay of every case instead."""
    times: set[tuple[str, str]] = set()
    for method in methods:
        if method.processingTimeUnit == "OTHER":
            days = [c.processingDay for c in record.cases if c.processingDay is not None]
            if days:
                times |= {_time(d.qty, d.type) for d in days}
                continue
        times.add(_time(method.processingTime, method.processingTimeUnit))
    return times


# "5.000 đồng", "10,000 VND", "50.000đ", "20.000 VNĐ"
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|vnđ|vnd|đ)(?!\w)", re.I)


def description_amounts(text: str) -> list[int]:
    return [int(re.sub(r"[.,]", "", m.group(1))) for m in _AMOUNT.finditer(_nfc(text))]


def record_fees(methods: list[ExecutionMethod]) -> set[int]:
    """Each fee's value when above 0; else the amounts in đồng its description states; else 0.
    A channel that lists no fee at all counts as free (0)."""
    amounts: set[int] = set()
    for method in methods:
        for fee in method.fees:
            if fee.value is not None and fee.value > 0:
                amounts.add(int(fee.value))
            else:
                amounts |= set(description_amounts(fee.description)) or {0}
    return amounts or {0}


def _show_amounts(amounts: set[int]) -> str:
    return ", ".join(str(a) for a in sorted(amounts)) or MISSING


_LEGAL_NUMBER = re.compile(r"\d+[\w.]*\s*/\s*(?:\d{4}\s*/\s*)?[^\W_]+(?:-[^\W_]+)*")


def legal_number(text: str) -> str:
    """"Thông tư số 03/2023/TT-BTP ngày …" -> "03/2023/TT-BTP" (the text itself when it has no number)."""
    found = _LEGAL_NUMBER.search(_nfc(text))
    return re.sub(r"\s+", "", found.group(0)) if found else " ".join(_nfc(text).split())


def legal_key(number: str) -> str:
    """Numbers as compared: case, "NĐ"/"ND" (every Đ), spaces and a dot before a slash do not matter."""
    key = re.sub(r"\s+", "", number).upper().replace("Đ", "D")
    return re.sub(r"\.(?=/)", "", key)


def _numbers(texts: Iterable[str]) -> dict[str, str]:
    """key -> the number as first written."""
    out: dict[str, str] = {}
    for text in texts:
        number = legal_number(text)
        if number:
            out.setdefault(legal_key(number), number)
    return out


def record_legal(record: PortalRecord) -> dict[str, str]:
    texts = []
    for item in record.legalBasisesDetails:
        code, name = _nfc(item.code).strip(), _nfc(item.name).strip()
        texts.append(code if _LEGAL_NUMBER.search(code) or not name else name)
    return _numbers(texts)


def _show_numbers(numbers: Iterable[str]) -> str:
    return "; ".join(sorted(numbers)) or MISSING


def differences(procedure: Procedure, record: PortalRecord) -> list[Difference]:
    """Every fact of ``procedure`` that differs from ``record`` (the rules in docs/errors.md)."""
    found: list[Difference] = []
    p = procedure
    record_name = _nfc(record.name).strip()
    if name_key(p.name.vi) != name_key(record_name):
        found.append(Difference("drift.name", "/name/vi", p.name.vi, record_name))

    page = PORTAL_PAGE.format(id=record.id)
    for pointer, ours in (("/online_url", p.online_url), ("/source/url", p.source.url)):
        if ours != page:
            found.append(Difference("drift.url", pointer, ours or MISSING, page))

    methods = _methods(record)
    ours_channels = dict(p.channels.items())
    for channel in ("in_person", "online", "postal"):
        mine, theirs = ours_channels.get(channel), methods.get(channel)
        if mine is None and theirs is None:
            continue
        where = f"/channels/{channel}"
        if mine is None:
            found.append(Difference("drift.time", "/channels", MISSING,
                                    _show_times(record_times(record, theirs or [])), channel))
            continue
        t = mine.processing_time
        ours_time = {_time(t.value, t.unit)} if t.value is not None else set()
        if theirs is None:
            found.append(Difference("drift.time", f"{where}/processing_time", _show_times(ours_time),
                                    MISSING, channel))
            continue
        their_time = record_times(record, theirs)
        if ours_time != their_time:
            found.append(Difference("drift.time", f"{where}/processing_time", _show_times(ours_time),
                                    _show_times(their_time), channel))
        ours_fees = {f.amount for f in mine.fees
                     if f.valid_from is None and f.valid_until is None and f.amount is not None}
        their_fees = record_fees(theirs)
        if ours_fees != their_fees:
            found.append(Difference("drift.fee", f"{where}/fees", _show_amounts(ours_fees),
                                    _show_amounts(their_fees), channel))

    ours_legal = _numbers(b.number for b in p.legal_basis)
    their_legal = record_legal(record)
    if set(ours_legal) != set(their_legal):
        only_record = _show_numbers(v for k, v in their_legal.items() if k not in ours_legal)
        only_ours = _show_numbers(v for k, v in ours_legal.items() if k not in their_legal)
        found.append(Difference("drift.legal", "/legal_basis", _show_numbers(ours_legal.values()),
                                _show_numbers(their_legal.values()),
                                params=(("only_record", only_record), ("only_ours", only_ours))))

    cases = record.executionCases
    if len(cases) != len(p.dossier):
        found.append(Difference("drift.groups", "/dossier", str(len(p.dossier)), str(len(cases))))
    their_docs = sum(len(c.profileComponents) for c in cases)
    ours_docs = sum(len(g.documents) for g in p.dossier)
    if their_docs != ours_docs:
        found.append(Difference("drift.documents", "/dossier", str(ours_docs), str(their_docs)))
    return found


# ---------------------------------------------------------------- issues and acknowledgements

def _ack_snippet(d: Difference) -> str:
    """The drift: entry that acknowledges ``d``, as one line of YAML."""
    channel = f", channel: {d.channel}" if d.channel else ""
    return f"- {{code: {d.code}{channel}, record: {json.dumps(d.record, ensure_ascii=False)}, reason: \"…\"}}"


def _issue(doc: Document, d: Difference) -> Issue:
    m = doc.where(d.pointer)
    return make_issue(d.code, doc.path, m.line, m.column, d.pointer, ours=d.ours, record=d.record,
                      channel=d.channel or "", ack=_ack_snippet(d), **dict(d.params))


def compare(doc: Document, procedure: Procedure, record: PortalRecord | None, folder: str) -> list[Issue]:
    """The issues of one guide: differences (notes when acknowledged), stale notes, or no record."""
    issues: list[Issue] = []
    found = differences(procedure, record) if record is not None else []
    used: set[int] = set()
    for d in found:
        issue = _issue(doc, d)
        ack = next((i for i, note in enumerate(procedure.drift)
                    if (note.code, note.channel, note.record) == (d.code, d.channel, d.record)), None)
        if ack is not None:
            used.add(ack)
            issue = issue.with_hint(_text("acknowledged", index=ack, reason=procedure.drift[ack].reason),
                                    severity="info")
        issues.append(issue)
    for i, note in enumerate(procedure.drift):
        if i not in used:
            m = doc.where(f"/drift/{i}")
            issues.append(make_issue("drift.stale-note", doc.path, m.line, m.column, f"/drift/{i}",
                                     code=note.code, channel=f", {note.channel}" if note.channel else "",
                                     record=note.record))
    if record is None:
        m = doc.where("/code")
        issues.append(make_issue("drift.no-record", doc.path, m.line, m.column, "/code",
                                 code=procedure.code, folder=folder))
    return issues


@dataclass
class DriftResult:
    issues: list[Issue] = field(default_factory=list)
    guides: int = 0

    @property
    def failed(self) -> bool:
        """An unacknowledged difference (or a guide that cannot be read)."""
        return any(i.severity == "error" for i in self.issues)

    def summary(self, lang: str = DEFAULT_LANG) -> str:
        drift = [i for i in self.issues if i.code in DRIFT_CODES]
        open_ = sum(1 for i in drift if i.severity == "error")
        unread = sum(1 for i in self.issues if i.severity == "error") - open_
        head = (_text("summary-drift", differences=_count(open_, "difference")) if self.failed
                else _text("summary-ok"))
        if unread:
            head += _text("summary-unread", problems=_count(unread, "problem"))
        return localize(head + _text(
            "summary-tail",
            guides=_count(self.guides, "guide"),
            acknowledged=_count(len(drift) - open_, "acknowledged-count"),
            stale=_count(sum(1 for i in self.issues if i.code == "drift.stale-note"), "stale"),
            without=_count(sum(1 for i in self.issues if i.code == "drift.no-record"), "without")), lang)


def run(settings: Settings, paths: list[Path], portal: Path) -> DriftResult:
    """Compare the guides in ``paths`` (default: every guide) with the records in ``portal``."""
    if not portal.is_dir():
        raise UsageError(_text("no-portal", folder=portal))
    result = DriftResult()
    folder = display(portal)
    for path in discover(list(paths), settings).procedures:
        doc, issues = load_file(path, display(path))
        procedure = None
        if doc is not None and not issues:
            procedure, issues = check_schema(doc, Procedure)
        result.guides += 1
        if doc is None or procedure is None:
            result.issues += issues  # not comparable; `guide check` explains it too
            continue
        record, record_issues = read_record(portal, procedure.code)
        if record_issues:  # a broken record file: its own positioned issues, nothing compared
            result.issues += record_issues
            continue
        result.issues += compare(doc, procedure, record, folder)
    result.issues.sort(key=Issue.sort_key)
    return result


# ---------------------------------------------------------------- the command

def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("drift", help="compare guides with their national portal records")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                   help="guide files or folders (default: every guide)")
    p.add_argument("--portal", type=Path, default=None, metavar="DIR",
                   help="folder of portal records <code>.json (default: procedures/portal/records)")
    p.add_argument("--format", choices=report.FORMATS, default="text")


def cmd_drift(args: argparse.Namespace) -> int:
    settings = load_settings()
    lang = lang_of(args)
    result = run(settings, args.paths, args.portal or settings.procedures / "portal" / "records")
    shown = result.issues
    if args.format == "github":  # notes are for the log, not annotations on a pull request
        shown = [i for i in shown if i.severity != "info"]
    if shown or args.format == "json":
        print(report.render(shown, args.format, lang))
    if args.format == "text":
        print(result.summary(lang), file=sys.stderr)
    if args.format == "github":  # everything, notes included, in Vietnamese on the run's page
        from generator.diagnostics.pull_request import write_step_summary

        write_step_summary(result.issues, "guide drift")
    return EXIT_DRIFT if result.failed else EXIT_OK
