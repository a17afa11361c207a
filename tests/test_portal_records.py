"""The 2026 portal records (procedures/portal/records): reading them, mapping them, `guide import`.

Every one of the 452 real records is imported and compared with its draft number by number: what the
record says must be in the draft (as a value, or verbatim in a note marked for review), never dropped.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.editors.import_run import import_paths
from generator.content.loader import load_text
from generator.content.model import Procedure
from generator.upstream.portal import PortalRecord, RecordIssues, load_record, load_records, map_record, read_record_file
from generator.upstream.portal_text import one_line, tidy, unmark
from generator.content.schema_check import check_schema
from generator.content.validate import read_taxonomy, validate

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "procedures" / "portal" / "records"
OLD_LAYOUT = ROOT / "tests" / "fixtures" / "portal"
TODAY = dt.date(2026, 12, 1)
CHANNEL = {"DIRECT": "in_person", "ONLINE": "online", "POSTAL": "postal"}
UNIT = {"WORKING_DAY": "working_day", "DAY": "day", "HOUR": "hour"}


def fields():  # type: ignore[no-untyped-def]
    taxonomy, _ = read_taxonomy(load_settings(ROOT))
    assert taxonomy is not None
    return taxonomy.fields


def num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def squash(text: str) -> str:
    return " ".join(tidy(text).split())


# ---------------------------------------------------------------- every record, imported once

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project layout holding a draft of every record (``guide import`` of the whole folder)."""
    root = tmp_path_factory.mktemp("portal-import")
    (root / "generator" / "schema").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "schema" / "procedure.schema.json", root / "generator" / "schema")
    shutil.copy(ROOT / "pyproject.toml", root)
    (root / "procedures").mkdir()
    shutil.copy(ROOT / "procedures" / "taxonomy.yml", root / "procedures")
    run = import_paths([RECORDS], root / "procedures", fields(), today=TODAY)
    assert run.failed == [] and len(run.written) == 452
    return root


@pytest.fixture(scope="module")
def drafts(project: Path) -> dict[str, tuple[PortalRecord, str, Procedure]]:
    """code -> (record, draft text, draft read back through the loader and the strict model)."""
    out = {}
    for path in sorted((project / "procedures").glob("*/*.yml")):
        text = path.read_text(encoding="utf-8")
        doc, issues = load_text(path.name, text.encode("utf-8"))
        assert doc is not None and issues == [], (path, issues)
        proc, problems = check_schema(doc)
        assert proc is not None and problems == [], (path, [f"{i.pointer}: {i.message}" for i in problems])
        out[proc.code] = (load_record(RECORDS / f"{proc.code}.json"), text, proc)
    assert len(out) == 452
    return out


def test_every_record_loads() -> None:
    records, issues = load_records(RECORDS)
    assert issues == [] and len(records) == 452
    assert sum(r.isWard for r in records.values()) == 228
    r = records["1.000080"]
    assert r.url == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-380b-73df-9a18-5658e09794d3"
    assert r.createdAt == dt.date(2026, 4, 8) and r.updatedAt == dt.date(2026, 4, 16)  # Unix ms, Viet Nam day
    assert r.procedureProposal and r.procedureProposal.proposalNumber == "163/QĐ-BTP"


def test_every_draft_passes_guide_check(project: Path, drafts: dict) -> None:
    paths = sorted((project / "procedures").glob("*/*.yml"))
    validation = validate(load_settings(project), paths, today=TODAY, use_cache=False)
    assert validation.errors == []
    # Records repeat some entries word for word; the draft keeps them (nothing dropped) and says so.
    assert {i.code for i in validation.warnings} <= {"review.todo", "i18n.missing", "text.repeated"}
    assert {"review.todo", "i18n.missing"} <= {i.code for i in validation.warnings}


def test_every_time_of_the_record_is_in_the_draft(drafts: dict) -> None:
    for code, (record, _, proc) in drafts.items():
        for m in record.executionMethods:
            channel = getattr(proc.channels, CHANNEL[m.submissionMethod])
            time, value = channel.processing_time, m.processingTime
            note = time.note.vi if time.note else ""
            if isinstance(value, (int, float)) and m.processingTimeUnit in UNIT and 0 < value <= 365:
                assert (time.value, time.unit) == (value, UNIT[m.processingTimeUnit]) or num(value) in note, code
            elif isinstance(value, (int, float)):
                assert time.value == value or num(value) in note, code
            else:
                assert one_line(value) in note, code


def test_every_fee_amount_of_the_record_is_in_the_draft(drafts: dict) -> None:
    for code, (record, text, proc) in drafts.items():
        for m in record.executionMethods:
            fees = getattr(proc.channels, CHANNEL[m.submissionMethod]).fees
            if not m.fees:  # said in a fee note, or (other rows of the channel list fees) in a TODO
                assert (any(f.uncertain and "không liệt kê phí" in f.note.vi for f in fees)
                        or "không liệt kê phí, lệ phí; các phí dưới đây" in text), code
            for fee in m.fees:
                desc = squash(fee.description)
                if fee.value and fee.currencyName == "USD":
                    assert any(f.uncertain and f"{num(fee.value)} USD" in f.note.vi for f in fees), code
                elif fee.value and fee.value > 0:
                    assert any(f.amount == fee.value for f in fees), code
                else:  # 0 or empty: amounts in the text are never read as "free"
                    written = re.findall(r"\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|đ|VND)", desc)
                    matching = [f for f in fees if f.note and (squash(f.note.vi) == desc if desc else
                                                               f.uncertain and "không có mô tả" in f.note.vi)]
                    assert matching, (code, desc)
                    if written:
                        assert all(f.amount is None and f.uncertain for f in matching), (code, desc)


def test_every_document_of_the_record_is_in_the_draft(drafts: dict) -> None:
    for code, (record, _, proc) in drafts.items():
        names = [d.name.vi.lower() for g in proc.dossier for d in g.documents]
        wanted = [unmark(one_line(c.name)).lower() for ec in record.executionCases for c in ec.profileComponents]
        for name in wanted:
            assert name in names or not name, (code, name)
        assert len(names) == max(len(wanted), 1), code  # none dropped, none added (but the placeholder)


def test_every_legal_basis_of_the_record_is_in_the_draft(drafts: dict) -> None:
    for code, (record, text, proc) in drafts.items():
        numbers = {re.sub(r"[\s.]", "", b.number) for b in proc.legal_basis}
        for item in record.legalBasisesDetails:
            m = re.search(r"\d+[a-z.]*\s*\.?/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-z0-9-]*", item.code)
            assert (m and re.sub(r"[\s.]", "", m.group()) in numbers) or one_line(item.code) in text, (code, item)
            assert one_line(item.name) in [b.title.vi for b in proc.legal_basis], (code, item.name)
        if not record.legalBasisesDetails:
            assert "Bản ghi trên Cổng không ghi căn cứ pháp lý" in text


def test_every_step_line_of_the_record_is_in_the_draft(drafts: dict) -> None:
    for code, (record, _, proc) in drafts.items():
        shown = squash(" ".join(f"{s.title.vi} {s.detail.vi if s.detail else ''}" for s in proc.steps)).lower()
        for step in record.executionSteps:
            for line in tidy(f"{step.name}\n{step.description}").split("\n"):
                line = unmark(re.sub(r"^Bước\s*\d+\s*[:.)–-]?\s*", "", line, flags=re.I))
                assert line.lower() in shown or not line, (code, line)


def test_no_draft_says_the_portal_has_nothing_when_it_has(drafts: dict) -> None:
    for code, (_, text, _) in drafts.items():
        raw = json.loads((RECORDS / f"{code}.json").read_text(encoding="utf-8"))
        raw = squash(json.dumps(raw, ensure_ascii=False).replace("\\n", " ")).lower()  # the record's words
        assert "Cổng không có" not in text, code
        assert "không có thông tin" not in text.lower() or "không có thông tin" in raw, code


def test_names_and_slugs(drafts: dict) -> None:
    for code, (record, _, proc) in drafts.items():
        assert not proc.name.vi.lower().startswith("thủ tục "), code
        assert proc.name.vi[0].isupper() and len(proc.slug) <= 60 + len("-1-000000"), code
        assert proc.source.url == proc.online_url == record.url
        assert proc.reviewed == TODAY


# ---------------------------------------------------------------- particular real records

def mapped(code: str):  # type: ignore[no-untyped-def]
    return map_record(load_record(RECORDS / f"{code}.json"), fields(), TODAY)


def test_leading_thu_tuc_and_list_markers() -> None:
    m = mapped("1.000080")  # "Thủ tục đăng ký nhận cha, mẹ, con…", groups "* Giấy tờ phải nộp:", items "- …", "+ …"
    assert m.data["name"]["vi"] == "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tại khu vực biên giới"
    assert m.data["slug"] == "dang-ky-nhan-cha-me-con-co-yeu-to-nuoc-ngoai-tai-khu-vuc"
    groups = m.data["dossier"]
    assert [g["case"]["vi"] for g in groups] == ["Giấy tờ phải nộp", "Giấy tờ phải xuất trình", "Lưu ý",
                                                  "Mọi trường hợp"]
    names = [d["name"]["vi"] for g in groups for d in g["documents"]]
    assert not any(n[0] in "-+*" for n in names)
    assert "Chứng cứ chứng minh quan hệ cha, con hoặc quan hệ mẹ, con gồm:" in names
    assert (m.data["level"], m.data["field"]) == ("commune", "ho-tich")
    assert m.data["source"]["decision"] == "163/QĐ-BTP"


def test_other_unit_takes_the_cases_and_keeps_the_record_value() -> None:
    m = mapped("1.000080")  # processingTime 7 with unit OTHER; its one case says 12 working days
    time = m.data["channels"]["in_person"]["processing_time"]
    assert (time["value"], time["unit"]) == (12, "working_day") and "7" in time["note"]["vi"]
    assert "cases" in m.todos["/channels/in_person/processing_time"][0]


def test_cases_that_disagree_are_all_kept() -> None:
    m = mapped("1.000656")  # cases: 5 working days, 2 days, 1 day
    time = m.data["channels"]["in_person"]["processing_time"]
    assert "value" not in time
    for part in ("(1.000656.01): 5 ngày làm việc", "(1.000656.03): 2 ngày", "(1.000656.02): 1 ngày"):
        assert part in time["note"]["vi"]
    assert "/channels/in_person/processing_time" in m.todos


def test_zero_fee_with_amounts_in_its_text_is_never_free() -> None:
    m = mapped("1.115755")  # value 0; "Phí thẩm định: … 150.000 đồng/hồ sơ; … 200.000 đồng/hồ sơ …"
    fee = m.data["channels"]["in_person"]["fees"][0]
    assert "amount" not in fee and fee["uncertain"] is True
    assert "150.000 đồng/hồ sơ" in fee["note"]["vi"] and fee["name"]["vi"] == "Phí"
    assert "150.000 đồng/hồ sơ" in m.todos["/channels/in_person/fees/0"][0]
    assert m.verbatim_fees > 0


def test_zero_fee_with_one_amount_in_its_text_takes_it_and_asks() -> None:
    record = load_record(RECORDS / "1.115755.json")
    method = record.executionMethods[0]
    fee = method.fees[0].model_copy(update={"description": "Lệ phí: 10.000 đồng/bản"})
    methods = [method.model_copy(update={"fees": [fee]})]
    m = map_record(record.model_copy(update={"executionMethods": methods}), fields(), TODAY)
    out = m.data["channels"]["in_person"]["fees"]
    assert out == [{"name": {"vi": "Phí"}, "amount": 10000, "per": {"vi": "bản"},
                    "note": {"vi": "Lệ phí: 10.000 đồng/bản"}}]
    assert "0 đồng" in m.todos["/channels/in_person/fees/0"][0]


def test_fees_in_dollars_are_kept_as_written() -> None:
    m = mapped("2.000702")  # five SERVICE_FEE rows in USD at an embassy
    fees = m.data["channels"]["in_person"]["fees"]
    assert len(fees) == 5 and all(f["uncertain"] and "amount" not in f for f in fees)
    assert fees[0]["note"]["vi"].startswith("Cổng ghi: 10 USD.")
    assert m.data["level"] == "central" and "/level" in m.todos


def test_record_without_legal_basis_gets_no_invented_one() -> None:
    m = mapped("1.115444")
    placeholder = {"number": "chưa rõ", "title": {"vi": "Bản ghi trên Cổng không ghi căn cứ pháp lý"}}
    assert m.data["legal_basis"] == [placeholder]
    assert "/legal_basis" in m.placeholders and "không đoán" in m.todos["/legal_basis"][0]


def test_record_without_documents_says_so() -> None:
    m = mapped("1.115545")  # one execution case, no name, no components
    assert m.data["dossier"][0]["documents"] == [{"name": {"vi": "Bản ghi trên Cổng không liệt kê thành phần hồ sơ"}}]
    assert "/dossier" in m.placeholders


def test_unmapped_category_gets_a_slug_and_a_todo() -> None:
    record = load_record(RECORDS / "1.000080.json")
    other = record.categoriesDetails[0].model_copy(update={"code": "G99-XX01", "name": "Thể dục, thể thao"})
    m = map_record(record.model_copy(update={"categoriesDetails": [other]}), fields(), TODAY)
    assert m.data["field"] == "the-duc-the-thao"
    assert "G99-XX01" in m.todos["/field"][0]


def test_legal_numbers_are_read_from_code_or_kept() -> None:
    m = mapped("1.000080")
    numbers = [b["number"] for b in m.data["legal_basis"]]
    assert "104/2022/NĐ-CP" in numbers and "chưa rõ" not in numbers
    m = mapped("1.115755")  # code "35 /2025/NQ-HĐND"
    [i] = [i for i, b in enumerate(m.data["legal_basis"]) if b["number"] == "35/2025/NQ-HĐND"]
    assert "35 /2025/NQ-HĐND" in m.todos[f"/legal_basis/{i}/number"][0]


# ---------------------------------------------------------------- broken records: positioned issues

SOURCE = RECORDS / "1.000080.json"


def broken(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "1.000080.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def position_of(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_cut_off_json_is_portal_json_at_its_line(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")[:3000]
    record, [issue] = read_record_file(broken(tmp_path, text))
    assert record is None and issue.code == "portal.json" and issue.severity == "error"
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    assert (issue.line, issue.column) == (caught.value.lineno, caught.value.colno)


def test_not_utf8_is_portal_json_at_the_bad_byte(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    raw = text.encode("utf-8").replace('"codeNotation"'.encode(), b'"code\xffNotation"', 1)
    _, [issue] = read_record_file(broken(tmp_path, raw))
    line, column = position_of(text, '"codeNotation"')
    assert (issue.code, issue.line, issue.column) == ("portal.json", line, column + 5)
    assert "UTF-8" in issue.message


def test_wrong_type_is_portal_shape_at_the_value(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace('"fees": [', '"fees": "miễn phí", "x": [', 1)
    with pytest.raises(RecordIssues) as caught:
        load_record(broken(tmp_path, text))
    [issue] = caught.value.issues
    assert (issue.code, issue.pointer) == ("portal.shape", "/data/executionMethods/0/fees")
    assert (issue.line, issue.column) == position_of(text, '"miễn phí"')
    assert "wrong type" in issue.message and "\n" not in issue.message


@pytest.mark.parametrize("change, pointer, words", [
    (('"id": "019d2bfd-380b-73df-9a18-5658e09794d3",', ""), "/data/id", "has no 'id'"),
    (('"name": "Thủ tục đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tại khu vực biên giới"', '"name": " "'),
     "/data/name", "'name' is empty"),
    (('"isWard": true', '"isWard": "có"'), "/data/isWard", "wrong type"),
])
def test_missing_or_wrong_fields_are_portal_shape(tmp_path: Path, change: tuple[str, str], pointer: str,
                                                  words: str) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert change[0] in text
    text = text.replace(*change, 1)
    _, [issue] = read_record_file(broken(tmp_path, text))
    assert (issue.code, issue.pointer) == ("portal.shape", pointer) and words in issue.message
    if pointer == "/data/id":  # a missing key: placed on the object that lacks it
        line, column = position_of(text, '"data": {')
        assert (issue.line, issue.column) == (line, column + len('"data": '))
    else:  # on the value
        line, column = position_of(text, change[1])
        assert (issue.line, issue.column) == (line, column + len(change[1].split(": ")[0]) + 2)


def test_portal_error_answer_is_portal_shape(tmp_path: Path) -> None:
    _, [issue] = read_record_file(broken(tmp_path, '{"code": "NOT_FOUND", "data": null}'))
    assert (issue.code, issue.line, issue.column) == ("portal.shape", 1, 31) and "NOT_FOUND" in issue.message


def test_load_records_keeps_the_good_and_reports_the_broken(tmp_path: Path) -> None:
    shutil.copy(RECORDS / "1.000094.json", tmp_path)
    broken(tmp_path, SOURCE.read_text(encoding="utf-8")[:500])
    records, [issue] = load_records(tmp_path)
    assert list(records) == ["1.000094"] and issue.file.endswith("1.000080.json")


# ---------------------------------------------------------------- guide import

@pytest.fixture
def guide(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`guide import ARGS…` in this process: (exit status, stdout, stderr)."""
    from generator.cli import main

    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["import", "--lang", "en", *args])  # the tests read the English wording
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_import_one_file_with_a_slug(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    code, out, err = guide(str(RECORDS / "1.000656.json"), "--out", str(tmp_path),
                           "--slug", "khai-tu")
    assert code == 0 and (tmp_path / "ho-tich" / "khai-tu.yml").is_file()
    assert "slug: khai-tu\n" in (tmp_path / "ho-tich" / "khai-tu.yml").read_text(encoding="utf-8")
    assert "Imported 1, failed 0" in err and "TODO" in out


def test_slug_with_several_records_is_a_usage_error(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    code, _, err = guide(str(RECORDS / "1.000656.json"), str(RECORDS / "1.000080.json"),
                         "--out", str(tmp_path), "--slug", "x")
    assert code == 2 and "--slug" in err and not any(tmp_path.iterdir())


def test_same_record_twice_never_overwrites(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ho-tich").mkdir()
    mine = tmp_path / "ho-tich" / "dang-ky-khai-tu.yml"
    mine.write_text("edited by a person\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RECORDS / "1.000656.json", folder / "a.json")
    shutil.copy(RECORDS / "1.000656.json", folder / "b.json")
    code, out, err = guide(str(folder), "--out", str(tmp_path))
    assert code == 0 and "Imported 2, failed 0" in err
    assert mine.read_text(encoding="utf-8") == "edited by a person\n"
    written = sorted(p.name for p in (tmp_path / "ho-tich").glob("*.yml"))
    assert written == ["dang-ky-khai-tu-1-000656-2.yml", "dang-ky-khai-tu-1-000656.yml", "dang-ky-khai-tu.yml"]
    assert "đã thêm mã thủ tục" in (tmp_path / "ho-tich" / "dang-ky-khai-tu-1-000656.yml").read_text(encoding="utf-8")
    assert "same code" in err


def test_folder_with_a_broken_record_imports_the_rest(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RECORDS / "1.000094.json", folder)
    text = SOURCE.read_text(encoding="utf-8")
    (folder / "bad.json").write_text(text[:3000], encoding="utf-8")
    code, out, err = guide(str(folder), "--out", str(tmp_path / "out"))
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text[:3000])
    assert code == 1 and "Imported 1, failed 1" in err
    assert f"bad.json:{caught.value.lineno}:{caught.value.colno}: error[portal.json]" in err
    assert "Traceback" not in err and out.count("wrote ") == 1


def test_old_layout_still_imports(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    code, out, err = guide(str(OLD_LAYOUT), "--out", str(tmp_path))
    assert code == 0 and f"Imported {len(list(OLD_LAYOUT.glob('*.json')))}, failed 0" in err
    assert (tmp_path / "ho-tich" / "dang-ky-khai-sinh.yml").is_file()


def test_old_layout_error_is_reported(tmp_path: Path, guide) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "old.json"
    bad.write_text('{"ma_thu_tuc": "abc", "ten_thu_tuc": "Đăng ký"}', encoding="utf-8")
    code, _, err = guide(str(bad), "--out", str(tmp_path / "out"))
    assert code == 1 and "old.json:1:16: error[portal.shape]" in err and "not a procedure code" in err


def test_map_does_not_change_the_record() -> None:
    record = load_record(SOURCE)
    before = copy.deepcopy(record.model_dump())
    map_record(record, fields(), TODAY)
    assert record.model_dump() == before
