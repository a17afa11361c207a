""""Where do I go?": the offices page's province → commune finder, and the office details staff type
on "print for your commune". The rule in Python first, then the built site in real Chromium."""
from __future__ import annotations

import gzip
import re
import subprocess

import pytest

from conftest import MOBILE, ROOT
from generator.content.model import LANGS
from generator.content.strings import Localizer, load_strings
from generator.content.tables import read_tables
from generator.site import routes
from generator.site.office_view import commune_entry, office_view, office_words, place_name
from generator.site.where import communes_data, province_files

PREFIX = {"vi": "", "en": "en/", "zh": "zh/"}
TABLES = read_tables(ROOT / "procedures" / "tables")
STRINGS, _ = load_strings(ROOT / "i18n")
# A real ward with an office row in a province with a hotline (HCMC, 1022), and one without either (Hanoi).
BEN_THANH = {"vi": "Phường Bến Thành", "en": "Phường Bến Thành (Ben Thanh Ward)", "zh": "Phường Bến Thành（滨城坊）"}
GIANG_VO = {"vi": "Phường Giảng Võ", "en": "Phường Giảng Võ (Giang Vo Ward)", "zh": "Phường Giảng Võ"}
TYPED = {"address": "Số 92 Nam Kỳ Khởi Nghĩa", "hours": "Thứ Hai – Thứ Sáu, 7:30–17:00", "phone": "02838293000"}


def _words(lang: str) -> dict:
    return office_words(Localizer(lang, STRINGS), "commune")


# --- the rule -----------------------------------------------------------------------------------

def test_a_place_is_named_in_vietnamese_first():
    assert place_name("Phường Bến Thành", "Ben Thanh Ward", "en") == "Phường Bến Thành (Ben Thanh Ward)"
    assert place_name("Phường Bến Thành", "滨城坊", "zh") == "Phường Bến Thành（滨城坊）"
    assert place_name("Phường Bến Thành", "Ben Thanh Ward", "vi") == "Phường Bến Thành"
    assert place_name("Phường Giảng Võ", None, "zh") == "Phường Giảng Võ", "never a translation alone, nor nothing"
    for lang in LANGS:
        assert commune_entry(TABLES, "26743", lang).name == BEN_THANH[lang]
        assert commune_entry(TABLES, "00025", lang).name == GIANG_VO[lang]


def test_a_province_without_a_hotline_says_where_to_ask_instead():
    assert not TABLES.provinces["01"].get("hotline") and TABLES.provinces["79"]["hotline"] == "1022"
    for lang in LANGS:
        words = _words(lang)
        hanoi = office_view(words, commune_entry(TABLES, "00025", lang), None)
        assert hanoi.hotline == words["no_hotline"] and "một cửa" in hanoi.hotline
        hcmc = office_view(words, commune_entry(TABLES, "26743", lang), "1022")
        assert "1022" in hcmc.hotline
    assert office_view(_words("vi"), None, None).hotline == "", "the general version names no province"


def test_typed_details_win_over_the_table_and_end_the_missing_note():
    words = _words("en")
    entry = commune_entry(TABLES, "26743", "en")
    plain = office_view(words, entry, "1022")
    assert plain.missing and [label for label, _ in plain.rows] == ["Counter"]
    typed = office_view(words, entry, "1022", {"address": " Số 1 ", "hours": "", "phone": "0281234567"})
    assert typed.rows == (("Counter", entry.rows[0][1]), ("Address", "Số 1"), ("Phone", "0281234567"))
    assert not typed.missing
    only_hours = office_view(words, entry, "1022", {"hours": "7:30–17:00"})
    assert only_hours.missing, "hours alone do not tell a resident where to go"
    generic = office_view(words, None, None, TYPED)
    assert [value for _, value in generic.rows] == list(TYPED.values()) and generic.generic


def test_one_province_at_a_time_is_a_small_download():
    for lang in LANGS:
        files = province_files(TABLES, lang)
        assert [route for route, _ in files] == [routes.communes_of(lang, code) for code in sorted(TABLES.provinces)]
        whole = communes_data(TABLES, lang)
        total = 0
        for route, data in files:
            code = route.url.rsplit("/", 1)[1].removesuffix(".json")
            part = communes_data(TABLES, lang, code)
            assert part["communes"][code] == whole["communes"][code], "the same entries as the print view reads"
            total += len(part["communes"][code])
            assert len(gzip.compress(data, 9)) < 4000, (route.url, "a province stays a few kilobytes")
        assert total == len(TABLES.communes) == 3321


# --- the finder in the browser ----------------------------------------------------------------

def _finder(open_page, lang: str, viewport=MOBILE):
    page = open_page(PREFIX[lang] + "xa-phuong/", viewport)
    page.wait_for_selector("[data-cg-finder][data-ready]")
    return page


def _choose(page, province: str, typed: str = "", commune: str = "", shown: bool = True) -> None:
    page.select_option("#cg-where-province", province)
    page.wait_for_selector("#cg-where-filter:enabled")
    if typed:
        page.fill("#cg-where-filter", typed)
    if commune:
        page.select_option("#cg-where-commune", commune)
    if shown:
        page.wait_for_selector("[data-cg-where-result]:not([hidden])")


@pytest.mark.parametrize("lang", LANGS)
def test_province_then_commune_shows_its_vietnamese_name_and_hotline(open_page, site_url, lang):
    page = _finder(open_page, lang)
    loaded = len(page.requests)
    _choose(page, "79", typed="ben thanh")  # no tone marks: one match, chosen at once
    result = page.locator("[data-cg-where-result]")
    assert result.locator("h2").inner_text() == BEN_THANH[lang]
    assert result.locator("a[href='tel:1022']").inner_text() == "1022"
    assert page.input_value("#cg-where-commune") == "26743"
    fetched = [u[len(site_url):] for u in page.requests[loaded:] if "/data/" in u]
    assert fetched == [routes.communes_of(lang, "79").url], "only the province picked, never all 3,321"

    _choose(page, "01", commune="00025")  # Hanoi: no hotline of its own in our table
    text = result.inner_text()
    assert result.locator("h2").inner_text() == GIANG_VO[lang]
    assert _words(lang)["no_hotline"] in text and _words(lang)["missing"] in text
    assert result.locator("a[href^='tel:']").count() == 0

    page.reload()  # the choice is in the address
    page.wait_for_selector("[data-cg-finder][data-ready]")
    assert page.locator("[data-cg-where-result] h2").inner_text() == GIANG_VO[lang]


def test_typing_narrows_the_list_and_says_so(open_page):
    page = _finder(open_page, "en")
    _choose(page, "79", typed="an phu", shown=False)
    assert page.locator("#cg-where-commune option").count() > 2
    assert re.fullmatch(r"\d+ matches", page.inner_text("#cg-where-status"))
    assert page.locator("[data-cg-where-result]").is_hidden(), "several matches: nothing chosen for the resident"
    page.fill("#cg-where-filter", "zzzz")
    assert page.inner_text("#cg-where-status") == STRINGS["en"]["where.none"]


def test_without_javascript_the_page_lists_every_province_and_its_hotline(browser, site_url):
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "en/xa-phuong/")
        assert page.locator("[data-cg-finder]").is_hidden()
        items = page.locator(".cg-provinces > li")
        assert items.count() == len(TABLES.provinces) == 34
        with_hotline = [code for code, row in TABLES.provinces.items() if row.get("hotline")]
        assert page.locator(".cg-provinces a[href='tel:1022']").count() == len(with_hotline)
        assert "Thành phố Hồ Chí Minh (Ho Chi Minh City)" in page.inner_text(".cg-provinces")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_offices_page_never_scrolls_sideways_at_200_percent_zoom(open_page, lang):
    page = _finder(open_page, lang, {"width": 180, "height": 740})
    _choose(page, "79", typed="ben thanh")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], width


@pytest.mark.parametrize("lang", LANGS)
def test_offices_page_has_no_accessibility_violations(open_page, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = _finder(open_page, lang)
    _choose(page, "79", typed="ben thanh")  # the finder's result too, not only the empty form
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values":
                                       ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()


# --- office details typed on "print for your commune" -----------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_typed_office_details_print_and_survive_a_reload(open_page, site_url, tmp_path, lang):
    view = PREFIX[lang] + "in/dang-ky-khai-sinh/?xa=26743"
    page = open_page(view)
    page.wait_for_selector("[data-cg-picker][data-ready]")
    for key, value in TYPED.items():
        page.fill(f"#cg-typed-{key}", value)
    office = page.locator("[data-office]")
    for value in TYPED.values():
        assert value in office.inner_text()
    assert _words(lang)["missing"] not in office.inner_text()

    page.emulate_media(media="print")
    assert page.locator("[data-cg-picker]").is_hidden() and office.is_visible()
    pdf = tmp_path / "view.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    printed = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    for value in TYPED.values():
        assert re.sub(r"\s+", "", value) in printed, value
    page.emulate_media(media="screen")

    page.reload()  # kept in the link, after "#"
    page.wait_for_selector("[data-cg-picker][data-ready]")
    assert page.input_value("#cg-typed-address") == TYPED["address"]
    assert TYPED["phone"] in page.locator("[data-office]").inner_text()

    again = open_page(view, context=page.context)  # the plain link: kept on this device
    again.wait_for_selector("[data-cg-picker][data-ready]")
    assert TYPED["address"] in again.locator("[data-office]").inner_text()
    again.select_option("#cg-commune", "26740")  # another commune: its own details, none yet
    assert again.input_value("#cg-typed-address") == ""
    assert TYPED["address"] not in again.locator("[data-office]").inner_text()

    sent = [u for p in (page, again) for u in p.requests if "02838293000" in u or "Nam" in u]
    assert sent == [], "nothing typed is ever sent"
