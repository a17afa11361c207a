"""Write one section of BENCHMARKS.md, leaving the other sections as they are."""
from __future__ import annotations

import datetime as dt
import platform
import re
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
HEADER = ("# Benchmarks\n\nFigures printed by the scripts in `benchmarks/`. The machine is small (2 cores) and "
          "noisy: read medians and ratios, not single runs.\n")


def write_section(name: str, body: str) -> None:
    text = FILE.read_text(encoding="utf-8") if FILE.exists() else HEADER
    stamp = f"_Measured {dt.date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()}._"
    section = f"## {name}\n\n{stamp}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    FILE.write_text(text.rstrip() + "\n", encoding="utf-8")
