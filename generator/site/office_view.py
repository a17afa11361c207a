"""The commune office block of a handout: one rule for what it says, for the PDF and the browser.

A handout names the office where a resident hands in the papers: its name, counter, address,
hours and phone when the offices table has them, the generic help when it has no row, a note
when the address is still missing, the province hotline and the volunteers. The PDFs get it
from ``office_view``; the "print for your commune" view (print-view.js) gets the same decisions
as data (``commune_entries``, ``office_words``) and only fills them in, so the browser print and
the PDF of one commune say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.strings import Localizer
from generator.content.tables import Tables

ROWS = ("counter", "address", "hours")  # per language, then the phone


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
        """As print-view.js reads it: [code, name, [[key, value]…], generic, missing]."""
        return [self.code, self.name, [list(r) for r in self.rows], int(self.generic), int(self.missing)]


@dataclass(frozen=True)
class OfficeView:
    heading: str
    name: str  # "" for the generic version
    rows: tuple[tuple[str, str], ...]  # (label, value)
    generic: str
    missing: str
    hotline: str
    volunteers: str


def commune_entry(tables: Tables, code: str, lang: str) -> CommuneEntry:
    """The office row's text in this language, else its Vietnamese; the commune's own name when
    the table has no office row (communes have Vietnamese and English names)."""
    commune = tables.communes[code]
    office = tables.offices.get(code) or {}

    def local(base: str) -> str:
        return office.get(f"{base}_{lang}") or office.get(f"{base}_vi") or ""

    name = (office.get(f"name_{lang}") or commune.get(f"name_{lang}") or office.get("name_vi")
            or commune["name_vi"])
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
        "volunteers": L.t("proc.volunteers_text"),
    }


def office_view(words: dict[str, Any], entry: CommuneEntry | None, hotline: str | None) -> OfficeView:
    """The block for a commune (``entry``), or the generic one (None). print-view.js's view() is
    this function, line for line."""
    phone = words["hotline"].replace("{phone}", hotline) if hotline else ""
    if entry is None:
        return OfficeView(words["heading"], "", (), words["generic"], "", phone, words["volunteers"])
    return OfficeView(words["heading"], entry.name, tuple((words["labels"][k], v) for k, v in entry.rows),
                      words["generic"] if entry.generic else "", words["missing"] if entry.missing else "",
                      phone, words["volunteers"])
