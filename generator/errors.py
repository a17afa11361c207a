"""Problems found in content, as values.

Every problem has a stable ``code`` that tests and editors can rely on, a
position (``file:line:column``, counted from 1), an RFC 6901 JSON pointer and a
message made from a template. ``docs/errors.md`` documents every code in
``CODES``; a test keeps the two in step.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]  # info: a note, never a problem


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    template: str
    hint: str | None = None


_DRIFT_HINT = "correct ours; if it differs on purpose, add under drift: {ack}"

CODES: dict[str, CodeInfo] = {
    # Reading the file
    "file.read": CodeInfo("error", "cannot read the file: {reason}"),
    "file.too-large": CodeInfo(
        "error", "the file is {size} bytes; the limit is {limit}", "split it or remove pasted data"
    ),
    "file.schema-comment": CodeInfo(
        "error",
        "the first line must point editors to the schema",
        "start the file with: {expected}",
    ),
    "file.slug-mismatch": CodeInfo(
        "error", "slug '{slug}' does not match the file name '{stem}'", "rename the file to {slug}.yml"
    ),
    "file.field-mismatch": CodeInfo(
        "error",
        "field '{field}' does not match the folder '{folder}'",
        "move the file to procedures/{field}/",
    ),
    # YAML syntax and YAML 1.1 surprises
    "yaml.encoding": CodeInfo(
        "error", "the file is not UTF-8 text ({reason})", "save the file as UTF-8 in your editor"
    ),
    "yaml.tab": CodeInfo(
        "error", "a tab character is used for indentation", "indent with spaces only, two per level"
    ),
    "yaml.syntax": CodeInfo("error", "YAML syntax error: {reason}", "{hint}"),
    "yaml.empty": CodeInfo("error", "the file is empty", "copy an existing procedure as a start"),
    "yaml.multi-document": CodeInfo(
        "error", "the file holds more than one YAML document", "remove the '---' line; one procedure per file"
    ),
    "yaml.duplicate-key": CodeInfo(
        "error", "key '{key}' appears twice in the same block (first on line {first})",
        "keep one of them; YAML would silently drop the first",
    ),
    "yaml.ambiguous-bool": CodeInfo(
        "error", "'{value}' would be read as {as_bool}, not as text",
        "write true/false for yes/no answers, or put text in quotes: \"{value}\"",
    ),
    "yaml.sexagesimal": CodeInfo(
        "error", "'{value}' would be read as a base-60 number ({number}), not as a time",
        "a time of day goes in quotes (\"{value}\"); a duration is a number of hours, e.g. 1.5",
    ),
    "yaml.leading-zero": CodeInfo(
        "error", "'{value}' starts with 0 and would lose it (or be read as octal)",
        "put it in quotes: \"{value}\"",
    ),
    "yaml.alias": CodeInfo(
        "error", "anchors and aliases (& and *) are not allowed ({count} found)", "write the text out in full"
    ),
    "yaml.too-deep": CodeInfo(
        "error", "the data is nested more than {limit} levels deep", "check the indentation"
    ),
    "yaml.tag": CodeInfo("error", "the YAML tag '{tag}' is not allowed", "remove the '!' tag"),
    "yaml.key": CodeInfo("error", "a key must be plain text", "write key: value"),
    "yaml.comment-in-text": CodeInfo(
        "warning", "the text stops before ' #': YAML reads '#{comment}' as a comment, so it is not shown",
        "if those words belong to the text, put the whole text in double quotes; "
        "if they are a note for editors, move them to a line of their own",
    ),
    # Text that would be lost or changed without a word
    "text.nfd": CodeInfo(
        "warning", "'{word}' is typed with separate accent marks (decomposed Unicode); "
        "the site uses it joined into ordinary letters",
        "nothing is lost; to remove this warning retype the text with Unikey set to "
        "'Unicode dựng sẵn' (not 'Unicode tổ hợp'), or save the file as NFC",
    ),
    "text.repeated": CodeInfo(
        "warning", "this repeats, word for word, the entry on line {first}",
        "delete one of them; if both are needed, say in the text how they differ",
    ),
    # Schema
    "schema.required": CodeInfo("error", "'{key}' is required here{detail}", "{hint}"),
    "schema.unknown-key": CodeInfo("error", "unknown key '{key}'", "{hint}"),
    "schema.type": CodeInfo("error", "{detail}", "{hint}"),
    "schema.enum": CodeInfo("error", "'{value}' is not allowed here; use one of: {allowed}"),
    "schema.pattern": CodeInfo("error", "'{value}' does not have the expected form ({detail})", "{hint}"),
    "schema.range": CodeInfo("error", "{detail}"),
    "schema.length": CodeInfo("error", "{detail}", "{hint}"),
    "schema.date": CodeInfo("error", "'{value}' is not a valid date", "write dates as YYYY-MM-DD, e.g. 2026-07-01"),
    "time.unit-missing": CodeInfo(
        "error", "a processing time needs a unit", "add unit: working_day, day or hour"
    ),
    "time.unclear": CodeInfo(
        "error", "a processing time without a value needs a note",
        "add note: {{vi: ...}} saying what the source says",
    ),
    "fee.unclear": CodeInfo(
        "error", "an uncertain or missing fee needs a note explaining it",
        "add note: {{vi: ...}}; never guess an amount",
    ),
    "fee.dates": CodeInfo(
        "error", "valid_until is before valid_from",
        "a fee rule applies from valid_from to valid_until (both included): swap the two dates",
    ),
    "channel.none": CodeInfo("error", "a procedure needs at least one channel", "add in_person:"),
    # Cross-checks over the whole catalog
    "ref.duplicate-code": CodeInfo("error", "code {code} is also used by {other}"),
    "ref.duplicate-slug": CodeInfo("error", "slug '{slug}' is also used by {other}"),
    "ref.unknown-procedure": CodeInfo(
        "error", "related procedure {code} does not exist", "{hint}"
    ),
    "ref.self": CodeInfo("error", "a procedure cannot be related to itself"),
    "ref.unknown-field": CodeInfo("error", "field '{value}' is not in procedures/taxonomy.yml", "{hint}"),
    "ref.unknown-life-event": CodeInfo(
        "error", "life event '{value}' is not in procedures/taxonomy.yml", "{hint}"
    ),
    "ref.unknown-pointer": CodeInfo(
        "error", "to_verify points to '{value}', which is not in this file", "check the JSON pointer"
    ),
    "step.unknown-channel": CodeInfo(
        "error", "the step names channel '{value}', which this procedure does not offer",
        "add the channel or remove it from the step",
    ),
    "url.invalid": CodeInfo("error", "'{value}' is not a valid web address", "write the full https://… address"),
    "url.not-https": CodeInfo("error", "'{value}' must use https", "change http:// to https://"),
    "url.not-allowed": CodeInfo(
        "error", "host '{host}' is not on the allow-list ({allowed})",
        "link to the official portal; no shorteners. The list is in pyproject.toml [tool.citizen-guide]",
    ),
    "url.content-link": CodeInfo(
        "error", "the link to '{host}' is not on the allow-list ({allowed})",
        "link to the official portal, or mark an outside link: [text](https://…){{external}}",
    ),
    "url.old-portal": CodeInfo(
        "error", "'{value}' is an old portal address; those pages no longer open", "{hint}"
    ),
    "date.future": CodeInfo("error", "reviewed date {value} is in the future", "use the date you checked it"),
    "date.stale": CodeInfo(
        "warning", "last reviewed {days} days ago (more than {limit})",
        "check it against the portal and update reviewed",
    ),
    "publish.not-yet": CodeInfo(
        "warning", "not published: valid_from {value} is after today", "it appears on the site from that day"
    ),
    "publish.ended": CodeInfo(
        "warning", "not published: valid_until {value} has passed (abolished)",
        "set superseded_by to the code that replaced it, or delete the file",
    ),
    "date.order": CodeInfo("error", "valid_until {until} is before valid_from {since}"),
    "fee.expired": CodeInfo(
        "warning", "this fee rule ended on {value} (valid_until)",
        "remove it: it no longer applies; keep the fee entry without dates beside it",
    ),
    "review.todo": CodeInfo(
        "warning", "a TODO(review) note is still here: {text}",
        "check the value against the portal record, then delete the comment; "
        "the procedure is not published while any remain",
    ),
    "ref.unknown-form": CodeInfo(
        "error", "form '{value}' does not exist in procedures/forms/", "{hint}"
    ),
    # Questions that narrow the documents checklist
    "dossier.duplicate-group": CodeInfo(
        "error", "document group '{value}' is used twice", "give each case its own id, e.g. born-abroad"
    ),
    "question.duplicate": CodeInfo("error", "'{value}' is used twice", "give each question and answer its own name"),
    "question.unknown": CodeInfo(
        "error", "there is no question '{value}' in this procedure", "use the id of a question under questions:"
    ),
    "question.order": CodeInfo(
        "error", "question '{value}' is not asked before this point",
        "ask_when can only look at earlier questions; move this question further down",
    ),
    "question.unknown-option": CodeInfo(
        "error", "'{value}' is not an answer of question '{question}'", "use one of: {allowed}"
    ),
    "question.unreachable": CodeInfo(
        "error", "no combination of answers shows the group '{group}'",
        "check the values in applies_when, and the ask_when of the questions it names",
    ),
    "question.unused": CodeInfo(
        "warning", "question '{value}' changes nothing", "name it in a group's applies_when, or remove it"
    ),
    # Declaration forms (procedures/forms/)
    "form.duplicate": CodeInfo("error", "{what} '{value}' is used twice in this form", "each needs its own"),
    "form.rule-not-allowed": CodeInfo(
        "error", "'{key}' does not apply to a {type} field", "remove it, or change the field's type"
    ),
    "form.options-missing": CodeInfo(
        "error", "a {type} field needs at least {least} options", "add options: with value and label"
    ),
    "form.pattern-invalid": CodeInfo(
        "error", "the pattern is not a valid regular expression: {reason}", "test it, e.g. ^[0-9]{{6}}$"
    ),
    "form.pattern-message": CodeInfo(
        "error", "a field with a pattern needs an 'invalid' message",
        "add invalid: {{vi: ...}} telling residents what to write, with an example",
    ),
    "form.range": CodeInfo("error", "the lowest value {low} is above the highest {high}", "swap them"),
    "form.unknown-field": CodeInfo("error", "there is no field '{value}' in this form", "use a field id"),
    "i18n.missing": CodeInfo(
        "warning", "no {lang} translation; the Vietnamese text will be shown with a notice"
    ),
    "i18n.glossary": CodeInfo(
        "warning", "the Vietnamese has '{vi}', but the {lang} text does not use the agreed term '{term}'",
        "write '{term}' for '{vi}' (i18n/glossary.yml); if translators agree on another term, change the glossary",
    ),
    "i18n.glossary-avoid": CodeInfo(
        "error", "the Chinese uses '{avoid}', {why}", "{hint}"
    ),
    "i18n.key-missing": CodeInfo(
        "error", "interface string '{key}' is missing in {lang}", "add it to i18n/{lang}.yml"
    ),
    "i18n.key-type": CodeInfo("error", "interface string '{key}' must be non-empty text", "put it in quotes"),
    # Tables (CSV, validated with frictionless)
    "table.package": CodeInfo("error", "the data package is invalid: {detail}"),
    "table.header": CodeInfo("error", "column header problem: {detail}", "compare with datapackage.json"),
    "table.required": CodeInfo("error", "{field}: a value is required"),
    "table.pattern": CodeInfo("error", "{field}: '{value}' does not look like {expected}"),
    "table.unique": CodeInfo("error", "{field}: '{value}' appears in more than one row"),
    "table.row": CodeInfo("error", "row problem: {detail}"),
    "table.unknown-commune": CodeInfo(
        "error", "commune code {value} is not in the 2025 commune list", "{hint}"
    ),
    "table.province-mismatch": CodeInfo(
        "error", "commune {code} belongs to province {expected}, not {value}"
    ),
    "table.unknown-province": CodeInfo("error", "province code {value} is not a 2025 province"),
    # Differences from the national portal record (`guide drift` only; they never stop the build)
    "drift.name": CodeInfo(
        "error", "the name differs from the portal record: ours '{ours}', record '{record}'", _DRIFT_HINT
    ),
    "drift.url": CodeInfo(
        "error", "the address is not the portal record's page: ours '{ours}', record '{record}'", _DRIFT_HINT
    ),
    "drift.time": CodeInfo(
        "error", "the {channel} processing time differs from the portal record: ours '{ours}', record '{record}'",
        _DRIFT_HINT,
    ),
    "drift.fee": CodeInfo(
        "error", "the {channel} fees differ from the portal record: ours '{ours}', record '{record}'", _DRIFT_HINT
    ),
    "drift.legal": CodeInfo(
        "error", "the legal basis differs from the portal record (only in the record: {only_record}; "
        "only ours: {only_ours}): ours '{ours}', record '{record}'", _DRIFT_HINT,
    ),
    "drift.groups": CodeInfo(
        "error", "the number of document groups differs from the portal record: ours '{ours}', record '{record}'",
        _DRIFT_HINT,
    ),
    "drift.documents": CodeInfo(
        "error", "the number of documents differs from the portal record: ours '{ours}', record '{record}'",
        _DRIFT_HINT,
    ),
    "drift.stale-note": CodeInfo(
        "warning", "this drift note matches no difference from the portal record ({code}{channel}, record '{record}')",
        "the record or our text changed: compare them again, then update the note's record or remove the note",
    ),
    "drift.no-record": CodeInfo("info", "no portal record for code {code} in {folder}; nothing to compare"),
    "portal.map": CodeInfo(
        "error", "this portal record could not be turned into a portal page: {detail}",
        "the record is kept; report it to the developers (generator/portal.py maps records)",
    ),
    # National portal record files (procedures/portal/records/*.json, `guide import`)
    "portal.json": CodeInfo(
        "error", "cannot read the portal record: {reason}",
        "the file must be UTF-8 JSON as the portal returns it; download it again",
    ),
    "portal.shape": CodeInfo(
        "error", "not a usable portal record: {detail}",
        "compare with a record in procedures/portal/records/; the portal may have changed its format",
    ),
}


@dataclass(frozen=True)
class Issue:
    file: str
    line: int
    column: int
    pointer: str
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def make_issue(
    code: str,
    file: str,
    line: int = 1,
    column: int = 1,
    pointer: str = "",
    /,
    hint: str | None = None,
    **params: object,
) -> Issue:
    """Build an issue from its code's template; ``hint`` overrides the default."""
    info = CODES[code]
    message = info.template.format(**params)
    if hint is None and info.hint is not None:
        hint = info.hint.format(**params, hint="") or None
    return Issue(file, line, column, pointer, code, info.severity, message, hint or None)
