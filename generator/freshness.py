"""Which procedures need a person to look at them again."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.crosscheck import Entry


@dataclass(frozen=True)
class Stale:
    file: str
    code: str
    name: str
    reasons: tuple[str, ...]


def find_stale(entries: list[Entry], today: dt.date, days: int) -> list[Stale]:
    out = []
    for entry in sorted(entries, key=lambda e: e.procedure.reviewed):
        p = entry.procedure
        reasons = []
        age = (today - p.reviewed).days
        if age > days:
            reasons.append(f"reviewed {age} days ago ({p.reviewed.isoformat()})")
        for law in p.legal_basis:
            if law.replaced_by:
                reasons.append(f"legal basis {law.number} was replaced by {law.replaced_by}")
        if p.superseded_by:
            reasons.append(f"superseded by procedure {p.superseded_by}")
        if p.valid_until and p.valid_until < today:
            reasons.append(f"abolished after {p.valid_until.isoformat()}")
        if reasons:
            out.append(Stale(entry.doc.path, p.code, p.name.vi, tuple(reasons)))
    return out


def as_text(found: list[Stale], total: int, days: int) -> str:
    lines = [f"{s.file}: {s.code} {s.name}: " + "; ".join(s.reasons) for s in found]
    lines.append(f"{len(found)} of {total} procedures need review (older than {days} days, "
                 "or with a replaced legal basis).")
    return "\n".join(lines)
