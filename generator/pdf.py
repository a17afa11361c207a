"""HTML documents to PDF with one Chromium for the whole run, pages in parallel.

Each PDF is cached under a hash of everything that shapes it: the HTML (which
carries the template, the stylesheet and the data), the paper, and the font
files Chromium will embed. A second run with nothing changed starts no browser.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.browser import launch_options
from generator.print_docs import PrintJob

RENDERER_VERSION = "pdf-2"
FONT_FAMILIES = ("Noto Sans", "Noto Sans CJK SC")


@lru_cache(maxsize=1)
def font_fingerprint() -> str:
    """Which font files back our families; a font upgrade invalidates the cache."""
    parts = []
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                                   timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        path = Path(found)
        stat = f"{path.stat().st_size}:{int(path.stat().st_mtime)}" if found and path.is_file() else "missing"
        parts.append(f"{family}={found}:{stat}")
    return "|".join(parts)


def _footer(text: str) -> str:
    from markupsafe import escape

    return ('<div style="width:100%;font-size:7pt;color:#444;padding:0 13mm;display:flex;'
            'justify-content:space-between;font-family:\'Noto Sans\',\'Noto Sans CJK SC\',sans-serif">'
            f'<span>{escape(text)}</span><span><span class="pageNumber"></span>/<span class="totalPages">'
            '</span></span></div>')


def pinned_date() -> str | None:
    """PDF date from SOURCE_DATE_EPOCH, so two builds of one commit are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    when = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+\-Z][^)]{0,7}\)")


_NODE_ID = re.compile(rb"\(node(\d{8})\)")
_NAMES = re.compile(rb"/Limits \[\(node\d{8}\) \(node\d{8}\)\]\n/Names \[((?:\(node\d{8}\) \d+ \d+ R ?)+)\]")
_PAIR = re.compile(rb"\(node(\d{8})\) (\d+ \d+ R)")


def stable_ids(pdf: bytes) -> bytes:
    """Renumber the structure-tree ids Chromium takes from its DOM node counter.

    New ids follow the order the elements appear in the file, and the id name tree is
    re-sorted to match; every replacement has the same length, so no offset moves.
    """
    order: dict[bytes, bytes] = {}
    for old in _NODE_ID.findall(pdf):
        order.setdefault(old, f"{len(order) + 1:08d}".encode())
    pdf = _NODE_ID.sub(lambda m: b"(node" + order[m.group(1)] + b")", pdf)

    def resort(m: re.Match[bytes]) -> bytes:
        pairs = sorted(_PAIR.findall(m.group(1)))
        names = b" ".join(b"(node" + key + b") " + ref for key, ref in pairs)
        limits = b"/Limits [(node" + pairs[0][0] + b") (node" + pairs[-1][0] + b")]\n/Names ["
        tail = b" " if m.group(1).endswith(b" ") else b""
        new = limits + names + tail + b"]"
        return new if len(new) == len(m.group(0)) else m.group(0)

    return _NAMES.sub(resort, pdf)


def pin_dates(pdf: bytes, date: str | None) -> bytes:
    pdf = stable_ids(pdf)
    if date is None:
        return pdf

    def same_length(m: re.Match[bytes]) -> bytes:
        new = b"/" + m.group(1) + b" (" + date.encode() + b")"
        return new if len(new) == len(m.group(0)) else m.group(0)  # never shift the xref offsets

    return _PDF_DATE.sub(same_length, pdf)


def cache_key(job: PrintJob) -> str:
    raw = "\n".join((RENDERER_VERSION, job.paper, font_fingerprint(), job.footer, str(pinned_date()),
                     job.html))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0


async def _render(jobs: list[tuple[PrintJob, Path]], workers: int) -> None:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[tuple[PrintJob, Path]] = asyncio.Queue()
    for item in jobs:
        queue.put_nowait(item)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options(p))
        try:
            async def worker() -> None:
                # Print documents need no script: with JavaScript off nothing in them can run.
                page = await browser.new_page(java_script_enabled=False)
                # Print products never reach out: block anything that is not the document itself.
                await page.route("**/*", lambda route: route.abort())
                while not queue.empty():
                    job, target = queue.get_nowait()
                    await page.set_content(job.html, wait_until="load")
                    await page.emulate_media(media="print")
                    pdf = await page.pdf(prefer_css_page_size=True, print_background=True,
                                         format=job.paper, tagged=True,
                                         display_header_footer=bool(job.footer),
                                         header_template="<span></span>",
                                         footer_template=_footer(job.footer) if job.footer else "<span></span>")
                    tmp = target.with_suffix(".tmp")
                    tmp.write_bytes(pin_dates(pdf, pinned_date()))
                    tmp.replace(target)
                await page.close()

            await asyncio.gather(*(worker() for _ in range(max(1, min(workers, len(jobs))))))
        finally:
            await browser.close()


def render_pdfs(jobs: list[PrintJob], out: Path, cache: Path, workers: int = 2) -> RenderStats:
    """Write every job to ``out/job.path``; render only what the cache does not hold."""
    import time

    started = time.perf_counter()
    stats = RenderStats()
    todo: list[tuple[PrintJob, Path]] = []
    cache.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        cached = cache / f"{cache_key(job)}.pdf"
        if cached.is_file():
            stats.cached += 1
        else:
            todo.append((job, cached))
    if todo:
        # A thread of its own: the caller may already run an event loop (Playwright's sync API does).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _render(todo, workers)).result()
        stats.rendered = len(todo)
    for job in jobs:
        target = out / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{cache_key(job)}.pdf", target)
    stats.seconds = time.perf_counter() - started
    return stats
