"""The "print for your commune" view on the website.

One HTML page per procedure and language, made from the same handout template
as the PDFs. A small script (print-view.js) fills in the commune a person picks from the
full list of 3,321 communes, so nothing is pre-rendered per commune. What the office block
says for each commune is decided here, with the PDF's rule (office_view.py), and written
per language into data/communes-<lang>.json: the script only puts it on the page.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.site import routes
from generator.content.catalog import Catalog
from generator.content.model import LANGS, Procedure
from generator.site.office_view import commune_entry, office_view, office_words
from generator.print.print_docs import Commune, PrintDocuments
from generator.site.routes import Route
from generator.content.strings import HTML_LANG, Localizer
from generator.site.views import sort_key


def communes_data(catalog: Catalog, lang: str) -> dict[str, Any]:
    """Provinces (name, hotline) and, per province, its communes A–Z with their office entries."""
    t = catalog.tables
    by_province: dict[str, list[Any]] = {code: [] for code in t.provinces}
    for code in t.communes:
        entry = commune_entry(t, code, lang)
        by_province.setdefault(entry.province, []).append(entry)
    return {
        "provinces": {code: {"name": row.get(f"name_{lang}") or row["name_vi"], "hotline": row.get("hotline") or ""}
                      for code, row in sorted(t.provinces.items())},
        "communes": {code: [e.data() for e in sorted(entries, key=lambda e: sort_key(e.name))]
                     for code, entries in sorted(by_province.items())},
    }


def _picker(L: Localizer, catalog: Catalog, here: Route, p: Procedure) -> Markup:
    provinces = sorted(catalog.tables.provinces.items(), key=lambda kv: sort_key(kv[1]["name_vi"]))
    options = "".join(
        f'<option value="{escape(code)}">{escape(row.get("name_" + L.lang) or row["name_vi"])}</option>'
        for code, row in provinces)
    # The office block's strings and the generic block, exactly as the PDF has them.
    words = office_words(L, p.level)
    view = {"words": words, "generic": dataclasses.asdict(office_view(words, None, None)),
            "data": routes.communes(L.lang).href(here)}
    back = routes.procedure(p.slug, L.lang).href(here)
    return Markup(
        f'<form class="picker" data-cg-picker hidden data-lang="{L.lang}" '
        f'data-office-view="{escape(json.dumps(view, ensure_ascii=False))}">'
        f'<strong>{escape(L.t("print.pick"))}</strong>'
        f'<label for="cg-province">{escape(L.t("print.pick_province"))}</label>'
        f'<select id="cg-province"><option value="">{escape(L.t("print.pick_none"))}</option>{options}</select>'
        f'<label for="cg-commune">{escape(L.t("print.pick_commune"))}</label>'
        f'<select id="cg-commune" disabled><option value="">{escape(L.t("print.pick_none"))}</option></select>'
        f'<div><button type="button" data-cg-print>{escape(L.t("print.print_now"))}</button>'
        f'<a href="{escape(back)}">{escape(L.t("print.back"))}</a></div></form>')


def write_print_views(catalog: Catalog, docs: PrintDocuments, strings: dict[str, dict[str, str]],
                      site: Path) -> int:
    for lang in LANGS:
        data = site / routes.communes(lang).file
        data.parent.mkdir(parents=True, exist_ok=True)
        data.write_text(json.dumps(communes_data(catalog, lang), ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    count = 0
    for lang in LANGS:
        L = Localizer(lang, strings)
        for p in catalog.printed:
            here = routes.print_view(p.slug, lang)
            alternates = [(routes.print_view(p.slug, other).href(here), HTML_LANG[other]) for other in LANGS]
            html = docs.handout(p, (lang,), Commune.generic(), picker=_picker(L, catalog, here, p),
                                script=routes.asset("print-view.js").href(here), alternates=alternates)
            target = site / here.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            count += 1
    return count
