"""Hostile content stays inert; failed builds lose nothing; builds are reproducible."""
from __future__ import annotations

import csv
import re

import pytest

from conftest import QuietHandler, ROOT, base_yaml, copy_project, tree_digest
from generator.content import richtext
from generator.build import STAGES, ContentError, build
from generator.config import load_settings

MARK = "XSS-MARKER"
JS = f"alert(1);window.__xss=1;console.log('{MARK}')"
PAYLOADS = [
    f"<script>{JS}</script>",
    f'<img src=x onerror="{JS}">',
    f'"><svg onload="{JS}">',
    f"<iframe src=\"javascript:{JS}\"></iframe>",
    f"</script><script>{JS}</script>",
    f"<a href=\"data:text/html,<script>{JS}</script>\">x</a>",
    f'[a link](https://dichvucong.gov.vn/" onmouseover="{JS})',
    "{{ 7*7 }} {% raw %}",
    f"<math><mtext><table><mglyph><style><img src=x onerror=\"{JS}\">",
    f"**bold<img src=x onerror={JS}>**",
]
PAYLOAD_TEXT = " ".join(PAYLOADS)


def allowed(host: str) -> bool:
    return host.endswith(".gov.vn")


# --- one policy for text ---------------------------------------------------------

def test_markup_policy_allows_the_documented_subset_only():
    html = str(richtext.render("**Lưu ý:** mang *bản chính*.\n- một\n- hai\n"
                               "[Cổng](https://dichvucong.gov.vn/x) [Báo](https://example.org/a){external}",
                               allowed, "trang ngoài"))
    assert "<strong>Lưu ý:</strong>" in html and "<em>bản chính</em>" in html
    assert "<ul><li>một</li><li>hai</li></ul>" in html
    assert '<a href="https://dichvucong.gov.vn/x" rel="noopener">Cổng</a>' in html
    assert '<a href="https://example.org/a" rel="noopener external">Báo</a>' in html
    assert "(trang ngoài)" in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_renders_as_text(payload):
    html = str(richtext.render(payload, allowed))
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert not re.search(r"<a [^>]*(javascript:|data:|onmouseover)", html)
    assert not re.search(r"\son\w+=", html.replace("&#34;", '"').split(">")[0]) or "<" not in html


@pytest.mark.parametrize("text, code", [
    ("[x](javascript:alert(1))", "url.invalid"),
    ("[x](data:text/html,hi)", "url.invalid"),
    ("[x](http://dichvucong.gov.vn/a)", "url.not-https"),
    ("[x](https://bit.ly/abc)", "url.content-link"),
    ("[x](https://dichvucong.gov.vn.evil.example/a)", "url.content-link"),
])
def test_check_refuses_links_outside_the_policy(write, check_files, text, code):
    path = write("sample.yml", base_yaml().replace("result: {vi: Giấy xác nhận,",
                                                   f'result: {{vi: "Giấy xác nhận {text}",'))
    found = [(i.code, i.pointer) for i in check_files(path)]
    assert (code, "/result/vi") in found, found


def test_marked_external_links_pass_the_check(write, check_files):
    path = write("sample.yml", base_yaml().replace(
        "result: {vi: Giấy xác nhận,", 'result: {vi: "Giấy xác nhận [mẫu](https://example.org/a){external}",'))
    assert check_files(path) == []


def test_autoescaping_is_on_for_every_template():
    from generator.build import load_catalog
    from generator.site.pages import PageRenderer
    from generator.print.print_docs import PrintDocuments
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    catalog = load_catalog(load_settings(ROOT))
    strings, _ = load_strings(ROOT / "i18n")
    envs = {"pages": PageRenderer(catalog, strings, ROOT / "templates", QRCache(None)).env,
            "print": PrintDocuments(catalog, strings, ROOT / "templates", QRCache(None)).env}
    for folder, env in envs.items():
        names = [p.name for p in (ROOT / "templates" / folder).glob("*.j2")]
        assert names
        for name in names:
            assert env.autoescape(name) is True, name
            source = (ROOT / "templates" / folder / name).read_text(encoding="utf-8")
            assert not re.search(r"\|\s*safe\b|autoescape\s+false", source), name


# --- the corpus in real pages and print products -------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "project"
    copy_project(root)
    birth = root / "procedures/ho-tich/dang-ky-khai-sinh.yml"
    text = birth.read_text(encoding="utf-8")
    quoted = '"' + PAYLOAD_TEXT.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fields = {  # one of each kind of text field
        "  vi: Đăng ký khai sinh\n": f"  vi: {quoted}\n",  # name
        "  en: Birth registration\n": f"  en: {quoted}\n",
        "  zh: 出生登记\n": f"  zh: {quoted}\n",
        "      vi: Chuẩn bị tờ khai và Giấy chứng sinh\n": f"      vi: {quoted}\n",  # step
        "          vi: Ai đăng ký khai sinh đúng hạn cũng được miễn lệ phí, không cần thuộc diện nào (Luật Hộ tịch, "
        "Điều 11).\n": f"          vi: {quoted}\n",  # fee note
        "          vi: Tờ khai đăng ký khai sinh (theo mẫu)\n": f"          vi: {quoted}\n",  # document
        "      vi: Luật Hộ tịch\n": f"      vi: {quoted}\n",  # legal title
    }
    for old, new in fields.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    birth.write_text(text, encoding="utf-8")
    offices = root / "procedures/tables/offices.csv"
    rows = list(csv.DictReader(offices.open(encoding="utf-8")))
    for row in rows:
        if row["gso_code"] == "26743":
            row["address_vi"] = PAYLOAD_TEXT
            row["counter_vi"] = PAYLOADS[1]
    with offices.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    settings = load_settings(root)
    build(settings)
    return root / "site"


def test_no_payload_runs_in_the_browser(hostile_site, browser):
    import functools
    import http.server
    import threading

    handler = functools.partial(QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fired: list[str] = []
    pages = ["thu-tuc/dang-ky-khai-sinh/", "en/thu-tuc/dang-ky-khai-sinh/", "zh/thu-tuc/dang-ky-khai-sinh/",
             "", "a-z/", "xa-phuong/", "in/dang-ky-khai-sinh/?xa=26743", "en/in/dang-ky-khai-sinh/?xa=26743"]
    try:
        context = browser.new_context()
        for path in pages:
            page = context.new_page()
            page.on("dialog", lambda d: (fired.append(f"dialog {d.message}"), d.dismiss()))
            page.on("console", lambda m: fired.append(m.text) if MARK in m.text else None)
            page.goto(base + path, wait_until="networkidle")
            page.mouse.move(10, 10)
            page.hover("body")
            assert page.evaluate("window.__xss") is None, path
            if path.startswith("in/"):
                assert "onerror" in page.locator("[data-office]").inner_text(), "shown as text"
        search = context.new_page()
        search.on("dialog", lambda d: (fired.append("dialog"), d.dismiss()))
        search.goto(base + "tim-kiem/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", wait_until="networkidle")
        search.wait_for_timeout(500)
        assert search.evaluate("window.__xss") is None
        context.close()
    finally:
        server.shutdown()
    assert fired == []


def test_payloads_are_visible_text_in_pages_and_pdfs(hostile_site):
    import subprocess

    html = (hostile_site / "thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)" in html
    # Nowhere in the page, head and theme header included (the theme writes titles as they are).
    assert not re.search(r"<script>alert|<img src=x|<svg onload|<iframe src=|<mglyph", html)
    pdf = hostile_site / "print/dang-ky-khai-sinh/dang-ky-khai-sinh-vi.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "<script>alert(1)" in text.replace("\n", "")


def test_every_page_has_a_csp_that_lists_only_the_theme_scripts(hostile_site):
    from generator.site.engine import content_security_policy

    for page in hostile_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in html, page
        if "/in/" in page.as_posix():
            continue
        policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "'unsafe-inline'" not in policy.split("style-src")[0]
        assert policy == content_security_policy(html)
        inline = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
        hashes = re.findall(r"'sha256-([^']+)'", policy)
        assert len(hashes) == len(set(inline)) <= 2


def test_an_injected_inline_script_is_blocked_by_the_csp(hostile_site, browser, tmp_path):
    page_dir = hostile_site / "thu-tuc/dang-ky-khai-sinh"
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    tampered = page_dir / "tampered.html"
    tampered.write_text(html.replace("</body>", "<script>window.__xss=1</script></body>"), encoding="utf-8")
    try:
        page = browser.new_page()
        page.goto(tampered.as_uri())
        assert page.evaluate("window.__xss") is None
        assert page.evaluate("typeof __md_scope") == "object", "the theme's own scripts still run"
        page.close()
    finally:
        tampered.unlink()


# --- atomic and reproducible builds ------------------------------------------------------

_digest = tree_digest


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("atomic") / "project"
    copy_project(root)
    build(load_settings(root))
    return root


@pytest.mark.parametrize("stage", [s.name for s in STAGES])
def test_a_failure_in_any_stage_leaves_the_site_byte_identical(built_project, monkeypatch, stage):
    before = _digest(built_project / "site")

    def boom(*args, **kwargs):
        raise RuntimeError(f"injected failure in {stage}")

    monkeypatch.setattr(next(s for s in STAGES if s.name == stage), "write", boom)
    with pytest.raises(RuntimeError, match="injected failure"):
        build(load_settings(built_project))
    assert _digest(built_project / "site") == before
    assert not list(built_project.glob(".guide-build-*"))


def test_after_a_failed_build_the_next_one_is_whole(built_project, monkeypatch):
    """The failed build left the spare tree half updated: the next build does not trust it."""
    before = _digest(built_project / "site")

    def boom(*args, **kwargs):
        raise RuntimeError("injected failure in search")

    with monkeypatch.context() as patch:
        patch.setattr(next(s for s in STAGES if s.name == "search"), "write", boom)
        with pytest.raises(RuntimeError):
            build(load_settings(built_project))
    build(load_settings(built_project))
    assert _digest(built_project / "site") == before


def test_invalid_content_is_a_failure_of_the_validation_stage(built_project):
    before = _digest(built_project / "site")
    birth = built_project / "procedures/ho-tich/dang-ky-khai-sinh.yml"
    original = birth.read_text(encoding="utf-8")
    birth.write_text(re.sub(r"^reviewed: .*$", "reviewed: soon", original, count=1, flags=re.M), encoding="utf-8")
    try:
        with pytest.raises(ContentError):
            build(load_settings(built_project))
    finally:
        birth.write_text(original, encoding="utf-8")
    assert _digest(built_project / "site") == before


def test_two_builds_of_the_same_content_are_byte_identical(built_project, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    settings = load_settings(built_project)
    build(settings, tmp_path / "one")
    build(settings, tmp_path / "two")
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")


def test_a_pdf_rendered_twice_without_cache_is_byte_identical(monkeypatch, tmp_path):
    from generator.build import load_catalog
    from generator.print.pdf import render_pdfs
    from generator.print.print_docs import Commune, PrintDocuments
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    catalog = load_catalog(load_settings(ROOT))
    strings, _ = load_strings(ROOT / "i18n")
    docs = PrintDocuments(catalog, strings, ROOT / "templates", QRCache(None))
    jobs = docs.jobs([catalog.by_slug["dang-ky-thuong-tru"]], ("vi", "zh"), Commune.generic())[:3]
    render_pdfs(jobs, tmp_path / "a", tmp_path / "cache-a")
    render_pdfs(jobs, tmp_path / "b", tmp_path / "cache-b")
    for job in jobs:
        assert (tmp_path / "a" / job.path).read_bytes() == (tmp_path / "b" / job.path).read_bytes(), job.path
