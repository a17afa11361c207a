"""Validation: every file is read and checked, every problem is collected.

Like pelican's generators, one bad file is reported and the rest carry on;
the caller stops once, with a count.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SCHEMA_COMMENT, Settings, schema_comment_for
from generator.crosscheck import Entry, check_catalog, todo_issues
from generator.errors import Issue, make_issue
from generator.loader import Document, load_file
from generator.model import Procedure, Taxonomy
from generator.schema_check import check_schema
from generator.tables import PACKAGE, check_tables

# Folders under procedures/ that hold other kinds of data, not procedures.
NOT_PROCEDURES = {"tables", "forms"}


class UsageError(Exception):
    """A problem with how the command was called, not with the content."""


@dataclass
class Sources:
    procedures: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    taxonomy: bool = False


@dataclass
class Validation:
    issues: list[Issue]
    entries: list[Entry]
    taxonomy: Taxonomy | None
    files: int

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def project_procedures(settings: Settings) -> list[Path]:
    folder = settings.procedures
    return sorted(
        p for p in folder.glob("*/*.y*ml")
        if p.parent.name not in NOT_PROCEDURES and p.suffix in (".yml", ".yaml")
    )


def discover(paths: list[Path], settings: Settings) -> Sources:
    """Sort the given paths into procedure files, table packages and the taxonomy."""
    if not paths:
        return Sources(project_procedures(settings), [settings.tables], True)
    found = Sources()
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            found.tables += [d.parent for d in path.rglob(PACKAGE)]
            if path.resolve() == settings.procedures.resolve():
                found.taxonomy = True
                found.tables.append(settings.tables)
                found.procedures += project_procedures(settings)
                continue
            found.procedures += sorted(
                p for p in path.rglob("*.y*ml")
                if p.suffix in (".yml", ".yaml") and p.name != "taxonomy.yml"
                and not NOT_PROCEDURES & set(p.relative_to(path).parts[:-1])
            )
        elif path.suffix == ".csv" or path.name == PACKAGE:
            found.tables.append(path.parent)
        elif path.name == "taxonomy.yml":
            found.taxonomy = True
        elif path.suffix in (".yml", ".yaml"):
            found.procedures.append(path)
        else:
            raise UsageError(f"{path}: not a YAML or CSV file")
    found.tables = sorted(set(found.tables))
    found.procedures = sorted(set(found.procedures))
    return found


def display(path: Path) -> str:
    """A path as editors and CI annotations expect it: relative to where they stand."""
    rel = os.path.relpath(path.resolve(), Path.cwd())
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _schema_line(doc: Document, path: Path, settings: Settings) -> list[Issue]:
    line = doc.first_line.strip()
    target = line[len(SCHEMA_COMMENT):].strip() if line.startswith(SCHEMA_COMMENT) else ""
    if target and (path.resolve().parent / target).resolve() == settings.schema_file.resolve():
        return []
    return [make_issue("file.schema-comment", doc.path, 1, 1, "",
                       expected=schema_comment_for(settings, path))]


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _not_already_reported(schema_issues: list[Issue], load_issues: list[Issue]) -> list[Issue]:
    """Drop schema echoes of a value the loader already refused (e.g. an alias)."""
    taken = [i.pointer for i in load_issues if i.pointer]
    return [i for i in schema_issues
            if not (i.pointer and any(_related(i.pointer, t) for t in taken))]


def _code_of(doc: Document | None) -> str | None:
    """The code of a file that failed the schema, so references to it are not reported too."""
    data = doc.data if doc is not None else None
    code = data.get("code") if isinstance(data, dict) else None
    return str(getattr(code, "raw", code)) if code is not None else None


def read_procedure(path: Path, settings: Settings,
                   broken_codes: set[str] | None = None) -> tuple[Entry | None, list[Issue]]:
    doc, issues = load_file(path, display(path))
    if doc is None:
        return None, issues
    issues += _schema_line(doc, path, settings) + todo_issues(doc, doc.text)
    procedure, schema_issues = check_schema(doc, Procedure)
    issues += _not_already_reported(schema_issues, issues)
    if procedure is None:
        code = _code_of(doc)
        if code and broken_codes is not None:
            broken_codes.add(code)
        return None, issues
    return Entry(doc, procedure, path), issues


def read_taxonomy(settings: Settings) -> tuple[Taxonomy | None, list[Issue]]:
    doc, issues = load_file(settings.taxonomy, display(settings.taxonomy))
    if doc is None:
        return None, issues
    taxonomy, more = check_schema(doc, Taxonomy)
    return taxonomy, issues + more


def validate(settings: Settings, paths: list[Path] | None = None,
             today: dt.date | None = None) -> Validation:
    """Read and check the given paths (default: the whole project)."""
    sources = discover(list(paths or []), settings)
    issues: list[Issue] = []
    taxonomy, taxonomy_issues = read_taxonomy(settings)
    if sources.taxonomy:
        issues += taxonomy_issues
    requested = {p.resolve() for p in sources.procedures}
    context: list[Entry] = []  # other project files, so references resolve
    broken: set[str] = set()  # codes of files that failed the schema
    for path in project_procedures(settings):
        if path.resolve() not in requested:
            entry, _ = read_procedure(path, settings, broken)
            if entry is not None:
                context.append(entry)
    reported: list[Entry] = []
    for path in sources.procedures:
        entry, file_issues = read_procedure(path, settings, broken)
        issues += file_issues
        if entry is not None:
            reported.append(entry)
    wanted = {e.doc.path for e in reported}
    cross = check_catalog(context + reported, settings, taxonomy, broken, today)
    issues += [i for i in cross if i.file in wanted]
    for folder in sources.tables:
        issues += check_tables(folder, Path.cwd())
    issues.sort(key=Issue.sort_key)
    files = len(sources.procedures) + len(sources.tables) + int(sources.taxonomy)
    return Validation(issues, reported, taxonomy, files)
