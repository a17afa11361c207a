"""The pipeline, read top to bottom like a table of contents.

    1. load every YAML file, keeping line and column      (loader)
    2. validate: schema, CSV tables, cross-checks          (validate)
    3. one read-only catalog: guides, and portal pages for
       every commune record without a guide               (catalog, portal_pages)
    4. print products: handouts, posters (PDF), scripts    (print_run, pdf)
    5. render pages and QR codes to Markdown               (pages, qr)
    6. mkdocs build                                        (engine)
    7. "print for your commune" views                      (print_view)
    8. search index per language                           (search_index)
    9. offline packs, one zip per language                (offline_pack)
   10. open data package                                   (opendata)
   11. question flow diagrams for editors                  (flow)
   12. replace site/ in one step                           (here)

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
from generator.crosscheck import is_published
from generator.engine import build_site
from generator.errors import Issue
from generator.flow import write_flows
from generator.offline_pack import write_packs
from generator.opendata import write_open_data
from generator import print_run
from generator.pages import PageRenderer
from generator.print_docs import Commune, PrintDocuments
from generator.print_view import write_print_views
from generator.qr import QRCache
from generator.search_index import index_site
from generator.strings import load_strings
from generator.tables import read_tables
from generator.portal_pages import portal_procedures, read_records
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
    pdf_rendered: int = 0
    pdf_cached: int = 0


def check(settings: Settings, paths: list[Path] | None = None,
          today: dt.date | None = None) -> Validation:
    """Stages 1 and 2: read and validate, collecting every problem."""
    validation = validate(settings, paths, today)
    if not paths:
        _, string_issues = load_strings(settings.root / "i18n")
        portal_issues: list[Issue] = []
        if settings.portal.is_dir():
            validation.portal, portal_issues = read_records(settings.portal)
        validation.issues = sorted(validation.issues + string_issues + portal_issues, key=Issue.sort_key)
    return validation


def load_catalog(settings: Settings, today: dt.date | None = None, drafts: bool = False) -> Catalog:
    """Stages 1 to 3. Raises ContentError, with the full report, if anything is wrong.

    ``drafts`` (pull-request previews only, `guide build --drafts`) lets files with a
    `# TODO(review)` in as guides, listed in ``Catalog.drafts`` so each page says so.
    """
    validation = check(settings, None, today)
    if validation.errors or validation.taxonomy is None:
        raise ContentError(validation)
    today = today or dt.date.today()
    reviewed = [r.get_entry().procedure for r in validation.records if drafts or not r.facts.unreviewed]
    guides = [p for p in reviewed if is_published(p, today)]
    draft_codes = {r.facts.code for r in validation.records if r.facts.unreviewed} if drafts else set()
    # A draft leaves its record published as a portal page; a guide outside its validity dates
    # (not yet in force, or abolished) keeps the record's page off the site too.
    tables = read_tables(settings.tables)
    portal, info, problems = portal_procedures(validation.portal or {}, settings.portal, reviewed,
                                               validation.taxonomy.fields, tables.provinces)
    if problems:
        validation.issues = sorted(validation.issues + problems, key=Issue.sort_key)
        raise ContentError(validation)
    return Catalog.create(
        [*guides, *portal],
        validation.taxonomy,
        tables,
        {slug: entry.form for slug, entry in validation.forms.items()},
        today,
        info,
        draft_codes,
    )


def build(settings: Settings, out: Path | None = None, site_url: str = "",
          today: dt.date | None = None, with_print: bool = True, drafts: bool = False) -> BuildResult:
    out = (out or settings.root / "site").resolve()
    templates = settings.root / "templates"
    catalog = load_catalog(settings, today, drafts)
    strings, _ = load_strings(settings.root / "i18n")
    qr = QRCache(settings.cache_dir / "qr")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".guide-build-", dir=out.parent) as tmp:
        docs, site, prints = Path(tmp) / "docs", Path(tmp) / "site", Path(tmp) / "print"
        printed = print_run.run(catalog, strings, templates, settings.cache_dir, prints, Commune.generic(),
                                list(catalog.printed)) if with_print else print_run.PrintResult()
        pages = PageRenderer(catalog, strings, templates, qr, site_url, printed.files,
                             settings.host_allowed).all_pages()
        for page in pages:
            target = docs / page.lang / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8")
        shutil.copytree(templates / "assets", docs / "assets")
        build_site(settings.root / "mkdocs.yml", docs, site, strings, site_url)
        shutil.copyfile(templates / "assets" / "sw.js", site / "sw.js")  # at the root: it serves every page
        if with_print:
            shutil.copytree(prints, site / "print")
            write_print_views(catalog, PrintDocuments(catalog, strings, templates, qr), strings, site)
        index_site(site)
        write_packs(site, catalog)
        write_open_data(catalog, site, {slug: [f"print/{f}" for f in files]
                                        for slug, files in printed.files.items()})
        write_flows(catalog.procedures, site / "flows")
        replace_folder(site, out)
    return BuildResult(out, len(pages), qr.made, printed.stats.rendered, printed.stats.cached)


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
