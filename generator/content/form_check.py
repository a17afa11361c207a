"""Reading and checking declaration forms (procedures/forms/*.yml), as positioned issues.

Forms go through the same loader and schema check as procedures; the checks
here are the ones a schema cannot say: rules that fit the field type, patterns
that compile, ranges in order, and every name used once.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.checked_file import schema_line_issues
from generator.config import Settings
from generator.content.crosscheck import Positioned, missing_translations, old_portal_issues, repeats, walk_texts
from generator.diagnostics.errors import Issue
from generator.content.form_model import CHOICE_TYPES, TEXT_TYPES, DateLimit, Form, FormField
from generator.content.glossary import load_glossary
from generator.diagnostics.messages import Bi, bi
from generator.content.loader import Document, load_file
from generator.content.schema_check import check_schema
from generator.content.text_checks import text_issues
from generator.content.translation_lock import outdated_issues

FOLDER = "forms"
# Regular-expression syntax Python accepts but browsers' JavaScript does not (forms.js runs the pattern).
_PYTHON_ONLY = re.compile(r"\(\?P|\(\?#|\(\?>|\(\?[aiLmsux-]+[:)]|\\[AZz]|[*+?}][+]")
SCHEMA_NAME = "form.schema.json"
# Which rule keys each field type may use; the rest are refused with form.rule-not-allowed.
RULES = ("pattern", "invalid", "max_length", "min", "max", "earliest", "latest", "options")
ALLOWED: dict[str, set[str]] = {
    "text": {"pattern", "invalid", "max_length"},
    "long_text": {"pattern", "invalid", "max_length"},
    "date": {"earliest", "latest"},
    "number": {"min", "max"},
    "select": {"options"},
    "radio": {"options"},
    "checkbox": {"options"},
    "phone": set(),
    "citizen_id": set(),
}


@dataclass(frozen=True)
class FormEntry(Positioned):
    """One form file that passed the schema, with where it came from."""

    doc: Document
    form: Form
    path: Path


def form_paths(settings: Settings) -> list[Path]:
    folder = settings.procedures / FOLDER
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yml", ".yaml"))


def is_form_file(path: Path) -> bool:
    return path.parent.name == FOLDER


def form_slugs(settings: Settings) -> set[str]:
    """Slugs of the project's forms, from their file names (a form's slug must match it)."""
    return {p.stem for p in form_paths(settings)}


def _limit(value: DateLimit | None, today: dt.date) -> dt.date | None:
    return today if value == "today" else value


_WHAT = {"answer": bi(vi="câu trả lời", en="answer"), "section": bi(vi="phần", en="section"),
         "field": bi(vi="ô", en="field"), "print order": bi(vi="thứ tự in", en="print order")}


def _regex_reason(exc: re.error) -> Bi:
    """Python's words for a broken pattern, with a plain Vietnamese version (where it broke)."""
    where = f" (ký tự thứ {exc.pos + 1})" if exc.pos is not None else ""
    words = str(exc)
    if "missing )" in words or "unbalanced parenthesis" in words:
        vi = "dấu ngoặc ( ) chưa khớp nhau"
    elif "unterminated character set" in words:
        vi = "dấu [ chưa được đóng bằng ]"
    elif "nothing to repeat" in words or "multiple repeat" in words:
        vi = "dấu * + ? hoặc {} đứng ở chỗ không có gì để lặp lại"
    elif "bad escape" in words:
        vi = "dấu \\ đi với một ký tự không có nghĩa"
    else:
        vi = "biểu thức viết sai"
    return Bi(vi + where, words)


def _field_issues(entry: FormEntry, f: FormField, at: str, today: dt.date) -> list[Issue]:
    issues = []
    allowed = ALLOWED[f.type]
    for key in RULES:
        value = getattr(f, key)
        if value not in (None, []) and key not in allowed:
            issues.append(entry.issue("form.rule-not-allowed", f"{at}/{key}", on_key=True,
                                      key=key, type=f.type))
    if f.type in CHOICE_TYPES and len(f.options) < (1 if f.type == "checkbox" else 2):
        issues.append(entry.issue("form.options-missing", f"{at}/type", type=f.type,
                                  least=1 if f.type == "checkbox" else 2))
    issues += [entry.issue("form.duplicate", f"{at}/options/{k}/value", value=f.options[k].value, what=_WHAT["answer"])
               for k in repeats(o.value for o in f.options)]
    if f.type in TEXT_TYPES and f.pattern is not None:
        try:
            re.compile(f.pattern)
            python_only = _PYTHON_ONLY.search(f.pattern)
            if python_only:
                issues.append(entry.issue("form.pattern-invalid", f"{at}/pattern",
                                          reason=bi(vi="trình duyệt không hiểu '{part}'",
                                                    en="browsers do not understand '{part}'",
                                                    part=python_only.group(0))))
        except re.error as exc:
            issues.append(entry.issue("form.pattern-invalid", f"{at}/pattern", reason=_regex_reason(exc)))
        if f.invalid is None:
            issues.append(entry.issue("form.pattern-message", f"{at}/pattern", on_key=True))
    if f.type == "number" and f.min is not None and f.max is not None and f.min > f.max:
        issues.append(entry.issue("form.range", f"{at}/max", low=f.min, high=f.max))
    low, high = _limit(f.earliest, today), _limit(f.latest, today)
    if f.type == "date" and low and high and low > high:
        issues.append(entry.issue("form.range", f"{at}/latest", low=f.earliest, high=f.latest))
    return issues


def form_issues(entry: FormEntry, today: dt.date | None = None, stale_after_days: int = 365) -> list[Issue]:
    """Everything about one form that its schema cannot say."""
    form, today = entry.form, today or dt.date.today()
    issues = []
    if form.reviewed > today:
        issues.append(entry.issue("date.future", "/reviewed", value=form.reviewed.isoformat()))
    elif (today - form.reviewed).days > stale_after_days:
        issues.append(entry.issue("date.stale", "/reviewed", days=(today - form.reviewed).days,
                                  limit=stale_after_days))
    if form.slug != entry.path.stem:
        issues.append(entry.issue("file.slug-mismatch", "/slug", slug=form.slug, stem=entry.path.stem))
    issues += [entry.issue("form.duplicate", f"/sections/{i}/id", value=form.sections[i].id, what=_WHAT["section"])
               for i in repeats(s.id for s in form.sections)]
    placed = [(f"/sections/{i}/fields/{j}", f) for i, s in enumerate(form.sections) for j, f in enumerate(s.fields)]
    issues += [entry.issue("form.duplicate", f"{placed[n][0]}/id", value=placed[n][1].id, what=_WHAT["field"])
               for n in repeats(f.id for _, f in placed)]
    issues += [entry.issue("form.duplicate", f"{placed[n][0]}/print/order", value=placed[n][1].print.order,
                           what=_WHAT["print order"])
               for n in repeats(f.print.order for _, f in placed)]
    for at, f in placed:
        issues += _field_issues(entry, f, at, today)
    if form.paper.addressee is not None and form.paper.addressee not in {f.id for _, f in placed}:
        issues.append(entry.issue("form.unknown-field", "/paper/addressee", value=form.paper.addressee))
    for i, item in enumerate(form.to_verify):
        if item.pointer not in entry.doc.values:
            issues.append(entry.issue("ref.unknown-pointer", f"/to_verify/{i}/pointer", value=item.pointer))
    return issues + missing_translations(entry, form)


def read_form(path: Path, name: str, settings: Settings,
              today: dt.date | None = None) -> tuple[FormEntry | None, list[Issue]]:
    doc, issues = load_file(path, name)
    if doc is None:
        return None, issues
    issues += text_issues(doc)  # before the schema: it joins split accents in doc.data
    issues += schema_line_issues(doc, path, settings.schema_dir / SCHEMA_NAME, settings)
    form, schema_issues = check_schema(doc, Form)
    if form is None:
        return None, issues + schema_issues
    entry = FormEntry(doc, form, path)
    issues += form_issues(entry, today, settings.stale_after_days)
    for pointer, text in walk_texts(form):  # old portal addresses, as in procedures
        for lang in ("vi", "en", "zh"):
            issues += old_portal_issues(entry, f"{pointer}/{lang}", text.get(lang) or "", settings)
    issues += outdated_issues(entry, f"form:{form.slug}", walk_texts(form), settings.root)
    return entry, issues + load_glossary(settings.root)[0].issues(entry, form)
