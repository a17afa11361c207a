"""Print issues for people (text), programs (json) and GitHub (annotations)."""
from __future__ import annotations

import json
from typing import Iterable

from generator.errors import Issue

FORMATS = ("text", "json", "github")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(issues: list[Issue], files: int) -> str:
    errors = sum(1 for i in issues if i.severity == "error")
    warnings = len(issues) - errors
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}."
    return ("Aborted: " if errors else "OK: ") + counts


def as_text(issues: Iterable[Issue]) -> str:
    lines = []
    for i in issues:
        where = f" {i.pointer}" if i.pointer else ""
        lines.append(f"{i.file}:{i.line}:{i.column}: {i.severity}[{i.code}]{where}: {i.message}")
        if i.hint:
            lines.append(f"    hint: {i.hint}")
    return "\n".join(lines)


def as_json(issues: Iterable[Issue]) -> str:
    return json.dumps([i.as_dict() for i in issues], ensure_ascii=False, indent=2)


def as_github(issues: Iterable[Issue]) -> str:
    """GitHub workflow commands, so problems show up on the changed lines of a pull request.

    Ordered and grouped to fit GitHub's 10-per-level limit (errors and review marks first,
    missing translations as one notice per file): see generator/pull_request.py.
    """
    from generator.pull_request import annotations

    return annotations(issues)


def render(issues: list[Issue], fmt: str) -> str:
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](issues)
