"""Portal pages: every commune record without a guide, published as the record states it.

The records in procedures/portal/records/ are read and checked like any other input (a broken
record is a positioned error). Each commune record whose code has no guide becomes a
``PortalProcedure`` through the importer's own mapping, so a page and a draft never disagree.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import ValidationError

from generator.content.catalog import PortalInfo
from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import Bi
from generator.content.model import Category, PortalProcedure, Procedure
from generator.upstream.portal import PortalRecord, load_records, map_record
from generator.content.textfold import fold, slugify


def fetched_on(folder: Path, records: Mapping[str, PortalRecord]) -> dt.date:
    """The day the records were taken from the portal (manifest.json), else the newest record's day."""
    try:
        stamp = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["startedAt"]
        return dt.date.fromisoformat(str(stamp)[:10])
    except (OSError, ValueError, KeyError, TypeError):
        return max((r.updatedAt for r in records.values() if r.updatedAt), default=dt.date(2026, 7, 18))


def printable(procedure: PortalProcedure) -> bool:
    """Complete enough to print honestly: every time and fee known, documents and legal basis listed.

    A fee the record gives as 0 with no word of explanation stays "not confirmed" (the mapping marks
    it uncertain), so most records do not qualify: a handout must not print "free" on a guess.
    """
    channels = [ch for _, ch in procedure.channels.items()]
    return (bool(channels) and bool(procedure.dossier) and bool(procedure.legal_basis)
            and all(g.documents for g in procedure.dossier)
            and all(ch.processing_time.value is not None and ch.fees
                    and all(f.amount is not None and not f.uncertain for f in ch.fees) for ch in channels))


_LISTS = ("legal_basis", "dossier", "steps", "applicants")


def _unique_slug(slug: str, code: str, taken: set[str], place: str = "") -> str:
    """A province's own procedure carries the province in its address; a clash still gets the code."""
    if place:
        head = slug[: 60 - len(place) - 1].rsplit("-", 1)[0] if len(slug) + len(place) >= 60 else slug
        slug = f"{head}-{place}"
    if slug not in taken:
        return slug
    return f"{slug[:50].rstrip('-')}-{code.replace('.', '-')}"


def province_code(record: PortalRecord, provinces: Mapping[str, Mapping[str, str]]) -> str | None:
    """The GSO code of the province that published its own (SPECIFIC) procedure, from the publisher's
    name ("UBND tỉnh Thanh Hóa" → 38); None for a national procedure or a publisher we cannot match."""
    if record.type != "SPECIFIC":
        return None
    publisher = fold(record.departmentPromulgateName).removeprefix("ubnd ").strip()
    for code, row in provinces.items():
        if fold(row["name_vi"]) == publisher:
            return code
    return None


_WARD = re.compile(rb'"isWard"\s*:\s*true')


def commune_codes(folder: Path) -> set[str]:
    """Codes of the commune records (each published as a guide or a portal page), read cheaply
    from the file names and text, so that `related:` may name them without loading every record."""
    records = folder / "records"
    if not records.is_dir():
        return set()
    return {path.stem for path in records.glob("*.json") if _WARD.search(path.read_bytes())}


def read_records(folder: Path) -> tuple[dict[str, PortalRecord], list[Issue]]:
    """The records in ``folder``/records, each checked; a broken one is a positioned issue."""
    return load_records(folder / "records")


def portal_procedures(records: Mapping[str, PortalRecord], folder: Path, guides: Iterable[Procedure],
                      fields: Mapping[str, Category], provinces: Mapping[str, Mapping[str, str]],
                      ) -> tuple[list[PortalProcedure], dict[str, PortalInfo], list[Issue]]:
    """Every commune record without a published guide, as a procedure, with where it comes from."""
    issues: list[Issue] = []
    guides = list(guides)
    have = {p.code for p in guides}
    taken = {p.slug for p in guides}
    fetched = fetched_on(folder, records)
    out: list[PortalProcedure] = []
    info: dict[str, PortalInfo] = {}
    for code, record in sorted(records.items()):
        if not record.isWard or code in have:
            continue
        mapped = map_record(record, fields, fetched)
        province = province_code(record, provinces)
        place = slugify(re.sub(r"^(Thành phố|Tỉnh)\s+", "", provinces[province]["name_vi"])) if province else ""
        data = dict(mapped.data, slug=_unique_slug(mapped.data["slug"], code, taken, place), summary=None)
        for pointer in mapped.placeholders:  # the record lists none: the page says so in its own words
            if pointer.strip("/") in _LISTS:
                data[pointer.strip("/")] = []
        try:
            procedure = PortalProcedure.model_validate(data, strict=False)
        except ValidationError as exc:  # our mapping's fault, but never a traceback
            first = exc.errors()[0]
            pointer = "/" + "/".join(str(x) for x in first["loc"])
            issues.append(make_issue("portal.map", _relative(record, folder), 1, 1, pointer,
                                     detail=Bi(f"{pointer} không hợp lệ", first["msg"])))
            continue
        taken.add(procedure.slug)
        out.append(procedure)
        info[code] = PortalInfo(code=code, record_id=record.id, url=record.url,
                                published=record.updatedAt or fetched, fetched=fetched,
                                decision=data.get("source", {}).get("decision") or None,
                                printable=printable(procedure), province=province)
    return out, info, issues


def _relative(record: PortalRecord, folder: Path) -> str:
    """The record's file as editors see it, e.g. procedures/portal/records/1.003583.json."""
    path = folder / "records" / f"{record.code}.json"
    try:
        return path.relative_to(folder.parent.parent).as_posix()
    except ValueError:
        return path.as_posix()
