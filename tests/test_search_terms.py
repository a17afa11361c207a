"""The search words file (i18n/search-synonyms.yml): the shipped one, and what an editor's mistakes give."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from generator.content.search_terms import SYNONYMS_FILE, load_search_terms
from generator.site.pages import search_alias


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "i18n").mkdir()
    (tmp_path / SYNONYMS_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_shipped_file_is_clean_and_names_only_published_procedures():
    from generator.build import load_catalog
    from generator.config import load_settings

    catalog = load_catalog(load_settings(ROOT))
    terms, issues = load_search_terms(ROOT, set(catalog.by_code))
    assert issues == []
    assert "police check" in terms.terms("3.000333", "en")
    assert "giấy khai sinh" in terms.terms("1.001193", "vi")
    assert "出生证" in terms.terms("1.001193", "zh")
    assert "làm" in terms.fillers("vi") and "how do i" in terms.fillers("en") and "怎么" in terms.fillers("zh")
    # Every guide has words in every language: a guide without any is easy to miss.
    for p in catalog.guides:
        assert all(terms.terms(p.code, lang) for lang in ("vi", "en", "zh")), p.code


def test_no_file_means_no_words(tmp_path):
    terms, issues = load_search_terms(tmp_path)
    assert issues == [] and terms.terms("1.001193", "vi") == () and terms.fillers("vi") == ()


def test_wrong_shapes_are_positioned(tmp_path):
    root = _project(tmp_path, """\
filler:
  vi: làm
procedures:
  1.004220:
    vi: [x]
  "1.001193":
    fr: [naissance]
    en:
      - birth certificate
      - ""
kind: guide
""")
    terms, issues = load_search_terms(root, {"1.001193", "1.004220"})
    found = {(i.code, i.line, i.column, i.pointer) for i in issues}
    assert ("search.terms", 2, 7, "/filler/vi") in found  # not a list
    assert not any(i.line in (4, 5) for i in issues)  # a code is read as written, even unquoted
    assert ("search.terms", 7, 5, "/procedures/1.001193/fr") in found
    assert ("search.terms", 10, 9, "/procedures/1.001193/en/1") in found
    assert ("search.terms", 11, 1, "/kind") in found
    assert all(i.severity == "error" for i in issues)
    assert terms.terms("1.001193", "en") == ("birth certificate",)  # what is right is still read
    assert terms.terms("1.004220", "vi") == ("x",)


def test_an_unknown_code_is_a_warning(tmp_path):
    root = _project(tmp_path, 'procedures:\n  "9.999999":\n    vi: [chữ]\n')
    _, issues = load_search_terms(root, {"1.001193"})
    [issue] = issues
    assert (issue.code, issue.severity, issue.line, issue.column) == ("search.unknown-code", "warning", 2, 3)
    assert "9.999999" in issue.message and "9.999999" in issue.message_vi


def test_guide_check_reports_the_file(tmp_path):
    from conftest import copy_project
    from generator.build import check
    from generator.config import load_settings

    project = copy_project(tmp_path / "project")
    path = project / SYNONYMS_FILE
    path.write_text(path.read_text(encoding="utf-8") + '  "9.999999":\n    vi: 3\n', encoding="utf-8")
    issues = [i for i in check(load_settings(project)).issues if i.file == SYNONYMS_FILE.as_posix()]
    assert {i.code for i in issues} == {"search.unknown-code", "search.terms"}


def test_the_hidden_alias_holds_what_the_page_does_not_show():
    from generator.build import load_catalog
    from generator.config import load_settings

    catalog = load_catalog(load_settings(ROOT))
    terms, _ = load_search_terms(ROOT)
    birth = catalog.by_code["1.001193"]
    alias, words = search_alias(birth, "vi", terms)
    assert alias.split(". ")[0] == "Dăng ký khai sinh"  # the shown name is indexed already, as it is
    assert "giấy khai sinh" in words.split(". ")
    alias, words = search_alias(birth, "en", terms)
    # Nothing the English page does not show: an edit of the Vietnamese name leaves it as it is.
    assert alias == "" and "birth certificate" in words.split(". ") and "khai sinh" not in words
