"""HTML documents to PDF with Chromium, each cached under the hash of its inputs.

A key covers everything that shapes a PDF: the HTML (which carries the template, the
stylesheet and the data), the paper, the footer, the pinned date and the font files Chromium
embeds. Only jobs whose key is not in the cache are rendered; a run with nothing changed starts
no browser.

How the rest is rendered is a ``Plan``: browsers, pages in parallel, and how each page gets its
document. ``benchmarks/print_bench.py`` measures the choices on this 2-core machine and
BENCHMARKS.md ("Print") has the figures behind ``BEST``. What held up there: pages that live for
the whole run (a page per job costs twice the CPU: every new renderer loads fonts again), the
document given with ``set_content`` (a ``file://`` navigation swaps renderer processes), print
media set once per page, and the slowest documents (Chinese: Chromium draws Noto Sans CJK glyph
by glyph) queued first, so no worker is left alone with one at the end.

Output is reproducible: Chromium's dates are pinned to SOURCE_DATE_EPOCH and the structure ids it
takes from its DOM node counter are renumbered, so the bytes do not depend on the plan, on which
page printed a job, or on what that page printed before.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol, Sequence

from generator.print import pdf_fonts
from generator.print.browser import launch_options

RENDERER_VERSION = "pdf-2"  # bump when the same HTML would print different bytes
FONT_FAMILIES = ("Noto Sans", "Noto Sans CJK SC")
ATTEMPTS = 2  # a job whose page crashed is tried once more on a fresh page


class Printable(Protocol):
    """What the renderer needs of a print job (generator.print.print_docs.PrintJob has it)."""

    @property
    def path(self) -> str: ...  # below the output folder

    @property
    def html(self) -> str: ...  # the whole document: styles inline, images as data: URLs

    @property
    def paper(self) -> str: ...  # "A4" or "A3"

    @property
    def footer(self) -> str: ...  # repeated at the foot of every page with the page number; "" for none


class RenderError(RuntimeError):
    """A document Chromium could not print, even on a fresh page."""


@dataclass(frozen=True)
class Plan:
    """How the PDFs of one run are rendered; ``workers`` pages print at once."""

    browsers: int = 1
    contexts: int = 1  # browser contexts per browser
    pages: int = 2  # pages per context
    load: Literal["content", "file"] = "content"  # page.set_content, or goto a file:// copy
    wait: Literal["load", "domcontentloaded"] = "load"
    media: Literal["once", "each"] = "once"  # emulate print media once per page, or before every job
    reuse: bool = True  # a page prints job after job; False opens a fresh page for each job
    order: Literal["costly-first", "given"] = "costly-first"
    fonts: Literal["truetype", "system"] = "truetype"  # Noto Sans CJK SC with TrueType outlines (pdf_fonts)

    @property
    def workers(self) -> int:
        return self.browsers * self.contexts * self.pages

    def describe(self) -> str:
        parts = [f"{self.browsers} browser{'s' if self.browsers > 1 else ''}"]
        if self.contexts > 1:
            parts.append(f"{self.contexts} contexts each")
        parts.append(f"{self.pages} page{'s' if self.pages > 1 else ''} per context")
        parts.append("set_content" if self.load == "content" else "file:// URL")
        parts.append(f"wait {self.wait}")
        parts.append("print media once per page" if self.media == "once" else "print media per job")
        parts.append("pages reused" if self.reuse else "a new page per job")
        parts.append("costly jobs first" if self.order == "costly-first" else "jobs in given order")
        parts.append("TrueType CJK font" if self.fonts == "truetype" else "system CJK font (Type 3 in the PDF)")
        return ", ".join(parts)


# The measured best on this 2-core machine (BENCHMARKS.md, "Print").
BEST = Plan(browsers=2, pages=2)


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0


# ------------------------------------------------------------------ keys and reproducible bytes


@lru_cache(maxsize=4)
def font_fingerprint(config: Path | None = None) -> str:
    """Which font files back our families (through ``config`` when given); a font upgrade
    invalidates the cache."""
    env = {**os.environ, "FONTCONFIG_FILE": str(config)} if config else None
    parts = []
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                                   timeout=10, env=env).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        path = Path(found)
        stat = f"{path.stat().st_size}:{int(path.stat().st_mtime)}" if found and path.is_file() else "missing"
        parts.append(f"{family}={found}:{stat}")
    return "|".join(parts)


def pinned_date() -> str | None:
    """PDF date from SOURCE_DATE_EPOCH, so two builds of one commit are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    when = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def cache_key(job: Printable, fonts: str | None = None) -> str:
    """``fonts``: the fingerprint of the fonts the browser will have (``fonts_in_use``)."""
    raw = "\n".join((RENDERER_VERSION, job.paper, fonts or font_fingerprint(), job.footer, str(pinned_date()),
                     job.html))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def fonts_in_use(plan: Plan) -> str:
    """The fingerprint of the fonts a render with ``plan`` prints with, known before converting any."""
    converted = pdf_fonts.fingerprint() if plan.fonts == "truetype" else None
    return f"{font_fingerprint()}|truetype-cjk={converted}" if converted else font_fingerprint()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+\-Z][^)]{0,7}\)")
_NODE_ID = re.compile(rb"\(node(\d{8})\)")
_NAMES = re.compile(rb"/Limits \[\(node\d{8}\) \(node\d{8}\)\]\n/Names \[((?:\(node\d{8}\) \d+ \d+ R ?)+)\]")
_PAIR = re.compile(rb"\(node(\d{8})\) (\d+ \d+ R)")


def stable_ids(pdf: bytes) -> bytes:
    """Renumber the structure-tree ids Chromium takes from its DOM node counter.

    The counter runs on over every document a page has held, so without this a PDF would depend
    on what its page printed before. New ids follow the order the elements appear in the file,
    and the id name tree is re-sorted to match; every replacement has the same length, so no
    offset moves.
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


# ------------------------------------------------------------------ rendering


def _footer(text: str) -> str:
    from markupsafe import escape

    # 9pt: the page number tells an elderly reader there is a second sheet; the 12mm margin holds it.
    return ('<div style="width:100%;font-size:9pt;color:#444;padding:0 13mm;display:flex;'
            'justify-content:space-between;font-family:\'Noto Sans\',\'Noto Sans CJK SC\',sans-serif">'
            f'<span>{escape(text)}</span><span><span class="pageNumber"></span>/<span class="totalPages">'
            '</span></span></div>')


def _cost(job: Printable) -> int:
    """A rough rank of printing time, for the queue: handouts have more text than posters, and
    Chinese text costs more to lay out (several times more with the system's CFF font)."""
    chinese = 'lang="zh' in job.html
    return (4 if chinese else 1) * (2 if job.footer else 1)  # only handouts carry a footer


class _Worker:
    """One page that prints job after job; a crashed page is replaced."""

    def __init__(self, context: Any, plan: Plan, folder: Path | None) -> None:
        self.context, self.plan, self.folder = context, plan, folder
        self.page: Any = None

    async def _open(self) -> Any:
        page = await self.context.new_page()
        if self.plan.load == "content":
            # Print products never reach out: block anything that is not the document itself.
            await page.route("**/*", lambda route: route.abort())
        else:
            await page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                             and route.request.url.startswith(self.folder.as_uri() if self.folder else "-")
                             else route.abort())
        if self.plan.media == "once":
            # The first layout is already the print layout, so printing does not redo the styles.
            await page.emulate_media(media="print")
        return page

    async def _print(self, job: Printable, index: int) -> bytes:
        if self.page is None or not self.plan.reuse:
            if self.page is not None:
                await self.page.close()
            self.page = await self._open()
        page = self.page
        if self.plan.load == "content":
            await page.set_content(job.html, wait_until=self.plan.wait)
        else:
            assert self.folder is not None
            document = self.folder / f"{index}.html"
            document.write_text(job.html, encoding="utf-8")
            await page.goto(document.as_uri(), wait_until=self.plan.wait)
        if self.plan.media == "each":
            await page.emulate_media(media="print")
        pdf: bytes = await page.pdf(prefer_css_page_size=True, print_background=True, format=job.paper,
                                    tagged=True, display_header_footer=bool(job.footer),
                                    header_template="<span></span>",
                                    footer_template=_footer(job.footer) if job.footer else "<span></span>")
        return pdf

    async def run(self, queue: asyncio.Queue[tuple[int, Printable, Path]]) -> None:
        date = pinned_date()
        while not queue.empty():
            index, job, target = queue.get_nowait()
            for attempt in range(ATTEMPTS):
                try:
                    pdf = await self._print(job, index)
                    break
                except Exception as error:  # noqa: BLE001 - Playwright raises plain errors for a crashed page
                    self.page = None  # never print on a page that failed once
                    if attempt + 1 == ATTEMPTS:
                        raise RenderError(f"Chromium could not print {job.path}: {error}") from error
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(pin_dates(pdf, date))
            tmp.replace(target)
        if self.page is not None:
            await self.page.close()


async def _render(todo: list[tuple[Printable, Path]], plan: Plan, folder: Path | None,
                  fonts_config: Path | None) -> None:
    from playwright.async_api import async_playwright

    if plan.order == "costly-first":
        todo = sorted(todo, key=lambda item: -_cost(item[0]))  # stable: equal costs keep their order
    queue: asyncio.Queue[tuple[int, Printable, Path]] = asyncio.Queue()
    for index, (job, target) in enumerate(todo):
        queue.put_nowait((index, job, target))
    browsers_needed = max(1, min(plan.browsers, len(todo)))
    async with async_playwright() as p:
        options = launch_options(p, fonts_config)
        browsers = await asyncio.gather(*(p.chromium.launch(**options) for _ in range(browsers_needed)))
        try:
            workers = []
            for browser in browsers:
                for _ in range(plan.contexts):
                    # Print documents need no script: with JavaScript off nothing in them can run.
                    context = await browser.new_context(java_script_enabled=False)
                    workers += [_Worker(context, plan, folder) for _ in range(plan.pages)]
            workers = workers[:max(1, len(todo))]
            await asyncio.gather(*(w.run(queue) for w in workers))
        finally:
            await asyncio.gather(*(b.close() for b in browsers), return_exceptions=True)


def _missing(jobs: Sequence[Printable], cache: Path, fonts: str) -> tuple[list[str], dict[str, tuple[Printable, Path]]]:
    """Every job's key, and the jobs to render: one for each key the cache does not hold."""
    keys = [cache_key(job, fonts) for job in jobs]
    todo: dict[str, tuple[Printable, Path]] = {}
    for job, key in zip(jobs, keys):
        cached = cache / f"{key}.pdf"
        if key not in todo and not cached.is_file():
            todo[key] = (job, cached)
    return keys, todo


def render_pdfs(jobs: Sequence[Printable], out: Path, cache: Path, workers: int | None = None,
                plan: Plan | None = None) -> RenderStats:
    """Write every job to ``out/job.path``; render only what the cache does not hold.

    ``plan`` says how (``BEST`` when left out); ``workers`` alone asks for one browser with that
    many pages in parallel.
    """
    started = time.perf_counter()
    if plan is None:
        plan = BEST if workers is None else replace(BEST, browsers=1, contexts=1, pages=max(1, workers))
    stats = RenderStats()
    cache.mkdir(parents=True, exist_ok=True)
    keys, todo = _missing(jobs, cache, fonts_in_use(plan))
    if todo:
        prepared = pdf_fonts.prepare(cache) if plan.fonts == "truetype" else None
        if prepared is None and plan.fonts == "truetype" and fonts_in_use(plan) != font_fingerprint():
            keys, todo = _missing(jobs, cache, font_fingerprint())  # the conversion failed: system fonts
        folder = Path(tempfile.mkdtemp(prefix="html-", dir=cache)) if plan.load == "file" else None
        try:
            # A thread of its own: the caller may already run an event loop (Playwright's sync API does).
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(asyncio.run, _render(list(todo.values()), plan, folder,
                                                 prepared.config if prepared else None)).result()
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        stats.rendered = len(todo)
    stats.cached = len(jobs) - stats.rendered
    for job, key in zip(jobs, keys):
        target = out / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{key}.pdf", target)
    stats.seconds = time.perf_counter() - started
    return stats
