"""A corpus of broken files: every problem is a positioned, coded error; never a traceback."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

from conftest import ROOT
from generator.diagnostics.errors import CODES

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
LINE = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): (error|warning)\[(?P<code>[a-z0-9.-]+)\]")


def test_corpus_is_reported_without_a_traceback(tmp_path):
    tables = tmp_path / "tables"
    shutil.copytree(ROOT / "procedures" / "tables", tables)
    offices = tables / "offices.csv"
    offices.write_text(offices.read_text(encoding="utf-8")
                       + "99999,Phường Giả,,,79,,,,0251 3847 29" + "," * 10 + "\n"
                       + "00004,Phường Ba Đình,,,01" + "," * 14 + "\n"
                       + "26740,too,few,cells\n", encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "generator", "check", str(CORPUS), str(tables)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    out = run.stdout + run.stderr
    assert run.returncode == 1
    assert "Traceback" not in out and "internal error" not in out
    found: dict[str, set[str]] = {}
    for line in run.stdout.splitlines():
        if line.startswith("    "):  # the hint under a problem, in the run's language
            continue
        m = LINE.match(line)
        assert m, f"not in compiler format: {line!r}"
        assert m["code"] in CODES
        found.setdefault(m["file"].rsplit("/", 1)[-1], set()).add(m["code"])
    broken = {p.name for p in CORPUS.glob("*.yml")} - {"crlf-and-bom.yml", "duplicate-code-a.yml"}
    assert broken <= set(found), broken - set(found)
    assert "crlf-and-bom.yml" not in found
    assert {"table.unknown-commune", "table.pattern", "table.unique", "table.row"} <= found["offices.csv"]
    assert found["alias-bomb.yml"] >= {"yaml.alias"}
    assert found["python-tag.yml"] == {"yaml.tag"}
    assert found["bad-urls.yml"] == {"url.not-allowed", "url.not-https"}
    assert found["duplicate-code-b.yml"] >= {"ref.duplicate-code"}
    assert elapsed < 60  # generous: a hang on the alias bomb would blow far past this
