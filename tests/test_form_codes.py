"""Declaration forms and checklist questions: one small invalid file per error code.

Like test_error_codes.py, each case changes a valid fixture in one place and asserts
the code, the line and the column (1-based) of the value or key at fault. Forms
are checked when their folder is named ``forms``; procedures with questions start
from conftest's base procedure.
"""
from __future__ import annotations

from typing import get_args

import pytest

from conftest import ROOT, base_yaml
from generator.content.form_check import form_slugs

FORM_SCHEMA = ROOT / "generator" / "schema" / "form.schema.json"

# A small valid form. Line numbers matter: the cases below assert positions in it.
FORM_BASE = """\
# yaml-language-server: $schema={schema}
slug: {slug}
title: {{vi: Tờ khai mẫu, en: Sample form, zh: 示例申报表}}
summary: {{vi: Mẫu để kiểm thử., en: A sample for tests., zh: 测试用示例。}}
legal_basis: 1/2026/TT-TEST
reviewed: 2026-11-01
sections:
  - id: office
    title: {{vi: Nơi nộp, en: Where you hand it in, zh: 提交地点}}
    fields:
      - id: addressee
        type: text
        label: {{vi: Nơi nhận, en: Office, zh: 接收机关}}
        pattern: "^[^0-9]+$"
        invalid: {{vi: Không ghi số., en: No digits., zh: 不要写数字。}}
        print: {{order: 1, label: Kính gửi}}
  - id: person
    title: {{vi: Người khai, en: About you, zh: 申报人}}
    fields:
      - id: birth-date
        type: date
        label: {{vi: Ngày sinh, en: Date of birth, zh: 出生日期}}
        latest: today
        print: {{order: 2, width: half}}
      - id: children
        type: number
        label: {{vi: Số con, en: Number of children, zh: 子女人数}}
        min: 0
        max: 20
        print: {{order: 3, width: half}}
      - id: sex
        type: radio
        label: {{vi: Giới tính, en: Sex, zh: 性别}}
        options:
          - {{value: nam, label: {{vi: Nam, en: Male, zh: 男}}}}
          - {{value: nu, label: {{vi: Nữ, en: Female, zh: 女}}}}
        print: {{order: 4, width: third}}
      - id: agree
        type: checkbox
        label: {{vi: Đồng ý, en: I agree, zh: 同意}}
        options:
          - {{value: co, label: {{vi: Có, en: Agreed, zh: 是}}}}
        print: {{order: 5}}
      - id: province
        type: select
        label: {{vi: Tỉnh, en: Province, zh: 省}}
        options:
          - {{value: ha-noi, label: {{vi: Hà Nội, en: Ha Noi, zh: 河内}}}}
          - {{value: hue, label: {{vi: Huế, en: Hue, zh: 顺化}}}}
        print: {{order: 6}}
      - {{id: phone, type: phone, label: {{vi: Điện thoại, en: Phone, zh: 电话}}, print: {{order: 7}}}}
      - {{id: id-number, type: citizen_id, label: {{vi: Số định danh, en: ID number, zh: 身份号码}}, print: {{order: 8}}}}
      - id: reason
        type: long_text
        label: {{vi: Lý do, en: Reason, zh: 理由}}
        max_length: 500
        print: {{order: 9}}
paper:
  title: TỜ KHAI MẪU
  addressee: addressee
  pledge: {{vi: Tôi cam đoan lời khai là đúng., en: I declare this is true., zh: 本人保证所填属实。}}
  signatures:
    - {{vi: Người khai, en: The declarant, zh: 申报人}}
"""


def form_yaml(slug: str = "sample") -> str:
    return FORM_BASE.format(schema=FORM_SCHEMA, slug=slug)


QUESTIONS = """\
questions:
  - id: noi-sinh
    type: radio
    text: {vi: "Trẻ sinh ở đâu?", en: "Where was the child born?", zh: 孩子在哪里出生？}
    options:
      - {value: trong-nuoc, label: {vi: Trong nước, en: In Viet Nam, zh: 在越南}}
      - {value: nuoc-ngoai, label: {vi: Nước ngoài, en: Abroad, zh: 在国外}}
"""
ABROAD = """\
  - id: abroad
    case: {vi: Trẻ sinh ở nước ngoài, en: Born abroad, zh: 在国外出生}
    applies_when: {noi-sinh: [nuoc-ngoai]}
    documents:
      - name: {vi: Giấy tờ khai sinh nước ngoài, en: Foreign birth record, zh: 外国出生证明}
        originals: 1
"""


def questions_yaml() -> str:
    """conftest's base procedure with one question (lines 24-30) and a second group (lines 37-42)."""
    text = base_yaml()
    text = text.replace("dossier:\n", QUESTIONS + "dossier:\n", 1)
    return text.replace("steps:\n", ABROAD + "steps:\n", 1)


def change(base, old: str, new: str):
    def make() -> str:
        text = base()
        assert old in text, old
        return text.replace(old, new, 1)
    return make


def fill_in(slug: str):
    return change(base_yaml, "        originals: 1\n", f"        originals: 1\n        fill_in: {slug}\n")


def form(old: str, new: str):
    return change(form_yaml, old, new)


def asks(old: str, new: str):
    return change(questions_yaml, old, new)


SECOND_QUESTION = """\
  - id: song-chung
    type: radio
    text: {vi: "Cha mẹ sống chung?", en: "Do the parents live together?", zh: 父母同住吗？}
    options:
      - {value: co, label: {vi: Có, en: Together, zh: 是}}
      - {value: khong, label: {vi: Không, en: Apart, zh: 否}}
"""
# Asked only for a child born in Viet Nam, so it can never be "co" together with "nuoc-ngoai".
UNREACHABLE = SECOND_QUESTION.replace(
    "    type: radio\n", "    type: radio\n    ask_when: {noi-sinh: [trong-nuoc]}\n")


def with_second_question(question: str = SECOND_QUESTION, applies_when: str | None = None):
    def make() -> str:
        text = questions_yaml().replace("dossier:\n", question + "dossier:\n", 1)
        if applies_when is not None:
            text = text.replace("applies_when: {noi-sinh: [nuoc-ngoai]}", applies_when, 1)
        return text
    return make


# code -> (how to make the file, line, column); forms are written to forms/sample.yml
CASES: dict[str, tuple] = {
    # procedures: fill_in and questions
    "ref.unknown-form": (fill_in("khong-co"), 30, 18),
    "dossier.duplicate-group": (asks("  - id: abroad\n", "  - id: all\n"), 37, 9),
    "question.duplicate": (with_second_question(SECOND_QUESTION.replace("id: song-chung", "id: noi-sinh")),
                           31, 9),
    "question.unknown": (asks("applies_when: {noi-sinh: [nuoc-ngoai]}",
                              "applies_when: {noi-snh: [nuoc-ngoai]}"), 39, 20),
    "question.order": (asks("    type: radio\n", "    type: radio\n    ask_when: {noi-sinh: [trong-nuoc]}\n"),
                       27, 16),
    "question.unknown-option": (asks("applies_when: {noi-sinh: [nuoc-ngoai]}",
                                     "applies_when: {noi-sinh: [nuoc-ngoaii]}"), 39, 31),
    "question.unreachable": (with_second_question(UNREACHABLE,
                                                  "applies_when: {noi-sinh: [nuoc-ngoai], song-chung: [co]}"),
                             46, 5),
    "question.unused": (with_second_question(), 31, 9),
    # forms
    "form.duplicate": (form("- id: children", "- id: birth-date"), 25, 13),
    "form.rule-not-allowed": (form("        invalid:", "        min: 1\n        invalid:"), 15, 9),
    "form.options-missing": (form("          - {value: nu, label: {vi: Nữ, en: Female, zh: 女}}\n", ""), 32, 15),
    "form.pattern-invalid": (form('pattern: "^[^0-9]+$"', 'pattern: "^[^0-9+$"'), 14, 18),
    "form.pattern-message": (form("        invalid: {vi: Không ghi số., en: No digits., zh: 不要写数字。}\n", ""),
                             14, 9),
    "form.range": (form("        min: 0\n        max: 20", "        min: 20\n        max: 0"), 29, 14),
    "form.unknown-field": (form("  addressee: addressee", "  addressee: adressee"), 60, 14),
    "file.slug-mismatch": (form("slug: sample", "slug: other-form"), 2, 7),
    "file.schema-comment": (lambda: form_yaml().split("\n", 1)[1], 1, 1),
    "schema.enum": (form("type: long_text", "type: paragraph"), 54, 15),
}
FORM_CODES = {c for c in CASES if not c.startswith(("question.", "ref.", "dossier."))}


def run(code_or_text, write, check_files, is_form: bool):
    text = code_or_text() if callable(code_or_text) else code_or_text
    path = write("forms/sample.yml" if is_form else "sample.yml", text)
    return check_files(path)


def found(issues):
    return [(i.code, i.line, i.column) for i in issues]


# --- The valid fixtures ------------------------------------------------------------------


def test_valid_form_has_no_issues(write, check_files):
    assert run(form_yaml, write, check_files, is_form=True) == []


def test_form_fixture_has_every_field_type():
    from generator.content.form_model import FieldType

    text = form_yaml()
    assert {t for t in get_args(FieldType) if f"type: {t}," in text or f"type: {t}\n" in text} \
        == set(get_args(FieldType))


def test_base_procedure_is_clean(write, check_files):
    assert run(base_yaml, write, check_files, is_form=False) == []


def test_questions_fixture_is_clean(write, check_files):
    text = questions_yaml()
    assert text.splitlines()[23] == "questions:" and text.splitlines()[38].startswith("    applies_when:")
    assert run(text, write, check_files, is_form=False) == []


# --- One case per code -------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_line_and_column(code, write, check_files):
    make, line, column = CASES[code]
    issues = found(run(make, write, check_files, is_form=code in FORM_CODES))
    assert (code, line, column) in issues, issues


@pytest.mark.parametrize("code, pointer", [
    ("ref.unknown-form", "/dossier/0/documents/0/fill_in"),
    ("question.unknown", "/dossier/1/applies_when/noi-snh"),
    ("question.order", "/questions/0/ask_when/noi-sinh"),
    ("question.unknown-option", "/dossier/1/applies_when/noi-sinh/0"),
    ("question.unused", "/questions/1/id"),
    ("form.duplicate", "/sections/1/fields/1/id"),
    ("form.rule-not-allowed", "/sections/0/fields/0/min"),
    ("form.range", "/sections/1/fields/1/max"),
    ("form.unknown-field", "/paper/addressee"),
    ("schema.enum", "/sections/1/fields/7/type"),
])
def test_pointer(code, pointer, write, check_files):
    issues = run(CASES[code][0], write, check_files, is_form=code in FORM_CODES)
    assert pointer in [i.pointer for i in issues if i.code == code]


def test_question_order_names_a_later_question(write, check_files):
    make = with_second_question()
    text = make().replace("    type: radio\n", "    type: radio\n    ask_when: {song-chung: [co]}\n", 1)
    issues = run(text, write, check_files, is_form=False)
    assert [(i.code, i.pointer, i.line, i.column) for i in issues] == [
        ("question.order", "/questions/0/ask_when/song-chung", 27, 16)]


def test_question_may_look_back_and_a_reachable_group_is_fine(write, check_files):
    # The reachable twin of the question.unreachable case: song-chung is asked after trong-nuoc.
    make = with_second_question(UNREACHABLE, "applies_when: {noi-sinh: [trong-nuoc], song-chung: [khong]}")
    assert run(make, write, check_files, is_form=False) == []


def test_duplicate_answer_of_a_question(write, check_files):
    make = asks("- {value: nuoc-ngoai,", "- {value: trong-nuoc,")
    issues = run(make, write, check_files, is_form=False)
    assert ("question.duplicate", "/questions/0/options/1/value", 30, 17) in [
        (i.code, i.pointer, i.line, i.column) for i in issues]


def test_unused_question_is_a_warning_only(write, check_files):
    issues = run(CASES["question.unused"][0], write, check_files, is_form=False)
    assert [(i.code, i.severity) for i in issues] == [("question.unused", "warning")]


def test_form_schema_comment_hint_names_the_form_schema(write, check_files):
    issues = run(CASES["file.schema-comment"][0], write, check_files, is_form=True)
    [issue] = [i for i in issues if i.code == "file.schema-comment"]
    assert "form.schema.json" in issue.hint and "procedure.schema.json" not in issue.hint


def test_form_slug_mismatch_hint(write, check_files):
    issues = run(CASES["file.slug-mismatch"][0], write, check_files, is_form=True)
    [issue] = [i for i in issues if i.code == "file.slug-mismatch"]
    assert issue.hint == "rename the file to other-form.yml"


def test_unknown_form_names_a_near_form(settings, write, check_files):
    slug = min(form_slugs(settings))  # a form of the project, e.g. ct01
    [issue] = [i for i in run(fill_in(slug + "x"), write, check_files, is_form=False)
               if i.code == "ref.unknown-form"]
    assert slug in (issue.hint or "")


def test_known_form_is_accepted(settings, write, check_files):
    slug = min(form_slugs(settings))
    assert run(fill_in(slug), write, check_files, is_form=False) == []


# --- More form.duplicate, form.range and form.rule-not-allowed cases ------------------------------------------


@pytest.mark.parametrize("old, new, where, line, column", [
    ("  - id: person", "  - id: office", "/sections/1/id", 17, 9),
    ("print: {order: 3, width: half}", "print: {order: 2, width: half}", "/sections/1/fields/1/print/order",
     30, 24),
    ("- {value: nu, label:", "- {value: nam, label:", "/sections/1/fields/2/options/1/value", 36, 21),
], ids=["section", "print-order", "option"])
def test_form_duplicate(old, new, where, line, column, write, check_files):
    issues = run(form(old, new), write, check_files, is_form=True)
    assert [(i.code, i.pointer, i.line, i.column) for i in issues] == [
        ("form.duplicate", where, line, column)]


def test_date_earliest_after_latest(write, check_files):
    make = form("        latest: today\n", "        earliest: 2027-01-01\n        latest: today\n")
    issues = run(make, write, check_files, is_form=True)
    assert [(i.code, i.pointer, i.line, i.column) for i in issues] == [
        ("form.range", "/sections/1/fields/0/latest", 24, 17)]


def test_date_range_in_order_is_fine(write, check_files):
    make = form("        latest: today\n", "        earliest: 1900-01-01\n        latest: today\n")
    assert run(make, write, check_files, is_form=True) == []


def test_pattern_on_a_number_is_refused(write, check_files):
    make = form("        max: 20\n", "        max: 20\n        pattern: \"^[0-9]+$\"\n")
    issues = run(make, write, check_files, is_form=True)
    assert ("form.rule-not-allowed", "/sections/1/fields/1/pattern") in [(i.code, i.pointer) for i in issues]


@pytest.mark.parametrize("pattern", ["(?P<n>[0-9]+)", "(?i)abc", "\\\\Aabc\\\\Z", "[0-9]++"])
def test_patterns_browsers_cannot_run_are_refused(write, check_files, pattern):
    text = form_yaml().replace('pattern: "^[^0-9]+$"', f'pattern: "{pattern}"', 1)
    path = write("forms/sample.yml", text)
    assert [i.code for i in check_files(path) if i.code.startswith("form.")] == ["form.pattern-invalid"]


def test_a_form_text_without_chinese_is_a_warning(write, check_files):
    text = form_yaml().replace("title: {vi: Tờ khai mẫu, en: Sample form, zh: 示例申报表}",
                               "title: {vi: Tờ khai mẫu, en: Sample form}", 1)
    path = write("forms/sample.yml", text)
    assert [(i.code, i.pointer) for i in check_files(path)] == [("i18n.missing", "/title")]


def test_a_form_reviewed_in_the_future_or_long_ago_is_reported(write, check_files):
    future = write("forms/sample.yml", form_yaml().replace("reviewed: 2026-11-01", "reviewed: 2027-01-01", 1))
    assert [(i.code, i.line, i.column) for i in check_files(future)] == [("date.future", 6, 11)]
    old = write("forms/sample.yml", form_yaml().replace("reviewed: 2026-11-01", "reviewed: 2024-01-01", 1))
    assert [i.code for i in check_files(old)] == ["date.stale"]
