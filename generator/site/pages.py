"""Render every page in every language to engine-neutral HTML, through Jinja templates.

Each page comes out as a ``RenderedPage``: a plain-text title and description, and the body
as finished HTML whose headings carry their ids. The engine (generator/site/engine.py) puts it in
the site's layout; nothing here names the engine, and the templates hold no engine syntax.
The body sits in ``<div class="cg-page" data-cg-root="…">``: our CSS is scoped to it, and
guide.js finds the site root there. What a page says of a procedure comes from its view
(views.py); every address from routes.py. Templates run with autoescaping on: content text
can never become markup.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.content import richtext

from generator.site import routes
from generator.config import default_host_allowed
from generator.content.catalog import Catalog
from generator.content.form_model import VIETNAMESE_CHARS, Form, FormField
from generator.content.model import LANGS, Procedure, Text
from generator.content.search_terms import SearchTerms
from generator.print.qr import QRCache, domain_of, inline_svg
from generator.site.footer import FEEDBACK_ID, OFFICIAL_PORTAL, ROOT_SLOT, Footer, build_date
from generator.site.routes import PageKind, Route
from generator.content.strings import HTML_LANG, Localizer
from generator.site.views import ProcedureView, Views, sort_key
from generator.site.ways import ways
from generator.site.where import finder_setup, provinces

TOP_TASKS = ("1.001193", "1.004222", "1.000894", "2.000815", "1.004194", "3.000333")


@dataclass(frozen=True)
class RenderedPage:
    """One page as the engine receives it."""

    kind: str  # routes PageKind: "procedure", "home", "a_z", "field", ...
    key: str  # slug or index key, "" for single pages
    lang: str
    route: Route  # routes.page(kind, lang, key)
    title: str  # plain text for <title> and the header (the engine escapes it)
    description: str  # plain text for <meta name="description">; "" for the site's own
    html: str  # the body: engine-neutral HTML, headings carry ids
    toc: bool = False  # True only where the engine may add its own table of contents

    # -- Temporary: the page as a Markdown file (front matter + the HTML, which Markdown passes
    #    through as it is), for benchmarks/scale_bench.py's baseline, which still writes such files.
    #    The build does not use it; remove it when the benchmark builds its baseline from .html.
    @property
    def path(self) -> str:
        """The page's Markdown source inside its language folder: the directory-URL rule reversed
        (index pages of folders that hold other pages stay folder/index.md)."""
        rel = self.route.url[len(routes.PREFIX[self.lang]):]
        if not rel:
            return "index.md"
        return rel + "index.md" if self.kind in ("life_events", "fields", "levels") else rel.rstrip("/") + ".md"

    @property
    def text(self) -> str:
        return self.as_markdown()

    def as_markdown(self) -> str:
        def quoted(value: str) -> str:
            return json.dumps(str(escape(value)), ensure_ascii=False)  # the theme writes titles as they are
        meta = [f"title: {quoted(self.title)}"]
        if self.description:
            meta.append(f"description: {quoted(self.description)}")
        if not self.toc:
            meta += ["hide:", "  - toc"]
        return "---\n" + "\n".join(meta) + "\n---\n\n" + self.html


WIDTHS = {"full": 6, "half": 3, "third": 2}  # sixths of a printed line


def paper_rows(form: Form) -> list[list[FormField]]:
    """Fields in paper order, packed into printed lines by their width (the addressee has its own)."""
    rows: list[list[FormField]] = []
    used = 6
    for f in sorted(form.fields(), key=lambda f: f.print.order):
        if f.id == form.paper.addressee:
            continue
        width = WIDTHS[f.print.width]
        if used + width > 6:
            rows.append([])
            used = 0
        rows[-1].append(f)
        used += width
    return rows


def paper_field(form: Form, field_id: str | None) -> FormField | None:
    return next((f for f in form.fields() if f.id == field_id), None)


def without_d(text: str) -> str:
    """Pagefind folds tone marks but not đ; index a copy with d so 'dang ky' finds 'Đăng ký'."""
    return text.replace("đ", "d").replace("Đ", "D")


def search_alias(p: Procedure, lang: str, terms: SearchTerms) -> tuple[str, str]:
    """What the index finds a page by besides its visible text, never shown: what the page shows in
    Vietnamese (its name, its summary) written with d for đ, and the words residents use for it in
    this language (i18n/search-synonyms.yml), each also with d. Only what this page shows or its own
    language's words: an edit of the Vietnamese name leaves the English page and its index as they are.

    The page puts them in two Pagefind metadata fields, "alias" and "terms": searched, never part of
    an excerpt; search.js reads "terms" to put a page whose search word is the query first."""
    shown = [p.name.get(lang) or p.name.vi] + ([p.summary.get(lang) or p.summary.vi] if p.summary else [])
    alias = [without_d(text) for text in shown if without_d(text) != text]
    words: list[str] = []
    for word in terms.terms(p.code, lang):
        for form in (word, without_d(word)):
            if form not in words:
                words.append(form)
    return ". ".join(alias), ". ".join(words)


def jsonld_script(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


class PageRenderer:
    def __init__(self, catalog: Catalog, strings: dict[str, dict[str, str]], templates: Path,
                 qr: QRCache, site_url: str = "", print_files: dict[str, list[Route]] | None = None,
                 host_allowed: Callable[[str], bool] = default_host_allowed,
                 search_terms: SearchTerms | None = None, footer: Footer | None = None) -> None:
        self.catalog = catalog
        self.footer = footer or Footer(templates, strings, build_date())
        self.search_terms = search_terms or SearchTerms()
        self.host_allowed = host_allowed
        self.strings = strings
        self.qr = qr
        self.views = Views(catalog, strings, print_files, site_url)
        self.env = Environment(
            loader=FileSystemLoader(str(templates / "pages")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    # Template helpers -------------------------------------------------------

    def _helpers(self, lang: str, here: Route) -> dict[str, Any]:
        L = Localizer(lang, self.strings)

        def link(kind: PageKind, key: str = "") -> str:
            return routes.page(kind, lang, key).href(here)

        def tx(value: Text | None) -> Markup:
            shown = L.text(value)
            html = richtext.render(shown.text, self.host_allowed, L.t("external"))
            if not shown.missing:
                return html
            return Markup('<span lang="vi">{}</span> <span class="cg-untranslated">({})</span>').format(
                html, L.t("untranslated"))

        def qr_svg(url: str) -> Markup:
            return Markup(inline_svg(self.qr.svg(url, "M"), L.t("proc.qr_label", domain=domain_of(url))))

        return {"L": L, "t": L.t, "plural": L.plural, "tx": tx, "link": link, "qr_svg": qr_svg,
                "href": lambda route: route.href(here), "asset": lambda name: routes.asset(name).href(here),
                "domain_of": domain_of, "channel_names": L.channel_names,
                "search_alias": lambda p: search_alias(p, lang, self.search_terms),
                "search_filler": "|".join(self.search_terms.fillers(lang)),
                "paper_rows": paper_rows, "paper_field": paper_field, "vietnamese_chars": VIETNAMESE_CHARS,
                "offline_pack": routes.offline_pack(lang).href(here),
                "search_script": routes.SEARCH_SCRIPT.href(here), "offline_index": routes.pack_search(lang).href(here)}

    def _render(self, template: str, kind: PageKind, lang: str, title: str, key: str = "",
                description: str = "", toc: bool = False, **context: Any) -> RenderedPage:
        route = routes.page(kind, lang, key)
        body = self.env.get_template(template).render(
            lang=lang, catalog=self.catalog, **self._helpers(lang, route), **context)
        html = Markup('<div class="cg-page" data-cg-root="{}">\n{}</div>\n').format(
            routes.ROOT.href(route), Markup(body))
        return RenderedPage(kind, key, lang, route, title, description, str(html), toc)

    # Pages -------------------------------------------------------------------

    def view(self, procedure: Procedure, lang: str) -> ProcedureView:
        return self.views.procedure(procedure, lang)

    def procedure(self, procedure: Procedure, lang: str) -> RenderedPage:
        v = self.view(procedure, lang)
        if v.portal:
            return self._render("portal.html.j2", "procedure", lang, v.title, procedure.slug, v.description,
                                toc=True, p=procedure, v=v, info=v.portal)
        return self._render("procedure.html.j2", "procedure", lang, v.title, procedure.slug, v.description,
                            toc=True, p=procedure, v=v, ways=ways(v), jsonld=jsonld_script(v.jsonld()))

    def sorted_procedures(self, lang: str, items: list[Procedure] | None = None) -> list[Procedure]:
        items = list(self.catalog.procedures if items is None else items)
        own = "vi" if lang == "zh" else lang  # Chinese readers use the Vietnamese order of the forms
        return sorted(items, key=lambda p: sort_key(p.name.get(own) or p.name.vi))

    def not_found(self) -> RenderedPage:
        """The one 404 page of the site, in Vietnamese with English and Chinese. A host serves it at any
        missing address, so its links start at ROOT_SLOT, which the engine makes the site's own path."""
        lang = routes.DEFAULT_LANG
        T = {other: Localizer(other, self.strings).t for other in LANGS}
        body = self.env.get_template("not_found.html.j2").render(
            langs=LANGS, T=T, html_lang=HTML_LANG,
            from_root=lambda kind, other: routes.page(kind, other).from_base(ROOT_SLOT))
        html = Markup('<div class="cg-page" data-cg-root="{}">\n{}</div>\n').format(
            routes.ROOT.from_base(ROOT_SLOT), Markup(body))
        return RenderedPage("not_found", "", lang, routes.page("not_found", lang), T[lang]("not_found.title"), "",
                            str(html))

    def pages(self, lang: str) -> list[RenderedPage]:
        return self.index_pages(lang) + [self.procedure(p, lang) for p in self.catalog.procedures]

    def index_pages(self, lang: str) -> list[RenderedPage]:
        """Every page of one language but the procedures' (the engine renders these on their own)."""
        c = self.catalog
        L = Localizer(lang, self.strings)
        top = [c.by_code[code] for code in TOP_TASKS if code in c.by_code]
        out = [
            self._render("home.html.j2", "home", lang, L.t("site.title"), description=L.t("home.intro"), top=top),
            self._render("search.html.j2", "search", lang, L.t("search.title"), top=top),
            self._render("a_z.html.j2", "a_z", lang, L.t("index.a_z"), items=self.sorted_procedures(lang)),
            self._render("life_events.html.j2", "life_events", lang, L.t("index.life_events"),
                         sort=self.sorted_procedures),
            self._render("fields.html.j2", "fields", lang, L.t("index.fields"), sort=self.sorted_procedures),
            self._render("levels.html.j2", "levels", lang, L.t("index.levels"), sort=self.sorted_procedures),
            self._render("about.html.j2", "about", lang, L.t("footer.about"), portal=OFFICIAL_PORTAL,
                         feedback_url=self.footer.feedback_url, feedback_id=FEEDBACK_ID,
                         updated=L.date(self.footer.updated)),
            *([self.not_found()] if lang == routes.DEFAULT_LANG else []),
            self._render("offices.html.j2", "offices", lang, L.t("offices.title"), description=L.t("offices.intro"),
                         provinces=provinces(c.tables, lang, routes.page("offices", lang)), finder=finder_setup(L)),
        ]
        for key, event in c.taxonomy.life_events.items():
            out.append(self._render("life_event.html.j2", "life_event", lang, L.plain(event.name), key,
                                    category=event,
                                    items=self.sorted_procedures(lang, c.for_life_event(key))))
        for key, field in c.taxonomy.fields.items():
            out.append(self._render("field.html.j2", "field", lang, L.plain(field.name), key,
                                    category=field, items=self.sorted_procedures(lang, c.in_field(key))))
        return out

    def all_pages(self) -> list[RenderedPage]:
        return [page for lang in LANGS for page in self.pages(lang)]
