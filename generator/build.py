"""The pipeline, read top to bottom like a table of contents.

    1. load every YAML file, keeping line and column      (loader)
    2. validate: schema, CSV tables, cross-checks          (validate)
    3. one read-only catalog                               (catalog)
    4. render pages and QR codes to Markdown               (pages, qr)
    5. mkdocs build                                        (engine)
    6. search index per language                           (search_index)
    7. open data package                                   (opendata)
    8. replace site/ in one step                           (here)

Everything is gathered before anything is written, and everything is written
into a temporary folder: a failure at any stage leaves the previous site/ as it was.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.catalog import Catalog
from generator.config import Settings
from generator.engine import build_site
from generator.errors import Issue
from generator.opendata import write_open_data
from generator.pages import PageRenderer
from generator.qr import QRCache
from generator.search_index import index_site
from generator.strings import load_strings
from generator.tables import read_tables
from generator.validate import Validation, validate


class ContentError(Exception):
    """The content has errors; ``validation`` holds every one of them."""

    def __init__(self, validation: Validation) -> None:
        super().__init__(f"{len(validation.errors)} errors")
        self.validation = validation


@dataclass
class BuildResult:
    out: Path
    pages: int
    qr_made: int


def check(settings: Settings, paths: list[Path] | None = None,
          today: dt.date | None = None) -> Validation:
    """Stages 1 and 2: read and validate, collecting every problem."""
    validation = validate(settings, paths, today)
    if not paths:
        _, string_issues = load_strings(settings.root / "i18n")
        validation.issues = sorted(validation.issues + string_issues, key=Issue.sort_key)
    return validation


def load_catalog(settings: Settings, today: dt.date | None = None) -> Catalog:
    """Stages 1 to 3. Raises ContentError, with the full report, if anything is wrong."""
    validation = check(settings, None, today)
    if validation.errors or validation.taxonomy is None:
        raise ContentError(validation)
    return Catalog.create(
        [entry.procedure for entry in validation.entries],
        validation.taxonomy,
        read_tables(settings.tables),
    )


def build(settings: Settings, out: Path | None = None, site_url: str = "",
          today: dt.date | None = None) -> BuildResult:
    out = (out or settings.root / "site").resolve()
    catalog = load_catalog(settings, today)
    strings, _ = load_strings(settings.root / "i18n")
    qr = QRCache(settings.root / ".cache" / "qr")
    pages = PageRenderer(catalog, strings, settings.root / "templates", qr, site_url).all_pages()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".guide-build-", dir=out.parent) as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        for page in pages:
            target = docs / page.lang / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8")
        shutil.copytree(settings.root / "templates" / "assets", docs / "assets")
        build_site(settings.root / "mkdocs.yml", docs, site, strings, site_url)
        index_site(site)
        write_open_data(catalog, site)
        replace_folder(site, out)
    return BuildResult(out, len(pages), qr.made)


def replace_folder(new: Path, target: Path) -> None:
    """Swap ``new`` in for ``target`` with two renames; the old tree is removed last."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
