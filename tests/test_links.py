"""The offline link check, on the real site and on a small broken one; the online check on localhost."""
from __future__ import annotations

import http.server
import socket
import threading

import pytest

from generator.site.links import (
    LinkProblem,
    check_external,
    check_site,
    external_urls,
    main_links,
    report,
    scan,
)
from generator.content.validate import UsageError


def test_real_site_has_no_broken_links(site_dir):
    result = scan(site_dir)
    assert result.problems == [], report(result.problems)
    # Guard against a checker that passes because it checked nothing.
    assert result.links > 1000
    assert result.fragments > 50
    pages = {p for pages in result.external.values() for p in pages}
    assert any(p.startswith("en/") for p in pages) and any(p.startswith("zh/") for p in pages)


def test_real_site_checks_all_three_languages(site_dir):
    for lang in ("en", "zh"):
        assert (site_dir / lang / "index.html").is_file()
    assert main_links(site_dir, online=False, timeout=1) == 0


PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/style.css">
<link rel="preconnect" href="https://fonts.example.org">
<script src="/assets/app.js"></script>
</head><body>
<h2 id="đăng-ký">Đăng ký</h2><a name="old-anchor"></a>
<a href="#%C4%91%C4%83ng-k%C3%BD">ok: Vietnamese fragment</a>
<a href="#đăng-ký">ok: raw Vietnamese fragment</a>
<a href="#old-anchor">ok: a name</a>
<a href="#nowhere">broken fragment</a>
<a href="../other/">ok: folder</a>
<a href="../other">ok: folder without slash</a>
<a href="../other/#phần-2">ok: fragment on another page</a>
<a href="../other/#missing">broken fragment on another page</a>
<a href="../missing.html">broken file</a>
<a href="../../etc/passwd">escapes</a>
<a href="/%E6%96%87%E4%BB%B6.pdf">ok: percent-encoded Chinese file name</a>
<a href="javascript:void(0)">never</a>
<a href="mailto:a@example.org">mail</a><a href="tel:1022">phone</a>
<img src="data:image/gif;base64,R0lGOD"><img src="../img/missing.png">
<picture><source src="../img/a.webp"></picture>
<a href="https://example.org/x">external</a><a href="//example.org/y">external too</a>
</body></html>"""


@pytest.fixture
def broken_site(write, tmp_path):
    write("site/index.html", "<a href='page/'>home</a>")
    write("site/page/index.html", PAGE)
    write("site/other/index.html", "<h2 id='phần-2'>2</h2>")
    write("site/assets/style.css", "")
    write("site/assets/app.js", "")
    write("site/img/a.webp", b"")
    write("site/文件.pdf", b"%PDF")
    write("site/pagefind/fragment.html", "<a href='nowhere.html'>not a page</a>")
    return tmp_path / "site"


def test_synthetic_site_reports_each_broken_link(broken_site):
    problems = check_site(broken_site)
    assert problems == sorted(problems)
    assert all(isinstance(p, LinkProblem) and p.page == "page/index.html" for p in problems)
    found = {p.href: p.problem for p in problems}
    assert set(found) == {"#nowhere", "../other/#missing", "../missing.html", "../../etc/passwd",
                          "javascript:void(0)", "../img/missing.png"}
    assert "outside the site" in found["../../etc/passwd"]
    assert "javascript" in found["javascript:void(0)"]
    assert found["#nowhere"] == "no id 'nowhere' in page/index.html"


def test_synthetic_site_counts_and_externals(broken_site):
    result = scan(broken_site)
    assert result.fragments == 6  # four on the page, two on ../other/
    assert external_urls(broken_site) == {"https://example.org/x": ["page/index.html"],
                                          "https://example.org/y": ["page/index.html"]}


def test_report_and_exit_codes(broken_site, tmp_path, capsys):
    text = report(check_site(broken_site))
    assert "page/index.html: ../missing.html: missing file missing.html" in text
    assert text.splitlines()[-1] == "6 broken links on 1 pages"
    assert report([]) == "No broken links."
    assert main_links(broken_site, online=False, timeout=1) == 1
    assert "../../etc/passwd" in capsys.readouterr().out
    with pytest.raises(UsageError):
        main_links(tmp_path / "nothing", online=False, timeout=1)


class _Handler(http.server.BaseHTTPRequestHandler):
    # No do_HEAD: the server answers HEAD with 501, so the GET fallback is exercised too.
    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens


def test_check_external_against_localhost(local_server):
    closed = f"http://127.0.0.1:{_closed_port()}/x"
    failures = dict(check_external([f"{local_server}/ok", f"{local_server}/missing", closed],
                                   timeout=5, workers=2))
    assert set(failures) == {f"{local_server}/missing", closed}
    assert failures[f"{local_server}/missing"] == "HTTP 404"
    assert failures[closed].startswith("unreachable")


def test_main_links_online_reports_each_page(local_server, write, tmp_path, capsys):
    write("s/index.html", f"<a href='{local_server}/ok'>a</a><a href='{local_server}/gone'>b</a>")
    write("s/en/index.html", f"<a href='{local_server}/gone'>b</a>")
    assert main_links(tmp_path / "s", online=True, timeout=5) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"en/index.html: {local_server}/gone: HTTP 404", f"index.html: {local_server}/gone: HTTP 404"]
