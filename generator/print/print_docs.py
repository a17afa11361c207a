"""Print products as HTML documents: counter handouts and QR posters.

The same documents become PDFs (generator/print/pdf.py) and the browser print view
on the website, so a commune printing from the browser gets the PDF's layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.site import routes
from generator.content.catalog import Catalog
from generator.content.model import LANGS, Procedure
from generator.site.office_view import OfficeView, commune_entry, office_view, office_words
from generator.print.qr import QRCache, domain_of, inline_svg
from generator.site.routes import Route
from generator.content.strings import Localizer
from generator.site.views import ProcedureView, Views

BILINGUAL = tuple(lang for lang in LANGS if lang != routes.DEFAULT_LANG)  # each printed with Vietnamese
SIZES: tuple[tuple[Literal["a4", "a3"], Literal["A4", "A3"]], ...] = (("a4", "A4"), ("a3", "A3"))


@dataclass(frozen=True)
class Commune:
    """Who a print run is for: a commune (with or without an office row), or nobody in particular."""

    code: str | None = None
    name: str | None = None
    office: dict[str, str] | None = None
    hotline: str | None = None

    @classmethod
    def generic(cls) -> Commune:
        return cls()

    @classmethod
    def of(cls, catalog: Catalog, code: str) -> Commune:
        commune = catalog.tables.communes.get(code)
        if commune is None:
            raise KeyError(code)
        return cls(code, commune["name_vi"], catalog.tables.offices.get(code),
                   catalog.hotline(commune["province_code"]))


@dataclass
class PrintJob:
    """One product to print: where it goes, its HTML, and its paper."""

    route: Route  # where it goes on the site (routes.py); below the output folder as path
    html: str
    paper: Literal["A4", "A3"]
    kind: str
    langs: tuple[str, ...]
    slug: str
    footer: str = ""  # repeated at the foot of every PDF page, with the page number
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Where it goes below the output folder: the site's print/ folder, or `guide print --out`."""
        return self.route.within(routes.PRINT_ROOT)


@dataclass(frozen=True)
class Sheet:
    """One language of a handout: the procedure's view and the office block for that language."""

    view: ProcedureView
    office: OfficeView

    @property
    def L(self) -> Localizer:
        return self.view.L


class PrintDocuments:
    def __init__(self, catalog: Catalog, strings: dict[str, dict[str, str]], templates: Path,
                 qr: QRCache) -> None:
        self.catalog, self.strings, self.qr = catalog, strings, qr
        self.views = Views(catalog, strings)
        self.css = (templates / "print" / "print.css").read_text(encoding="utf-8")
        self.footer_css = (templates / "print" / "footer.css").read_text(encoding="utf-8")  # print views only
        self.env = Environment(loader=FileSystemLoader(str(templates / "print")),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def _qr(self, url: str | None, level: str, label: str) -> Markup:
        return Markup(inline_svg(self.qr.svg(url, level), label, "qr-svg")) if url else Markup("")

    def sheet(self, p: Procedure, lang: str, commune: Commune) -> Sheet:
        """The view of ``p`` in ``lang``, with the office block of ``commune`` (office_view.py)."""
        words = office_words(Localizer(lang, self.strings), p.level)
        entry = commune_entry(self.catalog.tables, commune.code, lang) if commune.code else None
        return Sheet(self.views.procedure(p, lang), office_view(words, entry, commune.hotline))

    def handout(self, p: Procedure, langs: tuple[str, ...], commune: Commune,
                picker: Markup | None = None, scripts: tuple[str, ...] = (),
                alternates: list[tuple[str, str]] | None = None, footer: Markup | None = None) -> str:
        sheets = [self.sheet(p, lang, commune) for lang in langs]
        first = sheets[0].L
        return self.env.get_template("handout.html.j2").render(
            p=p, sheets=sheets, css=Markup(self.css),
            domain=domain_of(p.online_url or ""), domain_of=domain_of,
            qr=self._qr(p.online_url, "M", first.t("proc.qr_label", domain=domain_of(p.online_url or ""))),
            picker=picker, scripts=scripts, alternates=alternates or [], footer=footer,
            footer_css=Markup(self.footer_css))

    def poster(self, p: Procedure, lang: str, size: Literal["a4", "a3"], commune: Commune) -> str:
        view = self.views.procedure(p, lang)
        L = view.L
        domain = domain_of(p.online_url or "")
        # A poster says "apply online": the time and fees it prints are the online channel's, worded by views.py.
        # Only the channel's own fee and its time-limited rules (a waiver) fit a wall; the others (a copy
        # fee, a case few people have) are left to the handout, and the poster says there are more.
        online = next(c for c in view.channels if c.name == "online")
        own = view.facts.channel("online")
        main = (own.standing, *own.limited) if own else ()
        fees = [f for f in online.fees if any(f.fee is m for m in main)]
        # The portal is in Vietnamese only: a reader of another language looks for the Vietnamese name there.
        vi_name = p.name.vi if lang != routes.DEFAULT_LANG and L.plain(p.name) != p.name.vi else None
        return self.env.get_template("poster.html.j2").render(
            p=p, L=L, size=size, css=Markup(self.css), hotline=commune.hotline, domain=domain,
            time=online.time.line, fees=[f.print_line for f in fees], more_fees=len(fees) < len(online.fees),
            vi_name=vi_name,
            qr=self._qr(p.online_url, "Q", L.t("proc.qr_label", domain=domain)))

    def jobs(self, procedures: list[Procedure], langs: tuple[str, ...], commune: Commune) -> list[PrintJob]:
        """Every handout (single and bilingual) and poster for these procedures and languages."""
        out: list[PrintJob] = []
        for p in procedures:
            for lang in langs:
                footer = f"{Localizer(lang, self.strings).plain(p.name)} · {p.code}"
                if commune.name:
                    footer += f" · {commune.name}"
                out.append(PrintJob(routes.handout(p.slug, (lang,)), self.handout(p, (lang,), commune),
                                    "A4", "handout", (lang,), p.slug, footer))
                pair = (routes.DEFAULT_LANG, lang)
                if lang in BILINGUAL and routes.DEFAULT_LANG in langs:
                    out.append(PrintJob(routes.handout(p.slug, pair), self.handout(p, pair, commune),
                                        "A4", "handout", pair, p.slug, footer))
                if p.online_url and p.channels.online is not None:  # a poster says "apply online"
                    for size, paper in SIZES:
                        out.append(PrintJob(routes.poster(p.slug, size, lang), self.poster(p, lang, size, commune),
                                            paper, "poster", (lang,), p.slug))
        return out
