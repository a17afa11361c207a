"""Portal pages: every commune record is published, as a guide or as the record's own text."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

RECORDS = ROOT / "procedures" / "portal" / "records"
PORTAL = "thu-tuc/dang-ky-khai-sinh-luu-dong/"  # 1.003583: no guide, so a portal page
PORTAL_URL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
LANGS = {"vi": ("", "vi"), "en": ("en/", "en"), "zh": ("zh/", "zh-Hans")}


def _commune_records() -> dict[str, dict]:
    out = {}
    for path in RECORDS.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        if data.get("isWard"):
            out[data["code"]] = data
    return out


def _guide_codes() -> set[str]:
    return {m.group(1) for path in (ROOT / "procedures").glob("*/*.yml")
            if (m := re.search(r'^code:\s*"?([0-9]\.[0-9]{6})', path.read_text(encoding="utf-8"), re.M))}


def test_every_commune_record_is_published_as_a_guide_or_a_portal_page(site_dir):
    rows = json.loads((site_dir / "data" / "procedures.json").read_text(encoding="utf-8"))
    kinds = {row["code"]: row["editorial"] for row in rows}
    records = _commune_records()
    assert len(records) == 228
    assert set(records) <= set(kinds), f"unpublished: {sorted(set(records) - set(kinds))}"
    guides = _guide_codes()
    assert len(guides) >= 30
    for code, kind in kinds.items():
        assert kind == ("guide" if code in guides else "portal"), code
    for row in rows:
        if row["editorial"] == "portal":
            record = records[row["code"]]
            assert row["qr_target"] == row["source_url"] == PORTAL_URL + record["id"]
            assert (site_dir / row["url_vi"] / "index.html").is_file()


def test_indexes_and_a_z_list_both_kinds(site_dir):
    a_z = (site_dir / "a-z" / "index.html").read_text(encoding="utf-8")
    assert 'href="../thu-tuc/dang-ky-khai-sinh/"' in a_z
    assert 'href="../thu-tuc/dang-ky-khai-sinh-luu-dong/"' in a_z
    land = (site_dir / "linh-vuc" / "dat-dai" / "index.html").read_text(encoding="utf-8")
    assert land.count('class="cg-list__summary cg-list__portal"') >= 100
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-cg-count="guide">\d+<', home) and re.search(r'data-cg-count="portal">\d+<', home)


def test_no_output_uses_the_dead_portal_address(site_dir):
    """Pages, data, scripts, print views and every PDF's text: no `ma_thu_tuc=` address anywhere."""
    for path in site_dir.rglob("*"):
        if path.suffix in {".html", ".json", ".txt", ".js", ".csv", ".xml", ".mmd"}:
            assert "ma_thu_tuc" not in path.read_text(encoding="utf-8", errors="replace"), path
    pdfs = sorted((site_dir / "print").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "ma_thu_tuc" not in text, pdf
    rows = json.loads((site_dir / "data" / "procedures.json").read_text(encoding="utf-8"))
    for row in rows:
        assert "ma_thu_tuc" not in row["qr_target"]


def test_print_products_only_where_the_record_is_complete(site_dir):
    rows = {r["code"]: r for r in json.loads((site_dir / "data" / "procedures.json").read_text("utf-8"))}
    assert rows["1.003583"]["print_products"] == ""  # fees given as 0 with no word: not printed
    printed = rows["1.013316"]["print_products"].split()
    assert printed and all(p.endswith("-vi.pdf") or "-poster-" in p and p.endswith("-vi.pdf") for p in printed)
    guide = rows["1.001193"]["print_products"].split()
    assert any(p.endswith("-vi-zh.pdf") for p in guide) and any(p.endswith(".txt") for p in guide)


@pytest.mark.parametrize("lang", LANGS)
def test_portal_page_in_the_browser(open_page, lang):
    prefix, html_lang = LANGS[lang]
    page = open_page(prefix + PORTAL)
    assert page.evaluate("document.documentElement.lang") == html_lang
    notice = page.locator(".cg-portal-notice")
    expected = {"vi": "Nguyên văn từ Cổng", "en": "official text", "zh": "原文"}[lang]
    assert expected in notice.inner_text()
    assert ("8/4/2026" if lang == "vi" else "2026") in notice.inner_text()  # the record's publication date
    official = notice.locator("a").get_attribute("href")
    record = json.loads((RECORDS / "1.003583.json").read_text(encoding="utf-8"))["data"]
    assert official == PORTAL_URL + record["id"]
    assert page.locator("h1").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh lưu động"
    # The interface speaks the page's language; the record's text is marked Vietnamese.
    heading = {"vi": "Giấy tờ cần mang", "en": "Documents to bring", "zh": "要带的材料"}[lang]
    assert heading in page.locator("h2").all_inner_texts()
    assert page.locator(".cg-documents").get_attribute("lang") == "vi"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_portal_page_has_no_accessibility_violations(open_page):
    from axe_playwright_python.sync_playwright import Axe

    for lang in ("vi", "zh"):
        page = open_page(LANGS[lang][0] + PORTAL)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values":
                                           ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        assert results.violations_count == 0, results.generate_report()


def test_search_finds_a_portal_page(open_page, site_url):
    page = open_page("tim-kiem/")
    page.fill("#cg-q", "khai sinh lưu động")
    page.press("#cg-q", "Enter")
    page.wait_for_selector(".cg-search__results a")
    hrefs = page.eval_on_selector_all(".cg-search__results a", "els => els.map(e => e.href)")
    assert site_url + PORTAL in hrefs[:3]


def test_a_record_that_cannot_become_a_page_is_a_positioned_error_not_a_traceback(monkeypatch):
    from generator.upstream import portal_pages
    from generator.content.model import Taxonomy
    import yaml

    records, issues = portal_pages.read_records(ROOT / "procedures" / "portal")
    assert issues == []
    real = portal_pages.map_record

    def broken(record, fields, today=None):
        mapped = real(record, fields, today)
        mapped.data["channels"] = {}  # a page needs at least one way to apply
        return mapped

    monkeypatch.setattr(portal_pages, "map_record", broken)
    taxonomy = Taxonomy.model_validate(yaml.safe_load((ROOT / "procedures" / "taxonomy.yml").read_text("utf-8")),
                                       strict=False)
    one = {"1.003583": records["1.003583"]}
    pages, info, problems = portal_pages.portal_procedures(one, ROOT / "procedures" / "portal", [],
                                                           taxonomy.fields, {})
    assert pages == [] and info == {}
    assert [(i.code, i.file, i.pointer) for i in problems] == [
        ("portal.map", "procedures/portal/records/1.003583.json", "/channels")]


def test_a_provinces_own_procedure_says_where_it_applies(site_dir):
    """165 commune records are one province's own version (type SPECIFIC): the page and lists say which."""
    rows = json.loads((site_dir / "data" / "procedures.json").read_text(encoding="utf-8"))
    records = _commune_records()
    own = [r for r in rows if r["editorial"] == "portal" and records[r["code"]]["type"] == "SPECIFIC"]
    assert len(own) >= 150 and all(r["province_only"] for r in own)
    national = [r for r in rows if r["editorial"] == "portal" and records[r["code"]]["type"] != "SPECIFIC"]
    assert national and not any(r["province_only"] for r in national)
    thanh_hoa = next(r for r in own if r["province_only"] == "38")
    assert thanh_hoa["slug"].endswith("-thanh-hoa")
    for lang, words in (("vi", "Riêng Tỉnh Thanh Hoá"), ("en", "Thanh Hoa Province only"), ("zh", "仅限清化省")):
        page = (site_dir / thanh_hoa[f"url_{lang}"] / "index.html").read_text(encoding="utf-8")
        assert words in page, lang
        field = (site_dir / (("" if lang == "vi" else lang + "/") + "linh-vuc/dat-dai/index.html")).read_text("utf-8")
        assert words in field
