"""Print issues for people (text), programs (json) and GitHub (annotations), in Vietnamese or English.

The line format (``file:line:col: severity[code] pointer: message``), the severity words and the codes
are the same in both languages, so tools and problem matchers read either; the message, the hint
and the summary line follow the run's language (``--lang``, see generator/diagnostics/messages.py).
"""
from __future__ import annotations

import json
from typing import Iterable

from generator.diagnostics.errors import Issue
from generator.diagnostics.messages import DEFAULT_LANG, bi, join, localize, plural

FORMATS = ("text", "json", "github")
HINT_LABEL = {"vi": "gợi ý", "en": "hint"}


def summary(issues: list[Issue], files: int, lang: str = DEFAULT_LANG) -> str:
    """``Dừng: 3 lỗi, 0 cảnh báo trong 1 tệp.`` / ``Aborted: 3 errors, 0 warnings in 1 file.``"""
    errors = sum(1 for i in issues if i.severity == "error")
    counts = join([plural(errors, "lỗi", "error"), plural(len(issues) - errors, "cảnh báo", "warning")])
    line = bi(vi="{counts} trong {files}.", en="{counts} in {files}.", counts=counts,
              files=plural(files, "tệp", "file"))
    head = bi(vi="Dừng: ", en="Aborted: ") if errors else bi(vi="Xong: ", en="OK: ")
    return localize(head + line, lang)


def as_text(issues: Iterable[Issue], lang: str = DEFAULT_LANG) -> str:
    lines = []
    for i in issues:
        where = f" {i.pointer}" if i.pointer else ""
        lines.append(f"{i.file}:{i.line}:{i.column}: {i.severity}[{i.code}]{where}: {i.text(lang)}")
        hint = i.hint_text(lang)
        if hint:
            lines.append(f"    {HINT_LABEL.get(lang, 'hint')}: {hint}")
    return "\n".join(lines)


def as_json(issues: Iterable[Issue], lang: str = DEFAULT_LANG) -> str:
    """The documented keys; ``message`` and ``hint`` in the run's language."""
    return json.dumps([i.as_dict(lang) for i in issues], ensure_ascii=False, indent=2)


def as_github(issues: Iterable[Issue], lang: str = DEFAULT_LANG) -> str:
    """GitHub workflow commands, so problems show up on the changed lines of a pull request.

    Ordered and grouped to fit GitHub's 10-per-level limit (errors and review marks first,
    missing translations as one notice per file): see generator/diagnostics/pull_request.py.
    """
    from generator.diagnostics.pull_request import annotations

    return annotations((i.in_lang(lang) for i in issues), lang)


def render(issues: list[Issue], fmt: str, lang: str = DEFAULT_LANG) -> str:
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](issues, lang)
