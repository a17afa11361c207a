"""Per-language search index with Pagefind.

Pagefind splits its index into small chunks and keeps one index per page
language (our <html lang>), so a phone on the Vietnamese site downloads only
Vietnamese chunks, and only when someone searches. It matches Vietnamese
without tone marks and segments Chinese words.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site: Path) -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--silent"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"pagefind could not run: {exc}") from exc
    if run.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed: {(run.stderr or run.stdout).strip()[:500]}")
    # Pagefind writes its entry file in hash-map order; sort it so two builds are byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
