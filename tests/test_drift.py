"""`guide drift`: a shipped guide and its real portal record, copied and changed by hand."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from generator.editors import drift
from generator.config import load_settings
from generator.diagnostics.errors import CODES
from generator.upstream.portal import PortalRecord

GUIDE = ROOT / "procedures" / "ho-tich" / "dang-ky-khai-sinh.yml"
RECORDS = ROOT / "procedures" / "portal" / "records"
CODE = "1.001193"
LINE = re.compile(r"^\S+:\d+:\d+: (error|warning|info)\[drift\.[a-z-]+\] /\S*: .+$")


def guide(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@dataclass
class Case:
    """A copy of the birth registration guide and of its record, in a temporary folder."""

    path: Path
    portal: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @text.setter
    def text(self, value: str) -> None:
        self.path.write_text(value, encoding="utf-8")

    @property
    def record_file(self) -> Path:
        return self.portal / f"{CODE}.json"

    @property
    def record(self) -> dict:
        return json.loads(self.record_file.read_text(encoding="utf-8"))

    @record.setter
    def record(self, value: dict) -> None:
        self.record_file.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    def change(self, old: str, new: str, after: str = "") -> None:
        """Replace the first ``old`` that comes after the line ``after`` (e.g. "  online:")."""
        text = self.text
        start = text.index(after + "\n") if after else 0
        at = text.index(old, start)
        self.text = text[:at] + new + text[at + len(old):]

    def cli(self, fmt: str = "json") -> subprocess.CompletedProcess:
        """`guide drift` in English: these tests read its wording (the default is Vietnamese)."""
        return guide("drift", str(self.path), "--portal", str(self.portal), "--format", fmt, "--lang", "en")

    def issues(self) -> list:
        return drift.run(load_settings(ROOT), [self.path], self.portal).issues

    def acknowledge(self, *entries: str) -> None:
        """Add entries (one YAML flow mapping each) under drift:, as an editor would."""
        lines = "".join(f"  - {e}\n" for e in entries)
        text = self.text
        m = re.search(r"^drift:[ \t]*\n", text, flags=re.M)
        self.text = text[:m.end()] + lines + text[m.end():] if m else text.rstrip("\n") + "\ndrift:\n" + lines


@pytest.fixture
def case(tmp_path: Path) -> Case:
    folder = tmp_path / "ho-tich"
    folder.mkdir()
    portal = tmp_path / "records"
    portal.mkdir()
    shutil.copy(GUIDE, folder / GUIDE.name)
    shutil.copy(RECORDS / f"{CODE}.json", portal)
    return Case(folder / GUIDE.name, portal)


def value_position(text: str, channel: str, key: str) -> tuple[int, int]:
    """Line and column of the value of ``channels/<channel>/<key>``, found by reading the text."""
    lines = text.split("\n")
    start = lines.index("channels:")
    at = next(i for i in range(start, len(lines)) if lines[i] == f"  {channel}:")
    key_line = next(i for i in range(at + 1, len(lines)) if lines[i].startswith(f"    {key}:"))
    rest = lines[key_line].split(":", 1)[1].strip()
    if rest:  # a flow value on the same line
        return key_line + 1, lines[key_line].index(rest) + 1
    nxt = lines[key_line + 1]
    return key_line + 2, len(nxt) - len(nxt.lstrip(" ")) + 1


def of(issues: list, code: str, **fields: object) -> list:
    return [i for i in issues if i.code == code and all(getattr(i, k) == v for k, v in fields.items())]


def ack_from_hint(issue) -> str:  # type: ignore[no-untyped-def]
    """The drift: entry the hint proposes, with a real reason."""
    snippet = issue["hint"].split("add under drift: ", 1)[1]
    assert snippet.startswith("- {") and snippet.endswith('reason: "…"}'), snippet
    return snippet[2:].replace('reason: "…"', 'reason: "Kiểm thử: khác có chủ đích"')


def acknowledge_all(case: Case) -> None:
    run = case.cli()
    errors = [i for i in json.loads(run.stdout) if i["severity"] == "error"]
    assert all(i["code"] in drift.DRIFT_CODES for i in errors), errors
    if errors:
        case.acknowledge(*(ack_from_hint(i) for i in errors))


# ---------------------------------------------------------------- fees, notes and stale notes

def test_a_fee_changed_by_hand_is_reported_at_that_channels_fees(case: Case) -> None:
    case.change("amount: 0", "amount: 5000", after="  online:")
    run = case.cli()
    assert run.returncode == 1, run.stderr
    issues = json.loads(run.stdout)
    [fee] = [i for i in issues if i["code"] == "drift.fee"]
    assert fee["pointer"] == "/channels/online/fees"
    assert (fee["line"], fee["column"]) == value_position(case.text, "online", "fees")
    assert fee["severity"] == "error"
    assert "ours '5000', record '0'" in fee["message"]
    assert 'record: "0"' in fee["hint"] and "channel: online" in fee["hint"]
    text = case.cli("text")
    lines = [ln for ln in text.stdout.splitlines() if not ln.startswith("    hint: ")]
    assert lines and all(LINE.match(ln) for ln in lines), text.stdout
    line, col = value_position(case.text, "online", "fees")
    assert f"{case.path}:{line}:{col}: error[drift.fee] /channels/online/fees:" in text.stdout


def test_acknowledged_with_the_printed_record_value_it_is_a_note_and_exit_0(case: Case) -> None:
    case.change("amount: 0", "amount: 5000", after="  online:")
    acknowledge_all(case)  # the fee and whatever else differs in the shipped guide today
    run = case.cli()
    assert run.returncode == 0, run.stdout
    issues = json.loads(run.stdout)
    assert [i for i in issues if i["severity"] == "error"] == []
    [fee] = [i for i in issues if i["code"] == "drift.fee"]
    assert fee["severity"] == "info" and "Kiểm thử: khác có chủ đích" in fee["hint"]
    text = case.cli("text")
    assert text.returncode == 0
    assert "info[drift.fee] /channels/online/fees" in text.stdout
    assert text.stderr.startswith("OK: no unacknowledged difference")
    github = case.cli("github")
    assert github.returncode == 0 and "drift.fee" not in github.stdout


def test_the_acknowledgement_must_name_the_channel_and_record_value_exactly(case: Case) -> None:
    case.change("amount: 0", "amount: 5000", after="  online:")
    case.acknowledge('{code: drift.fee, channel: in_person, record: "0", reason: "ghi cho kênh khác"}',
                     '{code: drift.fee, channel: online, record: "0 ", reason: "thừa dấu cách"}')
    issues = case.issues()
    assert of(issues, "drift.fee", severity="error", pointer="/channels/online/fees")
    assert len(of(issues, "drift.stale-note")) == 2


def test_a_stale_acknowledgement_is_reported_but_does_not_fail(case: Case) -> None:
    acknowledge_all(case)
    case.acknowledge('{code: drift.fee, channel: online, record: "8000", reason: "bản ghi cũ"}')
    run = case.cli()
    assert run.returncode == 0, run.stdout
    [stale] = [i for i in json.loads(run.stdout) if i["code"] == "drift.stale-note"]
    assert stale["severity"] == "warning"
    lines = case.text.split("\n")
    row = next(n for n, ln in enumerate(lines, 1) if 'record: "8000"' in ln)
    assert (stale["line"], stale["column"]) == (row, lines[row - 1].index("{") + 1)
    assert stale["pointer"].startswith("/drift/")
    assert "drift.fee, online, record '8000'" in stale["message"]
    github = case.cli("github")
    assert github.stdout.startswith("::warning ") and "drift.stale-note" in github.stdout


def test_a_time_limited_fee_rule_is_not_compared(case: Case) -> None:
    before = of(case.issues(), "drift.fee")
    case.change("    fees:\n", "    fees:\n      - amount: 99000\n        valid_from: 2026-08-15\n"
                "        valid_until: 2027-02-28\n        note: {vi: Miễn tạm thời}\n", after="  online:")
    assert of(case.issues(), "drift.fee") == before


def test_fee_amounts_in_the_description_count_when_the_value_is_0(case: Case) -> None:
    record = case.record
    [online] = [m for m in record["data"]["executionMethods"] if m["submissionMethod"] == "ONLINE"]
    online["fees"] = [{"type": "FEE", "value": 0, "description": "Lệ phí 5.000 đồng/lần; bản sao 10,000 VND"},
                      {"type": "FEE", "value": 20000, "description": "12.000 đồng"},
                      {"type": "FEE", "value": None, "description": "Miễn phí Đồng"}]
    case.record = record
    [fee] = of(case.issues(), "drift.fee", pointer="/channels/online/fees")
    assert "record '0, 5000, 10000, 20000'" in fee.message


# ---------------------------------------------------------------- name, url, time, legal, groups

def test_name(case: Case) -> None:
    case.change("  vi: Đăng ký khai sinh\n", "  vi: Đăng ký khai tử\n")
    [name] = of(case.issues(), "drift.name")
    assert name.pointer == "/name/vi" and name.severity == "error"
    lines = case.text.split("\n")
    assert (name.line, name.column) == (lines.index("  vi: Đăng ký khai tử") + 1, 7)
    assert "ours 'Đăng ký khai tử', record 'Thủ tục đăng ký khai sinh'" in name.message


def test_name_ignores_thu_tuc_case_spaces_and_trailing_punctuation(case: Case) -> None:
    case.change("  vi: Đăng ký khai sinh\n", "  vi: THỦ TỤC  đăng ký   Khai sinh.\n")
    assert of(case.issues(), "drift.name") == []


def test_url(case: Case) -> None:
    old = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193"
    text = case.text
    page = re.search(r"^online_url: (\S+)$", text, flags=re.M).group(1)
    case.text = text.replace(f"online_url: {page}", f"online_url: {old}")
    issues = case.issues()
    [url] = of(issues, "drift.url")
    record_id = case.record["data"]["id"]
    assert url.pointer == "/online_url"
    assert f"record 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{record_id}'" in url.message
    row = next(n for n, ln in enumerate(case.text.split("\n"), 1) if ln.startswith("online_url:"))
    assert (url.line, url.column) == (row, 13)


def test_time_per_channel(case: Case) -> None:
    case.change("value: 1", "value: 2", after="  online:")
    [time] = of(case.issues(), "drift.time")
    assert (time.pointer, time.severity) == ("/channels/online/processing_time", "error")
    assert "ours '2 working_day', record '1 working_day'" in time.message
    assert (time.line, time.column) == value_position(case.text, "online", "processing_time")


def test_time_several_record_values_and_missing_channels(case: Case) -> None:
    record = case.record
    data = record["data"]
    data["cases"].append({"name": "x", "processingDay": {"qty": 15, "type": "WORKING_DAY"}})
    data["executionMethods"] = [m for m in data["executionMethods"] if m["submissionMethod"] != "POSTAL"]
    case.record = record
    text = case.text
    postal = re.search(r"^  postal:\n(?:    .*\n|      .*\n)+", text, flags=re.M)
    case.text = text[:postal.start()] + text[postal.end():]  # our postal channel is gone too
    issues = case.issues()
    assert of(issues, "drift.time", pointer="/channels/online/processing_time")[0].message.endswith(
        "ours '1 working_day', record '1 working_day | 15 working_day'")
    assert of(issues, "drift.time", pointer="/channels/postal/processing_time") == []
    # the record's postal method removed, ours removed: nothing to compare; now the reverse cases
    data["executionMethods"].append({"submissionMethod": "POSTAL", "processingTime": 3,
                                     "processingTimeUnit": "DAY", "fees": []})
    case.record = record
    [missing_ours] = of(case.issues(), "drift.time", pointer="/channels")
    assert "the postal processing time" in missing_ours.message
    assert missing_ours.message.endswith("ours '—', record '3 day'")
    case.text = text  # our postal is back; the record has none
    data["executionMethods"].pop()
    case.record = record
    [missing_record] = of(case.issues(), "drift.time", pointer="/channels/postal/processing_time")
    assert missing_record.message.endswith("ours '1 working_day', record '—'")


def test_legal_basis(case: Case) -> None:
    record = case.record
    codes = [item["code"] for item in record["data"]["legalBasisesDetails"]]
    record["data"]["legalBasisesDetails"].append({"code": "Nghị định số 999/2026/NĐ-CP", "name": "x"})
    case.record = record
    case.change("number: 123/2015/NĐ-CP", "number: 123/2015/nd-cp")  # same number, other spelling
    case.change("number: 60/2014/QH13", "number: 61/2014/QH13")
    [legal] = of(case.issues(), "drift.legal")
    assert legal.pointer == "/legal_basis"
    assert "999/2026/NĐ-CP" in legal.message.split("only ours")[0]
    assert "60/2014/QH13" in legal.message.split("only ours")[0]
    assert "only ours: 61/2014/QH13)" in legal.message
    assert "123/2015" not in legal.message.split("):")[0]
    expected = "; ".join(sorted({drift.legal_number(c) for c in codes} | {"999/2026/NĐ-CP"}))
    assert f"record '{expected}'" in legal.message
    assert "Thông tư số" not in legal.message


def test_groups_and_documents(case: Case) -> None:
    record = case.record
    groups = record["data"]["executionCases"]
    # Two more groups than the guide has, whatever the guide's count is today.
    ours = case.text.count("\n  - id: ")
    while len(groups) <= ours + 1:
        groups.append({"name": "Thêm", "profileComponents": [{"name": "a"}, {"name": "b"}]})
    case.record = record
    issues = case.issues()
    [g] = of(issues, "drift.groups")
    assert g.pointer == "/dossier" and g.message.endswith(f"record '{len(groups)}'")
    [d] = of(issues, "drift.documents")
    total = sum(len(c["profileComponents"]) for c in groups)
    assert d.pointer == "/dossier" and d.message.endswith(f"record '{total}'")
    lines = case.text.split("\n")
    assert (g.line, g.column) == (lines.index("dossier:") + 2, 3)


# ---------------------------------------------------------------- no record, usage, formats

def test_a_guide_without_a_record_gets_one_info_line(case: Case) -> None:
    case.record_file.unlink()
    run = case.cli("text")
    assert run.returncode == 0, run.stdout
    assert re.search(r":2:7: info\[drift\.no-record\] /code: no portal record for code 1\.001193", run.stdout)
    assert "1 without a record" in run.stderr


def test_usage_errors_exit_2(case: Case, tmp_path: Path) -> None:
    run = guide("drift", str(case.path), "--portal", str(tmp_path / "nowhere"))
    assert run.returncode == 2 and "--portal" in run.stderr and "Traceback" not in run.stderr
    assert guide("drift", str(tmp_path / "missing.yml")).returncode == 2
    assert guide("drift", "--format", "xml").returncode == 2


def test_every_drift_code_is_in_codes_with_its_severity() -> None:
    assert {c for c in CODES if c.startswith("drift.")} == set(drift.DRIFT_CODES) | {
        "drift.stale-note", "drift.no-record", "drift.reason"}
    assert CODES["drift.stale-note"].severity == "warning"
    assert CODES["drift.no-record"].severity == "info"


# ---------------------------------------------------------------- the rules' small parts

@pytest.mark.parametrize("text, amounts", [
    ("thu 5.000 đồng/lần", [5000]),
    ("10,000 VND", [10000]),
    ("1.500.000 đồng/hồ sơ; 50.000đ/bản", [1500000, 50000]),
    ("Miễn phí Đồng", []),
    ("Thông tư số 75/2022/TT-BTC ngày 22/12/2022", []),
])
def test_description_amounts(text: str, amounts: list[int]) -> None:
    assert drift.description_amounts(text) == amounts


@pytest.mark.parametrize("text, number", [
    ("Thông tư số 03/2023/TT-BTP", "03/2023/TT-BTP"),
    ("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ", "123/2015/NĐ-CP"),
    ("35 /2025/NQ-HĐND", "35/2025/NQ-HĐND"),
    ("2628/QĐ-UBND", "2628/QĐ-UBND"),
    ("66.7/2025/NQ-CP", "66.7/2025/NQ-CP"),
])
def test_legal_number(text: str, number: str) -> None:
    assert drift.legal_number(text) == number


def test_legal_key_ignores_case_and_nd() -> None:
    assert drift.legal_key("123/2015/NĐ-CP") == drift.legal_key("123/2015/nd-cp")
    assert drift.legal_key("09./2025/NQ-HĐND") == drift.legal_key("09/2025/NQ-HĐND")


def test_time_unit_other_uses_the_cases() -> None:
    record = PortalRecord.model_validate({
        "id": "x", "code": CODE, "name": "x",
        "executionMethods": [{"submissionMethod": "ONLINE", "processingTime": 0, "processingTimeUnit": "OTHER"},
                             {"submissionMethod": "ONLINE", "processingTime": 0.5, "processingTimeUnit": "HOUR"}],
        "cases": [{"processingDay": {"qty": 1, "type": "DAY"}}, {"processingDay": None},
                  {"processingDay": {"qty": 1, "type": "WORKING_DAY"}}]})
    times = drift.record_times(record, record.executionMethods)
    assert times == {("1", "day"), ("1", "working_day"), ("0.5", "hour")}
    assert drift._show_times(times) == "0.5 hour | 1 day | 1 working_day"


def test_a_broken_record_is_reported_in_its_own_file(case: Case) -> None:
    case.record_file.write_text('{"code": "OK", "data": {"id": "x", "code": "1.001193"}}', encoding="utf-8")
    run = case.cli("text")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "1.001193.json:1:" in run.stdout and "portal.shape" in run.stdout


# ---------------------------------------------------------------- CONTENT GATE
# The shipped guides against the shipped records: every difference is corrected or acknowledged.

def test_shipped_content_has_no_unacknowledged_drift() -> None:
    run = guide("drift")
    assert run.returncode == 0, run.stdout + run.stderr
