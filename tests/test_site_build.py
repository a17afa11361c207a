"""The built site as files: languages, structured data, open data, no outside requests, safe failure."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, tree_digest
from generator.site import routes
from generator.build import STAGES, ContentError, build
from generator.config import load_settings
from generator.content.model import LANGS

LANG_OF = {"en": "en", "zh": "zh-Hans"}


def _lang_folder(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANG_OF else "vi"


def test_every_page_has_its_language_and_alternates(site_dir):
    pages = [p for p in site_dir.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        expected = LANG_OF.get(_lang_folder(site_dir, page), "vi")
        assert f'<html lang="{expected}"' in html, page
        assert sorted(re.findall(r'<link rel="alternate" href="[^"]+" hreflang="([^"]+)">', html)) == \
            ["en", "vi", "zh-Hans"], page


def test_procedure_pages_embed_government_service_json_ld(site_dir):
    html = (site_dir / "zh/thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    data = json.loads(block)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "出生登记" and data["identifier"] == "1.001193"
    assert data["inLanguage"] == "zh-Hans"
    online = [c for c in data["availableChannel"] if "serviceUrl" in c]
    assert online[0]["serviceUrl"].startswith("https://dichvucong.gov.vn/")


def _forms_filled(code: str) -> set[str]:
    """The forms a shipped procedure's documents point to (fill_in), read from its YAML."""
    import yaml

    for path in (ROOT / "procedures").glob("*/*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and str(data.get("code")) == code:
            return {d["fill_in"] for g in data.get("dossier") or [] for d in g.get("documents") or [] if d.get("fill_in")}
    return set()


def test_open_data_package_is_valid_and_complete(site_dir):
    from frictionless import Package

    package = site_dir / "data" / "datapackage.json"
    report = Package(str(package)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = json.loads((site_dir / "data" / "procedures.json").read_text(encoding="utf-8"))
    assert len(rows) >= 12
    birth = next(r for r in rows if r["code"] == "1.001193")
    assert birth["qr_target"] == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    for lang in ("vi", "en", "zh"):
        assert (site_dir / birth[f"url_{lang}"] / "index.html").is_file()
    assert birth["name_zh"] == "出生登记"
    forms = {f["slug"]: f for f in json.loads((site_dir / "data" / "forms.json").read_text(encoding="utf-8"))}
    fill_in = {r["code"] for r in rows if "to-khai-dang-ky-khai-sinh" in _forms_filled(r["code"])}
    assert forms["to-khai-dang-ky-khai-sinh"]["used_by"][0] == "1.001193"
    assert set(forms["to-khai-dang-ky-khai-sinh"]["used_by"]) == fill_in
    assert "1.004222" in forms["ct01"]["used_by"]
    assert forms["ct01"]["sections"][0]["fields"][0]["label"]["zh"]


def test_nothing_is_fetched_from_outside(site_dir):
    bad = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg\.com|jsdelivr|googletagmanager|analytics")
    remote_asset = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for path in site_dir.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            assert not remote_asset.search(text), path
            assert not bad.search(text), path
        elif "pagefind" not in path.parts and "javascripts" not in path.parts:
            assert not bad.search(text), path


def test_procedure_pages_do_not_embed_the_catalog(site_dir):
    """Pages link to index pages, not to every procedure: output stays linear in the catalog."""
    html = (site_dir / "thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./([a-z0-9-]+)/"', html))
    assert linked <= {"dang-ky-thuong-tru"}  # its one related procedure


def test_untranslated_text_shows_vietnamese_with_a_notice(tmp_path):
    from generator.build import load_catalog
    from generator.content.catalog import Catalog
    from generator.content.model import Text
    from generator.site.pages import PageRenderer
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    catalog = load_catalog(load_settings(ROOT))
    birth = catalog.by_code["1.001193"]
    draft = birth.model_copy(update={"summary": Text(vi="Tóm tắt chưa dịch.")})
    catalog = Catalog.create([draft if p is birth else p for p in catalog.procedures],
                             catalog.taxonomy, catalog.tables)
    strings, _ = load_strings(ROOT / "i18n")
    page = PageRenderer(catalog, strings, ROOT / "templates", QRCache(None)).procedure(draft, "en")
    assert '<span lang="vi">Tóm tắt chưa dịch.</span> <span class="cg-untranslated">(not yet translated)</span>' \
        in page.html


@pytest.fixture
def project(tmp_path):
    """A throwaway copy of the project, so tests can break its content."""
    root = tmp_path / "project"
    copy_project(root)
    return root


_digest = tree_digest


def test_invalid_content_stops_the_build_and_keeps_the_old_site(project):
    settings = load_settings(project)
    build(settings)
    again = build(settings)
    assert again.qr_made == 0, "QR codes are cached by a hash of their inputs"
    assert again.pdf_rendered == 0 and again.pdf_cached > 100, "so are PDFs"
    before = _digest(project / "site")
    birth = project / "procedures/ho-tich/dang-ky-khai-sinh.yml"
    birth.write_text(birth.read_text(encoding="utf-8").replace("level: commune", "level: district"),
                     encoding="utf-8")
    with pytest.raises(ContentError) as failure:
        build(settings)
    assert [i.code for i in failure.value.validation.errors] == ["schema.enum"]
    assert _digest(project / "site") == before


def test_a_late_failure_keeps_the_old_site(project, monkeypatch):
    settings = load_settings(project)
    build(settings, with_print=False)
    before = _digest(project / "site")

    def broken(inputs, tree):
        raise RuntimeError("search indexer crashed")

    monkeypatch.setattr(next(s for s in STAGES if s.name == "search"), "write", broken)
    with pytest.raises(RuntimeError):
        build(settings, with_print=False)
    assert _digest(project / "site") == before
    assert not list(project.glob(".guide-build-*")), "the temporary folder is cleaned up"


def test_procedure_pages_link_their_print_products(site_dir):
    html = (site_dir / "zh/thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./\.\./\.\./print/[^"]+)"', html)
    names = sorted(Path(link).name for link in links)
    assert names == ["dang-ky-khai-sinh-loa-dai.txt", "dang-ky-khai-sinh-loa-ngan.txt",
                     "dang-ky-khai-sinh-poster-a3-zh.pdf", "dang-ky-khai-sinh-poster-a4-zh.pdf",
                     "dang-ky-khai-sinh-vi-zh.pdf", "dang-ky-khai-sinh-zh.pdf"]
    page = site_dir / "zh/thu-tuc/dang-ky-khai-sinh"
    for link in links:
        assert (page / link).resolve().is_file(), link
    assert 'href="../../in/dang-ky-khai-sinh/"' in html
    rows = json.loads((site_dir / "data" / "procedures.json").read_text(encoding="utf-8"))
    birth = next(r for r in rows if r["slug"] == "dang-ky-khai-sinh")
    assert "print/dang-ky-khai-sinh/dang-ky-khai-sinh-vi.pdf" in birth["print_products"].split()


def test_print_views_are_not_pre_rendered_per_commune(site_dir):
    rows = json.loads((site_dir / routes.data("procedures.json").file).read_text(encoding="utf-8"))
    printed = [r["slug"] for r in rows if r["print_products"]]
    views = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("in/*/index.html"))
    # one per printed procedure and language, whatever the number of communes
    assert views == sorted(routes.print_view(slug, lang).file for slug in printed for lang in LANGS)
    for lang in LANGS:  # every commune, decided per language (routes.communes)
        data = json.loads((site_dir / routes.communes(lang).file).read_text(encoding="utf-8"))
        assert sum(len(communes) for communes in data["communes"].values()) == 3321
