"""The catalog as open data: a Frictionless data package with JSON and CSV resources."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from generator.site import routes
from generator.content.catalog import Catalog
from generator.content.model import LANGS
from generator.site.routes import Route

FIELDS: list[tuple[str, str, str]] = [
    ("code", "string", "National procedure code (Mã thủ tục)"),
    ("editorial", "string", "guide: a reviewed plain-language guide; portal: the portal record's own text"),
    ("slug", "string", "Short name used in web addresses"),
    *[(f"name_{lang}", "string", f"Name ({lang}); empty when not translated") for lang in LANGS],
    ("level", "string", "central, province or commune"),
    ("province_only", "string", "GSO code of the province whose own procedure this is; empty when it applies nationwide"),
    ("field", "string", "Field key (procedures/taxonomy.yml)"),
    *[(f"url_{lang}", "string", f"Guide page ({lang}), relative to the site root") for lang in LANGS],
    ("qr_target", "string", "Exact URL the QR code encodes"),
    ("print_products", "string", "Paths of print products, separated by spaces (empty until they exist)"),
    ("reviewed", "date", "Guides: date a person last checked it against the source (empty for portal pages)"),
    ("source_url", "string", "Record on the national portal"),
    ("source_published", "date", "Portal pages: the date the portal last updated the record"),
]


def rows(catalog: Catalog, print_products: dict[str, list[Route]] | None = None) -> list[dict[str, Any]]:
    out = []
    for p in catalog.procedures:
        row: dict[str, Any] = {"code": p.code, "editorial": catalog.editorial(p), "slug": p.slug}
        row.update({f"name_{lang}": p.name.get(lang) or "" for lang in LANGS})
        row.update({"level": p.level, "field": p.field})
        row["province_only"] = (info.province or "") if (info := catalog.portal.get(p.code)) else ""
        row.update({f"url_{lang}": routes.procedure(p.slug, lang).url for lang in LANGS})
        row.update({
            "qr_target": p.online_url or "",
            "print_products": " ".join(r.url for r in (print_products or {}).get(p.slug, [])),
            # A portal page was not reviewed by a person: its date is the record's, in source_published.
            "reviewed": "" if p.code in catalog.portal else p.reviewed.isoformat(),
            "source_published": info.published.isoformat() if (info := catalog.portal.get(p.code)) else "",
            "source_url": p.source.url,
        })
        out.append(row)
    return out


def write_open_data(catalog: Catalog, site: Path,
                    print_products: dict[str, list[Route]] | None = None) -> Path:
    """``print_products``: print_run.PrintResult.files, the products that exist."""
    def write(name: str, text: str) -> Path:
        target = site / routes.data(name).file  # the package's files lie next to its datapackage.json
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    data = rows(catalog, print_products)
    write("procedures.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f[0] for f in FIELDS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    write("procedures.csv", buffer.getvalue())
    forms = [{**form.model_dump(mode="json", exclude={"to_verify"}),
              "unconfirmed": [item.pointer for item in form.to_verify],
              "used_by": [p.code for p in catalog.procedures if form in catalog.forms_of(p)]}
             for form in catalog.forms.values()]
    write("forms.json", json.dumps(forms, ensure_ascii=False, indent=1) + "\n")
    schema = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in FIELDS],
              "primaryKey": ["code"]}
    package = {
        "name": "citizen-guide-procedures",
        "title": "Administrative procedures in the citizen guide",
        "resources": [
            {"name": "procedures-csv", "path": "procedures.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "profile": "tabular-data-resource", "schema": schema},
            {"name": "procedures-json", "path": "procedures.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8", "profile": "data-resource"},
            {"name": "forms-json", "path": "forms.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "profile": "data-resource",
             "description": "Declaration forms as data: fields, rules, labels in vi/en/zh, paper layout, "
                            "the codes of the procedures that use each one, and which details are unconfirmed"},
        ],
    }
    return write("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2) + "\n")
