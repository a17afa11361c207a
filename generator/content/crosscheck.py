"""Checks that need more than one file: references, uniqueness, links, dates."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Hashable, Iterable
from urllib.parse import urlsplit

from pydantic import BaseModel

from generator.upstream import portal_address

from generator.content import richtext
from generator.content.checked_file import display
from generator.config import Settings
from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import Bi, bi
from generator.content.glossary import load_glossary
from generator.content.loader import Document
from generator.content.model import Procedure, Taxonomy, Text
from generator.content.model_texts import walk_texts  # here too for the modules that import it from here
from generator.content.translation_lock import outdated_issues


class Positioned:
    """A checked file that can place an issue at a JSON pointer of its YAML."""

    doc: Document

    def issue(self, code: str, pointer: str, /, on_key: bool = False, hint: Bi | str | None = None,
              **params: object) -> Issue:
        m = self.doc.where(pointer, key=on_key)
        return make_issue(code, self.doc.path, m.line, m.column, pointer, hint=hint, **params)


@dataclass(frozen=True)
class Entry(Positioned):
    """One procedure file that passed the schema, with where it came from."""

    doc: Document
    procedure: Procedure
    path: Path


@dataclass(frozen=True)
class Facts:
    """What the catalog-wide and date checks need from one file: small enough to cache cheaply."""

    file: str
    code: str
    slug: str
    related: tuple[str, ...]
    superseded_by: str | None
    reviewed: dt.date
    valid_from: dt.date | None
    valid_until: dt.date | None
    marks: dict[str, tuple[int, int]]  # pointer -> (line, column), for the pointers above
    unreviewed: bool = False  # a TODO(review) is left: not published
    forms: tuple[tuple[str, str], ...] = ()  # (pointer, slug) of every fill_in
    fee_ends: tuple[tuple[str, dt.date], ...] = ()  # (pointer, date) of every fee's valid_until

    @classmethod
    def of(cls, entry: Entry) -> Facts:
        p = entry.procedure
        forms = tuple((f"/dossier/{i}/documents/{j}/fill_in", d.fill_in)
                      for i, g in enumerate(p.dossier) for j, d in enumerate(g.documents) if d.fill_in)
        fee_ends = tuple((f"/channels/{name}/fees/{i}/valid_until", fee.valid_until)
                         for name, channel in p.channels.items()
                         for i, fee in enumerate(channel.fees) if fee.valid_until)
        pointers = ["/code", "/slug", "/superseded_by", "/reviewed", "/valid_from", "/valid_until",
                    *(f"/related/{i}" for i in range(len(p.related))), *(ptr for ptr, _ in forms),
                    *(ptr for ptr, _ in fee_ends)]
        marks = {}
        for pointer in pointers:
            m = entry.doc.where(pointer)
            marks[pointer] = (m.line, m.column)
        return cls(entry.doc.path, p.code, p.slug, tuple(p.related), p.superseded_by, p.reviewed,
                   p.valid_from, p.valid_until, marks, forms=forms, fee_ends=fee_ends)

    def issue(self, code: str, pointer: str, /, hint: Bi | str | None = None, **params: object) -> Issue:
        line, column = self.marks.get(pointer, (1, 1))
        return make_issue(code, self.file, line, column, pointer, hint=hint, **params)


def repeats(values: Iterable[Hashable]) -> list[int]:
    """Positions of the values that already appeared earlier (each name must be used once)."""
    seen: set[Hashable] = set()
    out = []
    for i, value in enumerate(values):
        if value in seen:
            out.append(i)
        seen.add(value)
    return out


def check_url(entry: Entry, pointer: str, url: str, settings: Settings) -> list[Issue]:
    problem = settings.url_problem(url)
    if problem == "url.not-allowed":
        return [entry.issue(problem, pointer, host=urlsplit(url).hostname or url,
                            allowed=", ".join(settings.allowed_hosts))]
    if problem:
        return [entry.issue(problem, pointer, value=url)]
    code = entry.procedure.code
    if portal_address.is_home(url) and "TODO(review)" not in entry.doc.line(entry.doc.where(pointer).line):
        # The skeleton's stand-in (still a draft while its mark is there): a QR code to the home page
        # leaves the resident to search the whole portal.
        return [entry.issue("url.portal-home", pointer, value=url, code=code,
                            hint=_address_hint(code, settings))]
    return old_portal_issues(entry, pointer, url, settings, own=code)


def _address_hint(code: str | None, settings: Settings) -> Bi:
    new = portal_address.address(code, settings.procedures) if code else None
    if new:
        return bi(vi="viết {new}", en="write {new}", new=new)
    return bi(vi="viết {base}<id>, với id của {code} tra trong procedures/portal/catalog.jsonl",
              en="write {base}<id>, with the id of {code} from procedures/portal/catalog.jsonl",
              base=portal_address.BASE, code=code or bi(vi="thủ tục", en="the procedure"))


def old_portal_issues(entry: Positioned, pointer: str, text: str, settings: Settings,
                      own: str | None = None) -> list[Issue]:
    """Old `...?ma_thu_tuc=<code>` portal addresses (they answer 404), each with the address replacing it.

    ``own`` is the file's code, given for its own addresses (online_url, source.url): a link pasted
    from another procedure's page is then pointed out, and the file's own address suggested."""
    issues = []
    for url, code in portal_address.old_addresses(text):
        hint = _address_hint(code, settings)
        if own and code and code != own:
            hint = bi(vi="liên kết này là của thủ tục {code}, không phải của tệp này ({own}); {fix}",
                      en="this link is for procedure {code}, not this file's ({own}); {fix}",
                      code=code, own=own, fix=_address_hint(own, settings))
        issues.append(entry.issue("url.old-portal", pointer, value=url, hint=hint))
    return issues


_KNOWN = {"fields": bi(vi="các lĩnh vực", en="fields"), "life events": bi(vi="các sự kiện", en="life events"),
          "forms": bi(vi="các tờ khai", en="forms"), "codes": bi(vi="các mã", en="codes")}


def _suggest(value: str, options: list[str], what: str) -> Bi:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
    if close:
        return bi(vi="ý bạn là '{close}'?", en="did you mean '{close}'?", close=close[0])
    return bi(vi="{what} đã có: {known}", en="known {what}: {known}", what=_KNOWN.get(what, what),
              known=", ".join(options))


def local_issues(entry: Entry, settings: Settings, taxonomy: Taxonomy | None) -> list[Issue]:
    """Checks that depend on this file, the settings and the taxonomy only (so they can be cached)."""
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
    offered = {name for name, _ in p.channels.items()}
    for i, step in enumerate(p.steps):
        for j, channel in enumerate(step.channels or []):
            if channel not in offered:
                issues.append(entry.issue("step.unknown-channel", f"/steps/{i}/channels/{j}", value=channel))
    for i, item in enumerate(p.to_verify):
        if item.pointer not in entry.doc.values:
            issues.append(entry.issue("ref.unknown-pointer", f"/to_verify/{i}/pointer", value=item.pointer))
    if p.online_url:
        issues += check_url(entry, "/online_url", p.online_url, settings)
    issues += check_url(entry, "/source/url", p.source.url, settings)
    issues += missing_translations(entry, p)
    issues += outdated_issues(entry, p.code, walk_texts(p), settings.root)  # i18n/content-translations.json
    for pointer, text in walk_texts(p):
        issues += content_link_issues(entry, pointer, text, settings)
    issues += load_glossary(settings.root)[0].issues(entry, p)
    return issues


def missing_translations(entry: Positioned, model: BaseModel) -> list[Issue]:
    """A warning for each text without English or Chinese (procedures and forms alike)."""
    return [entry.issue("i18n.missing", pointer, lang=label)
            for pointer, text in walk_texts(model)
            for lang, label in (("en", bi(vi="tiếng Anh", en="English")), ("zh", bi(vi="tiếng Trung", en="Chinese")))
            if text.get(lang) is None]


def content_link_issues(entry: Positioned, pointer: str, text: Text, settings: Settings) -> list[Issue]:
    """Links inside texts follow the same allow-list as QR targets (richtext.py has the policy)."""
    issues = []
    for lang in ("vi", "en", "zh"):
        value = text.get(lang)
        issues += old_portal_issues(entry, f"{pointer}/{lang}", value or "", settings)
        for link in richtext.links(value or ""):
            problem = richtext.link_problem(link, settings.host_allowed)
            if problem is not None:
                host = urlsplit(link.url).hostname or link.url
                issues.append(entry.issue(problem, f"{pointer}/{lang}", value=link.url, host=host,
                                          allowed=", ".join(settings.allowed_hosts)))
    return issues


def catalog_issues(f: Facts, settings: Settings, codes: set[str], today: dt.date,
                   forms: set[str] | None = None) -> list[Issue]:
    """Checks that depend on the rest of the catalog (procedures and forms) or on today's date."""
    issues = []
    if forms is not None:
        for pointer, slug in f.forms:
            if slug not in forms:
                issues.append(f.issue("ref.unknown-form", pointer, value=slug,
                                      hint=_suggest(slug, sorted(forms), "forms")))
    for i, code in enumerate(f.related):
        if code == f.code:
            issues.append(f.issue("ref.self", f"/related/{i}"))
        elif code not in codes:
            hint = _suggest(code, sorted(codes), "codes")
            issues.append(f.issue("ref.unknown-procedure", f"/related/{i}", code=code, hint=hint))
    if f.superseded_by is not None and f.superseded_by not in codes:
        issues.append(f.issue("ref.unknown-procedure", "/superseded_by", code=f.superseded_by,
                              hint=_suggest(f.superseded_by, sorted(codes), "codes")))
    issues += publication_issues(f, today)
    for pointer, until in f.fee_ends:
        if until < today:
            issues.append(f.issue("fee.expired", pointer, value=until.isoformat()))
    if f.reviewed > today:
        issues.append(f.issue("date.future", "/reviewed", value=f.reviewed.isoformat()))
    elif (today - f.reviewed).days > settings.stale_after_days:
        issues.append(f.issue("date.stale", "/reviewed", days=(today - f.reviewed).days,
                              limit=settings.stale_after_days))
    return issues


def is_published(procedure: Procedure, today: dt.date) -> bool:
    """In force today: after valid_from (if any) and not after valid_until (if any)."""
    if procedure.valid_from and procedure.valid_from > today:
        return False
    return not (procedure.valid_until and procedure.valid_until < today)


def publication_issues(f: Facts, today: dt.date) -> list[Issue]:
    issues = []
    if f.valid_from and f.valid_until and f.valid_until < f.valid_from:
        issues.append(f.issue("date.order", "/valid_until", until=f.valid_until, since=f.valid_from))
    elif f.valid_from and f.valid_from > today:
        issues.append(f.issue("publish.not-yet", "/valid_from", value=f.valid_from.isoformat()))
    elif f.valid_until and f.valid_until < today:
        issues.append(f.issue("publish.ended", "/valid_until", value=f.valid_until.isoformat()))
    return issues


def todo_issues(doc: Document, text: str) -> list[Issue]:
    """Warn for each `# TODO(review)` an importer or editor left in the file."""
    issues = []
    for number, line in enumerate(text.split("\n"), start=1):
        at = line.find("TODO(review)")
        if at >= 0 and "#" in line[:at + 1]:
            note = line[at + len("TODO(review)"):].lstrip(":： ").strip() or bi(vi="kiểm tra giá trị này",
                                                                                en="check this value")
            issues.append(make_issue("review.todo", doc.path, number, at + 1, "", text=note))
    return issues


@dataclass
class KeyIndex:
    """Code and slug of files that are not being checked, read from their text."""

    codes: dict[str, str] = field(default_factory=dict)  # code -> file
    slugs: dict[str, str] = field(default_factory=dict)  # slug -> file

    @classmethod
    def scan(cls, paths: list[Path]) -> KeyIndex:
        index = cls()
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                continue
            if m := _CODE_LINE.search(text):
                index.codes.setdefault(m.group(1), display(path))
            slug = m.group(1) if (m := _SLUG_LINE.search(text)) else path.stem
            index.slugs.setdefault(slug, display(path))
        return index


_CODE_LINE = re.compile(r"""^code:\s*["']?([0-9]\.[0-9]{6})["']?\s*(?:#.*)?$""", re.M)
_SLUG_LINE = re.compile(r"^slug:\s*([a-z0-9-]+)\s*(?:#.*)?$", re.M)


def check_catalog(facts: list[Facts], settings: Settings, others: KeyIndex | None = None,
                  extra_codes: set[str] | None = None,
                  today: dt.date | None = None, forms: set[str] | None = None) -> list[Issue]:
    """Cross-checks over ``facts``, against each other and the codes and slugs of ``others``."""
    today = today or dt.date.today()
    others = others or KeyIndex()
    issues: list[Issue] = []
    by_code: dict[str, str] = dict(others.codes)
    by_slug: dict[str, str] = dict(others.slugs)
    for f in facts:
        if f.code in by_code:
            issues.append(f.issue("ref.duplicate-code", "/code", code=f.code, other=by_code[f.code]))
        else:
            by_code[f.code] = f.file
        if f.slug in by_slug:
            issues.append(f.issue("ref.duplicate-slug", "/slug", slug=f.slug, other=by_slug[f.slug]))
        else:
            by_slug[f.slug] = f.file
    codes = set(by_code) | (extra_codes or set())
    for f in facts:
        issues += catalog_issues(f, settings, codes, today, forms)
    return issues
