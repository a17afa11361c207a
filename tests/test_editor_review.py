"""Mistakes found in the editors' review of `guide check`, `guide drift` and `guide new`, each on real files.

Every test here failed before its fix: an editor's mistake that went through green (or said the wrong thing).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, base_yaml, copy_project
from generator.upstream import portal_address
from generator.content.skeleton_texts import PLACEHOLDERS

GUIDE = str(Path(sys.executable).parent / "guide")  # the console script: a copied project has no package


def guide(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([GUIDE, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ})


def found(issues) -> set[tuple[str, int, int]]:
    return {(i.code, i.line, i.column) for i in issues}


def changed(old: str, new: str, text: str | None = None) -> str:
    text = base_yaml() if text is None else text
    assert old in text, old
    return text.replace(old, new, 1)


# --- 1. `amount:` left empty ---------------------------------------------------------------------

@pytest.mark.parametrize("old, new, line, column", [
    ("      - amount: 8000\n", "      - amount:\n", 16, 9),  # the number selected to retype it, then saved
    ("      - amount: 0\n", "      - amount:   # sẽ điền sau\n", 23, 9),  # a comment after it is still empty
    ("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
     "processing_time:\n      value:\n      unit: working_day\n      note: {vi: Tính từ ngày nhận đủ hồ sơ}\n"
     "    fees:\n      - amount: 8000", 15, 7),
    ("name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}",
     "name:\n  vi: Thủ tục mẫu\n  en:\n  zh: 示例手续", 6, 3),
    ("name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}", "name:\n  vi:\n  en: Sample procedure", 5, 3),
])
def test_a_key_written_with_an_empty_value_is_an_error_at_the_key(write, check_files, old, new, line, column):
    issues = check_files(write("sample.yml", changed(old, new)))
    assert ("value.empty", line, column) in found(issues), found(issues)
    [issue] = [i for i in issues if i.code == "value.empty"]
    assert issue.severity == "error"
    # One report for the key: not also "the value is empty" from the schema for a required `vi:`.
    assert not [i for i in issues if i.pointer == issue.pointer and i.code != "value.empty"]


def test_the_empty_amount_hint_says_write_the_number_or_mark_it_uncertain(write, check_files):
    [issue] = [i for i in check_files(write("sample.yml", changed("      - amount: 8000\n", "      - amount:\n")))
               if i.code == "value.empty"]
    assert issue.pointer == "/channels/in_person/fees/0/amount"
    assert "8000" in issue.hint_text("vi") and "uncertain: true" in issue.hint_text("vi") and "note" in issue.hint_text("vi")
    assert "uncertain: true" in issue.hint_text("en")


def test_leaving_the_amount_out_with_a_note_stays_allowed(write, check_files):
    text = changed("      - amount: 8000\n", "      - uncertain: true\n        note: {vi: Văn bản chưa nêu mức thu}\n")
    assert not [i for i in check_files(write("sample.yml", text)) if i.severity == "error"]


# --- 2. the skeleton's stand-ins published once the TODO marks are deleted ----------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("review") / "project")


def test_skeleton_placeholders_and_portal_home_are_errors_once_the_marks_are_gone(project):
    run = guide(project, "new", "--code", "9.000778", "--field", "ho-tich", "--name", "Thủ tục thử",
                "--slug", "thu-placeholder", "--level", "commune")
    assert run.returncode == 0, run.stderr
    path = project / "procedures/ho-tich/thu-placeholder.yml"
    try:
        marked = guide(project, "check", "--format", "json", str(path.relative_to(project)))
        assert marked.returncode == 0, marked.stdout  # a draft: warnings only while the marks are there
        text = re.sub(r"[ \t]*# TODO\(review\).*$", "", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text, encoding="utf-8")
        run = guide(project, "check", "--format", "json", str(path.relative_to(project)))
    finally:
        path.unlink()
    assert run.returncode == 1
    issues = json.loads(run.stdout)
    by_code: dict[str, set[str]] = {}
    for i in issues:
        by_code.setdefault(i["code"], set()).add(i["pointer"])
    assert by_code["text.placeholder"] == {"/summary/vi", "/channels/in_person/processing_time/note/vi",
                                           "/channels/in_person/fees/0/note/vi", "/result/vi",
                                           "/legal_basis/0/number", "/legal_basis/0/title/vi", "/source/decision"}
    assert by_code["url.portal-home"] == {"/online_url", "/source/url"}
    lines = text.split("\n")
    for i in issues:  # each at the value itself
        if i["code"] == "text.placeholder":
            assert lines[i["line"] - 1][i["column"] - 1:].lstrip('"').startswith(tuple(PLACEHOLDERS)), i


def test_portal_home_hint_gives_the_files_own_address(write, check_files):
    text = changed("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                   "online_url: https://dichvucong.gov.vn/")
    text = changed('code: "9.000001"', 'code: "1.010038"', text)  # tách hộ, listed in the portal catalog
    [issue] = [i for i in check_files(write("sample.yml", text)) if i.code == "url.portal-home"]
    assert (issue.line, issue.column, issue.pointer) == (38, 13, "/online_url")
    assert portal_address.address("1.010038", ROOT / "procedures") in issue.hint


# --- 3. run outside a project ------------------------------------------------------------------

def test_commands_outside_a_project_refuse_instead_of_using_the_install(tmp_path):
    for args in (["check"], ["new", "--code", "9.000779", "--field", "ho-tich", "--name", "X", "--level", "commune"],
                 ["i18n-import", "todo.csv"], ["drift"]):
        run = guide(tmp_path, *args)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert "không tìm thấy dự án (thư mục có pyproject.toml và procedures/)" in run.stderr, run.stderr
    run = guide(tmp_path, "check", "--lang", "en")
    assert run.returncode == 2 and "no project found" in run.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere near


def test_check_on_a_projects_file_from_elsewhere_uses_that_project(tmp_path):
    run = guide(tmp_path, "check", str(ROOT / "procedures/cu-tru/tach-ho.yml"))
    assert run.returncode == 0, run.stdout + run.stderr


# --- 4. a placeholder reason acknowledging a drift -------------------------------------------

DRIFT = '\ndrift:\n  - code: drift.fee\n    channel: online\n    record: "5000"\n    reason: {reason}\n'


@pytest.mark.parametrize("reason", ['"…"', '"..."', "x", "TODO", "TODO(review)", '"TODO: viết sau cho đủ"', "Chưa rõ"])
def test_a_drift_reason_must_be_a_real_reason(write, check_files, reason):
    issues = check_files(write("sample.yml", base_yaml() + DRIFT.format(reason=reason)))
    assert ("drift.reason", 50, 13) in found(issues), found(issues)


def test_a_real_drift_reason_is_accepted_and_an_empty_one_is_empty_text(write, check_files):
    good = base_yaml() + DRIFT.format(reason='"Thông tư 71/2025/TT-BTC giảm lệ phí nộp trực tuyến"')
    assert not [i for i in check_files(write("sample.yml", good)) if i.severity == "error"]
    [issue] = check_files(write("sample.yml", base_yaml() + DRIFT.format(reason='""')))
    assert (issue.code, issue.line, issue.column) == ("schema.length", 50, 13)
    assert issue.text("vi").endswith("chữ đang để trống") and "danh sách" not in issue.text("vi")
    assert issue.text("en").endswith("the text is empty")


def test_guide_drift_refuses_a_placeholder_reason(project):
    path = project / "procedures/cu-tru/dang-ky-tam-tru.yml"
    before = path.read_text(encoding="utf-8")
    reason = re.search(r'(?m)^    reason: (".*")$', before).group(1)
    path.write_text(before.replace(reason, '"…"', 1), encoding="utf-8")
    try:
        run = guide(project, "drift", str(path.relative_to(project)), "--format", "json")
    finally:
        path.write_text(before, encoding="utf-8")
    assert run.returncode == 1
    assert "drift.reason" in {i["code"] for i in json.loads(run.stdout)}


# --- 5. --changed and deleted files ------------------------------------------------------------

def _git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_changed_sees_a_deleted_guide_and_checks_the_files_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    (project / "procedures/ho-tich/dang-ky-khai-sinh.yml").unlink()  # 1.001193, named by eight other guides
    (project / "procedures/portal/records/1.001193.json").unlink()  # and no portal page to fall back on
    run = guide(project, "check", "--changed", "main", "--format", "json", "--lang", "en")
    assert run.returncode == 1, run.stdout + run.stderr
    unknown = {Path(i["file"]).name for i in json.loads(run.stdout)
               if i["code"] == "ref.unknown-procedure" and "1.001193" in i["message"]}
    assert "dang-ky-lai-khai-sinh.yml" in unknown and len(unknown) >= 5, unknown
    assert "procedures/ho-tich/dang-ky-khai-sinh.yml was deleted (code 1.001193)" in run.stderr


def test_changed_tells_a_deletion_nobody_refers_to(tmp_path):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    (project / "procedures/ho-tich/xac-nhan-tinh-trang-hon-nhan.yml").unlink()
    run = guide(project, "check", "--changed", "main")
    assert run.returncode in (0, 1), run.stderr
    assert "procedures/ho-tich/xac-nhan-tinh-trang-hon-nhan.yml đã bị xóa (mã" in run.stderr


# --- 6. an old portal link carrying another procedure's code -----------------------------------

def test_old_portal_hint_suggests_the_files_own_address_not_the_pasted_codes(tmp_path, check_files):
    path = tmp_path / "tach-ho.yml"
    text = (ROOT / "procedures/cu-tru/tach-ho.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^online_url: .*$", "online_url: https://dichvucong.gov.vn/p/home/"
                  "dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193", text)
    path.write_text(text, encoding="utf-8")
    [issue] = [i for i in check_files(path) if i.code == "url.old-portal"]
    own, birth = (portal_address.address(c, ROOT / "procedures") for c in ("1.010038", "1.001193"))
    assert own and own in issue.hint and birth not in issue.hint
    assert "1.001193" in issue.hint_text("vi") and "1.010038" in issue.hint_text("vi")


# --- 7. invisible characters inside a text -----------------------------------------------------

@pytest.mark.parametrize("char, hex_code", [("\u200b", "200B"), ("\u00ad", "00AD"), ("\u00a0", "00A0")])
def test_an_invisible_character_inside_a_text_is_a_warning_at_it(write, check_files, char, hex_code):
    text = changed("name: {vi: Thủ tục mẫu", f"name: {{vi: Thủ{char} tục mẫu")
    issues = [i for i in check_files(write("sample.yml", text)) if i.code == "text.invisible"]
    assert [(i.line, i.column, i.severity, i.pointer) for i in issues] == [(4, 15, "warning", "/name/vi")]
    assert f"U+{hex_code}" in issues[0].text("vi")


def test_an_invisible_character_in_a_block_text_points_at_its_column(write, check_files):
    text = changed("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                   "result:\n  vi: Giấy xác\u00adnhận\n  en: A certificate")
    [issue] = [i for i in check_files(write("sample.yml", text)) if i.code == "text.invisible"]
    assert (issue.line, issue.column) == (34, 15)
    assert "gạch nối mềm" in issue.text("vi")


# --- 8. a file saved as Notepad's "Unicode" ----------------------------------------------------

@pytest.mark.parametrize("raw", [
    b"\xff\xfe" + base_yaml().encode("utf-16-le"),  # Notepad's "Unicode"
    base_yaml().encode("utf-16-le"),  # UTF-16 without a byte-order mark
])
def test_utf16_is_named_in_notepads_words(write, check_files, raw):
    [issue] = check_files(write("sample.yml", raw))
    assert (issue.code, issue.line, issue.column) == ("yaml.encoding", 1, 1)
    assert issue.text("vi") == "tệp đang lưu theo UTF-16 (Notepad gọi là “Unicode”)"
    assert "lưu lại theo “UTF-8”" in issue.hint_text("vi")
    assert "UTF-16" in issue.text("en") and "“UTF-8”" in issue.hint_text("en")
    assert "0xff" not in issue.text("vi") + issue.text("en")


def test_ansi_is_not_described_in_bytes(write, check_files):
    raw = base_yaml().encode("utf-8").replace("Mẫu để kiểm thử.".encode("utf-8"), "Mau de kiem thu \xe0.".encode("cp1258"))
    [issue] = check_files(write("sample.yml", raw))
    assert (issue.code, issue.line) == ("yaml.encoding", 5)
    assert "“ANSI”" in issue.text("vi") and "byte" not in issue.text("vi") and "0x" not in issue.text("en")


# --- 9. CONTRIBUTING.md ------------------------------------------------------------------------

def _section(text: str, heading: str) -> str:
    return re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#{{2,3}} )", text, flags=re.M | re.S).group(1)


def test_contributing_explains_drift_and_lists_the_commands_in_both_languages():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for fee, commands in (("1. Sửa lệ phí trên trình sửa web", "5. Các lệnh hữu ích khác"),
                          ("1. Change a fee in the web editor", "5. Other useful commands")):
        section = _section(text, fee)
        assert "guide drift" in section and "drift.fee" in section and "reason" in section
        assert "drift.reason" in section  # a placeholder reason is refused
        table = _section(text, commands)
        for command in ("`guide drift`", "`guide i18n-status`", "`guide i18n-import"):
            assert command in table, (commands, command)
    # Every table-of-contents link has its anchor, right above the heading it names.
    for target in re.findall(r"\]\(#((?:vi|en)-[0-9a-z]+)\)", text):
        at = text.index(f'<a id="{target}"></a>')
        number = target.split("-", 1)[1]
        assert text[at:].split("\n", 2)[1].startswith(f"### {number}."), target
