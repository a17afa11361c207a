"""Views: what every output says of a procedure is decided once (generator/site/views.py, office_view.py)."""
from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT, TODAY
from generator.site import routes
from generator.config import load_settings
from generator.content.model import LANGS
from generator.site.office_view import commune_entry, office_view, office_words
from generator.content.strings import Localizer, load_strings
from generator.content.tables import Tables
from generator.site.views import DISPLAY_ORDER, Views, facts

WAIVER_VI = "Miễn phí (khi nộp hồ sơ trực tuyến bằng tài khoản định danh điện tử VNeID mức độ 2, " \
            "áp dụng đến hết ngày 28/2/2027)"


@pytest.fixture(scope="module")
def world():
    from generator.build import load_catalog
    from generator.site.pages import PageRenderer
    from generator.print.print_docs import PrintDocuments
    from generator.print.qr import QRCache

    catalog = load_catalog(load_settings(ROOT), TODAY)
    strings, _ = load_strings(ROOT / "i18n")
    return (catalog, strings, PageRenderer(catalog, strings, ROOT / "templates", QRCache(None)),
            PrintDocuments(catalog, strings, ROOT / "templates", QRCache(None)))


def text_of(markup: str) -> str:
    """What a reader sees: no tags, entities decoded, white space folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).replace(" )", ")")


def test_channels_show_online_first_and_the_facts_keep_the_files_order(world):
    catalog, strings, *_ = world
    birth = catalog.by_code["1.001193"]
    view = Views(catalog, strings).procedure(birth, "en")
    assert [c.name for c in view.channels] == [n for n in DISPLAY_ORDER if n in dict(birth.channels.items())]
    assert [c.name for c in facts(birth).channels] == [n for n, _ in birth.channels.items()]


def test_a_waiver_is_the_standing_fees_time_limited_rule_and_shares_its_exemptions(world):
    catalog, strings, *_ = world
    residence = catalog.by_code["1.004222"]
    online = facts(residence).channel("online")
    assert online is not None and online.standing.amount == 10000
    assert [f.amount for f in online.limited] == [0] and online.others == ()
    view = Views(catalog, strings).procedure(residence, "vi")
    assert len(view.shared_exemptions) == 7, "one list for every paying fee: shown once"
    assert all(not fee.exemptions for ch in view.channels for fee in ch.fees)
    assert WAIVER_VI in [fee.line for ch in view.channels for fee in ch.fees]


def test_different_exemptions_stay_with_their_fee():
    from generator.content.model import Fee, Text

    poor, old = Text(vi="Hộ nghèo"), Text(vi="Người cao tuổi")
    fees = [Fee(amount=8000, exemptions=[poor]), Fee(amount=2000, exemptions=[old]), Fee(amount=0)]
    from generator.site.views import shared_exemptions

    assert shared_exemptions(fees) == ()
    assert shared_exemptions(fees[:1] + fees[2:]) == (poor,), "a free rule asks nobody for an exemption"
    assert shared_exemptions([Fee(amount=0, exemptions=[poor]), Fee(amount=8000)]) == ()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_and_the_handout_word_every_fee_and_time_the_same(world, lang):
    catalog, _, pages, docs = world
    from generator.print.print_docs import Commune

    for p in catalog.printed:
        if p.code in catalog.portal and lang != "vi":
            continue
        view = pages.view(p, lang)
        page = text_of(pages.procedure(p, lang).html)
        sheet = text_of(docs.handout(p, (lang,), Commune.generic()))
        for ch in view.channels:
            assert ch.time.text in page and ch.time.line in sheet, (p.slug, ch.name)
            for fee in ch.fees:
                assert fee.line in page, (p.slug, lang, fee.line)
                assert fee.print_line in sheet, (p.slug, lang, fee.print_line)
    residence = catalog.by_code["1.004222"]
    if lang == "vi":  # the time-limited waiver, word for word on both
        assert WAIVER_VI in text_of(pages.procedure(residence, "vi").html)
        assert WAIVER_VI in text_of(docs.handout(residence, ("vi",), Commune.generic()))


def test_a_portal_page_keeps_the_records_wording(world):
    catalog, strings, pages, _ = world
    p = next(p for p in catalog.procedures if p.code in catalog.portal)
    view = Views(catalog, strings).procedure(p, "en")
    assert view.portal is not None and view.title == p.name.vi
    assert all(c.time.unknown == Localizer("en", strings).t("portal.time_see_note") for c in view.channels)
    page = pages.procedure(p, "en")
    assert page.toc and page.title == p.name.vi and page.route == routes.procedure(p.slug, "en")


def test_print_links_name_only_products_that_exist(world):
    catalog, strings, *_ = world
    birth = catalog.by_code["1.001193"]
    made = [routes.handout(birth.slug, ("vi",)), routes.handout(birth.slug, ("vi", "zh")),
            routes.script(birth.slug, "short")]
    prints = Views(catalog, strings, {birth.slug: made}).procedure(birth, "vi").prints
    assert [link.route for link in prints] == [*made, routes.print_view(birth.slug, "vi")]
    assert [link.download for link in prints] == [True, True, True, False]
    assert Views(catalog, strings).procedure(birth, "vi").prints == (), "no print run, no print links"
    en = Views(catalog, strings, {birth.slug: made}).procedure(birth, "en").prints
    assert [link.route for link in en] == [made[2], routes.print_view(birth.slug, "en")], \
        "an English page offers the Vietnamese script, not the Vietnamese-Chinese handout"


def test_json_ld_says_each_channels_time(world):
    catalog, strings, *_ = world
    view = Views(catalog, strings, site_url="https://example.gov.vn/guide").procedure(catalog.by_code["1.004222"], "vi")
    data = view.jsonld()
    assert data["url"] == "https://example.gov.vn/guide/thu-tuc/dang-ky-thuong-tru/"
    assert {c["name"]: c["processingTime"] for c in data["availableChannel"]} == \
        {"Trực tuyến": "P7D", "Trực tiếp": "P7D"}


# --- the office block ---------------------------------------------------------------------

def _office(tables: Tables, code: str | None, lang: str, level: str = "commune"):
    strings, _ = load_strings(ROOT / "i18n")
    entry = commune_entry(tables, code, lang) if code else None
    hotline = (tables.provinces.get(entry.province) or {}).get("hotline") if entry else None
    return office_view(office_words(Localizer(lang, strings), level), entry, hotline or None)


def test_a_commune_without_an_office_row_gets_its_name_and_the_generic_help(world):
    tables = world[0].tables
    assert "00025" not in tables.offices
    vi, en, zh = (_office(tables, "00025", lang) for lang in LANGS)
    # the Vietnamese name always, with its translation where there is one (communes have no Chinese name)
    assert (vi.name, en.name, zh.name) == ("Phường Giảng Võ", "Phường Giảng Võ (Giang Vo Ward)", "Phường Giảng Võ")
    for view in (vi, en, zh):
        assert view.rows == () and view.generic and view.missing and view.volunteers


def test_an_office_row_without_an_address_shows_what_it_has_and_says_the_rest_is_missing(world):
    tables = world[0].tables
    row = tables.offices["00004"]
    assert row["counter_vi"] and not row["address_vi"] and not row["phone"]
    zh = _office(tables, "00004", "zh")
    assert zh.name == f"{row['name_vi']}（{row['name_zh']}）" and zh.rows == (("受理地点", row["counter_zh"]),)
    assert zh.missing and not zh.generic


def test_a_full_office_row_prints_every_detail_in_order(world):
    tables = world[0].tables
    row = {**tables.offices["00004"], "address_vi": "Số 1", "phone": "0241234567", "hours_vi": "7:30–17:00"}
    full = Tables(tables.communes, tables.provinces, {"00004": row})
    en = _office(full, "00004", "en")
    assert [label for label, _ in en.rows] == ["Counter", "Address", "Opening hours", "Phone"]
    assert en.rows[1][1] == "Số 1", "a detail not yet translated is shown in Vietnamese"
    assert not en.missing and not en.generic


def test_the_generic_block_names_no_commune(world):
    view = _office(world[0].tables, None, "vi", level="province")
    assert view.name == "" and view.rows == () and view.generic and not view.missing and not view.hotline
    assert view.heading != _office(world[0].tables, None, "vi").heading  # "help in your commune"
