""""Where do I go?": the offices page's province → commune finder, and the commune data it reads.

Without JavaScript the page lists the 34 provinces with their hotlines. With it, picking a province
fetches that province's communes only (routes.communes_of, about 1 KB gzipped) rather than all 3,321
(routes.communes, about 27 KB gzipped, which the print views read), and picking a commune shows its
office block as office_view.py decides it: where.js fills it in with office-view.js, the same function
the print view uses. Both files have the same shape, so one reader serves both.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.content.strings import Localizer
from generator.content.tables import Tables
from generator.site import routes
from generator.site.office_view import CommuneEntry, commune_entry, office_words, province_name
from generator.site.routes import Route
from generator.site.views import sort_key

# A–Z by the name people say, "Bến Thành" rather than "Phường Bến Thành": otherwise every ward comes
# before every commune and every city before every province, and a long list is hard to scan.
_KINDS = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ")


def by_name(name: str) -> tuple[tuple[str, str], str]:
    bare = next((name[len(kind):] for kind in _KINDS if name.startswith(kind)), name)
    return sort_key(bare), name


def communes_data(tables: Tables, lang: str, province: str | None = None) -> dict[str, Any]:
    """Provinces (name, hotline) and, per province, its communes A–Z with their office entries: every
    province, or only ``province``."""
    wanted = [province] if province else list(tables.provinces)
    by_province: dict[str, list[CommuneEntry]] = {code: [] for code in wanted}
    for code, row in tables.communes.items():
        if province is None or row["province_code"] == province:
            entry = commune_entry(tables, code, lang)
            by_province.setdefault(entry.province, []).append(entry)
    return {
        "provinces": {code: {"name": province_name(tables, code, lang),
                             "hotline": tables.provinces[code].get("hotline") or ""} for code in sorted(wanted)},
        "communes": {code: [e.data() for e in sorted(entries, key=lambda e: by_name(e.name))]
                     for code, entries in sorted(by_province.items())},
    }


def as_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def province_files(tables: Tables, lang: str) -> list[tuple[Route, bytes]]:
    """The finder's data: one file per province."""
    return [(routes.communes_of(lang, code), as_json(communes_data(tables, lang, code)))
            for code in sorted(tables.provinces)]


@dataclass(frozen=True)
class ProvinceItem:
    code: str
    name: str  # Vietnamese, with its translation beside it
    hotline: str  # "" when our table has none for the province
    note: str  # what the hotline is, in the page's language when translated
    data: str  # link from the page to its communes (routes.communes_of)


def provinces(tables: Tables, lang: str, here: Route) -> list[ProvinceItem]:
    """The 34 provinces A–Z by their Vietnamese names (without "Tỉnh", "Thành phố"), as the page lists them and the finder offers them."""
    items = [ProvinceItem(code, province_name(tables, code, lang), row.get("hotline") or "",
                          row.get(f"hotline_note_{lang}") or row.get("hotline_note_vi") or "",
                          routes.communes_of(lang, code).href(here))
             for code, row in tables.provinces.items()]
    return sorted(items, key=lambda p: by_name(p.name))


def finder_setup(L: Localizer) -> str:
    """What where.js says, in the page's language: the office block's words and the finder's own."""
    def plural(key: str) -> dict[str, str]:
        return {form: L.t(f"{key}.{form}", n="{n}") for form in ("one", "other")}

    return json.dumps({"words": office_words(L, "commune"), "count": plural("where.count"),
                       "found": plural("where.found"), "none": L.t("where.none"),
                       "loading": L.t("where.loading"), "failed": L.t("where.failed")},
                      ensure_ascii=False, separators=(",", ":"))
