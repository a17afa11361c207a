"""The sub-packages of generator/ are layers: what reads and checks content knows nothing of outputs.

content/, upstream/ and diagnostics/ are what `guide check` runs; they must not import the website,
print or editor packages (not even inside a function), or a check would pay for, and be invalidated
by, code it does not use.
"""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT
from generator.content.checkcache import _imported

CHECKING = ("content", "upstream", "diagnostics")
OUTPUTS = ("site", "print", "editors")


def crossings(root: Path) -> list[str]:
    found = []
    for package in CHECKING:
        for path in sorted((root / "generator" / package).rglob("*.py")):
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            for imported in sorted(_imported(ast.parse(path.read_bytes()), name, path.name == "__init__.py")):
                if imported.split(".")[1:2] and imported.split(".")[1] in OUTPUTS:
                    found.append(f"{path.relative_to(root).as_posix()} imports {imported}")
    return found


def test_checking_packages_import_no_output_package():
    assert crossings(ROOT) == []


def test_a_crossing_is_found(tmp_path):
    for package in (*CHECKING, *OUTPUTS):
        (tmp_path / "generator" / package).mkdir(parents=True)
    (tmp_path / "generator" / "content" / "late.py").write_text(
        "def f():\n    from generator.site.routes import procedure\n", encoding="utf-8")
    assert "generator/content/late.py imports generator.site.routes" in crossings(tmp_path)
