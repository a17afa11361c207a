"""Nothing an editor typed is lost or changed without a word (issue 14, part 3).

Each test writes real YAML files and runs the real checker on them: a ` #` that cuts a text,
an entry pasted twice, Vietnamese typed with separate accent marks, and a new file with a
Vietnamese name that `guide check --changed` must see.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterator

import pytest
from pydantic import BaseModel

from conftest import ROOT, TODAY, base_yaml, copy_project
from generator.config import load_settings
from generator.content.validate import validate

RELATIVE_SCHEMA = "$schema=../../generator/schema/procedure.schema.json"
NEW_CODES = {"yaml.comment-in-text", "text.nfd", "text.repeated"}


def found(issues, code: str) -> list[tuple[int, int, str]]:
    return [(i.line, i.column, i.pointer) for i in issues if i.code == code]


def replaced(old: str, new: str, text: str | None = None) -> str:
    text = base_yaml() if text is None else text
    assert old in text, old
    return text.replace(old, new, 1)


# --- ` #` inside unquoted text ------------------------------------------------------

RESULT = "result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}"


def test_a_comment_that_cuts_a_text_is_reported_at_the_hash(write, check_files):
    cut = "result:\n  vi: Nhận giấy tại phòng số 3 #tầng 2, cạnh cổng\n  en: A certificate\n  zh: 证明"
    path = write("sample.yml", replaced(RESULT, cut))
    issues = check_files(path)
    assert found(issues, "yaml.comment-in-text") == [(34, 32, "/result/vi")]
    [issue] = [i for i in issues if i.code == "yaml.comment-in-text"]
    assert issue.severity == "warning" and "#tầng 2" in issue.message and "quotes" in issue.hint


def test_a_comment_after_text_in_brackets_and_in_free_notes_is_reported(write, check_files):
    # (a comment before a ',' inside brackets eats the comma: that one is a syntax error, not silent)
    text = replaced(RESULT, "result: {en: A certificate, zh: 证明书,\n  vi: Giấy xác nhận #bản chính\n}")
    text += "to_verify:\n  - pointer: /code\n    note: chưa đối chiếu mã #1.001193\n"
    issues = check_files(write("sample.yml", text))
    assert found(issues, "yaml.comment-in-text") == [(34, 21, "/result/vi"), (49, 29, "/to_verify/0/note")]


def test_a_comment_that_cuts_a_form_text_or_its_paper_title_is_reported(write, check_files):
    form = (ROOT / "procedures/forms/ct01.yml").read_text(encoding="utf-8")
    form = form.replace("$schema=../../", f"$schema={ROOT}/", 1)  # checked outside the project
    form = replaced("  vi: Tờ khai thay đổi thông tin cư trú (mẫu CT01)\n",
                    "  vi: Tờ khai thay đổi thông tin cư trú #mẫu CT01\n", form)
    form = replaced("  title: TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\n",
                    "  title: TỜ KHAI THAY ĐỔI #THÔNG TIN CƯ TRÚ\n", form)
    issues = check_files(write("forms/ct01.yml", form))
    assert found(issues, "yaml.comment-in-text") == [(5, 41, "/title/vi"), (227, 27, "/paper/title")]


def test_comments_that_cut_nothing_are_fine(write, check_files):
    text = base_yaml()
    for old, new in [
        ('code: "9.000001"', 'code: "9.000001"  # mã trên Cổng 2026'),  # a quoted code
        ("level: commune", "level: commune  # TODO(review): kiểm tra cấp"),  # review note
        ("field: ho-tich", "# a full-line comment\nfield: ho-tich"),
        ("amount: 8000", "amount: 8000  # Thông tư 85/2019"),  # a number
        ("unit: working_day}", "unit: working_day}  # after the closing bracket"),
        ("date: 2014-11-20", "date: 2014-11-20  # ngày ký"),  # a date
        ("decision: 1/QĐ-TEST", "decision: 1/QĐ-TEST  # số quyết định công bố"),  # a code-like text
        ("originals: 1", "originals: 1\n        required: true # a boolean"),
        (RESULT, 'result: {vi: "Nhận tại phòng số 3 #tầng 2", en: A certificate, zh: 证明书}'),  # quoted
        ("summary: {vi: Mẫu để", "summary: {vi: Mẫu#1 để"),  # '#' with no space before it: kept
    ]:
        text = replaced(old, new, text)
    issues = check_files(write("sample.yml", text))
    assert found(issues, "yaml.comment-in-text") == []
    assert {i.code for i in issues} == {"review.todo"}


def test_shipped_content_is_clean():
    from generator.build import check

    issues = check(load_settings(), today=TODAY).issues  # as `guide check`: interface strings too
    assert [i for i in issues if i.code in NEW_CODES] == []


# --- Entries written twice ----------------------------------------------------------

APPLICANT = "  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n"
STEP = "  - title: {vi: Nộp hồ sơ, en: Hand in the papers, zh: 递交材料}\n    channels: [in_person]\n"
DOCUMENT = "      - name: {vi: Tờ khai, en: Form, zh: 申报表}\n        originals: 1\n"
LAW = ("  - number: 60/2014/QH13\n    title: {vi: Luật Hộ tịch, en: Law on Civil Status, zh: 户籍法}\n"
       "    date: 2014-11-20\n")


def test_entries_repeated_word_for_word_are_reported_at_the_second(write, check_files):
    text = replaced(APPLICANT, APPLICANT + "  - {vi: Người đại diện, en: A representative}\n"
                    + APPLICANT.replace("Any citizen", "Every citizen"))  # the Vietnamese decides
    text = replaced(DOCUMENT, DOCUMENT + DOCUMENT.replace("originals: 1", "copies: 1"), text)
    text = replaced(STEP, STEP + STEP, text)
    text = replaced(LAW, LAW + "  - number: 60/2014/QH13\n    title: {vi: Luật Hộ tịch 2014}\n", text)
    issues = check_files(write("sample.yml", text))
    repeats = [(i.line, i.column, i.pointer, i.message) for i in issues if i.code == "text.repeated"]
    assert [r[:3] for r in repeats] == [
        (12, 5, "/applicants/2"), (32, 9, "/dossier/0/documents/1"), (37, 5, "/steps/1"),
        (44, 5, "/legal_basis/1")]
    assert ["line 10" in repeats[0][3], "line 30" in repeats[1][3], "line 35" in repeats[2][3],
            "line 41" in repeats[3][3]] == [True] * 4
    assert {i.severity for i in issues if i.code == "text.repeated"} == {"warning"}


def test_same_words_for_a_different_case_or_channel_are_not_repeats(write, check_files):
    text = replaced(STEP, STEP + STEP.replace("[in_person]", "[online]"))
    text = replaced("steps:", "  - id: abroad\n    case: {vi: Ở nước ngoài, en: Abroad}\n    documents:\n"
                    + DOCUMENT + "steps:", text)
    issues = check_files(write("sample.yml", text))
    assert found(issues, "text.repeated") == []


# --- Vietnamese typed with separate accent marks (NFD) ---------------------------------

NAME = "name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}"


def test_decomposed_vietnamese_is_reported_where_it_starts(write, check_files):
    half = "Đăng ky\u0301 mẫu"  # only the ý decomposed, as Unikey's "Unicode tổ hợp" types it
    path = write("sample.yml", replaced(NAME, NAME.replace("Thủ tục mẫu", half)))
    issues = check_files(path)
    assert found(issues, "text.nfd") == [(4, 18, "/name/vi")]
    [issue] = [i for i in issues if i.code == "text.nfd"]
    assert issue.severity == "warning" and "'ký'" in issue.message and "dựng sẵn" in issue.hint
    assert {i.code for i in issues} == {"text.nfd"}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def in_project(text: str) -> str:
    """The base fixture with the schema line a file in procedures/<field>/ carries."""
    return text.replace(text.split("\n", 1)[0], "# yaml-language-server: " + RELATIVE_SCHEMA, 1)


def split(path: Path, *words: str) -> None:
    """Retype ``words`` in ``path`` with every accent as a separate mark (NFD)."""
    text = path.read_text(encoding="utf-8")
    for word in words:
        assert word in text, word
        text = text.replace(word, unicodedata.normalize("NFD", word), 1)
    path.write_text(text, encoding="utf-8")


def test_the_catalog_and_the_pages_never_hold_decomposed_text(tmp_path):
    from generator.build import load_catalog
    from generator.site.pages import PageRenderer
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    root = copy_project(tmp_path / "project")
    (root / "procedures/ho-tich/dang-ky-mau.yml").write_text(in_project(base_yaml("dang-ky-mau")), encoding="utf-8")
    split(root / "procedures/ho-tich/dang-ky-mau.yml", "Thủ tục mẫu", "Mọi công dân")
    split(root / "procedures/forms/ct01.yml", "Tờ khai thay đổi")
    split(root / "procedures/taxonomy.yml", "{vi: Hộ tịch")
    split(root / "procedures/tables/offices.csv", "Phường Ba Đình,")  # a table saved on a Mac
    split(root / "i18n/vi.yml", "site.title: Hướng dẫn thủ tục")
    settings = load_settings(root)
    catalog = load_catalog(settings, TODAY)
    held = [*catalog.procedures, *catalog.forms.values(), catalog.taxonomy, catalog.tables.offices,
            catalog.tables.provinces, catalog.tables.communes]
    assert [t for t in _texts(held) if not unicodedata.is_normalized("NFC", t)] == []
    assert catalog.tables.offices["00004"]["name_vi"] == "Phường Ba Đình"
    assert catalog.by_slug["dang-ky-mau"].name.vi == "Thủ tục mẫu"  # joined, not dropped
    assert catalog.forms["ct01"].title.vi.startswith("Tờ khai thay đổi")
    assert catalog.taxonomy.fields["ho-tich"].name.vi == "Hộ tịch"

    issues = validate(settings, today=TODAY, use_cache=False).issues  # and the editor is told
    assert {(Path(i.file).name, i.pointer) for i in issues if i.code == "text.nfd"} == {
        ("dang-ky-mau.yml", "/name/vi"), ("dang-ky-mau.yml", "/applicants/0/vi"),
        ("ct01.yml", "/title/vi"), ("taxonomy.yml", "/fields/ho-tich/name/vi")}

    strings, string_issues = load_strings(root / "i18n")
    assert strings["vi"]["site.title"].startswith("Hướng dẫn thủ tục")
    assert [(i.file, i.line, i.pointer) for i in string_issues if i.code == "text.nfd"] == [
        ("i18n/vi.yml", 2, "/site.title")]
    renderer = PageRenderer(catalog, strings, root / "templates", QRCache(None))
    page = renderer.procedure(catalog.by_slug["dang-ky-mau"], "vi")
    assert "Thủ tục mẫu" in page.html and unicodedata.is_normalized("NFC", page.html)
    for page in renderer.pages("vi"):  # every Vietnamese page: indexes, offices, A-Z, the home page
        assert unicodedata.is_normalized("NFC", page.html + page.title + page.description), page.route


# --- guide check --changed sees files with Vietnamese names ------------------------------

def _git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("how", ["untracked", "added", "committed"])
def test_changed_sees_a_new_file_with_a_vietnamese_name(tmp_path, how):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    _git(project, "checkout", "-q", "-b", "edit")
    new = project / "procedures/ho-tich/đăng-ký-mới.yml"
    new.write_text(in_project(base_yaml("dang-ky-moi")), encoding="utf-8")
    if how != "untracked":
        _git(project, "add", str(new.relative_to(project)))
    if how == "committed":
        _git(project, "commit", "-q", "-m", "new procedure")
    run = subprocess.run([str(Path(sys.executable).parent / "guide"), "check", "--changed", "main",
                          "--format", "json"], cwd=project, capture_output=True, text=True, timeout=300)
    assert "no procedure" not in run.stderr
    assert run.returncode == 1, run.stderr
    reported = {(Path(i["file"]).name, i["code"]) for i in json.loads(run.stdout)}
    assert reported == {("đăng-ký-mới.yml", "file.slug-mismatch")}
