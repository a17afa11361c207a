"""Site benchmark: build time and first-load weight of one procedure page.

Prints figures and writes them to BENCHMARKS.md (section "Site"). Not a test:
the machine is small and noisy, so it reports medians and byte counts.

    .venv/bin/python benchmarks/site_bench.py [--runs 3]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import write_section  # noqa: E402
from generator.build import build  # noqa: E402
from generator.config import load_settings  # noqa: E402

PAGE = "thu-tuc/dang-ky-khai-sinh/"  # has questions and a declaration form
PLAIN = "thu-tuc/chung-thuc-chu-ky/"  # has neither: what the form machinery costs
BUDGET_KB = 150


def build_times(runs: int, out: Path) -> tuple[list[float], float]:
    """Full builds, each into a new folder (a rebuild into the same one keeps what did not change),
    then one rebuild with nothing changed."""
    settings = load_settings(ROOT)
    times = []
    for i in range(runs):
        target = out if i == runs - 1 else out.with_name(f"{out.name}-{i}")
        started = time.perf_counter()
        build(settings, target)
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    build(settings, out)
    return times, time.perf_counter() - started


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_weight(site: Path, path: str) -> dict[str, int]:
    """Bytes a first visit downloads, measured from Chromium's network log, gzipped as a server would."""
    from playwright.sync_api import sync_playwright

    from generator.print.browser import launch

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 360, "height": 740})
            responses = []
            page.on("response", lambda r: responses.append(r))
            page.goto(base + path, wait_until="networkidle")
            for r in responses:
                try:
                    body = r.body()
                except Exception:  # noqa: BLE001 - redirects have no body
                    continue
                sizes[r.url.removeprefix(base)] = len(gzip.compress(body, 9))
            browser.close()
    finally:
        server.shutdown()
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        times, rebuild = build_times(args.runs, out)
        sizes = page_weight(out, PAGE)
        plain = page_weight(out, PLAIN)
        html_files = [p for p in out.rglob("*.html")]
        total_bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    total = sum(sizes.values())
    lines = [
        f"Procedures: 12 × 3 languages, {len(html_files)} HTML files, {total_bytes / 1e6:.1f} MB output.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| full build (`guide build`), median of {args.runs} | {statistics.median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)}) | — |",
        f"| rebuild with nothing changed (every output kept) | {rebuild:.2f} s | — |",
        f"| first load of `{PAGE}` at 360×740, gzipped, fonts included | {total / 1024:.1f} KB "
        f"in {len(sizes)} requests | < {BUDGET_KB} KB |",
        f"| first load of `{PLAIN}` (no form, no questions) | {sum(plain.values()) / 1024:.1f} KB "
        f"in {len(plain)} requests | < {BUDGET_KB} KB |",
        "",
        "First-load requests (gzipped bytes):",
        "",
        *[f"- `{url or '/'}`: {size / 1024:.1f} KB" for url, size in sorted(sizes.items(), key=lambda x: -x[1])],
        "",
        "Fonts: none downloaded (system fonts; `theme.font: false`). The search index is not loaded until "
        "someone searches. `forms.js`, `questions.js` and `forms.css` load only on pages that have a form or "
        "questions.",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("Site", text)


if __name__ == "__main__":
    main()
