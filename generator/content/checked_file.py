"""How a checked file is named in reports, and what its first line must say.

Shared by the whole-project check (validate.py) and the per-kind checks below it
(crosscheck.py, form_check.py), so that none of those has to import validate.py.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.config import SCHEMA_COMMENT, Settings, schema_comment_for
from generator.diagnostics.errors import Issue, make_issue
from generator.content.loader import Document


def display(path: Path) -> str:
    """A path as editors and CI annotations expect it: relative to where they stand."""
    rel = os.path.relpath(path.resolve(), Path.cwd())
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def schema_line_issues(doc: Document, path: Path, schema: Path, settings: Settings) -> list[Issue]:
    """The first line must point editors' tools to ``schema``."""
    line = doc.first_line.strip()
    target = line[len(SCHEMA_COMMENT):].strip() if line.startswith(SCHEMA_COMMENT) else ""
    if target and (path.resolve().parent / target).resolve() == schema.resolve():
        return []
    return [make_issue("file.schema-comment", doc.path, 1, 1, "",
                       expected=schema_comment_for(settings, path, schema))]
