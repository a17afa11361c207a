"""Print benchmark: counter handouts per second with one Chromium, cold and warm (cached).

    .venv/bin/python benchmarks/print_bench.py

Prints the figures and writes them to BENCHMARKS.md (section "Print").
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import write_section  # noqa: E402
from generator.build import load_catalog  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.model import LANGS  # noqa: E402
from generator.pdf import render_pdfs  # noqa: E402
from generator.print_docs import Commune, PrintDocuments  # noqa: E402
from generator.qr import QRCache  # noqa: E402
from generator.strings import load_strings  # noqa: E402


def main() -> None:
    settings = load_settings(ROOT)
    catalog = load_catalog(settings)
    strings, _ = load_strings(ROOT / "i18n")
    docs = PrintDocuments(catalog, strings, ROOT / "templates", QRCache(None))
    jobs = [j for j in docs.jobs(list(catalog.procedures), LANGS, Commune.of(catalog, "26743"))
            if j.kind == "handout" and len(j.langs) == 1]
    rows = []
    for workers in (1, 2):
        cold, warm = [], []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as tmp:
                first = render_pdfs(jobs, Path(tmp) / "out", Path(tmp) / "cache", workers=workers)
                second = render_pdfs(jobs, Path(tmp) / "out", Path(tmp) / "cache", workers=workers)
                assert second.rendered == 0
                cold.append(len(jobs) / first.seconds)
                warm.append(len(jobs) / second.seconds)
        rows.append(f"| {workers} | {statistics.median(cold):.1f} | {statistics.median(warm):.0f} |")
    text = "\n".join([
        f"{len(jobs)} single-language counter handouts (12 procedures × vi, en, zh) for Phường Bến Thành, "
        "A4, one Chromium for the whole run (browser start included in cold). Median of 3 runs.",
        "",
        "| pages in parallel | cold: handouts/s | warm (all cached, no browser): handouts/s |",
        "|---|---|---|",
        *rows,
    ])
    print(text)
    write_section("Print", text)


if __name__ == "__main__":
    main()
