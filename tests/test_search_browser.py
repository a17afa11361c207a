"""Search in real Chromium: forgiving queries, guides first, no hidden text shown, the query in the address."""
from __future__ import annotations

import re
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT

PREFIX = {"vi": "", "en": "en/", "zh": "zh/"}
BIRTH = "thu-tuc/dang-ky-khai-sinh/"
RECORD = "thu-tuc/cap-phieu-ly-lich-tu-phap/"
WORD = re.compile(r"[^\W\d_]+")


def _strings(lang: str) -> dict[str, str]:
    from generator.content.strings import load_strings

    return load_strings(ROOT / "i18n")[0][lang]


def _settle(page) -> str:
    """The status once the search has answered (polled from Python: the page's CSP forbids eval)."""
    status = page.locator(".cg-search__status")
    for _ in range(100):
        text = status.inner_text()
        if text and not text.endswith("…"):
            return text
        page.wait_for_timeout(100)
    raise AssertionError("the search did not answer")


def _search(open_page, lang: str, query: str):
    page = open_page(PREFIX[lang] + "tim-kiem/")
    page.fill("#cg-q", query)
    page.press("#cg-q", "Enter")
    return page, _settle(page)


def _results(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(".cg-search__results li", """els => els.map(e => ({
        href: e.querySelector('a').href, text: e.textContent,
        portal: !!e.querySelector('.cg-list__portal')}))""")


@pytest.fixture(scope="module")
def d_variants():
    """Words of the Vietnamese texts written with d for đ ("Dăng", "dệm", "dã"), which only the hidden
    copy holds; those that are real words somewhere in the texts are left out."""
    from generator.build import load_catalog
    from generator.config import load_settings

    catalog = load_catalog(load_settings(ROOT))
    texts = [t for p in catalog.procedures for t in (p.name.vi, p.summary.vi if p.summary else "")]
    words = {w for t in texts for w in WORD.findall(t)}
    variants = {w.replace("đ", "d").replace("Đ", "D") for w in words if "đ" in w.lower()}
    return variants - words


@pytest.mark.parametrize("query", ["dang ky", "doi ho", "khai sinh", "dang ky khai sinh"])
def test_results_never_show_the_hidden_copy(open_page, site_url, d_variants, query):
    assert {"Dăng", "dệm", "Dổi", "dã"} <= d_variants  # the test knows what it looks for
    page, _ = _search(open_page, "vi", query)
    results = _results(page)
    assert len(results) >= 3
    shown = {w for r in results for w in WORD.findall(r["text"])}
    assert shown & d_variants == set(), [r["text"] for r in results if set(WORD.findall(r["text"])) & d_variants]


def test_the_hidden_copy_still_finds_pages(open_page, site_url):
    page, _ = _search(open_page, "vi", "doi ho")  # "Đổi họ" is written with đ only
    assert site_url + "thu-tuc/thay-doi-cai-chinh-ho-tich/" in [r["href"] for r in _results(page)][:3]


@pytest.mark.parametrize("lang, query, expected", [
    ("vi", "làm giấy khai sinh cho con", BIRTH),
    ("vi", "lam giay khai sinh cho con", BIRTH),
    ("en", "police check", RECORD),
    ("en", "how do I get a police clearance?", RECORD),
    ("zh", "我要办出生证", BIRTH),
    ("zh", "无犯罪记录证明", RECORD),
])
def test_a_natural_phrase_finds_the_procedure(open_page, site_url, lang, query, expected):
    page, _ = _search(open_page, lang, query)
    hrefs = [r["href"] for r in _results(page)]
    assert site_url + PREFIX[lang] + expected in hrefs[:3], hrefs[:5]


def test_guides_rank_before_portal_pages(open_page, site_url):
    page, _ = _search(open_page, "vi", "dang ky khai sinh")
    results = _results(page)
    assert results[0]["href"] == site_url + BIRTH
    kinds = [r["portal"] for r in results]
    assert True in kinds and kinds == sorted(kinds), "portal pages only after every guide"
    portal = next(r for r in results if r["portal"])
    assert _strings("vi")["portal.tag"] in portal["text"]


def test_no_page_with_every_word_shows_pages_with_some(open_page, site_url):
    page, status = _search(open_page, "en", "police wedding")
    assert status.startswith(_strings("en")["search.partial"])
    hrefs = [r["href"] for r in _results(page)]
    assert site_url + "en/" + RECORD in hrefs and site_url + "en/thu-tuc/dang-ky-ket-hon/" in hrefs
    assert page.locator(".cg-search__empty").is_hidden()


@pytest.mark.parametrize("lang", PREFIX)
def test_nothing_found_offers_the_a_z_list_and_the_top_tasks(open_page, site_url, lang):
    home = open_page(PREFIX[lang])
    top = home.eval_on_selector_all("#top + ul.cg-list a", "els => els.map(e => e.href)")
    assert len(top) >= 4
    page, status = _search(open_page, lang, "xyzzy qwerty")
    assert status == _strings(lang)["search.none"]
    empty = page.locator(".cg-search__empty")
    assert empty.is_visible()
    assert empty.get_by_role("link", name=_strings(lang)["home.a_z"]).get_attribute("href")
    links = empty.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert links[0] == site_url + PREFIX[lang] + "a-z/"
    assert links[1:] == top, "the same top tasks as the home page"
    page.fill("#cg-q", "khai sinh")  # a new search hides them again
    page.press("#cg-q", "Enter")
    _settle(page)
    assert empty.is_hidden()


def test_typing_keeps_the_query_in_the_address(open_page, site_url):
    page = open_page("tim-kiem/")
    before = page.evaluate("history.length")
    page.locator("#cg-q").press_sequentially("khai sinh", delay=20)  # typed, not submitted
    for _ in range(50):
        if "q=" in page.url:
            break
        page.wait_for_timeout(100)
    _settle(page)
    assert parse_qs(urlsplit(page.url).query)["q"] == ["khai sinh"]
    first = _results(page)
    assert page.evaluate("history.length") == before, "typing replaces the address, it adds no history"
    page.reload()
    assert page.input_value("#cg-q") == "khai sinh"
    _settle(page)
    assert _results(page) == first
    page.locator(".cg-search__results a").first.click()
    page.wait_for_load_state()
    page.go_back()
    assert page.input_value("#cg-q") == "khai sinh"
    _settle(page)
    assert _results(page) == first
    page.fill("#cg-q", "")
    page.press("#cg-q", "Enter")
    assert "q=" not in page.url


def test_a_shared_link_runs_the_search(open_page, site_url):
    page = open_page("en/tim-kiem/?q=police%20check")
    _settle(page)
    assert page.input_value("#cg-q") == "police check"
    assert _results(page)[0]["href"] == site_url + "en/" + RECORD


def test_the_offline_pack_knows_the_search_words(site_dir, browser, tmp_path):
    """file:// search (offline_pack.search_data) finds a page by its search words, leaving out filler."""
    with zipfile.ZipFile(site_dir / "offline" / "citizen-guide-en.zip") as pack:
        wanted = [n for n in pack.namelist()
                  if "/assets/" in n or n.endswith(("en/tim-kiem/index.html", "en/" + RECORD + "index.html"))]
        pack.extractall(tmp_path, wanted)
    top = tmp_path / "citizen-guide-en"
    page = browser.new_page()
    try:
        page.goto((top / "en" / "tim-kiem" / "index.html").as_uri())
        page.fill("#cg-q", "how do I get a police check")
        page.press("#cg-q", "Enter")
        page.wait_for_selector(".cg-search__results a")
        hrefs = page.eval_on_selector_all(".cg-search__results a", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs[0] == (top / "en" / RECORD / "index.html").as_uri()
    finally:
        page.close()


@pytest.mark.parametrize("lang, query", [("vi", "khai sinh"), ("en", "police wedding"), ("zh", "出生证"),
                                         ("vi", "xyzzy qwerty"), ("en", "xyzzy qwerty"), ("zh", "xyzzy")])
def test_results_and_the_empty_state_have_no_accessibility_violations(open_page, lang, query):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = _search(open_page, lang, query)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values":
                                       ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()
