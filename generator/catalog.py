"""The one read-only catalog that every renderer reads from."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from generator.model import Procedure, Taxonomy
from generator.tables import Tables


@dataclass(frozen=True)
class Catalog:
    procedures: tuple[Procedure, ...]
    by_code: Mapping[str, Procedure]
    by_slug: Mapping[str, Procedure]
    taxonomy: Taxonomy
    tables: Tables

    @classmethod
    def create(cls, procedures: list[Procedure], taxonomy: Taxonomy, tables: Tables) -> Catalog:
        ordered = tuple(sorted(procedures, key=lambda p: p.code))
        return cls(
            procedures=ordered,
            by_code=MappingProxyType({p.code: p for p in ordered}),
            by_slug=MappingProxyType({p.slug: p for p in ordered}),
            taxonomy=taxonomy,
            tables=Tables(
                communes=MappingProxyType(dict(tables.communes)),  # type: ignore[arg-type]
                provinces=MappingProxyType(dict(tables.provinces)),  # type: ignore[arg-type]
                offices=MappingProxyType(dict(tables.offices)),  # type: ignore[arg-type]
            ),
        )

    def related(self, procedure: Procedure) -> list[Procedure]:
        return [self.by_code[c] for c in procedure.related if c in self.by_code]

    def in_field(self, field: str) -> list[Procedure]:
        return [p for p in self.procedures if p.field == field]

    def for_life_event(self, event: str) -> list[Procedure]:
        return [p for p in self.procedures if event in p.life_events]

    def hotline(self, province_code: str) -> str | None:
        row = self.tables.provinces.get(province_code)
        return (row or {}).get("hotline") or None
