"""The stages of a build, as data.

Each stage has a name, the outputs it makes (as routes.py names them), a digest of everything
it reads, and ``write()``, which puts its outputs into the new site (site_tree.SiteTree). An
output whose inputs did not change since the last build is taken from the old site as it is;
only the rest is made again. generator/build.py runs the stages in order, the failure-injection
test (tests/test_security.py) breaks each in turn, and the benchmarks time each.

What an output is made from is written here, next to the code that makes it: a procedure
page is its procedure, the procedures it names as related, its forms, its print products, the
catalogue-wide tables and the strings, templates and code that turn them into HTML. A rebuild
after an edit must equal a clean build byte for byte; tests/test_incremental.py holds it to that.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Protocol

from generator.print import print_run

from generator.site import routes
from generator.content.catalog import Catalog
from generator.config import Settings
from generator.site import pack_size
from generator.site.engine import SITEMAP, Engine, Shell, search_document, shell_name
from generator.site.footer import Footer, build_date
from generator.content.flow import write_flows
from generator.content.model import LANGS, Procedure, Text
from generator.content.search_terms import SearchTerms
from generator.site.offline_pack import PACKED, packed_page, write_packs
from generator.site.page_batch import Batch, Job
from generator.site.opendata import write_open_data
from generator.site.pages import PageRenderer, RenderedPage
from generator.print.print_docs import Commune, PrintDocuments
from generator.print.print_view import write_print_views
from generator.print.qr import QRCache
from generator.site.routes import Route
from generator.site.search_index import ENTRY, SEARCHED, SHARED, index_site
from generator.site.site_tree import SiteTree, digest, folder_digest
from generator.site.where import province_files

CHROME = "engine/chrome"  # the index pages and the theme's files, made in one run of the engine
GENERATOR = Path(__file__).resolve().parent


@dataclass
class Inputs:
    """Everything the stages read, gathered before anything is written."""

    settings: Settings
    catalog: Catalog
    strings: dict[str, dict[str, str]]
    site_url: str = ""
    with_print: bool = True
    qr: QRCache = field(default_factory=lambda: QRCache(None))
    search_terms: SearchTerms = field(default_factory=SearchTerms)  # i18n/search-synonyms.yml
    print_files: dict[str, list[Route]] = field(default_factory=dict)  # made by the print stage
    pdf_rendered: int = 0
    pdf_cached: int = 0
    pages: int = 0  # pages through the engine

    @property
    def templates(self) -> Path:
        return self.settings.root / "templates"

    @cached_property
    def engine(self) -> Engine:
        return Engine(self.settings.root, self.strings, self.site_url, self.settings.cache_dir)

    @cached_property
    def code(self) -> str:
        """The generator's own code and settings: a change to either may change any output."""
        return digest(code_digest(), self.site_url, repr(dataclasses.astuple(self.settings)))

    @cached_property
    def footer(self) -> Footer:
        return Footer(self.templates, self.strings, build_date(), str(self.settings.extra.get("feedback_url", "")))

    @cached_property
    def footers(self) -> dict[str, str]:
        """Each language's footer, as the engine puts it under every page."""
        return {lang: self.footer.html(lang) for lang in LANGS}

    @cached_property
    def renderer(self) -> PageRenderer:
        return PageRenderer(self.catalog, self.strings, self.templates, self.qr, self.site_url,
                            self.print_files, self.settings.host_allowed, self.search_terms, self.footer)

    @cached_property
    def shared(self) -> str:
        """What every page may show besides its own procedure: tables, taxonomy, forms, strings."""
        c = self.catalog
        return digest(self.code, folder_digest([self.templates / "pages"]),
                      json.dumps(self.strings, sort_keys=True, ensure_ascii=False),
                      json.dumps([dict(t) for t in (c.tables.provinces, c.tables.offices, c.tables.communes)],
                                 sort_keys=True, ensure_ascii=False),
                      c.taxonomy.model_dump_json(), *(f.model_dump_json() for f in c.forms.values()),
                      ",".join(sorted(c.drafts)))

    @cached_property
    def procedure_digests(self) -> dict[str, str]:
        """Per procedure, everything of its own that a page of it shows."""
        c = self.catalog
        return {p.code: digest(p.model_dump_json(), repr(c.portal.get(p.code)),
                               ",".join(r.url for r in self.print_files.get(p.slug, [])),
                               repr(sorted(self.search_terms.procedures.get(p.code, {}).items())))
                for p in c.procedures}

    def page_digest(self, p: Procedure, lang: str) -> str:
        """A procedure page: its procedure, and what it shows of the procedures it lists as related."""
        return digest(self.shared, lang, self.procedure_digests[p.code],
                      *(self._as_related(r, lang) for r in self.catalog.related(p)))

    def _as_related(self, r: Procedure, lang: str) -> str:
        """What a page in ``lang`` shows of ``r`` in its related list (views.RelatedView and the
        template): its address, whether it is a portal page, its name and summary in that language
        or, untranslated, in Vietnamese. An edit elsewhere in ``r`` leaves the page as it is."""
        def shown(text: Text | None) -> str:
            return "" if text is None else f"{lang}:{text.get(lang)}" if text.get(lang) else f"vi:{text.vi}"
        return digest(r.slug, str(r.code in self.catalog.portal), shown(r.name), shown(r.summary))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's code, read once: the code that runs is the code that was there when it started."""
    return folder_digest([GENERATOR], lambda p: p.suffix != ".py")


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


class Stage(Protocol):
    name: str

    def outputs(self, g: Inputs) -> list[str]:
        """What it makes, by the names the manifest keeps: a file, a group of files made together
        (engine/chrome, search/vi), or a folder ending in "/" for everything below it."""

    def digest(self, g: Inputs) -> str:
        """A digest of everything it reads."""

    def write(self, g: Inputs, tree: SiteTree) -> None:
        """Put its outputs into the new site: made again where their inputs changed, else kept."""


def _adopt_by_content(tree: SiteTree, folder: Path, prefix: str = "") -> None:
    """Files another function wrote: each is its own output, its digest that of its bytes."""
    for source in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = prefix + source.relative_to(folder).as_posix()
        tree.begin(rel, digest(source.read_bytes()))
        tree.adopt(rel, rel, source)


# ---------------------------------------------------------------- the stages


class PrintProducts:
    name = "print products"  # handouts and posters (PDF), loudspeaker scripts

    def outputs(self, g: Inputs) -> list[str]:
        return [routes.PRINT_ROOT.url] if g.with_print else []

    def digest(self, g: Inputs) -> str:
        # print_run keeps each PDF under a hash of its HTML, paper and fonts (.cache/pdf/).
        return digest(g.code, folder_digest([g.templates / "print"]), g.shared,
                      *g.procedure_digests.values()) if g.with_print else ""

    def write(self, g: Inputs, tree: SiteTree) -> None:
        if not g.with_print:
            return
        out = tree.scratch("print")
        printed = print_run.run(g.catalog, g.strings, g.templates, g.settings.cache_dir, out, Commune.generic(),
                                list(g.catalog.printed))
        g.print_files, g.pdf_rendered, g.pdf_cached = printed.files, printed.stats.rendered, printed.stats.cached
        _adopt_by_content(tree, out, routes.PRINT_ROOT.url)
        shutil.rmtree(out)


class Pages:
    name = "pages"  # every page in every language, through the engine

    def outputs(self, g: Inputs) -> list[str]:
        pages = [routes.procedure(p.slug, lang).file for lang in LANGS for p in g.catalog.procedures]
        return [CHROME, *pages, *([SITEMAP] if g.site_url else [])]

    def index_pages(self, g: Inputs) -> list[RenderedPage]:
        return [page for lang in LANGS for page in g.renderer.index_pages(lang)]

    def digest(self, g: Inputs) -> str:
        return digest(self._chrome_digest(g, self.index_pages(g)),
                      *(g.page_digest(p, lang) for lang in LANGS for p in g.catalog.procedures))

    def _chrome_digest(self, g: Inputs, pages: list[RenderedPage]) -> str:
        return digest(g.code, g.engine.digest, json.dumps(g.footers, sort_keys=True),
                      *(json.dumps(dataclasses.astuple(p), default=str) for p in pages))

    def write(self, g: Inputs, tree: SiteTree) -> None:
        engine = g.engine
        index = self.index_pages(g)
        g.pages = len(index) + len(LANGS) * len(g.catalog.procedures)
        chrome_digest = self._chrome_digest(g, index)
        if tree.keep(CHROME, chrome_digest):
            shells = {k: Shell.from_json(v) for k, v in tree.meta(CHROME)["shells"].items()}
        else:
            work = tree.scratch("engine")
            chrome = engine.chrome(index, work, g.footers)
            shells = chrome.shells
            tree.begin(CHROME, chrome_digest, {"shells": {k: s.to_json() for k, s in shells.items()}})
            tree.adopt_folder(CHROME, chrome.folder, hashed=True)
            shutil.rmtree(work)
        by_shell = {k: digest(json.dumps(s.to_json())) for k, s in shells.items()}
        # Which of its language's two shells a page takes depends on its body: both are in its digest.
        shell_digests = {lang: digest(by_shell[shell_name(lang, True)], by_shell[shell_name(lang, False)])
                         for lang in LANGS}
        jobs = []
        for lang in LANGS:
            for p in g.catalog.procedures:
                rel = routes.procedure(p.slug, lang).file
                page_digest = digest(shell_digests[lang], g.page_digest(p, lang))
                if not tree.keep(rel, page_digest):
                    tree.begin(rel, page_digest)
                    jobs.append(Job(p, lang, tree.claim(rel, rel)))
        # What the offline packs and the search index take of each page is made with it, by the same helpers.
        batch = Batch(g.renderer, engine, shells, shell_digests, {PACKED: packed_page, SEARCHED: search_document})
        for job, (content, companions) in zip(jobs, batch.make_all(jobs)):
            rel = routes.procedure(job.procedure.slug, job.lang).file
            tree.set_content(rel, rel, content)
            for name, made in companions.items():
                tree.aside[(name, rel)] = made
        sitemap = engine.sitemap([(p.kind, p.key) for p in index] +
                                 [("procedure", p.slug) for p in g.catalog.procedures])
        if sitemap:
            tree.put_file(SITEMAP, digest(sitemap), lambda: sitemap)
        pack_size.clear(tree)  # the home pages as packs and search read them: filled after the packs


class Assets:
    name = "assets"  # our CSS, scripts and icon; the service worker at the root

    def outputs(self, g: Inputs) -> list[str]:
        return [self._target(p.name) for p in self._files(g)]

    def digest(self, g: Inputs) -> str:
        return folder_digest([g.templates / "assets"])

    @staticmethod
    def _files(g: Inputs) -> list[Path]:
        return sorted(p for p in (g.templates / "assets").iterdir() if p.is_file())

    @staticmethod
    def _target(name: str) -> str:
        return routes.SERVICE_WORKER.file if name == routes.SERVICE_WORKER.file else routes.asset(name).file

    def write(self, g: Inputs, tree: SiteTree) -> None:
        for path in self._files(g):
            data = path.read_bytes()
            tree.put_file(self._target(path.name), digest(data), _constant(data))


class PrintViews:
    name = "print views"  # "print for your commune", one page per procedure and language

    def outputs(self, g: Inputs) -> list[str]:
        if not g.with_print:
            return []
        return [routes.communes(lang).file for lang in LANGS] + [
            routes.print_view(p.slug, lang).file for lang in LANGS for p in g.catalog.printed]

    def digest(self, g: Inputs) -> str:
        return digest(g.code, folder_digest([g.templates / "print"]), g.shared, json.dumps(g.footers),
                      *g.procedure_digests.values())

    def write(self, g: Inputs, tree: SiteTree) -> None:
        if not g.with_print:
            return
        out = tree.scratch("views")
        write_print_views(g.catalog, PrintDocuments(g.catalog, g.strings, g.templates, g.qr), g.strings, out,
                          g.footer)
        _adopt_by_content(tree, out)
        shutil.rmtree(out)


class CommuneData:
    name = "commune data"  # the offices page's finder: each province's communes, per language

    def outputs(self, g: Inputs) -> list[str]:
        return [routes.communes_of(lang, code).file for lang in LANGS for code in g.catalog.tables.provinces]

    def digest(self, g: Inputs) -> str:
        return digest(g.code, g.shared)

    def write(self, g: Inputs, tree: SiteTree) -> None:
        # Made with or without print products: the finder is part of every site, drafts previews too.
        for lang in LANGS:
            for route, data in province_files(g.catalog.tables, lang):
                tree.put_file(route.file, digest(data), _constant(data))


class OpenData:
    name = "open data"  # the Frictionless data package: procedures.csv, procedures.json, forms.json

    def outputs(self, g: Inputs) -> list[str]:
        return [routes.data(name).file for name in
                ("datapackage.json", "procedures.csv", "procedures.json", "forms.json")]

    def digest(self, g: Inputs) -> str:
        return digest(g.code, g.shared, *g.procedure_digests.values())

    def write(self, g: Inputs, tree: SiteTree) -> None:
        # A few hundred milliseconds at 2,000 procedures: made whole, kept file by file when unchanged.
        out = tree.scratch("data")
        write_open_data(g.catalog, out, g.print_files)
        for source in sorted(p for p in out.rglob("*") if p.is_file()):
            data = source.read_bytes()
            tree.put_file(source.relative_to(out).as_posix(), digest(data), _constant(data))
        shutil.rmtree(out)


class Flows:
    name = "flows"  # question-flow diagrams (Mermaid) for editors

    def outputs(self, g: Inputs) -> list[str]:
        return [routes.FLOWS_INDEX.url] + [routes.flow(p.slug).file for p in g.catalog.procedures if p.questions]

    def digest(self, g: Inputs) -> str:
        return digest(g.code, *(g.procedure_digests[p.code] for p in g.catalog.procedures if p.questions))

    def write(self, g: Inputs, tree: SiteTree) -> None:
        out = tree.scratch("flows")
        write_flows(g.catalog.procedures, out)
        for source in sorted(p for p in out.rglob("*") if p.is_file()):
            data = source.read_bytes()
            rel = routes.FLOW_DIR + "/" + source.relative_to(out).as_posix()
            tree.put_file(rel, digest(data), _constant(data))
        shutil.rmtree(out)


class Search:
    name = "search"  # Pagefind, one index per language, redone for the languages that changed

    def outputs(self, g: Inputs) -> list[str]:
        return [SHARED, *(f"search/{lang}" for lang in LANGS), routes.SEARCH_BUNDLE.url + ENTRY]

    def digest(self, g: Inputs) -> str:
        return digest(g.code)  # and the pages it reads: index_site digests each language's pages

    def write(self, g: Inputs, tree: SiteTree) -> None:
        index_site(tree, g.code)


class OfflinePacks:
    name = "offline packs"  # one zip per language, unchanged members copied from the last pack

    def outputs(self, g: Inputs) -> list[str]:
        return [routes.offline_pack(lang).file for lang in LANGS]

    def digest(self, g: Inputs) -> str:
        return digest(g.code, *g.procedure_digests.values())  # and every file it packs: see write_pack

    def write(self, g: Inputs, tree: SiteTree) -> None:
        write_packs(tree, g.catalog, g.code, g.search_terms)
        pack_size.fill(tree, g.strings)  # each home page names the size of its pack, now that it is known

