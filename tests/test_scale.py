"""A generated catalog of 500 procedures × 3 languages: search payload and page size stay small."""
from __future__ import annotations

import functools
import gzip
import http.server
import threading

import pytest

from conftest import QuietHandler, ROOT

N = 500
BUDGET_KB = 300


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import make_project
    from generator.build import build
    from generator.config import load_settings

    shipped = len([p for p in (ROOT / "procedures").glob("*/*.yml") if p.parent.name not in ("tables", "forms")])
    sites = {}
    for n in (shipped, N):  # the shipped catalog and a big one, built the same way (site only)
        project = make_project(tmp_path_factory.mktemp("scale") / "project", n)[0].parents[2]
        build(load_settings(project), project / "site", with_print=False)
        sites[n] = project / "site"
    sites["shipped"] = sites[shipped]
    return sites


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_first_search_downloads_under_300_kb(big_site, browser):
    server, base = serve(big_site[N])
    try:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        sizes: dict[str, int] = {}

        def record(response):
            if "/pagefind/" in response.url:
                try:
                    sizes[response.url] = len(gzip.compress(response.body(), 9))
                except Exception:  # noqa: BLE001 - a response without a body
                    pass

        page.on("response", record)
        page.goto(base + "tim-kiem/?q=dang%20ky%20khai%20sinh", wait_until="networkidle")
        page.wait_for_selector(".cg-search__results a")
        page.wait_for_load_state("networkidle")
        assert page.locator(".cg-search__results a").count() >= 1
        total_kb = sum(sizes.values()) / 1024
        print(f"first search at {N} × 3: {total_kb:.1f} KB gzipped in {len(sizes)} requests")
        assert 0 < total_kb < BUDGET_KB, sizes
        context.close()
    finally:
        server.shutdown()


def test_a_procedure_page_does_not_grow_with_the_catalog(big_site):
    small = (big_site["shipped"] / "thu-tuc/dang-ky-khai-sinh/index.html").stat().st_size
    big = (big_site[N] / "thu-tuc/dang-ky-khai-sinh/index.html").stat().st_size
    assert abs(big - small) < 0.02 * small, (small, big)
    pages = len(list(big_site[N].glob("thu-tuc/*/index.html")))
    assert pages == N
