"""Procedure pages are their language's shell with the slots filled: the same layout the engine
gives the pages it renders itself, with this page's title, address, contents and body."""
from __future__ import annotations

import re

import pytest

from conftest import DESKTOP

BIRTH = "thu-tuc/dang-ky-khai-sinh/"


@pytest.mark.parametrize("prefix, lang", [("", "vi"), ("en/", "en"), ("zh/", "zh-Hans")])
def test_a_procedure_page_has_its_own_title_address_and_contents(site_dir, prefix, lang):
    html = (site_dir / prefix / BIRTH / "index.html").read_text(encoding="utf-8")
    assert "cgslot-" not in html, "every slot of the shell is filled"
    assert f'<html lang="{lang}"' in html
    h1 = re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)
    assert len(h1) == 1, "the page's own heading, and no other"
    title = re.search(r"<title>(.*?) - ", html).group(1)
    assert title in h1[0]
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
    assert sorted(h for _, h in alternates) == ["en", "vi", "zh-Hans"]
    assert all(href.endswith(BIRTH) or href == "./" for href, _ in alternates), alternates
    menu = re.findall(r'<a href="([^"]+)" hreflang="[^"]+" lang="[^"]+" class="cg-langbar__link"', html)
    assert len(menu) == 3 and all(href.endswith(BIRTH) or href == "./" for href in menu), menu
    # The table of contents lists the page's sections, and "skip to content" goes to the first.
    sections = re.findall(r'<h2 id="([^"]+)"', html)
    contents = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)
    assert contents == sections and len(sections) >= 5
    assert re.search(rf'<a href="#{sections[0]}" class="md-skip">', html)


def test_a_procedure_page_makes_no_failing_request(open_page):
    """Without theme.js the theme asks for sitemap.xml beside each of the three language alternates."""
    page = open_page(BIRTH, DESKTOP)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.reload(wait_until="networkidle")
    assert failed == []
    hreflangs = page.eval_on_selector_all("head link[rel=alternate][hreflang]", "els => els.length")
    assert hreflangs == 3, "the alternates are back in place after the theme's look-up"
