"""generator/ type-checks clean under mypy (settings in pyproject.toml), and every `type: ignore` says why.

An ignore must name its error code, so that it silences only the error it was written for, and
give a reason after a second `#`, e.g. `# type: ignore[assignment]  # list is invariant`.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

from conftest import ROOT

_IGNORE = re.compile(r"#\s*type:\s*ignore\b")
# The code list, then another comment holding at least one visible character: the reason.
_EXPLAINED = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(\s*,\s*[a-z-]+)*\]\s*#\s*\S")


def unexplained_ignores(path: Path) -> list[str]:
    """``file:line`` of each `type: ignore` without an error code and a reason."""
    found = []
    # Comments only: a docstring or a string may mention the words.
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.COMMENT and _IGNORE.search(token.string) \
                and not _EXPLAINED.search(token.string):
            found.append(f"{path}:{token.start[0]}: {token.string}")
    return found


def test_mypy_is_clean():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_type_ignore_has_a_code_and_a_reason():
    found = [line for path in sorted((ROOT / "generator").rglob("*.py")) for line in unexplained_ignores(path)]
    assert found == []


def test_an_unexplained_ignore_is_found(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Says type: ignore in a docstring, which is fine."""\n'
                      "a: int = 'x'  # type: ignore\n"
                      "b: int = 'x'  # type: ignore[assignment]\n"
                      "c: int = 'x'  # type: ignore[assignment]  #\n"
                      "d: int = 'x'  # type: ignore  # no code\n"
                      "e: int = 'x'  # type: ignore[assignment]  # a test of the rule\n", encoding="utf-8")
    lines = [found.removeprefix(f"{sample}:").split(":")[0] for found in unexplained_ignores(sample)]
    assert lines == ["2", "3", "4", "5"]
