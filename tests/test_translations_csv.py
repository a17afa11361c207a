"""Translations through spreadsheets: `guide i18n-status --format csv` out, `guide i18n-import` back in.

The CSV files here are written as Excel writes them (a UTF-8 byte-order mark, `;` between cells in a
Vietnamese locale, CRLF at the ends of rows, LF for a line break inside a cell), into a copy of the project
with its real YAML. Assertions are on codes, positions and file contents, not on wording.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, tree_digest
from generator.content.loader import load_file, load_text
from generator.editors.translation_yaml import yaml_scalar

BIRTH = "procedures/ho-tich/dang-ky-khai-sinh.yml"
CT01 = "procedures/forms/ct01.yml"
NAME_ZH = "  zh: 出生登记\n"
SUMMARY_VI = ("Đăng ký cho trẻ mới sinh để được cấp Giấy khai sinh. "
              "Cha hoặc mẹ nên làm trong vòng 60 ngày kể từ ngày sinh.")
SUMMARY_EN = "  en: Register a newborn child to get a birth certificate. A parent should do it within 60 days of the birth.\n"
ISSUE = re.compile(r"^(\S+?):(\d+):(\d+): (error|warning)\[([a-z0-9.-]+)\]", re.M)
COLUMNS = ["file", "code", "pointer", "lang", "status", "vi", "current", "translation"]


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "project")
    birth = root / BIRTH
    text = birth.read_text(encoding="utf-8")
    assert NAME_ZH in text and SUMMARY_EN in text and f"  vi: {SUMMARY_VI}\n" in text
    # Two missing translations: the Chinese name and the English summary (both in block style).
    birth.write_text(text.replace(NAME_ZH, "", 1).replace(SUMMARY_EN, "", 1), encoding="utf-8")
    return root


def guide(project: Path, *args: str, lang: str | None = "en") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    if lang:
        env["GUIDE_LANG"] = lang
    return subprocess.run([str(Path(sys.executable).parent / "guide"), *args], cwd=project, capture_output=True,
                          timeout=300, env=env)


def out(run: subprocess.CompletedProcess) -> str:
    return run.stdout.decode("utf-8")


def err(run: subprocess.CompletedProcess) -> str:
    return run.stderr.decode("utf-8")


def found(text: str) -> list[tuple[str, int, int, str]]:
    """(file, line, column, code) of every problem printed."""
    return [(m[1], int(m[2]), int(m[3]), m[5]) for m in ISSUE.finditer(text)]


def export(project: Path, file: str = BIRTH) -> list[dict[str, str]]:
    """The exported rows of one file (other content may be mid-translation while these tests run)."""
    raw = guide(project, "i18n-status", "--format", "csv").stdout
    return [r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")) if r["file"] == file]


def excel_csv(rows: list[dict[str, str]], sep: str = ";", encoding: str = "utf-8-sig",
              newline: str = "\r\n") -> bytes:
    """Bytes as Excel's "CSV UTF-8" writes them: BOM, the locale's separator, CRLF rows, LF inside cells."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=sep, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def filled(rows: list[dict[str, str]], answers: dict[tuple[str, str], str]) -> list[dict[str, str]]:
    return [{**r, "translation": answers.get((r["pointer"], r["lang"]), "")} for r in rows]


ANSWERS = {("/name", "zh"): "出生登记", ("/summary", "en"): "Register a newborn child to get a birth certificate."}


def snapshot(project: Path) -> str:
    return tree_digest(project / "procedures") + tree_digest(project / "i18n")


# --- export ---------------------------------------------------------------------------------------------

def test_export_starts_with_a_bom_and_uses_crlf_so_excel_reads_it(project):
    raw = guide(project, "i18n-status", "--format", "csv").stdout
    assert raw.startswith(b"\xef\xbb\xbffile,code,pointer,lang,status,vi,current,translation\r\n")
    assert b"\r\nprocedures/ho-tich/dang-ky-khai-sinh.yml,1.001193,/name,zh,missing," in raw
    semicolon = guide(project, "i18n-status", "--format", "csv", "--separator", "semicolon").stdout
    assert semicolon.startswith("\ufefffile;code;pointer;lang;status;vi;current;translation\r\n".encode())


# --- separators and encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize("sep, encoding, newline", [
    (";", "utf-8-sig", "\r\n"),  # Excel "CSV UTF-8" in a Vietnamese locale
    (",", "utf-8", "\n"),  # LibreOffice, Google Sheets: no BOM
    ("\t", "utf-8-sig", "\r\n"),
    ("\t", "utf-16", "\r\n"),  # Excel "Unicode Text"
], ids=["excel-semicolon", "comma-no-bom", "tab", "utf-16-tab"])
def test_excel_csv_merges_whatever_the_separator(project, sep, encoding, newline):
    before = (project / BIRTH).read_text(encoding="utf-8")
    (project / "todo.csv").write_bytes(excel_csv(filled(export(project), ANSWERS), sep, encoding, newline))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 0, err(run)
    assert "Merged 2 translations" in err(run)
    after = (project / BIRTH).read_text(encoding="utf-8")
    assert after == (before
                     .replace("  en: Birth registration\n", "  en: Birth registration\n" + NAME_ZH, 1)
                     .replace(f"  vi: {SUMMARY_VI}\n",
                              f"  vi: {SUMMARY_VI}\n  en: Register a newborn child to get a birth certificate.\n", 1))
    assert BIRTH not in out(guide(project, "i18n-status"))  # nothing missing or outdated there any more
    assert guide(project, "check", BIRTH, "--strict").returncode == 0


def test_semicolon_csv_was_merged_as_nothing_before(project):
    """The bug this item fixes: `;` was read as one column, "Merged 0", exit 0. Now it merges, or names the row."""
    (project / "todo.csv").write_bytes(excel_csv(filled(export(project), ANSWERS)))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 0 and "Merged 0" not in err(run)
    assert NAME_ZH in (project / BIRTH).read_text(encoding="utf-8")


# --- line breaks inside a cell ----------------------------------------------------------------------------

def test_a_line_break_in_a_cell_becomes_an_escaped_string_the_site_shows(project):
    from generator.config import load_settings
    from generator.content.richtext import render

    answers = {("/name", "zh"): "出生\r\n登记",  # Windows line break typed into the cell
               ("/summary", "en"): "Register a newborn child.\nA parent should do it within 60 days."}  # Alt+Enter
    (project / "todo.csv").write_bytes(excel_csv(filled(export(project), answers)))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 0, err(run)
    text = (project / BIRTH).read_text(encoding="utf-8")
    assert '  zh: "出生\\n登记"\n' in text
    assert '  en: "Register a newborn child.\\nA parent should do it within 60 days."\n' in text
    doc, problems = load_file(project / BIRTH)
    assert problems == [] and doc.data["name"]["zh"] == "出生\n登记"
    assert guide(project, "check", BIRTH, "--strict").returncode == 0
    settings = load_settings(project)
    assert str(render(doc.data["summary"]["en"], settings.host_allowed)) == (
        "Register a newborn child.<br>A parent should do it within 60 days.")


def test_multi_line_texts_of_a_form_round_trip_in_block_and_replace_style(project):
    form = project / CT01
    original = form.read_text(encoding="utf-8")
    block = ("      en: |-\n        HEAD OF HOUSEHOLD'S OPINION\n"
             "        (Write what you agree to, sign and write your full name)\n")
    assert block in original
    form.write_text(original.replace(block, "", 1), encoding="utf-8")
    rows = export(project, CT01)
    assert [(r["lang"], r["status"]) for r in rows] == [("en", "missing")]
    assert rows[0]["vi"] == "Ý KIẾN CỦA CHỦ HỘ\n(Ghi rõ nội dung và ký, ghi rõ họ tên)"
    pointer = rows[0]["pointer"]
    new_zh = "户主的意见\n（写明意见，签名并写清姓名）"
    replace = {**rows[0], "lang": "zh", "status": "", "current": "户主意见\n（写明意见，签名并写清姓名）",
               "translation": new_zh}
    rows[0]["translation"] = "HEAD OF HOUSEHOLD'S OPINION\n(Write what you agree to, sign and write your full name)"
    (project / "todo.csv").write_bytes(excel_csv([rows[0], replace]))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 0, err(run)
    doc, problems = load_file(form)
    assert problems == []
    value = doc.data
    for part in pointer.strip("/").split("/"):
        value = value[int(part)] if isinstance(value, list) else value[part]
    assert value["en"] == rows[0]["translation"] and value["zh"] == new_zh
    assert guide(project, "check", CT01).returncode == 0


def test_both_translations_go_into_a_flow_mapping_in_order_and_crlf_files_stay_crlf(project):
    birth = project / BIRTH
    text = birth.read_text(encoding="utf-8")
    flow = "issuer: {vi: Quốc hội, en: National Assembly, zh: 国会}"
    assert flow in text
    birth.write_bytes(text.replace(flow, "issuer: {vi: Quốc hội}", 1).replace("\n", "\r\n").encode("utf-8"))
    answers = {**ANSWERS, ("/legal_basis/0/issuer", "en"): "National Assembly",
               ("/legal_basis/0/issuer", "zh"): "国会"}
    rows = filled(export(project), answers)
    assert len([r for r in rows if r["pointer"] == "/legal_basis/0/issuer"]) == 2
    (project / "todo.csv").write_bytes(excel_csv(rows))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 0, err(run)
    raw = birth.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line still ends in CRLF"
    assert flow.encode("utf-8") in raw
    assert guide(project, "check", BIRTH, "--strict").returncode == 0


@pytest.mark.parametrize("value", [
    "yes", "No", "1:30", "07", ".inf", "2026-01-01", "a: b", "# not a comment", "- list item", "@home", "x #y",
    "Line one\nline two", "tab\there", "quote \" and \\ backslash", " spaced ", "全角，标点", "Mẫu 04/2024/TT-BTP",
    "non\u00a0breaking", "ideographic\u3000space",
])
def test_every_translation_reads_back_exactly_in_block_and_flow_style(value):
    scalar = yaml_scalar(value)
    for text in (f"k:\n  vi: x\n  en: {scalar}\n", f"k: {{vi: x, en: {scalar}}}\n"):
        doc, problems = load_text("t.yml", text.encode("utf-8"))
        assert problems == [] and doc.data["k"]["en"] == value, (text, problems)


# --- a CSV made before the Vietnamese changed ---------------------------------------------------------------

def test_a_row_whose_vietnamese_changed_since_export_is_refused_and_nothing_changes(project):
    rows = filled(export(project), ANSWERS)
    birth = project / BIRTH
    birth.write_text(birth.read_text(encoding="utf-8").replace(SUMMARY_VI, "Đăng ký cho trẻ mới sinh.", 1),
                     encoding="utf-8")
    (project / "todo.csv").write_bytes(excel_csv(rows))
    before = snapshot(project)
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1
    row = 2 + [r["pointer"] for r in rows].index("/summary")
    assert found(err(run)) == [("todo.csv", row, COLUMNS.index("vi") + 1, "translation.vi-changed")]
    message = err(run)
    assert BIRTH in message and "/summary" in message
    assert "Đăng ký cho trẻ mới sinh." in message and "Cha hoặc mẹ nên" in message  # the CSV's and today's
    assert snapshot(project) == before, "the good /name row is not merged either: all or nothing"
    status = out(guide(project, "i18n-status"))
    assert f"{BIRTH} /name: missing" in status and f"{BIRTH} /summary: missing" in status  # still to do


def test_an_outdated_translation_is_refused_too_and_stays_outdated(project):
    """Export lists /summary zh as outdated; the Vietnamese changes again before the import."""
    birth = project / BIRTH
    text = birth.read_text(encoding="utf-8")
    birth.write_text(text.replace(SUMMARY_VI, "Đăng ký cho trẻ mới sinh.", 1), encoding="utf-8")
    rows = [r for r in export(project) if r["pointer"] == "/summary" and r["lang"] == "zh"]
    assert [r["status"] for r in rows] == ["outdated"]
    birth.write_text(text.replace(SUMMARY_VI, "Đăng ký cho trẻ sơ sinh.", 1), encoding="utf-8")
    rows[0]["translation"] = "为新生儿办理登记。"
    (project / "todo.csv").write_bytes(excel_csv(rows))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1 and [f[3] for f in found(err(run))] == ["translation.vi-changed"]
    check = json.loads(out(guide(project, "check", "--format", "json", BIRTH)))
    assert ("i18n.outdated", "/summary/zh") in {(i["code"], i["pointer"]) for i in check}


def test_a_translation_changed_by_someone_else_since_export_is_not_overwritten(project):
    rows = [r for r in export(project) if r["pointer"] == "/name"]
    birth = project / BIRTH
    birth.write_text(birth.read_text(encoding="utf-8").replace(
        "  en: Birth registration\n", "  en: Birth registration\n  zh: 出生登记（新）\n", 1), encoding="utf-8")
    rows[0]["translation"] = "出生登记"
    (project / "todo.csv").write_bytes(excel_csv(rows))
    before = snapshot(project)
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1
    assert found(err(run)) == [("todo.csv", 2, COLUMNS.index("current") + 1, "translation.current-changed")]
    assert snapshot(project) == before


def test_a_translation_typed_into_the_current_column_is_not_lost_silently(project):
    rows = export(project)
    rows[0]["current"] = "出生登记"
    (project / "todo.csv").write_bytes(excel_csv(rows))
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1
    assert [f[3] for f in found(err(run))] == ["translation.current-changed"]


# --- everything else that can be wrong with a row, and all or nothing ---------------------------------------

def test_every_bad_row_is_reported_with_its_spreadsheet_row_and_nothing_is_merged(project):
    rows = filled(export(project), ANSWERS)
    good = rows[0]
    multi = {**good, "pointer": "/summary", "lang": "en", "status": "missing", "vi": SUMMARY_VI,
             "translation": "First line\nsecond line"}  # spans two lines of the file: rows still count right
    bad = [
        {**good, "pointer": "/nope"},  # row 4
        {**good, "lang": "fr"},  # row 5
        {**good, "file": "procedures/../pyproject.toml"},  # row 6
        {**good, "translation": "出生登\x0b记"},  # row 7: an invisible vertical tab, pasted along
        {**good, "translation": "另一个译文"},  # row 8: a second, different translation of row 2's text
        {**good, "code": "1.999999"},  # row 9
        {**good, "lang": "en", "current": "Birth registration",  # row 10: a link guide check refuses
         "translation": "[Birth registration](https://example.com/birth)"},
    ]
    (project / "todo.csv").write_bytes(excel_csv([good, multi] + bad))
    before = snapshot(project)
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1, err(run)
    col = {name: i + 1 for i, name in enumerate(COLUMNS)}
    assert found(err(run)) == [
        ("todo.csv", 4, col["pointer"], "translation.pointer"),
        ("todo.csv", 5, col["lang"], "translation.row"),
        ("todo.csv", 6, col["file"], "translation.file"),
        ("todo.csv", 7, col["translation"], "translation.row"),
        ("todo.csv", 8, col["translation"], "translation.duplicate"),
        ("todo.csv", 9, col["code"], "translation.file"),
        ("todo.csv", 10, col["translation"], "translation.check"),
    ]
    assert "url.content-link" in err(run)
    assert snapshot(project) == before


@pytest.mark.parametrize("raw, position, code", [
    ("\ufefffile;code;pointer;lang\r\n".encode(), (1, 1), "translation.csv"),  # no vi, no translation
    ("\ufeff" + ";".join(COLUMNS) + f'\r\n{BIRTH};1.001193;/name;zh;missing;"Đăng ký khai sinh;;出生登记\r\n',
     (2, 1), "translation.csv"),  # a quote that never closes
    (";".join(COLUMNS).encode() + f"\r\n{BIRTH};1.001193;/name;zh;missing;".encode()
     + "Đăng ký khai sinh".encode("cp1258", "replace") + ";;出生登记\r\n".encode("cp1258", "replace"),
     (2, len(f"{BIRTH};1.001193;/name;zh;missing;") + 1), "translation.encoding"),  # Excel's plain "CSV" (cp1258)
])
def test_a_file_that_is_not_a_readable_csv_is_refused_with_its_position(project, raw, position, code):
    (project / "todo.csv").write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    before = snapshot(project)
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1
    assert found(err(run)) == [("todo.csv", *position, code)]
    assert snapshot(project) == before


def test_messages_are_vietnamese_by_default(project):
    rows = filled(export(project), ANSWERS)
    rows[0]["pointer"] = "/nope"
    (project / "todo.csv").write_bytes(excel_csv(rows))
    run = guide(project, "i18n-import", "todo.csv", lang=None)
    assert run.returncode == 1 and "Chưa đưa vào bản dịch nào" in err(run)
    assert "không có câu nào ở vị trí /nope" in err(run)


# --- guide check and the freshness record ------------------------------------------------------------------

def test_guide_check_warns_about_outdated_translations_at_the_translation(project):
    birth = project / BIRTH
    text = birth.read_text(encoding="utf-8")
    birth.write_text(text.replace(SUMMARY_VI, "Đăng ký cho trẻ mới sinh.", 1), encoding="utf-8")
    lines = birth.read_text(encoding="utf-8").splitlines()
    zh_line = next(i for i, line in enumerate(lines, 1) if line.startswith("  zh: 为新生儿办理登记"))
    run = guide(project, "check", "--format", "json", BIRTH)
    assert run.returncode == 0  # a warning
    outdated = [(i["line"], i["column"], i["pointer"], i["severity"]) for i in json.loads(out(run))
                if i["code"] == "i18n.outdated"]
    assert outdated == [(zh_line, 7, "/summary/zh", "warning")]
    assert guide(project, "check", "--strict", BIRTH).returncode == 1
    # Confirming the translation as still right (imported unchanged) ends the warning, and changes no text.
    rows = [r for r in export(project) if r["status"] == "outdated"]
    assert [(r["pointer"], r["lang"]) for r in rows] == [("/summary", "zh")]
    rows[0]["translation"] = rows[0]["current"]
    (project / "todo.csv").write_bytes(excel_csv(rows))
    before = birth.read_bytes()
    assert guide(project, "i18n-import", "todo.csv").returncode == 0
    assert birth.read_bytes() == before
    run = guide(project, "check", "--format", "json", BIRTH)
    assert "i18n.outdated" not in {i["code"] for i in json.loads(out(run))}


def test_outdated_translations_of_a_form_are_warned_too(project):
    form = project / CT01
    text = form.read_text(encoding="utf-8")
    assert "        Ý KIẾN CỦA CHỦ HỘ\n" in text
    form.write_text(text.replace("        Ý KIẾN CỦA CHỦ HỘ\n", "        Ý KIẾN CHỦ HỘ\n", 1), encoding="utf-8")
    run = guide(project, "check", "--format", "json", CT01)
    codes = [(i["code"], i["pointer"].rsplit("/", 1)[1]) for i in json.loads(out(run)) if i["code"] == "i18n.outdated"]
    assert codes == [("i18n.outdated", "en"), ("i18n.outdated", "zh")]


def test_a_merge_conflict_in_the_freshness_record_is_an_error_not_a_traceback(project):
    lock = project / "i18n/content-translations.json"
    lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
    lock.write_text("".join(lines[:3]) + "<<<<<<< HEAD\n" + "".join(lines[3:]), encoding="utf-8")
    run = guide(project, "check", "--format", "json")
    assert ("translation.lock", 4, 1) in {(i["code"], i["line"], i["column"]) for i in json.loads(out(run))}
    assert guide(project, "i18n-status").returncode == 1
    (project / "todo.csv").write_bytes(excel_csv(filled(export_rows_without_status(project), ANSWERS)))
    before = snapshot(project)
    run = guide(project, "i18n-import", "todo.csv")
    assert run.returncode == 1 and "Traceback" not in err(run)
    assert [f[3] for f in found(err(run))] == ["translation.lock"]
    assert snapshot(project) == before


def export_rows_without_status(project: Path) -> list[dict[str, str]]:
    """The rows `i18n-status` would export, made by hand (it refuses to run while the record is broken)."""
    return [{"file": BIRTH, "code": "1.001193", "pointer": "/name", "lang": "zh", "status": "missing",
             "vi": "Đăng ký khai sinh", "current": "", "translation": ""}]


def test_the_shipped_content_has_no_outdated_translation():
    run = subprocess.run([str(Path(sys.executable).parent / "guide"), "check", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, env={**os.environ, "GUIDE_LANG": "en"})
    outdated = [f"{i['file']} {i['pointer']}" for i in json.loads(run.stdout or "[]") if i["code"] == "i18n.outdated"]
    assert outdated == [], "run `guide i18n-status`: translate these, or confirm them with `guide i18n-import`"
