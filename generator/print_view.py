"""The "print for your commune" view on the website.

One HTML page per procedure and language, made from the same handout template
as the PDFs. A small script fills in the commune a person picks from the full
list of 3,321 communes, so nothing is pre-rendered per commune.
"""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup, escape

from generator.catalog import Catalog
from generator.model import LANGS
from generator.pages import page_path, page_url, relative, sort_key
from generator.print_docs import Commune, PrintDocuments
from generator.strings import HTML_LANG, Localizer

VIEW_DIR = "in"
LABELS = ("office", "office_generic", "no_office_row", "hotline", "address", "hours", "phone")


def view_url(slug: str, lang: str) -> str:
    return page_url(f"{VIEW_DIR}/{slug}.md", lang)


def communes_data(catalog: Catalog) -> dict[str, object]:
    t = catalog.tables
    return {
        "provinces": {code: {"vi": r["name_vi"], "en": r["name_en"], "zh": r["name_zh"],
                             "hotline": r.get("hotline") or ""} for code, r in sorted(t.provinces.items())},
        "communes": {code: [r["name_vi"], r["name_en"], r["province_code"]]
                     for code, r in sorted(t.communes.items())},
        "offices": {code: {k: v for k, v in row.items() if v} for code, row in sorted(t.offices.items())},
    }


def _picker(L: Localizer, catalog: Catalog, here: str, slug: str) -> Markup:
    provinces = sorted(catalog.tables.provinces.items(), key=lambda kv: sort_key(kv[1]["name_vi"]))
    options = "".join(
        f'<option value="{escape(code)}">{escape(row.get("name_" + L.lang) or row["name_vi"])}</option>'
        for code, row in provinces)
    labels = {
        "office": L.t("print.office"), "office_help": L.t("print.office_help"),
        "office_generic": L.t("print.office_generic"),
        "no_office_row": L.t("print.no_office_row"), "hotline": L.t("print.hotline"),
        "address": L.t("print.address"), "hours": L.t("print.hours"), "phone": L.t("print.phone"),
        "counter": L.t("offices.counter"), "volunteers": L.t("proc.volunteers_text"),
    }
    attrs = " ".join(f'data-l-{k.replace("_", "-")}="{escape(v)}"' for k, v in labels.items())
    back = relative(here, page_url(page_path("procedure", slug), L.lang))
    return Markup(
        f'<form class="picker" data-cg-picker hidden data-root="{escape(relative(here, ""))}" '
        f'data-lang="{L.lang}" {attrs}>'
        f'<strong>{escape(L.t("print.pick"))}</strong>'
        f'<label for="cg-province">{escape(L.t("print.pick_province"))}</label>'
        f'<select id="cg-province"><option value="">{escape(L.t("print.pick_none"))}</option>{options}</select>'
        f'<label for="cg-commune">{escape(L.t("print.pick_commune"))}</label>'
        f'<select id="cg-commune" disabled><option value="">{escape(L.t("print.pick_none"))}</option></select>'
        f'<div><button type="button" data-cg-print>{escape(L.t("print.print_now"))}</button>'
        f'<a href="{escape(back)}">{escape(L.t("print.back"))}</a></div></form>')


def write_print_views(catalog: Catalog, docs: PrintDocuments, strings: dict[str, dict[str, str]],
                      site: Path) -> int:
    data = site / "data" / "communes.json"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(communes_data(catalog), ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    count = 0
    for lang in LANGS:
        L = Localizer(lang, strings)
        for p in catalog.printed:
            here = view_url(p.slug, lang)
            alternates = [(relative(here, view_url(p.slug, other)), HTML_LANG[other]) for other in LANGS]
            html = docs.handout(p, (lang,), Commune.generic(), picker=_picker(L, catalog, here, p.slug),
                                script=relative(here, "assets/print-view.js"), alternates=alternates)
            target = site / here / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            count += 1
    return count
