"""The commune office block of a handout: one rule for what it says, for the PDF and the browser.

A handout names the office where a resident hands in the papers: its name, counter, address,
hours and phone when the offices table has them, the generic help when it has no row, a note
when the address is still missing, the province hotline (or, where the province has none in our
table, where to ask instead) and the volunteers. The PDFs get it from ``office_view``; the
"print for your commune" view and the offices page's finder get the same decisions as data
(``commune_entry``, ``office_words``) and only fill them in (templates/assets/office-view.js is
``office_view`` line for line), so the browser and the PDF of one commune say the same thing.

Staff may type their office's address, hours and phone in the browser print view (``typed``):
those win over the table, since the person at the counter knows them best.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.content.strings import Localizer
from generator.content.tables import Tables

ROWS = ("counter", "address", "hours")  # per language, then the phone
TYPED = ("address", "hours", "phone")  # what staff may type in the print view
# A translated place name stands after the Vietnamese one, never alone: the counter, the stamp and
# the signposts say the Vietnamese name.
_PAIR = {"en": "{vi} ({other})", "zh": "{vi}（{other}）"}


def place_name(vi: str, other: str | None, lang: str) -> str:
    """"Phường Bến Thành (Ben Thanh Ward)": the Vietnamese name, with the translation when there is one."""
    if lang not in _PAIR or not other or other == vi:
        return vi
    return _PAIR[lang].format(vi=vi, other=other)


def province_name(tables: Tables, code: str, lang: str) -> str:
    row = tables.provinces.get(code) or {}
    return place_name(row.get("name_vi", ""), row.get(f"name_{lang}"), lang)


@dataclass(frozen=True)
class CommuneEntry:
    """One commune's office details as one language shows them."""

    code: str
    province: str
    name: str
    rows: tuple[tuple[str, str], ...]  # (key, value): counter, address, hours, phone, those known
    generic: bool  # no office row: the generic "go to your commune's one-stop counter"
    missing: bool  # no address and no phone yet: say so

    def data(self) -> list[Any]:
        """As office-view.js reads it: [code, name, [[key, value]…], generic, missing]."""
        return [self.code, self.name, [list(r) for r in self.rows], int(self.generic), int(self.missing)]


@dataclass(frozen=True)
class OfficeView:
    heading: str
    name: str  # "" for the generic version
    rows: tuple[tuple[str, str], ...]  # (label, value)
    generic: str
    missing: str
    hotline: str  # the hotline sentence, or where to ask when the province has no hotline
    volunteers: str


def commune_entry(tables: Tables, code: str, lang: str) -> CommuneEntry:
    """The office row's text in this language, else its Vietnamese. The name is the Vietnamese one with
    its translation beside it (the office row's, else the commune table's; communes have Vietnamese and
    English names only, so a Chinese page names a commune without an office row in Vietnamese)."""
    commune = tables.communes[code]
    office = tables.offices.get(code) or {}

    def local(base: str) -> str:
        return office.get(f"{base}_{lang}") or office.get(f"{base}_vi") or ""

    vi = office.get("name_vi") or commune["name_vi"]
    name = place_name(vi, office.get(f"name_{lang}") or commune.get(f"name_{lang}"), lang)
    rows = [(key, local(key)) for key in ROWS if local(key)]
    if office.get("phone"):
        rows.append(("phone", office["phone"]))
    return CommuneEntry(code, commune["province_code"], name, tuple(rows), not office,
                        not (office.get("address_vi") or office.get("phone")))


def office_words(L: Localizer, level: str) -> dict[str, Any]:
    """The strings of the block in one language; ``hotline`` keeps its {phone} slot."""
    return {
        "heading": L.t("print.office") if level == "commune" else L.t("print.office_help"),
        "labels": {"counter": L.t("offices.counter"), "address": L.t("print.address"),
                   "hours": L.t("print.hours"), "phone": L.t("print.phone")},
        "generic": L.t("print.office_generic"),
        "missing": L.t("print.no_office_row"),
        "hotline": L.t("print.hotline", phone="{phone}"),
        "no_hotline": L.t("print.no_hotline"),
        "volunteers": L.t("proc.volunteers_text"),
    }


def office_view(words: dict[str, Any], entry: CommuneEntry | None, hotline: str | None,
                typed: Mapping[str, str] | None = None) -> OfficeView:
    """The block for a commune (``entry``), or the generic one (None), with what staff typed (``typed``:
    address, hours, phone) in place of the table's. office-view.js's officeView() is this function,
    line for line."""
    typed = {k: (typed or {}).get(k, "").strip() for k in TYPED}
    known = dict(entry.rows) if entry else {}
    rows = tuple((words["labels"][k], typed.get(k) or known.get(k, "")) for k in (*ROWS, "phone")
                 if typed.get(k) or known.get(k))
    if entry is None:
        return OfficeView(words["heading"], "", rows, words["generic"], "", "", words["volunteers"])
    phone = words["hotline"].replace("{phone}", hotline) if hotline else words["no_hotline"]
    missing = entry.missing and not (typed["address"] or typed["phone"])
    return OfficeView(words["heading"], entry.name, rows, words["generic"] if entry.generic else "",
                      words["missing"] if missing else "", phone, words["volunteers"])
