"""The pipeline, read top to bottom like a table of contents.

    1. load every YAML file, keeping line and column    content/loader (cached per file: content/checkcache)
    2. validate: schema, CSV tables, cross-checks,      content/validate, content/crosscheck,
       the portal's records                             upstream/portal
    3. one read-only catalog: guides, and portal pages  content/catalog, upstream/portal_pages
       for every commune record without a guide
    4. gather what the stages read                      stages.Inputs
    5. the stages, in order (STAGES below; stages.py):
       print products: handouts, posters, scripts       print/print_run, print/pdf, print/broadcast
       pages: views, templates, the engine              site/views, site/pages, site/engine
       assets: CSS, scripts, the service worker         templates/assets
       "print for your commune" views                   print/print_view
       each province's communes, for the offices page   site/where
       open data package                                site/opendata
       question flow diagrams for editors               content/flow
       search index per language                        site/search_index
       offline packs, one zip per language              site/offline_pack
    6. replace site/ in one step                        here

Every output is named by site/routes.py and keeps the digest of what it is made from. The
stages write into the spare tree next to site/ (site/site_tree.py): what did not change since
the last build is kept or hard-linked from the live site, the rest is made again. A failure at
any stage leaves the previous site/ as it was; a rebuild makes exactly what a clean build makes.
"""
from __future__ import annotations

import datetime as dt
import gc
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.catalog import Catalog
from generator.config import Settings
from generator.content.crosscheck import is_published
from generator.diagnostics.errors import Issue
from generator.upstream.portal_pages import portal_procedures, read_records
from generator.print.qr import QRCache
from generator.site.site_tree import Manifest, SiteTree
from generator.stages import (Assets, CommuneData, Flows, Inputs, OfflinePacks, OpenData, Pages, PrintProducts,
                              PrintViews, Search, Stage)
from generator.content.strings import load_strings
from generator.content.search_terms import load_search_terms
from generator.content.tables import read_tables
from generator.content.validate import Validation, validate

# In order: pages link the print products that exist; search and packs read the finished pages.
STAGES: tuple[Stage, ...] = (PrintProducts(), Pages(), Assets(), PrintViews(), CommuneData(), OpenData(), Flows(),
                             Search(), OfflinePacks())


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
    made: list[str] = field(default_factory=list)  # outputs made again (files, or groups such as search/vi)
    kept: int = 0  # outputs taken unchanged from the last build
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, and "gather"


def check(settings: Settings, paths: list[Path] | None = None,
          today: dt.date | None = None) -> Validation:
    """Stages 1 and 2: read and validate, collecting every problem."""
    validation = validate(settings, paths, today)
    if not paths:
        _, string_issues = load_strings(settings.root / "i18n")
        portal_issues: list[Issue] = []
        if settings.portal.is_dir():
            validation.portal, portal_issues = read_records(settings.portal)
        codes = {r.facts.code for r in validation.records} | set(validation.portal or {})
        _, term_issues = load_search_terms(settings.root, codes)
        validation.issues = sorted(validation.issues + string_issues + portal_issues + term_issues,
                                   key=Issue.sort_key)
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


def gather(settings: Settings, site_url: str = "", today: dt.date | None = None, with_print: bool = True,
           drafts: bool = False) -> Inputs:
    """Stages 1 to 4: everything the stages read, before anything is written."""
    catalog = load_catalog(settings, today, drafts)
    strings, _ = load_strings(settings.root / "i18n")
    terms, _ = load_search_terms(settings.root)
    return Inputs(settings, catalog, strings, site_url, with_print, QRCache(settings.cache_dir / "qr"),
                  search_terms=terms)


def build(settings: Settings, out: Path | None = None, site_url: str = "",
          today: dt.date | None = None, with_print: bool = True, drafts: bool = False) -> BuildResult:
    out = (out or settings.root / "site").resolve()
    started = time.perf_counter()
    # The catalog is many objects that live for the whole build and hold almost no cycles: the
    # cycle collector would walk them again and again (several seconds at 2,000 procedures).
    gc.disable()
    try:
        inputs = gather(settings, site_url, today, with_print, drafts)
    finally:
        gc.enable()
    gc.freeze()  # kept out of later collections, here and in the forked page helpers
    seconds = {"gather": time.perf_counter() - started}
    spare = out.with_name(f".{out.name}.spare")  # the site as the build before last left it
    live_manifest, spare_manifest = Manifest(settings.cache_dir, out), Manifest(settings.cache_dir, spare)
    live = live_manifest.load() if out.is_dir() else {}
    known = spare_manifest.load() if spare.is_dir() else {}
    spare_manifest.forget()  # the spare changes now: a build that dies midway leaves it unknown
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".guide-build-", dir=out.parent) as work:
        discard = _discard(spare, Path(work)) if spare.exists() and not known else None
        tree = SiteTree(spare, Path(work), known, out if out.is_dir() else None, live)
        try:
            for stage in STAGES:
                started = time.perf_counter()
                stage.write(inputs, tree)
                seconds[stage.name] = time.perf_counter() - started
            started = time.perf_counter()
            tree.settle()  # what ran beside the last stages (Pagefind)
            seconds["settle"] = time.perf_counter() - started
        finally:
            tree.cancel()
        started = time.perf_counter()
        entries = tree.finish()
        live_manifest.forget()
        swap(spare, out)
        live_manifest.save(entries)
        spare_manifest.save(live)  # the old live site is the spare now, as its manifest describes it
        if discard:
            discard.join()
        seconds["swap"] = time.perf_counter() - started
    gc.unfreeze()
    return BuildResult(out, inputs.pages, inputs.qr.made, inputs.pdf_rendered, inputs.pdf_cached, tree.made,
                       tree.kept, seconds)


def swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with renames; the old ``target`` takes ``new``'s place."""
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.swap")
    if old.exists():
        shutil.rmtree(old)
    target.rename(old)
    new.rename(target)
    old.rename(new)


def _discard(folder: Path, work: Path) -> threading.Thread:
    """A spare in an unknown state (a build died while updating it): moved aside and removed while the
    build runs, since removing thousands of folders can take longer than the build."""
    trash = work / "discard"
    folder.rename(trash)
    thread = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True)
    thread.start()
    return thread
