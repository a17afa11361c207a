"""Print products as HTML documents: counter handouts and QR posters.

The same documents become PDFs (generator/pdf.py) and the browser print view
on the website, so a commune printing from the browser gets the PDF's layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator import fees
from generator.catalog import Catalog
from generator.model import Channel, Document, Fee, Procedure
from generator.pages import shared_exemptions
from generator.qr import QRCache, domain_of, inline_svg
from generator.strings import Localizer

CHANNEL_ORDER = ("online", "in_person", "postal")
BILINGUAL = ("en", "zh")  # each printed with Vietnamese: vi+en, vi+zh


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

    path: str
    html: str
    paper: Literal["A4", "A3"]
    kind: str
    langs: tuple[str, ...]
    slug: str
    footer: str = ""  # repeated at the foot of every PDF page, with the page number
    extra: dict[str, Any] = field(default_factory=dict)


class SheetView:
    """Wording helpers for one language of a handout."""

    def __init__(self, L: Localizer, procedure: Procedure, commune: Commune) -> None:
        self.L, self.lang, self.p, self.commune = L, L.lang, procedure, commune
        by_name = dict(procedure.channels.items())
        self.channels = [(n, by_name[n]) for n in CHANNEL_ORDER if n in by_name]
        self.has_online = "online" in by_name
        self.exemptions = "; ".join(L.plain(e) for e in shared_exemptions(procedure))

    def time(self, channel: Channel) -> str:
        t = channel.processing_time
        if t.value is None or t.unit is None:
            return self.L.plain(t.note) or self.L.t("time.unknown")
        n = int(t.value) if float(t.value).is_integer() else t.value
        return self.L.plural(f"unit.{t.unit}", n)  # type: ignore[arg-type]

    def fee(self, fee: Fee) -> str:
        return fees.line(fee, self.L)

    def counts(self, document: Document) -> str:
        parts = []
        if document.originals:
            parts.append(self.L.plural("proc.originals", document.originals))
        if document.copies:
            parts.append(self.L.plural("proc.copies", document.copies))
        return " · ".join(parts) or "—"

    def office_field(self, base: str) -> str:
        office = self.commune.office or {}
        return office.get(f"{base}_{self.lang}") or office.get(f"{base}_vi") or ""


class PrintDocuments:
    def __init__(self, catalog: Catalog, strings: dict[str, dict[str, str]], templates: Path,
                 qr: QRCache) -> None:
        self.catalog, self.strings, self.qr = catalog, strings, qr
        self.css = (templates / "print" / "print.css").read_text(encoding="utf-8")
        self.env = Environment(loader=FileSystemLoader(str(templates / "print")),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def _qr(self, url: str | None, level: str, label: str) -> Markup:
        return Markup(inline_svg(self.qr.svg(url, level), label, "qr-svg")) if url else Markup("")

    def handout(self, p: Procedure, langs: tuple[str, ...], commune: Commune,
                picker: Markup | None = None, script: str | None = None,
                alternates: list[tuple[str, str]] | None = None) -> str:
        sheets = [SheetView(Localizer(lang, self.strings), p, commune) for lang in langs]
        first = sheets[0].L
        return self.env.get_template("handout.html.j2").render(
            p=p, sheets=sheets, css=Markup(self.css), office=commune.office, commune_name=commune.name,
            hotline=commune.hotline, domain=domain_of(p.online_url or ""), domain_of=domain_of,
            qr=self._qr(p.online_url, "M", first.t("proc.qr_label", domain=domain_of(p.online_url or ""))),
            picker=picker, script=script, alternates=alternates or [])

    def poster(self, p: Procedure, lang: str, size: Literal["a4", "a3"], commune: Commune) -> str:
        L = Localizer(lang, self.strings)
        domain = domain_of(p.online_url or "")
        return self.env.get_template("poster.html.j2").render(
            p=p, L=L, size=size, css=Markup(self.css), hotline=commune.hotline, domain=domain,
            qr=self._qr(p.online_url, "Q", L.t("proc.qr_label", domain=domain)))

    def jobs(self, procedures: list[Procedure], langs: tuple[str, ...], commune: Commune) -> list[PrintJob]:
        """Every handout (single and bilingual) and poster for these procedures and languages."""
        out: list[PrintJob] = []
        for p in procedures:
            for lang in langs:
                footer = f"{Localizer(lang, self.strings).plain(p.name)} · {p.code}"
                if commune.name:
                    footer += f" · {commune.name}"
                out.append(PrintJob(f"{p.slug}/{p.slug}-{lang}.pdf", self.handout(p, (lang,), commune),
                                    "A4", "handout", (lang,), p.slug, footer))
                if lang in BILINGUAL and "vi" in langs:
                    out.append(PrintJob(f"{p.slug}/{p.slug}-vi-{lang}.pdf", self.handout(p, ("vi", lang), commune),
                                        "A4", "handout", ("vi", lang), p.slug, footer))
                if p.online_url and p.channels.online is not None:  # a poster says "apply online"
                    for size in ("a4", "a3"):
                        out.append(PrintJob(f"{p.slug}/{p.slug}-poster-{size}-{lang}.pdf",
                                            self.poster(p, lang, size, commune),  # type: ignore[arg-type]
                                            size.upper(), "poster", (lang,), p.slug))  # type: ignore[arg-type]
        return out
