"""Checks that need more than one file: references, uniqueness, links, dates."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel

from generator.config import Settings
from generator.errors import Issue, make_issue
from generator.loader import Document, escape_pointer
from generator.model import Procedure, Taxonomy, Text


@dataclass(frozen=True)
class Entry:
    """One procedure file that passed the schema, with where it came from."""

    doc: Document
    procedure: Procedure
    path: Path

    def issue(self, code: str, pointer: str, /, on_key: bool = False, **params: object) -> Issue:
        m = self.doc.where(pointer, key=on_key)
        return make_issue(code, self.doc.path, m.line, m.column, pointer, **params)


def walk_texts(value: Any, pointer: str = "") -> Iterator[tuple[str, Text]]:
    """Every localized text in a model, with its JSON pointer."""
    if isinstance(value, Text):
        yield pointer, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_texts(getattr(value, name), f"{pointer}/{escape_pointer(name)}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_texts(item, f"{pointer}/{i}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, f"{pointer}/{escape_pointer(str(key))}")


def check_url(entry: Entry, pointer: str, url: str, settings: Settings) -> list[Issue]:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return [entry.issue("url.invalid", pointer, value=url)]
    if not host or " " in url or parts.scheme not in ("http", "https"):
        return [entry.issue("url.invalid", pointer, value=url)]
    if parts.scheme != "https":
        return [entry.issue("url.not-https", pointer, value=url)]
    if parts.username or parts.password or parts.port not in (None, 443):
        return [entry.issue("url.invalid", pointer, value=url)]
    if not settings.host_allowed(host):
        return [entry.issue("url.not-allowed", pointer, host=host,
                            allowed=", ".join(settings.allowed_hosts))]
    return []


def _suggest(value: str, options: list[str], what: str) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else f"known {what}: {', '.join(options)}"


def check_entry(entry: Entry, settings: Settings, taxonomy: Taxonomy | None,
                codes: set[str], today: dt.date) -> list[Issue]:
    """Checks on one procedure that need the settings, taxonomy or catalog."""
    p, issues = entry.procedure, []
    if entry.path.stem != p.slug:
        issues.append(entry.issue("file.slug-mismatch", "/slug", slug=p.slug, stem=entry.path.stem))
    try:
        rel = entry.path.resolve().relative_to(settings.procedures.resolve())
        if len(rel.parts) == 2 and rel.parts[0] != p.field:
            issues.append(entry.issue("file.field-mismatch", "/field", field=p.field, folder=rel.parts[0]))
    except ValueError:
        pass  # a file outside procedures/ (e.g. a draft) has no folder rule
    if taxonomy is not None:
        if p.field not in taxonomy.fields:
            issues.append(entry.issue("ref.unknown-field", "/field", value=p.field,
                                      hint=_suggest(p.field, list(taxonomy.fields), "fields")))
        for i, event in enumerate(p.life_events):
            if event not in taxonomy.life_events:
                issues.append(entry.issue("ref.unknown-life-event", f"/life_events/{i}", value=event,
                                          hint=_suggest(event, list(taxonomy.life_events), "life events")))
    for i, code in enumerate(p.related):
        if code == p.code:
            issues.append(entry.issue("ref.self", f"/related/{i}"))
        elif code not in codes:
            hint = _suggest(code, sorted(codes), "codes")
            issues.append(entry.issue("ref.unknown-procedure", f"/related/{i}", code=code, hint=hint))
    offered = {name for name, _ in p.channels.items()}
    for i, step in enumerate(p.steps):
        for j, channel in enumerate(step.channels or []):
            if channel not in offered:
                issues.append(entry.issue("step.unknown-channel", f"/steps/{i}/channels/{j}", value=channel))
    for i, item in enumerate(p.to_verify):
        if item.pointer not in entry.doc.values:
            issues.append(entry.issue("ref.unknown-pointer", f"/to_verify/{i}/pointer", value=item.pointer))
    if p.superseded_by is not None and p.superseded_by not in codes:
        issues.append(entry.issue("ref.unknown-procedure", "/superseded_by", code=p.superseded_by,
                                  hint=_suggest(p.superseded_by, sorted(codes), "codes")))
    issues += publication_issues(entry, today)
    if p.online_url:
        issues += check_url(entry, "/online_url", p.online_url, settings)
    issues += check_url(entry, "/source/url", p.source.url, settings)
    if p.reviewed > today:
        issues.append(entry.issue("date.future", "/reviewed", value=p.reviewed.isoformat()))
    elif (today - p.reviewed).days > settings.stale_after_days:
        issues.append(entry.issue("date.stale", "/reviewed", days=(today - p.reviewed).days,
                                  limit=settings.stale_after_days))
    for pointer, text in walk_texts(p):
        for lang, label in (("en", "English"), ("zh", "Chinese")):
            if text.get(lang) is None:
                issues.append(entry.issue("i18n.missing", pointer, lang=label))
    return issues


def is_published(procedure: Procedure, today: dt.date) -> bool:
    """In force today: after valid_from (if any) and not after valid_until (if any)."""
    if procedure.valid_from and procedure.valid_from > today:
        return False
    return not (procedure.valid_until and procedure.valid_until < today)


def publication_issues(entry: Entry, today: dt.date) -> list[Issue]:
    p, issues = entry.procedure, []
    if p.valid_from and p.valid_until and p.valid_until < p.valid_from:
        issues.append(entry.issue("date.order", "/valid_until", until=p.valid_until, since=p.valid_from))
    elif p.valid_from and p.valid_from > today:
        issues.append(entry.issue("publish.not-yet", "/valid_from", value=p.valid_from.isoformat()))
    elif p.valid_until and p.valid_until < today:
        issues.append(entry.issue("publish.ended", "/valid_until", value=p.valid_until.isoformat()))
    return issues


def todo_issues(doc: Document, text: str) -> list[Issue]:
    """Warn for each `# TODO(review)` an importer or editor left in the file."""
    issues = []
    for number, line in enumerate(text.split("\n"), start=1):
        at = line.find("TODO(review)")
        if at >= 0 and "#" in line[:at + 1]:
            note = line[at + len("TODO(review)"):].lstrip(":： ").strip() or "check this value"
            issues.append(make_issue("review.todo", doc.path, number, at + 1, "", text=note))
    return issues


def check_catalog(entries: list[Entry], settings: Settings, taxonomy: Taxonomy | None,
                  extra_codes: set[str], today: dt.date | None = None) -> list[Issue]:
    """Cross-checks over every entry; ``extra_codes`` are codes known from files not reported on."""
    today = today or dt.date.today()
    issues: list[Issue] = []
    by_code: dict[str, Entry] = {}
    by_slug: dict[str, Entry] = {}
    for entry in entries:
        p = entry.procedure
        if p.code in by_code:
            issues.append(entry.issue("ref.duplicate-code", "/code", code=p.code, other=by_code[p.code].doc.path))
        else:
            by_code[p.code] = entry
        if p.slug in by_slug:
            issues.append(entry.issue("ref.duplicate-slug", "/slug", slug=p.slug, other=by_slug[p.slug].doc.path))
        else:
            by_slug[p.slug] = entry
    codes = set(by_code) | extra_codes
    for entry in entries:
        issues += check_entry(entry, settings, taxonomy, codes, today)
    return issues
