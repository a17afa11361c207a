"""Render every page in every language to Markdown files, through Jinja templates.

Pages are mostly HTML inside Markdown, so the templates run with autoescaping
on: content text can never become markup. Links are relative, so the site works
from any static host, any sub-folder and (later) from file://.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator import fees, richtext
from generator.catalog import Catalog
from generator.form_model import VIETNAMESE_CHARS, Form, FormField
from generator.model import CHANNELS, LANGS, Procedure, Text
from generator.qr import QRCache, domain_of, inline_svg
from generator.strings import URL_PREFIX, Localizer
from generator.textfold import fold

PROCEDURE_DIR = "thu-tuc"
TOP_TASKS = ("1.001193", "1.004222", "1.000894", "2.000815", "1.004194", "3.000333")


def page_path(kind: str, key: str = "") -> str:
    """Source path of a page inside one language folder."""
    return {
        "home": "index.md",
        "procedure": f"{PROCEDURE_DIR}/{key}.md",
        "life_events": "su-kien/index.md",
        "life_event": f"su-kien/{key}.md",
        "fields": "linh-vuc/index.md",
        "field": f"linh-vuc/{key}.md",
        "levels": "cap/index.md",
        "a_z": "a-z.md",
        "search": "tim-kiem.md",
        "offices": "xa-phuong.md",
    }[kind]


def page_url(path: str, lang: str) -> str:
    """Site-relative URL of a page (directory URLs), e.g. en/thu-tuc/x/."""
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem:
        stem += "/"
    return URL_PREFIX[lang] + stem


def relative(from_url: str, to_url: str) -> str:
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    return "./" if rel == "." else rel + ("/" if to_url.endswith("/") or not to_url else "")


def without_d(text: str) -> str:
    """Pagefind folds tone marks but not đ; index a copy with d so 'dang ky' finds 'Đăng ký'."""
    return text.replace("đ", "d").replace("Đ", "D")


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese-friendly A–Z: ignore tones and marks first, then break ties exactly."""
    return (fold(text), text)


def jsonld(procedure: Procedure, L: Localizer, url: str) -> Markup:
    """schema.org GovernmentService, for search engines and assistants."""
    channels = []
    for name, channel in procedure.channels.items():
        item: dict[str, Any] = {"@type": "ServiceChannel", "name": L.t(f"channel.{name}"),
                                "processingTime": _iso_duration(channel)}
        if name == "online" and procedure.online_url:
            item["serviceUrl"] = procedure.online_url
        channels.append({k: v for k, v in item.items() if v})
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": L.plain(procedure.name),
        "description": L.plain(procedure.summary),
        "identifier": procedure.code,
        "serviceType": L.plain(procedure.name),
        "provider": {"@type": "GovernmentOrganization", "name": L.plain(procedure.agency)},
        "areaServed": {"@type": "Country", "name": "Việt Nam"},
        "audience": {"@type": "Audience", "audienceType": "; ".join(L.plain(a) for a in procedure.applicants)},
        "availableChannel": channels,
        "url": url,
        "inLanguage": L.html_lang,
        "dateModified": procedure.reviewed.isoformat(),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def shared_exemptions(procedure: Procedure) -> list[Text]:
    """Exemptions shown once under the channels when every fee has the same list."""
    lists = [fee.exemptions for _, ch in procedure.channels.items() for fee in ch.fees]
    return lists[0] if lists and all(x == lists[0] for x in lists) else []


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


def _iso_duration(channel: Any) -> str | None:
    t = channel.processing_time
    if t.value is None or t.unit is None:
        return None
    value = f"{t.value:g}"
    return f"PT{value}H" if t.unit == "hour" else f"P{value}D"


@dataclass
class RenderedPage:
    lang: str
    path: str  # inside the language folder
    text: str


class PageRenderer:
    def __init__(self, catalog: Catalog, strings: dict[str, dict[str, str]], templates: Path,
                 qr: QRCache, site_url: str = "", print_files: dict[str, list[str]] | None = None,
                 host_allowed: Callable[[str], bool] = lambda host: host.endswith(".gov.vn")) -> None:
        self.catalog = catalog
        self.host_allowed = host_allowed
        self.print_files = print_files or {}
        self.strings = strings
        self.qr = qr
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = Environment(
            loader=FileSystemLoader(str(templates / "pages")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    # Template helpers -------------------------------------------------------

    def _helpers(self, lang: str, here: str) -> dict[str, Callable[..., Any]]:
        L = Localizer(lang, self.strings)

        def link(kind: str, key: str = "") -> str:
            return relative(here, page_url(page_path(kind, key), lang))

        def tx(value: Text | None) -> Markup:
            shown = L.text(value)
            html = richtext.render(shown.text, self.host_allowed, L.t("external"))
            if not shown.missing:
                return html
            return Markup('<span lang="vi">{}</span> <span class="cg-untranslated">({})</span>').format(
                html, L.t("untranslated"))

        def qr_svg(url: str) -> Markup:
            return Markup(inline_svg(self.qr.svg(url, "M"), L.t("proc.qr_label", domain=domain_of(url))))

        def counts(document: Any) -> str:
            parts = []
            if document.originals:
                parts.append(L.plural("proc.originals", document.originals))
            if document.copies:
                parts.append(L.plural("proc.copies", document.copies))
            if document.form:
                parts.append(L.t("proc.form", form=document.form))
            return " · ".join(parts)

        return {"L": L, "t": L.t, "plural": L.plural, "tx": tx, "link": link, "qr_svg": qr_svg,
                "root": relative(here, ""), "money": L.money, "domain_of": domain_of,
                "counts": counts, "channel_names": L.channel_names, "num": _num, "without_d": without_d,
                "paper_rows": paper_rows, "paper_field": paper_field, "vietnamese_chars": VIETNAMESE_CHARS,
                "fee_amount": lambda fee: fees.amount(fee, L), "fee_when": lambda fee: fees.qualifier(fee, L)}

    def _render(self, template: str, lang: str, path: str, **context: Any) -> RenderedPage:
        here = page_url(path, lang)
        text = self.env.get_template(template).render(
            lang=lang, catalog=self.catalog, channels=CHANNELS, here=here,
            **self._helpers(lang, here), **context)
        return RenderedPage(lang, path, text)

    # Pages -------------------------------------------------------------------

    def procedure(self, procedure: Procedure, lang: str) -> RenderedPage:
        path = page_path("procedure", procedure.slug)
        L = Localizer(lang, self.strings)
        url = self.site_url + page_url(path, lang)
        if info := self.catalog.portal.get(procedure.code):
            return self._render("portal.md.j2", lang, path, p=procedure, info=info,
                                prints=self.print_links(procedure, lang, page_url(path, lang)),
                                hotlines=self._hotlines(lang))
        return self._render("procedure.md.j2", lang, path, p=procedure,
                            prints=self.print_links(procedure, lang, page_url(path, lang)),
                            shared_exemptions=shared_exemptions(procedure),
                            related=self.catalog.related(procedure),
                            forms=self.catalog.forms_of(procedure),
                            hotlines=self._hotlines(lang), jsonld=jsonld(procedure, L, url))

    def print_links(self, p: Procedure, lang: str, here: str) -> list[tuple[str, str]]:
        """(label, relative link) for the print products of this procedure that exist."""
        files = set(self.print_files.get(p.slug, []))
        if not files:
            return []
        L = Localizer(lang, self.strings)
        wanted = [(f"{p.slug}-{lang}.pdf", L.t("print.handout_lang"))]
        others = ("en", "zh") if lang == "vi" else (lang,)
        wanted += [(f"{p.slug}-vi-{o}.pdf", L.t("print.handout_bilingual", other=L.t(f"lang.{o}")))
                   for o in others if o != "vi"]
        wanted += [(f"{p.slug}-poster-a4-{lang}.pdf", L.t("print.poster_a4")),
                   (f"{p.slug}-poster-a3-{lang}.pdf", L.t("print.poster_a3")),
                   (f"{p.slug}-loa-ngan.txt", L.t("print.script_short")),
                   (f"{p.slug}-loa-dai.txt", L.t("print.script_long"))]
        links = [(label, relative(here, f"print/{p.slug}/{name}"))
                 for name, label in wanted if f"{p.slug}/{name}" in files]
        links.append((L.t("print.for_commune"), relative(here, page_url(f"in/{p.slug}.md", lang))))
        return links

    def _hotlines(self, lang: str) -> list[tuple[str, str]]:
        rows = sorted(self.catalog.tables.provinces.values(), key=lambda r: sort_key(r["name_vi"]))
        return [(r.get(f"name_{lang}") or r["name_vi"], r["hotline"]) for r in rows if r.get("hotline")]

    def sorted_procedures(self, lang: str, items: list[Procedure] | None = None) -> list[Procedure]:
        items = list(self.catalog.procedures if items is None else items)
        own = "vi" if lang == "zh" else lang  # Chinese readers use the Vietnamese order of the forms
        return sorted(items, key=lambda p: sort_key(p.name.get(own) or p.name.vi))

    def pages(self, lang: str) -> list[RenderedPage]:
        c = self.catalog
        top = [c.by_code[code] for code in TOP_TASKS if code in c.by_code]
        out = [
            self._render("home.md.j2", lang, page_path("home"), top=top),
            self._render("search.md.j2", lang, page_path("search")),
            self._render("a_z.md.j2", lang, page_path("a_z"), items=self.sorted_procedures(lang)),
            self._render("life_events.md.j2", lang, page_path("life_events"), sort=self.sorted_procedures),
            self._render("fields.md.j2", lang, page_path("fields"), sort=self.sorted_procedures),
            self._render("levels.md.j2", lang, page_path("levels"), sort=self.sorted_procedures),
            self._render("offices.md.j2", lang, page_path("offices"),
                         offices=sorted(c.tables.offices.values(),
                                        key=lambda r: (r["province_code"], sort_key(r["name_vi"])))),
        ]
        for key, event in c.taxonomy.life_events.items():
            out.append(self._render("life_event.md.j2", lang, page_path("life_event", key), key=key,
                                    category=event, items=self.sorted_procedures(lang, c.for_life_event(key))))
        for key, field in c.taxonomy.fields.items():
            out.append(self._render("field.md.j2", lang, page_path("field", key), key=key,
                                    category=field, items=self.sorted_procedures(lang, c.in_field(key))))
        out += [self.procedure(p, lang) for p in c.procedures]
        return out

    def all_pages(self) -> list[RenderedPage]:
        return [page for lang in LANGS for page in self.pages(lang)]
