"""Validation: every file is read and checked, every problem is collected.

Like pelican's generators, one bad file is reported and the rest carry on;
the caller stops once, with a count.
"""
from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.content.checkcache import CheckCache
from generator.content.checked_file import display, schema_line_issues
from generator.config import Settings
from generator.content.crosscheck import Entry, Facts, KeyIndex, check_catalog, local_issues, todo_issues
from generator.diagnostics.errors import Issue
from generator.content.flow import flow_issues
from generator.content.form_check import FormEntry, form_paths, form_slugs, is_form_file, read_form
from generator.content.glossary import glossary_path, load_glossary
from generator.content.loader import Document, load_file, load_text, read_bytes
from generator.diagnostics.messages import bi
from generator.content.model import Procedure, Taxonomy
from generator.upstream.portal import PortalRecord
from generator.upstream.portal_pages import commune_codes
from generator.content.schema_check import check_schema
from generator.content.tables import PACKAGE, check_tables
from generator.content.text_checks import repeated_entries, text_issues
from generator.content.translation_lock import lock_issues

__all__ = ["Record", "Sources", "UsageError", "Validation", "discover", "display", "project_procedures",
           "read_procedure", "read_taxonomy", "schema_line_issues", "validate"]

# Folders under procedures/ that hold other kinds of data, not procedures.
NOT_PROCEDURES = {"tables", "forms", "portal"}


class UsageError(Exception):
    """A problem with how the command was called, not with the content."""


@dataclass
class Sources:
    procedures: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    taxonomy: bool = False
    forms: list[Path] = field(default_factory=list)


@dataclass
class Record:
    """One procedure that passed the schema: facts for cross-checks, the model on demand."""

    facts: Facts
    path: Path
    model_json: bytes
    entry: Entry | None = None  # set when the file was read now, not taken from the cache

    def get_entry(self) -> Entry:
        if self.entry is None:
            procedure = Procedure.model_validate_json(self.model_json)
            self.entry = Entry(Document(self.facts.file, None, ""), procedure, self.path)
        return self.entry


@dataclass
class Validation:
    issues: list[Issue]
    records: list[Record]
    taxonomy: Taxonomy | None
    files: int
    forms: dict[str, FormEntry] = field(default_factory=dict)
    portal: dict[str, PortalRecord] | None = None  # the portal's records, read by a whole-project check

    @property
    def entries(self) -> list[Entry]:
        return [r.get_entry() for r in self.records]

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
        return Sources(project_procedures(settings), [settings.tables], True, form_paths(settings))
    found = Sources()
    for path in paths:
        if not path.exists():
            raise UsageError(bi(vi="{path}: không có tệp hay thư mục này", en="{path}: no such file or folder",
                                path=path))
        if path.is_dir():
            found.tables += [d.parent for d in path.rglob(PACKAGE)]
            if path.resolve() == settings.procedures.resolve():
                found.taxonomy = True
                found.tables.append(settings.tables)
                found.procedures += project_procedures(settings)
                found.forms += form_paths(settings)
                continue
            found.forms += sorted(p for p in path.rglob("*.y*ml")
                                  if p.suffix in (".yml", ".yaml") and is_form_file(p))
            found.procedures += sorted(
                p for p in path.rglob("*.y*ml")
                if p.suffix in (".yml", ".yaml") and p.name != "taxonomy.yml" and not is_form_file(p)
                and not NOT_PROCEDURES & set(p.relative_to(path).parts[:-1])
            )
        elif path.suffix == ".csv" or path.name == PACKAGE:
            found.tables.append(path.parent)
        elif path.name == "taxonomy.yml":
            found.taxonomy = True
        elif path.suffix in (".yml", ".yaml") and is_form_file(path):
            found.forms.append(path)
        elif path.suffix in (".yml", ".yaml"):
            found.procedures.append(path)
        else:
            raise UsageError(bi(vi="{path}: không phải tệp YAML hay CSV", en="{path}: not a YAML or CSV file",
                                path=path))
    found.tables = sorted(set(found.tables))
    found.procedures = sorted(set(found.procedures))
    found.forms = sorted(set(found.forms))
    return found


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


def _code_in_text(path: Path) -> str | None:
    return next(iter(KeyIndex.scan([path]).codes), None)


Result = tuple[list[Issue], Record | None, str | None]  # issues, the record, the code of a broken file

# Catalogs of at least this many procedure files are read by worker processes, one per core (forked:
# starting them costs a few hundredths of a second, and each sends its results back as pickles).
PARALLEL_FROM = 200


def _read_uncached(path: Path, name: str, raw: bytes, settings: Settings, taxonomy: Taxonomy | None) -> Result:
    doc, issues = load_text(name, raw)
    if doc is None:  # its code from the text (as for unchecked files), so links to it are not reported too
        return issues, None, _code_in_text(path)
    issues += schema_line_issues(doc, path, settings.schema_file, settings) + todo_issues(doc, doc.text)
    texts = text_issues(doc)  # before the schema: it joins split accents in doc.data
    procedure, schema_issues = check_schema(doc, Procedure)
    issues += _not_already_reported(schema_issues, issues) + texts
    if procedure is None:
        return issues, None, _code_of(doc) or _code_in_text(path)
    entry = Entry(doc, procedure, path)
    facts = replace(Facts.of(entry), unreviewed=any(i.code == "review.todo" for i in issues))
    issues += local_issues(entry, settings, taxonomy) + flow_issues(entry) + repeated_entries(doc, procedure)
    # The record keeps the model but not the text and positions, as a record from the cache does: the
    # parser's nodes of a whole catalog would only weigh on memory and on the garbage collector.
    light = Entry(Document(doc.path, None, ""), procedure, path)
    return issues, Record(facts, path, procedure.model_dump_json().encode("utf-8"), light), None


def _read(path: Path, settings: Settings, taxonomy: Taxonomy | None, cache: CheckCache | None) -> Result:
    """One procedure file: read, schema and file-local checks (cached when ``cache`` is given)."""
    name = display(path)
    raw, problems = read_bytes(path, name)
    if raw is None:
        return problems, None, None
    result = cache.get(name, raw) if cache else None
    if result is None:
        result = _read_uncached(path, name, raw, settings, taxonomy)
        if cache:
            cache.put(name, raw, result)
    return result


def read_procedure(path: Path, settings: Settings, taxonomy: Taxonomy | None = None,
                   broken_codes: set[str] | None = None,
                   cache: CheckCache | None = None) -> tuple[Record | None, list[Issue]]:
    """One procedure file: read, schema and file-local checks (cached when ``cache`` is given)."""
    issues, record, broken = _read(path, settings, taxonomy, cache)
    if broken and broken_codes is not None:
        broken_codes.add(broken)
    return record, list(issues)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading a catalog makes many objects that live on (the models) and almost no reference cycles;
    Python's collector would walk all of them again and again (a few per cent of a cold check)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# What the worker processes need, inherited when they fork (set only while they run).
_SHARED: tuple[Settings, Taxonomy | None, CheckCache] | None = None


def _read_chunk(paths: list[Path]) -> list[Result]:
    assert _SHARED is not None, "set before the workers fork"
    settings, taxonomy, cache = _SHARED
    # The model goes back as JSON (as from the cache): a record's entry is rebuilt on demand.
    return [(issues, replace(record, entry=None) if record else None, broken)
            for issues, record, broken in (_read(path, settings, taxonomy, cache) for path in paths)]


@contextmanager
def _reading(paths: list[Path], settings: Settings, taxonomy: Taxonomy | None,
             cache: CheckCache) -> Iterator[Callable[[], list[Result]]]:
    """Start reading the procedure files; the function given waits for the results, in the order of ``paths``.

    A large catalog is read by worker processes, one per core, while the caller goes on with other files.
    """
    global _SHARED
    workers = min(_cores(), 4)
    if workers < 2 or len(paths) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [_read(path, settings, taxonomy, cache) for path in paths]
        return
    size = max(8, len(paths) // (workers * 8))  # small enough to even out, large enough to amortize
    _SHARED = (settings, taxonomy, cache)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_read_chunk, paths[at:at + size]) for at in range(0, len(paths), size)]
        yield lambda: [result for future in futures for result in future.result()]
    finally:
        pool.shutdown(cancel_futures=True)
        _SHARED = None


def _checked_tables(folder: Path, cache: CheckCache) -> list[Issue]:
    """A table package's issues, cached by the bytes of its files: frictionless takes a second or more,
    on every build, for tables that rarely change."""
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    raw = b"".join(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() + b"\0" for p in files)
    name = f"tables:{os.path.relpath(folder, Path.cwd())}"  # issues name their files relative to here
    cached = cache.get(name, raw)
    if cached is not None:
        return list(cached[0])
    issues = check_tables(folder, Path.cwd())
    cache.put(name, raw, (issues, None, None))
    return issues


def read_taxonomy(settings: Settings) -> tuple[Taxonomy | None, list[Issue]]:
    doc, issues = load_file(settings.taxonomy, display(settings.taxonomy))
    if doc is None:
        return None, issues
    issues += text_issues(doc)
    taxonomy, more = check_schema(doc, Taxonomy)
    return taxonomy, issues + more


def validate(settings: Settings, paths: list[Path] | None = None,
             today: dt.date | None = None, use_cache: bool = True) -> Validation:
    """Read and check the given paths (default: the whole project)."""
    sources = discover(list(paths or []), settings)
    issues: list[Issue] = []
    taxonomy, taxonomy_issues = read_taxonomy(settings)
    if sources.taxonomy:
        issues += taxonomy_issues + load_glossary(settings.root, display(glossary_path(settings.root)))[1]
        issues += lock_issues(settings.root)  # i18n/content-translations.json, e.g. a merge conflict
    broken: set[str] = set()  # codes of files that failed the schema
    reported: list[Record] = []
    cache = CheckCache(settings, settings.taxonomy.read_text(encoding="utf-8", errors="replace")
                       if settings.taxonomy.is_file() else "", checker=__name__, enabled=use_cache)
    forms: dict[str, FormEntry] = {}
    with _no_cycle_collection(), _reading(sources.procedures, settings, taxonomy, cache) as procedures:
        # Meanwhile (workers may be reading the procedures): what needs nothing from them.
        # Other project files only need their code and slug for the cross-checks, read from
        # their text: checking one changed file stays fast in a catalog of thousands.
        project = project_procedures(settings)
        if sources.procedures == project:  # the whole project (a build): there are no others
            others = KeyIndex.scan([])
        else:
            requested = {p.resolve() for p in sources.procedures}
            others = KeyIndex.scan([p for p in project if p.resolve() not in requested])
        for path in sources.forms:
            form, form_problems = read_form(path, display(path), settings, today)
            issues += form_problems
            if form is not None:
                forms[form.form.slug] = form
        for folder in sources.tables:
            issues += _checked_tables(folder, cache)
        for file_issues, record, broken_code in procedures():
            issues += file_issues
            if record is not None:
                reported.append(record)
            if broken_code:
                broken.add(broken_code)
    wanted = {r.facts.file for r in reported}
    # A related procedure may be a portal page: any commune record in procedures/portal/.
    cross = check_catalog([r.facts for r in reported], settings, others, broken | commune_codes(settings.portal), today,
                          forms=form_slugs(settings))
    issues += [i for i in cross if i.file in wanted]
    issues.sort(key=Issue.sort_key)
    files = len(sources.procedures) + len(sources.tables) + int(sources.taxonomy) + len(sources.forms)
    return Validation(issues, reported, taxonomy, files, forms)
