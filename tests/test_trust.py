"""What tells a reader whom to trust, in real Chromium: the footer on every kind of page, the 404 page,
the language bar, back to top, the site's title at 360 and 180 px, the offline pack's size, the Chinese
A–Z order, and no failed request on a page load. Uses the session's built site (tests/conftest.py)."""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile

import pytest

from conftest import MOBILE, ROOT
from generator.content.model import LANGS
from generator.content.strings import HTML_LANG, Localizer, load_strings
from generator.site import pack_size, routes
from generator.site.views import sort_key

STRINGS, _ = load_strings(ROOT / "i18n")
NARROW = {"width": 180, "height": 740}  # a 360 px phone at 200 % zoom
BIRTH = "dang-ky-khai-sinh"
NAMES = ["Tiếng Việt", "English", "中文"]


def _portal_slug(site_dir) -> str:
    rows = json.loads((site_dir / routes.data("procedures.json").file).read_text(encoding="utf-8"))
    return next(r["slug"] for r in rows if r["editorial"] == "portal")


def _every_kind(site_dir, lang: str) -> dict[str, str]:
    """One page of each kind in a language, by the address routes.py gives it."""
    return {
        "home": routes.page("home", lang).url,
        "guide": routes.procedure(BIRTH, lang).url,
        "portal page": routes.procedure(_portal_slug(site_dir), lang).url,
        "life events": routes.page("life_events", lang).url,
        "life event": routes.page("life_event", lang, "birth").url,
        "fields": routes.page("fields", lang).url,
        "field": routes.page("field", lang, "ho-tich").url,
        "levels": routes.page("levels", lang).url,
        "a-z": routes.page("a_z", lang).url,
        "search": routes.page("search", lang).url,
        "offices": routes.page("offices", lang).url,
        "about": routes.page("about", lang).url,
        "print view": routes.print_view(BIRTH, lang).url,
        **({"404": routes.page("not_found", lang).url} if lang == routes.DEFAULT_LANG else {}),
    }


@pytest.fixture
def load(browser, site_url):
    """Open a page in a fresh context, recording failed requests from the first one on."""
    contexts = []

    def go(path: str, viewport=MOBILE):
        ctx = browser.new_context(viewport=viewport, service_workers="block")
        contexts.append(ctx)
        page = ctx.new_page()
        page.failed, page.asked = [], []
        page.on("request", lambda r: page.asked.append(r.url))
        page.on("response", lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: page.failed.append(f"failed {r.url}"))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    yield go
    for ctx in contexts:
        ctx.close()


def _built_on() -> set[dt.date]:
    """The footer's date: SOURCE_DATE_EPOCH's day when set, else the build day (today, or yesterday
    if the session's build ran before midnight)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return {dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()}
    today = dt.date.today()
    return {today, today - dt.timedelta(days=1)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_page_has_the_footer_in_its_language(load, site_dir, site_url, lang):
    s = STRINGS[lang]
    about = site_url + routes.page("about", lang).url
    for kind, path in _every_kind(site_dir, lang).items():
        page = load(path)
        expected_lang = HTML_LANG[lang]
        assert page.get_attribute("html", "lang") == expected_lang, kind
        footer = page.locator("footer.cg-footer")
        assert footer.count() == 1 and footer.is_visible(), kind
        text = footer.inner_text()
        # Who publishes it, that it is not the official portal (and which is), privacy, the last update.
        for key in ("footer.publisher", "footer.not_official", "footer.privacy", "footer.updated"):
            assert s[key] in text, (kind, key)
        assert "citizen-guide" in text
        assert footer.get_by_role("link", name="dichvucong.gov.vn").get_attribute("href") == "https://dichvucong.gov.vn/"
        feedback = footer.get_by_role("link", name=s["footer.feedback"])
        assert feedback.evaluate("a => a.href") == about + "#gop-y", kind
        assert footer.get_by_role("link", name=s["footer.about"]).evaluate("a => a.href") == about, kind
        when = dt.date.fromisoformat(footer.locator("time").get_attribute("datetime"))
        assert when in _built_on()
        assert footer.locator("time").inner_text() == Localizer(lang, STRINGS).date(when)
    # The feedback link leads to a feedback section that says what to do (no made-up address).
    page.goto(about + "#gop-y")
    section = page.locator("#gop-y")
    assert section.is_visible() and section.inner_text() == s["about.feedback_title"]
    assert s["about.feedback_none"] in page.locator(".cg-about").inner_text()


def test_the_404_page_speaks_three_languages_from_any_address(load, browser, site_dir, site_url):
    """A host shows 404.html at the missing address itself, at any depth: it must still find its styles
    and lead to the three home pages, search and A–Z, and never to a procedure."""
    missing = site_url + "en/thu-tuc/khong-co-trang-nay/"
    body = (site_dir / "404.html").read_bytes()
    ctx = browser.new_context(viewport=MOBILE, service_workers="block")
    try:
        page = ctx.new_page()
        page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != missing else None)
        page.goto(missing, wait_until="networkidle")
        assert failed == []
        assert page.get_attribute("html", "lang") == "vi"
        assert page.locator("h1").inner_text() == STRINGS["vi"]["not_found.title"]
        text = page.locator("article").inner_text()
        for lang in LANGS:
            assert STRINGS[lang]["not_found.title"] in text and STRINGS[lang]["not_found.text"] in text
        links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
        wanted = {site_url + routes.page(kind, lang).url for kind in ("home", "search", "a_z") for lang in LANGS}
        assert wanted <= set(page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)"))
        assert not [link for link in links if f"/{routes.PROCEDURE_DIR}/" in link], "no link to a procedure"
        bar = page.eval_on_selector_all(".cg-langbar a", "els => els.map(e => e.href)")
        assert bar == [site_url + routes.page("home", lang).url for lang in LANGS]
        assert page.locator("footer.cg-footer").is_visible()
        page.locator("article").get_by_role("link", name=STRINGS["en"]["nav.search"]).click()
        page.wait_for_load_state()
        assert page.url == site_url + routes.page("search", "en").url
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_load_makes_no_failed_request(load, site_dir, lang):
    """The theme looks for sitemap.xml beside every language alternate unless theme.js stops it."""
    for kind, path in _every_kind(site_dir, lang).items():
        page = load(path)
        assert page.failed == [], (kind, page.failed)
        assert not [u for u in page.asked if "sitemap" in u], kind


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_bar_names_every_language_in_words(load, site_url, lang):
    for path in (routes.page("home", lang).url, routes.procedure(BIRTH, lang).url):
        page = load(path)
        bar = page.get_by_role("navigation", name=STRINGS[lang]["lang.menu"])
        links = bar.get_by_role("link")
        assert links.all_inner_texts() == NAMES
        assert all(link.is_visible() for link in links.all()), "visible without opening a menu"
        assert [link.get_attribute("lang") for link in links.all()] == [HTML_LANG[other] for other in LANGS]
        assert bar.locator("[aria-current]").inner_text() == NAMES[LANGS.index(lang)]
        hrefs = [link.evaluate("a => a.href") for link in links.all()]
        kind, key = ("home", "") if path == routes.page("home", lang).url else ("procedure", BIRTH)
        assert hrefs == [site_url + routes.page(kind, other, key).url for other in LANGS]
        assert all(not link.get_attribute("href").startswith("/") for link in links.all()), "relative: works offline"


@pytest.mark.parametrize("viewport", [MOBILE, NARROW], ids=["360", "180"])
@pytest.mark.parametrize("lang", LANGS)
def test_back_to_top_says_so_and_covers_no_text(load, lang, viewport):
    page = load(routes.procedure(BIRTH, lang).url, viewport)
    button = page.locator("[data-md-component=top]")
    assert not button.is_visible()
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)
    page.mouse.wheel(0, -300)  # the theme shows it when the reader scrolls back up
    for _ in range(20):
        if button.is_visible():
            break
        page.wait_for_timeout(100)
    assert button.is_visible()
    assert button.inner_text().strip() == STRINGS[lang]["top.label"]
    assert "Trở lại mục lục" not in page.content()
    header = page.locator(".md-header").bounding_box()
    box = button.bounding_box()
    assert box["y"] >= header["y"] - 1 and box["y"] + box["height"] <= header["y"] + header["height"] + 1, \
        "inside the header, over none of the page's text"
    page.wait_for_timeout(400)
    assert button.bounding_box() == box, "showing it moves nothing (a moved header would hide it again)"
    button.click()
    for _ in range(20):
        if page.evaluate("window.scrollY") == 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") == 0


@pytest.mark.parametrize("viewport", [MOBILE, NARROW], ids=["360", "180"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_site_title_is_read_whole_and_nothing_scrolls_sideways(load, lang, viewport):
    for kind in ("home", "a_z", "search"):
        page = load(routes.page(kind, lang).url, viewport)
        title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert title.inner_text().strip() == STRINGS[lang]["site.title"]
        # Whole: nothing past its box (Chinese glyphs may rise a pixel or two above a line) and no "…".
        shown = title.evaluate("e => [e.scrollWidth <= e.clientWidth + 1, e.scrollHeight <= e.clientHeight + 4,"
                               " getComputedStyle(e).textOverflow]")
        assert shown[:2] == [True, True] and shown[2] != "ellipsis", (kind, shown)
        right = title.evaluate("e => e.getBoundingClientRect().right")
        assert right <= viewport["width"], kind
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (kind, width)


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_gives_the_size_of_its_offline_pack(load, site_dir, site_url, lang):
    pack = site_dir / routes.offline_pack(lang).file
    page = load(routes.page("home", lang).url)
    link = page.locator(".cg-offline a")
    assert link.evaluate("a => a.href") == site_url + routes.offline_pack(lang).url
    size = pack_size.size_text(pack.stat().st_size, lang)
    assert link.inner_text().endswith(STRINGS[lang]["home.offline_size"].format(size=size))
    # The pack holds the home page as the pages stage made it: it cannot know its own size.
    with zipfile.ZipFile(pack) as z:
        home = z.read(routes.pack_folder(lang) + routes.page("home", lang).file).decode("utf-8")
    assert pack_size.SLOT in home


def test_the_chinese_a_z_says_it_follows_the_vietnamese_order(load):
    page = load(routes.page("a_z", "zh").url)
    assert STRINGS["zh"]["index.a_z_order"] in page.locator(".cg-page").inner_text()
    for listing in page.locator(".cg-list").all():
        names = listing.locator("li").evaluate_all(
            "lis => lis.map(li => (li.querySelector('.cg-list__vi') || li.querySelector('.cg-list__name [lang=vi]')"
            " || li.querySelector('.cg-list__name')).innerText)")  # the Vietnamese name, shown beside or instead
        assert names == sorted(names, key=sort_key) and len(names) > 1


@pytest.mark.parametrize("path", ["gioi-thieu/", "en/gioi-thieu/", "zh/gioi-thieu/", "404.html"])
def test_no_accessibility_violations_on_the_new_pages(load, path):
    from axe_playwright_python.sync_playwright import Axe

    page = load(path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values":
                                       ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_no_accessibility_violations_with_back_to_top_shown(load):
    from axe_playwright_python.sync_playwright import Axe

    page = load(routes.procedure(BIRTH, "vi").url)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(600)
    assert page.locator("[data-md-component=top]").is_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values":
                                       ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()


# --- without a browser -----------------------------------------------------------------------


def test_pack_sizes_are_written_as_phones_count_them():
    assert pack_size.size_text(8_668_561, "vi") == "8,7\u00a0MB"
    assert pack_size.size_text(20_751_350, "zh") == "20.8\u00a0MB"
    assert pack_size.size_text(950_000, "en") == "950.0\u00a0kB"


def test_the_build_date_follows_source_date_epoch(monkeypatch):
    from generator.site.footer import build_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    assert build_date() == dt.date(2025, 11, 24)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.date.today()


def test_a_feedback_address_must_be_https_and_replaces_the_section_link():
    from generator.site.footer import Footer

    with pytest.raises(ValueError):
        Footer(ROOT / "templates", STRINGS, dt.date(2026, 1, 1), "mailto:someone@example.org")
    footer = Footer(ROOT / "templates", STRINGS, dt.date(2026, 1, 1), "https://example.org/feedback")
    html = footer.html("en", "../..")
    assert 'href="https://example.org/feedback"' in html and 'href="../../en/gioi-thieu/"' in html
    assert "1 January 2026" in html


def test_the_sitemap_leaves_out_the_404_page():
    from generator.site.engine import Engine

    sitemap = Engine(ROOT, STRINGS, "https://example.org/").sitemap([("not_found", ""), ("about", "")])
    assert sitemap is not None and "404.html" not in sitemap
    assert "https://example.org/en/gioi-thieu/" in sitemap
