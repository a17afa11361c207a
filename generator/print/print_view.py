"""The "print for your commune" view on the website.

One HTML page per procedure and language, made from the same handout template
as the PDFs. A small script (print-view.js) fills in the commune a person picks from the
full list of 3,321 communes, so nothing is pre-rendered per commune. What the office block
says for each commune is decided here, with the PDF's rule (office_view.py), and written
per language into data/communes-<lang>.json: the script only puts it on the page.

Staff may type their office's address, hours and phone: they print on the handout and stay on the
device (localStorage) and in the page's link (after "#", which a browser never sends to the server).
"""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup, escape

from generator.site import routes
from generator.content.catalog import Catalog
from generator.content.model import LANGS, Procedure
from generator.site.office_view import TYPED, office_words
from generator.print.print_docs import Commune, PrintDocuments
from generator.site.footer import Footer
from generator.site.routes import Route
from generator.content.strings import HTML_LANG, Localizer
from generator.site.where import as_json, communes_data, provinces

# No autofill: the browser would offer the staff member's own home address and phone.
_INPUT = {"address": 'type="text"', "hours": 'type="text"', "phone": 'type="tel" inputmode="tel"'}


def _typed_fields(L: Localizer) -> str:
    """The office's own details, typed by staff: they print in the office block (office-view.js)."""
    fields = "".join(
        f'<label for="cg-typed-{key}">{escape(L.t("print." + key))}</label>'
        f'<input id="cg-typed-{key}" name="{key}" {_INPUT[key]} maxlength="200" autocomplete="off" data-cg-typed="{key}">'
        for key in TYPED)
    return (f'<fieldset class="typed"><legend>{escape(L.t("print.typed"))}</legend>'
            f'<p class="hint">{escape(L.t("print.typed_hint"))}</p>{fields}'
            f'<button type="button" class="secondary" data-cg-typed-clear>{escape(L.t("print.typed_clear"))}</button>'
            f'</fieldset>')


def _picker(L: Localizer, catalog: Catalog, here: Route, p: Procedure) -> Markup:
    options = "".join(f'<option value="{escape(item.code)}">{escape(item.name)}</option>'
                      for item in provinces(catalog.tables, L.lang, here))
    # The office block's strings, exactly as the PDF has them.
    view = {"words": office_words(L, p.level), "data": routes.communes(L.lang).href(here)}
    back = routes.procedure(p.slug, L.lang).href(here)
    return Markup(
        f'<form class="picker" data-cg-picker hidden data-lang="{L.lang}" '
        f'data-office-view="{escape(json.dumps(view, ensure_ascii=False))}">'
        f'<strong>{escape(L.t("print.pick"))}</strong>'
        f'<label for="cg-province">{escape(L.t("print.pick_province"))}</label>'
        f'<select id="cg-province"><option value="">{escape(L.t("print.pick_none"))}</option>{options}</select>'
        f'<label for="cg-commune">{escape(L.t("print.pick_commune"))}</label>'
        f'<select id="cg-commune" disabled><option value="">{escape(L.t("print.pick_none"))}</option></select>'
        f'{_typed_fields(L)}<div><button type="button" data-cg-print>{escape(L.t("print.print_now"))}</button>'
        f'<a href="{escape(back)}">{escape(L.t("print.back"))}</a></div></form>')


def write_print_views(catalog: Catalog, docs: PrintDocuments, strings: dict[str, dict[str, str]],
                      site: Path, footer: Footer | None = None) -> int:
    """``footer``: the site's footer, under the handout on screen (never printed)."""
    for lang in LANGS:
        data = site / routes.communes(lang).file
        data.parent.mkdir(parents=True, exist_ok=True)
        data.write_bytes(as_json(communes_data(catalog.tables, lang)))
    count = 0
    for lang in LANGS:
        L = Localizer(lang, strings)
        for p in catalog.printed:
            here = routes.print_view(p.slug, lang)
            alternates = [(routes.print_view(p.slug, other).href(here), HTML_LANG[other]) for other in LANGS]
            html = docs.handout(p, (lang,), Commune.generic(), picker=_picker(L, catalog, here, p),
                                scripts=(routes.asset("office-view.js").href(here),
                                         routes.asset("print-view.js").href(here)), alternates=alternates,
                                footer=Markup(footer.html(lang, routes.ROOT.href(here))) if footer else None)
            target = site / here.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            count += 1
    return count
