"""Print benchmark: how fast cold PDFs go on this machine, and the whole print set at N procedures.

    .venv/bin/python benchmarks/print_bench.py                 # settings on a sample, then the set at 500
    .venv/bin/python benchmarks/print_bench.py --n 100 --repeats 2 --no-write

1. Settings (generator.print.pdf.Plan): browsers, contexts, pages in parallel, set_content or a file://
   URL, what to wait for, print media once or per job, a page per job or reused, queue order. Each
   renders the same sample of the print set (every kind and language in its share) into an empty
   cache; the settings take turns in each round, so the machine's noise falls on all of them.
   Reported: PDFs per second (wall, median of the rounds), CPU seconds per PDF (Python, Playwright's
   driver and every Chromium process, counted as they exit), and the load average of the machine.
2. The whole print set at N procedures made by benchmarks/synth.py, as `guide build` makes it
   (print_run.run: handouts single and bilingual, A4 and A3 posters in three languages, loudspeaker
   scripts), cold; then again with nothing changed, and after one procedure changed.

Writes the figures to BENCHMARKS.md (section "Print").
"""
from __future__ import annotations

import argparse
import ctypes
import hashlib
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import write_section  # noqa: E402
from benchmarks.synth import make_project  # noqa: E402
from generator import pdf_fonts, print_run  # noqa: E402
from generator.build import load_catalog  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.content.model import LANGS  # noqa: E402
from generator.print.pdf import BEST, Plan, render_pdfs  # noqa: E402
from generator.print.print_docs import Commune, PrintDocuments, PrintJob  # noqa: E402
from generator.print.qr import QRCache  # noqa: E402
from generator.content.strings import load_strings  # noqa: E402

# The renderer as it was before this benchmark: browser.new_page() gives each page a context of
# its own; print media emulated before every job; jobs in the order given; Debian's CFF CJK font.
BEFORE = Plan(browsers=1, contexts=2, pages=1, media="each", order="given", fonts="system")
TOPOLOGIES = [
    ("1 browser, 1 page", Plan(pages=1)),
    ("1 browser, 2 pages (one context)", Plan(pages=2)),
    ("1 browser, 3 pages (one context)", Plan(pages=3)),
    ("1 browser, 4 pages (one context)", Plan(pages=4)),
    ("1 browser, 2 contexts × 1 page", Plan(contexts=2, pages=1)),
    ("2 browsers × 1 page", Plan(browsers=2, pages=1)),
    ("2 browsers × 2 pages", Plan(browsers=2, pages=2)),
    ("3 browsers × 1 page", Plan(browsers=3, pages=1)),
]


def variants(base: Plan) -> list[tuple[str, Plan]]:
    """One change at a time from the chosen plan."""
    from dataclasses import replace

    return [
        ("… with file:// URLs instead of set_content", replace(base, load="file")),
        ("… waiting for domcontentloaded instead of load", replace(base, wait="domcontentloaded")),
        ("… print media emulated before every job", replace(base, media="each")),
        ("… a new page for every job (fonts load each time)", replace(base, reuse=False)),
        ("… jobs in the given order (not costly first)", replace(base, order="given")),
        ("… Debian's CFF Noto Sans CJK SC (Type 3 glyphs in the PDF)", replace(base, fonts="system")),
    ]


def become_subreaper() -> None:
    """Chromium's renderers are orphaned when their browser exits; as our children their CPU counts."""
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap() -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Run:
    seconds: float
    cpu: float
    load: float
    digest: str


def timed_render(jobs: list[PrintJob], plan: Plan, scratch: Path) -> Run:
    if scratch.exists():
        shutil.rmtree(scratch)
    load = os.getloadavg()[0]
    cpu = cpu_seconds()
    stats = render_pdfs(jobs, scratch / "out", scratch / "cache", plan=plan)
    reap()
    assert stats.rendered + stats.cached == len(jobs) and stats.rendered, stats
    digest = hashlib.sha256()
    for job in sorted(jobs, key=lambda j: j.path):
        digest.update((scratch / "out" / job.path).read_bytes())
    return Run(stats.seconds, cpu_seconds() - cpu, load, digest.hexdigest())


def project(n: int, where: Path) -> Path:
    """A synthetic project of n procedures, with the portal's records the shipped guides refer to."""
    make_project(where, n)
    if not (where / "procedures/portal").exists():
        shutil.copytree(ROOT / "procedures/portal", where / "procedures/portal")
    return where


def sample(jobs: list[PrintJob], size: int) -> list[PrintJob]:
    """Every k-th job: each kind, paper and language keeps its share of the print set."""
    step = max(1, len(jobs) // size)
    return jobs[::step][:size]


def settings_table(jobs: list[PrintJob], repeats: int, scratch: Path) -> tuple[str, Plan]:
    runs: dict[str, list[Run]] = {}
    plans = dict([("before (1 browser, a context per page, media per job, given order)", BEFORE), *TOPOLOGIES])

    def rounds(table: dict[str, Plan]) -> None:
        for r in range(repeats):
            for label, plan in table.items():
                run = timed_render(jobs, plan, scratch)
                runs.setdefault(label, []).append(run)
                print(f"[settings {r + 1}/{repeats}] {label}: {len(jobs) / run.seconds:.2f} PDF/s, "
                      f"{run.cpu / len(jobs):.3f} CPU s/PDF, load {run.load:.1f}", file=sys.stderr, flush=True)

    def speed(label: str) -> float:
        return statistics.median(len(jobs) / r.seconds for r in runs[label])

    rounds(plans)
    best_label = max((label for label, _ in TOPOLOGIES), key=speed)
    best = dict(TOPOLOGIES)[best_label]
    more = {f"{label}": plan for label, plan in variants(best)}
    rounds(more)
    plans.update(more)
    digests = {run.digest for rs in runs.values() for run in rs}
    rows = []
    for label in plans:
        rs = runs[label]
        mark = " (chosen)" if label == best_label else ""
        rows.append(f"| {label}{mark} | {speed(label):.2f} | {statistics.median(r.cpu for r in rs) / len(jobs):.3f} "
                    f"| {statistics.median(r.load for r in rs):.1f} |")
    kinds: dict[str, int] = {}
    for j in jobs:
        kinds[j.kind] = kinds.get(j.kind, 0) + 1
    text = "\n".join([
        f"**Settings.** {len(jobs)} PDFs sampled from the print set ({', '.join(f'{n} {k}s' for k, n in kinds.items())}; "
        f"vi, en, zh and bilingual in their shares), rendered cold into an empty cache, browser start included. "
        f"Median of {repeats} rounds; in each round the settings take turns. CPU counts Python, Playwright's "
        "driver and every Chromium process. Load is the machine's 1-minute load average when the run "
        "started (2 cores; other work was running, so compare settings within the table).",
        "",
        "| setting | cold PDFs/s | CPU s per PDF | load |",
        "|---|---|---|---|",
        *rows,
        "",
        f"Output bytes were {'identical under every setting' if len(digests) == 1 else 'NOT identical across settings'} "
        f"({len(digests)} distinct digest{'s' if len(digests) > 1 else ''} of the {len(jobs)} PDFs).",
    ])
    return text, best


def print_set(n: int, scratch: Path) -> str:
    base = project(n, scratch / f"project-{n}")
    settings = load_settings(base)
    started = time.perf_counter()
    catalog = load_catalog(settings)
    strings, _ = load_strings(base / "i18n")
    loaded = time.perf_counter() - started
    cache, out = scratch / f"cache-{n}", scratch / f"print-{n}"
    shutil.rmtree(cache, ignore_errors=True)

    def one_run(label: str) -> tuple[float, print_run.PrintResult]:
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        result = print_run.run(catalog, strings, base / "templates", cache, out, Commune.generic(),
                               list(catalog.printed))
        seconds = time.perf_counter() - t
        reap()
        print(f"[set N={n}] {label}: {seconds:.1f} s, {result.stats.rendered} rendered, "
              f"{result.stats.cached} cached", file=sys.stderr, flush=True)
        return seconds, result

    load = os.getloadavg()[0]
    cold, first = one_run("cold")
    warm, again = one_run("nothing changed")
    assert again.stats.rendered == 0, again.stats
    # One procedure changes (its Vietnamese name): only its PDFs are rendered again.
    slug = [p for p in catalog.printed if p.code not in catalog.portal][-1].slug
    path = next(base.glob(f"procedures/*/{slug}.yml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  vi: ", "\n  vi: Đã sửa ", 1), encoding="utf-8")
    catalog = load_catalog(settings)
    edit, edited = one_run("one procedure changed")
    pdfs = first.stats.rendered + first.stats.cached
    files = sum(len(v) for v in first.files.values())
    guides = len([p for p in catalog.printed if p.code not in catalog.portal])
    return "\n".join([
        f"**The whole print set at {n} procedures** (benchmarks/synth.py; {guides} guides and "
        f"{len(catalog.printed) - guides} portal pages with print products), made as `guide build` makes it "
        f"(`print_run.run`, plan: {BEST.describe()}): {pdfs} PDFs (handouts single and bilingual, A4 and A3 "
        f"posters in vi, en, zh) and {files - pdfs} loudspeaker scripts. Loading and checking the catalog "
        f"({loaded:.1f} s) is not included. Load average at the start: {load:.1f}.",
        "",
        "| run | seconds | PDFs rendered | PDFs from the cache | PDFs/s |",
        "|---|---|---|---|---|",
        f"| cold (empty cache) | {cold:.0f} | {first.stats.rendered} | {first.stats.cached} | "
        f"{first.stats.rendered / cold:.2f} |",
        f"| nothing changed | {warm:.1f} | {again.stats.rendered} | {again.stats.cached} | — |",
        f"| one procedure changed | {edit:.1f} | {edited.stats.rendered} | {edited.stats.cached} | — |",
        "",
        f"Of the cold run, {first.stats.seconds:.0f} s went to `render_pdfs` (hashing, Chromium, copying "
        f"out); the rest is HTML, QR codes and scripts.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="procedures in the print set (0: skip it)")
    parser.add_argument("--sample", type=int, default=120, help="PDFs per settings run (0: skip the settings)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    become_subreaper()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764000000")  # as a release build would
    parts = []
    with tempfile.TemporaryDirectory(prefix="print-bench-") as tmp:
        scratch = Path(tmp)
        # Once per machine: Noto Sans CJK SC with TrueType outlines. Every run below reuses it.
        started, cpu = time.perf_counter(), cpu_seconds()
        made = pdf_fonts.prepare(scratch / "fonts-once")
        reap()
        parts.append(f"**Fonts.** Making Noto Sans CJK SC with TrueType outlines (generator/print/pdf_fonts.py, once per "
                     f"machine, kept in the cache): {time.perf_counter() - started:.0f} s "
                     f"({cpu_seconds() - cpu:.0f} CPU s){'' if made else ' — FAILED, system fonts used'}. "
                     "Not included in the figures below.")
        if args.sample:
            base = project(33, scratch / "project-sample")  # the shipped guides and their copies
            catalog = load_catalog(load_settings(base))
            strings, _ = load_strings(base / "i18n")
            docs = PrintDocuments(catalog, strings, base / "templates", QRCache(None))
            guides = [p for p in catalog.printed if p.code not in catalog.portal]
            jobs = sample(docs.jobs(guides, LANGS, Commune.generic()), args.sample)
            text, best = settings_table(jobs, args.repeats, scratch / "settings")
            parts.append(text)
            if best != BEST:
                parts.append(f"Note: this run's fastest topology was {best.describe()}; generator/print/pdf.py uses "
                             f"{BEST.describe()}.")
        if args.n:
            parts.append(print_set(args.n, scratch))
    text = "\n\n".join(parts)
    print(text)
    if not args.no_write:
        write_section("Print", text)


if __name__ == "__main__":
    main()
