"""The one read-only catalog that every renderer reads from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from generator.content.fees import in_force
from generator.content.form_model import Form
from generator.content.model import Procedure, Taxonomy
from generator.content.tables import Tables


@dataclass(frozen=True)
class PortalInfo:
    """Where a portal page comes from: the record, its official address and its dates."""

    code: str
    record_id: str
    url: str  # https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<id>
    published: dt.date  # the record's last update on the portal
    fetched: dt.date  # when the records were taken from the portal
    decision: str | None
    printable: bool  # facts complete enough for an honest handout (see portal_pages.printable)
    province: str | None = None  # GSO code of the province whose own procedure this is (None: national)


@dataclass(frozen=True)
class Catalog:
    procedures: tuple[Procedure, ...]
    by_code: Mapping[str, Procedure]
    by_slug: Mapping[str, Procedure]
    taxonomy: Taxonomy
    tables: Tables
    forms: Mapping[str, Form] = field(default_factory=lambda: MappingProxyType({}))
    portal: Mapping[str, PortalInfo] = field(default_factory=lambda: MappingProxyType({}))
    drafts: frozenset[str] = frozenset()  # codes of unreviewed guides (`guide build --drafts` only)

    @classmethod
    def create(cls, procedures: list[Procedure], taxonomy: Taxonomy, tables: Tables,
               forms: Mapping[str, Form] | None = None, today: dt.date | None = None,
               portal: Mapping[str, PortalInfo] | None = None,
               drafts: Iterable[str] = ()) -> Catalog:
        """``today`` drops the fee rules not in force that day (see generator/content/fees.py)."""
        if today is not None:
            procedures = [in_force(p, today) for p in procedures]
        ordered = tuple(sorted(procedures, key=lambda p: p.code))
        return cls(
            procedures=ordered,
            by_code=MappingProxyType({p.code: p for p in ordered}),
            by_slug=MappingProxyType({p.slug: p for p in ordered}),
            taxonomy=taxonomy,
            tables=Tables(
                communes=MappingProxyType(dict(tables.communes)),
                provinces=MappingProxyType(dict(tables.provinces)),
                offices=MappingProxyType(dict(tables.offices)),
            ),
            forms=MappingProxyType(dict(sorted((forms or {}).items()))),
            portal=MappingProxyType(dict(sorted((portal or {}).items()))),
            drafts=frozenset(drafts),
        )

    def editorial(self, procedure: Procedure) -> str:
        """ "guide": written and reviewed in plain language; "portal": the record's own text."""
        return "portal" if procedure.code in self.portal else "guide"

    @property
    def guides(self) -> tuple[Procedure, ...]:
        return tuple(p for p in self.procedures if p.code not in self.portal)

    @property
    def printed(self) -> tuple[Procedure, ...]:
        """What gets print products: every guide, and portal pages whose facts are complete.

        Never a draft: a handout leaves the preview, and paper carries no "draft" banner.
        """
        return tuple(p for p in self.procedures if p.code not in self.drafts
                     and (p.code not in self.portal or self.portal[p.code].printable))

    def forms_of(self, procedure: Procedure) -> list[Form]:
        """The forms a procedure's documents point to, each once, in dossier order."""
        slugs = dict.fromkeys(d.fill_in for g in procedure.dossier for d in g.documents if d.fill_in)
        return [self.forms[s] for s in slugs if s in self.forms]

    def related(self, procedure: Procedure) -> list[Procedure]:
        return [self.by_code[c] for c in procedure.related if c in self.by_code]

    def in_field(self, field: str) -> list[Procedure]:
        return [p for p in self.procedures if p.field == field]

    def for_life_event(self, event: str) -> list[Procedure]:
        return [p for p in self.procedures if event in p.life_events]

    def province_of(self, procedure: Procedure) -> dict[str, str] | None:
        """The province row (names in three languages) when the procedure is one province's own."""
        info = self.portal.get(procedure.code)
        return self.tables.provinces.get(info.province) if info and info.province else None

    def hotline(self, province_code: str) -> str | None:
        row = self.tables.provinces.get(province_code)
        return (row or {}).get("hotline") or None
