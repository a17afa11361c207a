"""Which procedures need a person to look at them again."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.crosscheck import Entry
from generator.diagnostics.messages import DEFAULT_LANG, Bi, bi, localize


@dataclass(frozen=True)
class Stale:
    file: str
    code: str
    name: str
    reasons: tuple[Bi, ...]


def find_stale(entries: list[Entry], today: dt.date, days: int) -> list[Stale]:
    out = []
    for entry in sorted(entries, key=lambda e: e.procedure.reviewed):
        p = entry.procedure
        reasons = []
        age = (today - p.reviewed).days
        if age > days:
            reasons.append(bi(vi="xem lại lần cuối cách đây {age} ngày ({day})",
                              en="reviewed {age} days ago ({day})", age=age, day=p.reviewed.isoformat()))
        for law in p.legal_basis:
            if law.replaced_by:
                reasons.append(bi(vi="căn cứ pháp lý {law} đã được thay bằng {new}",
                                  en="legal basis {law} was replaced by {new}", law=law.number, new=law.replaced_by))
        if p.superseded_by:
            reasons.append(bi(vi="đã có thủ tục thay thế {code}", en="superseded by procedure {code}",
                              code=p.superseded_by))
        if p.valid_until and p.valid_until < today:
            reasons.append(bi(vi="đã bãi bỏ sau ngày {day}", en="abolished after {day}",
                              day=p.valid_until.isoformat()))
        if reasons:
            out.append(Stale(entry.doc.path, p.code, p.name.vi, tuple(reasons)))
    return out


def as_text(found: list[Stale], total: int, days: int, lang: str = DEFAULT_LANG) -> str:
    lines = [f"{s.file}: {s.code} {s.name}: " + "; ".join(localize(r, lang) for r in s.reasons) for s in found]
    lines.append(localize(bi(vi="{n}/{total} thủ tục cần xem lại (quá {days} ngày, hoặc có căn cứ pháp lý đã bị thay).",
                             en="{n} of {total} procedures need review (older than {days} days, "
                                "or with a replaced legal basis).", n=len(found), total=total, days=days), lang))
    return "\n".join(lines)
