"""The PDF renderer: only changed PDFs are rendered, and the bytes depend on the document alone.

Real Chromium prints every PDF here; nothing is mocked except, in one test, the browser start
that must not happen.
"""
from __future__ import annotations

import http.server
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from generator.print import pdf
from generator.print.pdf import Plan, RenderError, cache_key, fonts_in_use, render_pdfs

EPOCH = "1764000000"


@dataclass(frozen=True)
class Doc:
    path: str
    html: str
    paper: str = "A4"
    footer: str = ""


def doc(name: str, text: str, lang: str = "vi", footer: str = "") -> Doc:
    html = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{name}</title>'
            '<style>body{font-family:"Noto Sans","Noto Sans CJK SC",sans-serif}</style></head>'
            f"<body><h1>{name}</h1><p>{text}</p><ul><li>một</li><li>hai</li></ul></body></html>")
    return Doc(f"{name}/{name}-{lang}.pdf", html, footer=footer)


DOCS = [doc("khai-sinh", "Đăng ký khai sinh cho trẻ."), doc("ket-hon", "Register a marriage.", "en", "Marriage"),
        doc("thuong-tru", "登记常住户口。", "zh-Hans")]


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def outputs(folder: Path, jobs) -> dict[str, bytes]:
    return {job.path: (folder / job.path).read_bytes() for job in jobs}


def no_browser(monkeypatch) -> None:
    """Starting Playwright fails the test: a run with everything cached must not start Chromium."""
    import playwright.async_api

    def refuse():
        raise AssertionError("a browser was started although every PDF was cached")

    monkeypatch.setattr(playwright.async_api, "async_playwright", refuse)


def test_only_changed_pdfs_are_rendered(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = render_pdfs(DOCS, tmp_path / "one", cache)
    assert (first.rendered, first.cached) == (3, 0)
    before = outputs(tmp_path / "one", DOCS)
    assert all(b.startswith(b"%PDF-") for b in before.values())

    with monkeypatch.context() as m:
        no_browser(m)
        again = render_pdfs(DOCS, tmp_path / "two", cache)
    assert (again.rendered, again.cached) == (0, 3)
    assert outputs(tmp_path / "two", DOCS) == before

    edited = [DOCS[0], doc("ket-hon", "Register a marriage at the commune.", "en", "Marriage"), DOCS[2]]
    third = render_pdfs(edited, tmp_path / "three", cache)
    assert (third.rendered, third.cached) == (1, 2)
    after = outputs(tmp_path / "three", edited)
    assert after[DOCS[0].path] == before[DOCS[0].path] and after[DOCS[2].path] == before[DOCS[2].path]
    assert after[DOCS[1].path] != before[DOCS[1].path]


def test_the_key_covers_paper_footer_and_date(monkeypatch):
    base = DOCS[1]
    keys = {cache_key(base), cache_key(Doc(base.path, base.html, "A3", base.footer)),
            cache_key(Doc(base.path, base.html, base.paper, "Another footer"))}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    keys.add(cache_key(base))
    assert len(keys) == 4
    assert cache_key(Doc("elsewhere.pdf", base.html, base.paper, base.footer)) == cache_key(base)  # not the path


def test_identical_documents_are_rendered_once(tmp_path):
    twin = Doc("copy/khai-sinh-vi.pdf", DOCS[0].html)
    stats = render_pdfs([DOCS[0], twin], tmp_path / "out", tmp_path / "cache")
    assert (stats.rendered, stats.cached) == (1, 1)
    assert (tmp_path / "out" / twin.path).read_bytes() == (tmp_path / "out" / DOCS[0].path).read_bytes()


def test_chinese_is_embedded_as_a_truetype_subset(tmp_path):
    """Not as Type 3 drawings, which Debian's CFF Noto Sans CJK gives (generator/print/pdf_fonts.py)."""
    render_pdfs([DOCS[2]], tmp_path / "out", tmp_path / "cache")
    path = tmp_path / "out" / DOCS[2].path
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts, fonts
    assert "NotoSansCJKsc-Regular" in fonts and "CID TrueType" in fonts, fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "登记常住户口。" in text


@pytest.fixture(scope="module")
def real_jobs():
    """Handouts (single and bilingual, with footers) and posters of one shipped guide, Chinese included."""
    from generator.build import load_catalog
    from generator.config import load_settings
    from generator.print.print_docs import Commune, PrintDocuments
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    catalog = load_catalog(load_settings(ROOT))
    strings, _ = load_strings(ROOT / "i18n")
    docs = PrintDocuments(catalog, strings, ROOT / "templates", QRCache(None))
    jobs = docs.jobs([catalog.by_slug["dang-ky-khai-sinh"]], ("vi", "zh"), Commune.generic())
    kinds = {(j.kind, len(j.langs)) for j in jobs}
    assert {("handout", 1), ("handout", 2), ("poster", 1)} <= kinds
    return jobs


def test_the_bytes_do_not_depend_on_the_plan(real_jobs, tmp_path):
    """However the jobs are spread over browsers and pages, and whatever a page printed before
    (its DOM node counter runs on), every PDF comes out byte for byte the same."""
    plans = [Plan(browsers=1, pages=1, order="given"),  # one page prints every job, one after another
             pdf.BEST,
             Plan(browsers=2, pages=2, load="file", wait="domcontentloaded", media="each", reuse=False)]
    results = []
    for i, plan in enumerate(plans):
        stats = render_pdfs(real_jobs, tmp_path / f"out{i}", tmp_path / f"cache{i}", plan=plan)
        assert stats.rendered == len(real_jobs)
        results.append(outputs(tmp_path / f"out{i}", real_jobs))
    assert results[0] == results[1] == results[2]


def test_a_document_that_cannot_print_names_its_job(tmp_path):
    bad = Doc("bad/bad-vi.pdf", DOCS[0].html, paper="A99")  # no such paper: Playwright refuses it
    plan = Plan(pages=1, order="given")
    with pytest.raises(RenderError, match="bad/bad-vi.pdf"):
        render_pdfs([DOCS[0], bad], tmp_path / "out", tmp_path / "cache", plan=plan)
    # What was printed before the failure stays cached.
    assert (tmp_path / "cache" / f"{cache_key(DOCS[0], fonts_in_use(plan))}.pdf").is_file()


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []  # every path asked for, by any test of this module

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("load", ["content", "file"])
def test_a_document_reaches_nothing_outside_itself(tmp_path, load):
    """No request leaves a print job, even from HTML without our Content-Security-Policy."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen.clear()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        (tmp_path / "side.css").write_text("body{color:red}", encoding="utf-8")
        html = (f'<!doctype html><html lang="vi"><head><link rel="stylesheet" href="{base}/style.css">'
                f'<link rel="stylesheet" href="{(tmp_path / "side.css").as_uri()}"></head>'
                f'<body><p>Xin chào</p><img src="{base}/pixel.png"><iframe src="{base}/frame"></iframe>'
                "</body></html>")
        job = Doc("leak/leak-vi.pdf", html)
        stats = render_pdfs([job], tmp_path / "out", tmp_path / "cache", plan=Plan(pages=1, load=load))
        assert stats.rendered == 1
    finally:
        server.shutdown()
    assert _Recorder.seen == []
