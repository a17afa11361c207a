"""The glossary check (i18n/glossary.yml), old portal addresses and time-limited fee rules.

Every case writes real YAML files into tmp_path and runs `guide check`'s validation on them:
procedures start from conftest's base procedure, forms from test_form_codes' base form.
"""
from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, base_yaml
from generator.config import load_settings
from generator.content.glossary import load_glossary
from generator.content.validate import validate
from test_form_codes import form_yaml

GLOSSARY_CODES = {"i18n.glossary", "i18n.glossary-avoid"}


def procedure(old: str, new: str) -> str:
    text = base_yaml()
    assert old in text, old
    return text.replace(old, new, 1)


def with_result(vi: str, en: str, zh: str) -> str:
    return procedure("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                     f"result: {{vi: {vi}, en: {en}, zh: {zh}}}")


def glossary_issues(issues):
    return [(i.code, i.severity, i.pointer) for i in issues if i.code in GLOSSARY_CODES]


# --- the shipped glossary and content ------------------------------------------------

def test_shipped_glossary_reads_cleanly_and_holds_the_agreed_terms():
    glossary, problems = load_glossary(ROOT)
    assert problems == []
    terms = {t.vi: t for t in glossary.terms}
    assert terms["chứng thực"].zh == "认证" and "公证" in terms["chứng thực"].zh_avoid
    assert terms["công chứng"].zh == "公证"
    assert terms["số định danh cá nhân"].zh == "个人识别号码"  # as the three declaration forms print it


def test_shipped_procedures_and_forms_use_the_agreed_terms():
    issues = validate(load_settings(ROOT), today=TODAY).issues
    assert glossary_issues(issues) == []


def test_shipped_chinese_never_calls_certification_notarisation():
    # "委托书不需公证" said a letter need not be notarised where the Vietnamese says chứng thực.
    for path in (ROOT / "procedures").glob("*/*.yml"):
        assert "不需公证" not in path.read_text(encoding="utf-8"), path


# --- the rule ----------------------------------------------------------------------------

def test_missing_chinese_term_is_a_warning_at_the_chinese_text(write, check_files):
    path = write("sample.yml", with_result("Bản sao có chứng thực", "A certified copy", "经证明的复印件"))
    [issue] = [i for i in check_files(path) if i.code == "i18n.glossary"]
    assert (issue.severity, issue.pointer, issue.line) == ("warning", "/result/zh", 33)
    assert "认证" in issue.message and "chứng thực" in issue.message
    assert "i18n/glossary.yml" in issue.hint


def test_missing_english_term_is_a_warning_at_the_english_text(write, check_files):
    path = write("sample.yml", with_result("Bản sao có chứng thực", "A stamped copy", "经认证的复印件"))
    assert glossary_issues(check_files(path)) == [("i18n.glossary", "warning", "/result/en")]


def test_agreed_terms_pass(write, check_files):
    path = write("sample.yml", with_result("Bản sao có chứng thực", "A certified copy", "经认证的复印件"))
    assert glossary_issues(check_files(path)) == []


def test_notarisation_for_certification_is_an_error(write, check_files):
    path = write("sample.yml", with_result("Văn bản ủy quyền không cần chứng thực",
                                           "The letter need not be certified", "委托书不需公证"))
    found = [i for i in check_files(path) if i.code in GLOSSARY_CODES]
    assert {(i.code, i.severity, i.pointer) for i in found} == {
        ("i18n.glossary-avoid", "error", "/result/zh"),  # 公证 belongs to công chứng
        ("i18n.glossary", "warning", "/result/zh"),  # and 认证 is missing
    }
    [avoid] = [i for i in found if i.code == "i18n.glossary-avoid"]
    assert "'công chứng'" in avoid.message and "认证" in avoid.hint


def test_notarisation_is_fine_where_the_vietnamese_says_it(write, check_files):
    path = write("sample.yml", with_result("Hợp đồng không bắt buộc công chứng hay chứng thực",
                                           "The contract need not be notarised or certified", "合同无需公证或认证"))
    assert glossary_issues(check_files(path)) == []


def test_notarisation_without_any_term_is_still_an_error(write, check_files):
    path = write("sample.yml", with_result("Giấy xác nhận", "A certificate", "公证书"))
    assert glossary_issues(check_files(path)) == [("i18n.glossary-avoid", "error", "/result/zh")]


def test_matching_ignores_case_and_unicode_composition(write, check_files):
    vi = unicodedata.normalize("NFD", "Chứng Thực chữ ký")  # decomposed, as some keyboards type it
    path = write("sample.yml", with_result(f'"{vi}"', "Signature check", "签名证明"))
    found = glossary_issues(check_files(path))
    assert ("i18n.glossary", "warning", "/result/zh") in found
    assert ("i18n.glossary", "warning", "/result/en") in found


def test_untranslated_text_is_left_to_i18n_missing(write, check_files):
    path = write("sample.yml", procedure("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                                         "result: {vi: Bản sao có chứng thực}"))
    codes = {i.code for i in check_files(path)}
    assert "i18n.missing" in codes and not codes & GLOSSARY_CODES


def test_forms_are_checked_too(write, check_files):
    text = form_yaml().replace("label: {vi: Số định danh, en: ID number, zh: 身份号码}",
                               "label: {vi: Số định danh cá nhân, en: Personal ID number, zh: 个人身份号码}")
    path = write("forms/sample.yml", text)
    [issue] = [i for i in check_files(path) if i.code in GLOSSARY_CODES]
    assert issue.pointer.endswith("/label/zh") and "个人识别号码" in issue.message
    assert issue.line == text.split("\n").index(next(x for x in text.split("\n") if "个人身份号码" in x)) + 1


# --- a project's own glossary ------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    """A small project: schemas, settings, taxonomy, portal catalog and a glossary of its own."""
    (tmp_path / "generator").mkdir()
    shutil.copytree(ROOT / "generator" / "schema", tmp_path / "generator" / "schema")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "procedures" / "ho-tich").mkdir(parents=True)
    shutil.copy(ROOT / "procedures" / "taxonomy.yml", tmp_path / "procedures")
    (tmp_path / "i18n").mkdir()
    return tmp_path


def _write_procedure(project: Path, result_zh: str) -> Path:
    path = project / "procedures" / "ho-tich" / "sample.yml"
    text = base_yaml().replace(str(ROOT / "generator" / "schema" / "procedure.schema.json"),
                               "../../generator/schema/procedure.schema.json")
    text = text.replace("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                        f"result: {{vi: Giấy chứng sinh, en: Proof of birth, zh: {result_zh}}}")
    text = text.replace('related: ["1.001193"]\n', "")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_glossary_changes_the_result_even_with_the_cache(project, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    path = _write_procedure(project, "出生证明")
    glossary = project / "i18n" / "glossary.yml"
    glossary.write_text("terms:\n  - {vi: giấy chứng sinh, zh: 出生医学证明}\n", encoding="utf-8")
    first = validate(load_settings(project), [path], TODAY, use_cache=True).issues
    assert glossary_issues(first) == [("i18n.glossary", "warning", "/result/zh")]
    glossary.write_text("terms:\n  - {vi: giấy chứng sinh, zh: 出生证明}\n", encoding="utf-8")
    second = validate(load_settings(project), [path], TODAY, use_cache=True).issues
    assert glossary_issues(second) == []


def test_an_avoided_term_of_no_other_entry_is_refused_only_for_its_own_term(project):
    path = _write_procedure(project, "出生纸")
    (project / "i18n" / "glossary.yml").write_text(
        "terms:\n  - {vi: giấy chứng sinh, zh: 出生医学证明, zh_avoid: [出生纸]}\n", encoding="utf-8")
    issues = validate(load_settings(project), [path], TODAY, use_cache=False).issues
    assert ("i18n.glossary-avoid", "error", "/result/zh") in glossary_issues(issues)
    [avoid] = [i for i in issues if i.code == "i18n.glossary-avoid"]
    assert "出生医学证明" in avoid.hint


def test_a_broken_glossary_is_reported_where_it_is_wrong(project):
    (project / "i18n" / "glossary.yml").write_text("terms:\n  - {vi: chứng thực, zhh: 认证}\n", encoding="utf-8")
    issues = validate(load_settings(project), [project / "procedures"], TODAY, use_cache=False).issues
    [issue] = [i for i in issues if i.file.endswith("glossary.yml")]
    assert (issue.code, issue.line) == ("schema.unknown-key", 2)
    assert "did you mean 'zh'" in issue.hint


def test_no_glossary_means_no_glossary_check(project):
    path = _write_procedure(project, "公证书")
    issues = validate(load_settings(project), [path], TODAY, use_cache=False).issues
    assert glossary_issues(issues) == []


# --- old portal addresses -------------------------------------------------------------------

OLD = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc="


def test_old_address_in_source_gets_the_new_address_from_the_catalog(write, check_files):
    text = procedure("  url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample", f"  url: {OLD}1.004194")
    # The file's own code: a link naming another procedure's code gets that said (test_editor_review.py).
    path = write("sample.yml", text.replace('code: "9.000001"', 'code: "1.004194"', 1))
    [issue] = [i for i in check_files(path) if i.code == "url.old-portal"]
    assert (issue.severity, issue.pointer) == ("error", "/source/url")
    assert issue.hint == "write https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-770b-734d-b7fb-5e1995f194f4"


def test_old_address_inside_a_text_is_refused(write, check_files):
    path = write("sample.yml", with_result(f'"Xem [trang thủ tục]({OLD}2.000635)"', "See the page", "见页面"))
    [issue] = [i for i in check_files(path) if i.code == "url.old-portal"]
    assert issue.pointer == "/result/vi"
    assert issue.hint.endswith("019d2bfd-867c-72db-b6a7-dcbd8c763807")


def test_old_address_of_an_unknown_code_says_where_to_look(write, check_files):
    path = write("sample.yml", procedure("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                                         f"online_url: {OLD}9.999999"))
    [issue] = [i for i in check_files(path) if i.code == "url.old-portal"]
    assert "catalog.jsonl" in issue.hint and "9.999999" in issue.hint


def test_new_addresses_pass(write, check_files):
    path = write("sample.yml", base_yaml())
    assert [i for i in check_files(path) if i.code == "url.old-portal"] == []


def test_old_address_in_a_form_is_refused(write, check_files):
    text = form_yaml().replace("summary: {vi: Mẫu để kiểm thử.,", f'summary: {{vi: "Mẫu, xem {OLD}1.001193",', 1)
    path = write("forms/sample.yml", text)
    assert [i.pointer for i in check_files(path) if i.code == "url.old-portal"] == ["/summary/vi"]


# --- time-limited fee rules ----------------------------------------------------------------

WAIVER = """      - amount: 0
        condition: {vi: nộp trực tuyến bằng VNeID mức độ 2, en: you apply online, zh: 网上申请}
        valid_from: 2026-08-15
        valid_until: 2027-02-28
        note: {vi: Thông tư 117/2026/TT-BTC., en: Circular 117/2026/TT-BTC., zh: 第117/2026/TT-BTC号通知。}
"""


def _with_waiver() -> str:
    return procedure("      - amount: 0\n", "      - amount: 0\n" + WAIVER)


@pytest.mark.parametrize("today, expired", [(dt.date(2026, 12, 1), False), (dt.date(2027, 2, 28), False),
                                            (dt.date(2027, 3, 1), True)])
def test_a_fee_rule_is_reported_once_its_last_day_has_passed(write, check_files, today, expired):
    path = write("sample.yml", _with_waiver())
    found = [i for i in check_files(path, today=today) if i.code == "fee.expired"]
    assert [(i.severity, i.pointer) for i in found] == (
        [("warning", "/channels/online/fees/1/valid_until")] if expired else [])


def test_fee_dates_in_the_wrong_order_are_an_error_at_the_fee(write, check_files):
    path = write("sample.yml", _with_waiver().replace("valid_from: 2026-08-15", "valid_from: 2027-08-15"))
    [issue] = [i for i in check_files(path) if i.code == "fee.dates"]
    assert (issue.severity, issue.pointer) == ("error", "/channels/online/fees/1")
    assert "swap" in issue.hint


def test_shipped_waivers_have_not_expired():
    issues = validate(load_settings(ROOT), today=TODAY).issues
    assert [i for i in issues if i.code in ("fee.expired", "fee.dates")] == []
