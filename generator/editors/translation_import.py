"""`guide i18n-import`: merge a translator's CSV into the YAML, all or nothing.

Every row is checked before any file changes: the file and text it names
exist, its Vietnamese is still the Vietnamese of the YAML (a translation made
for an older text must not land on the new one), the translation in the YAML
is still the one the CSV showed (someone else's newer work is not overwritten).
The YAML is edited as text at the positions the loader recorded, so comments,
quoting and layout stay as they were; then each changed file is read back and
must hold exactly the old data plus the new translations, and must give
`guide check` no error it did not give before. Only when every row and every
file passes are the files and the freshness record written; otherwise nothing is.
"""
from __future__ import annotations

import copy
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.content.crosscheck import walk_texts
from generator.diagnostics.errors import Issue, bi
from generator.content.form_check import FOLDER as FORMS, is_form_file, read_form
from generator.content.form_model import Form
from generator.content.loader import Document, load_file, load_text
from generator.diagnostics.messages import Bi
from generator.content.model import Procedure, Text
from generator.content.schema_check import check_schema
from generator.editors.translation_csv import Row, Sheet, read_sheet
from generator.content.translation_lock import (LABELS, TARGET_LANGS, Lock, LockError, lock_bytes, lock_path, read_lock,
                                        vi_hash)
from generator.editors.translation_yaml import edit_for

ORDER = ("vi",) + TARGET_LANGS


@dataclass
class Target:
    """One YAML file the CSV writes into."""

    name: str  # as the CSV names it, relative to the project
    path: Path
    raw: bytes
    doc: Document
    key: str  # the procedure code, or form:<slug>: the freshness record's key
    texts: dict[str, Text]
    changes: list[tuple[Row, str, str]] = field(default_factory=list)  # (row, pointer, lang)
    values: dict[tuple[str, str], str] = field(default_factory=dict)  # (pointer, lang) -> translation
    new_raw: bytes = b""


@dataclass
class Outcome:
    merged: int = 0
    files: list[str] = field(default_factory=list)
    skipped: int = 0  # rows without a translation
    issues: list[Issue] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    """Equal as a spreadsheet keeps them: line endings, Unicode composition and outer spaces aside."""
    def norm(s: str) -> str:
        return unicodedata.normalize("NFC", s.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return norm(a) == norm(b)


def _clip(a: str, b: str, room: int = 70) -> tuple[str, str]:
    """Both texts, cut around their first difference when they are long, so a message shows what changed."""
    if len(a) <= room and len(b) <= room:
        return a, b
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = 0 if first < room - 20 else first - 20

    def cut(s: str) -> str:
        part = s[start:start + room]
        return ("…" if start else "") + part + ("…" if start + room < len(s) else "")
    return cut(a), cut(b)


def _same_code(cell: str, key: str) -> bool:
    """A spreadsheet may have read a code such as 1.000890 as a number and saved it as 1.00089."""
    if cell == key:
        return True
    try:
        return float(cell) == float(key)
    except ValueError:
        return False


def _bad_character(value: str) -> str | None:
    """A character a translation must not hold: invisible controls, other line separators."""
    for ch in value:
        if ch == "\n" or ch.isprintable() or unicodedata.category(ch) == "Zs":
            continue
        return f"U+{ord(ch):04X}"
    return None


class Importer:
    def __init__(self, sheet: Sheet, settings: Settings) -> None:
        self.sheet = sheet
        self.settings = settings
        self.targets: dict[str, Target | None] = {}
        self.why: dict[str, Bi | str] = {}  # file -> why it cannot be used
        self.seen: dict[tuple[str, str, str], tuple[Row, str]] = {}
        self.outcome = Outcome()

    def problem(self, code: str, row: Row, column: str, /, hint: Bi | str | None = None, **params: object) -> None:
        self.outcome.issues.append(self.sheet.issue(code, row, column, hint=hint, **params))

    # --- rows ----------------------------------------------------------------

    def _lookup(self, row: Row) -> tuple[Target | None, Bi | str]:
        """The file a row names, opened once per import; (None, why) when it cannot be used."""
        name = row.get("file").strip().replace("\\", "/")
        if name not in self.targets:
            self.targets[name], self.why[name] = self._open(name)
        return self.targets[name], self.why.get(name, "")

    def target(self, row: Row) -> Target | None:
        target, why = self._lookup(row)
        if target is None:
            self.problem("translation.file", row, "file", value=row.get("file").strip(), detail=why)
        return target

    def _open(self, name: str) -> tuple[Target | None, Bi | str]:
        procedures = self.settings.procedures.resolve()
        path = (self.settings.root / name).resolve()
        inside = path.is_relative_to(procedures) and path.suffix in (".yml", ".yaml") and path.is_file()
        kind = path.relative_to(procedures).parts if inside else ()
        form = len(kind) == 2 and kind[0] == FORMS
        procedure = len(kind) == 2 and kind[0] not in {FORMS, "tables", "portal"}
        if not (form or procedure):
            return None, bi(vi="đây không phải là tệp thủ tục hay tờ khai của dự án",
                            en="it is not a procedure or form file of this project")
        doc, problems = _errors(load_file(path, name))
        model: Form | Procedure | None = None
        if doc is not None and not problems:
            model, problems = _errors(check_schema(doc, Form if form else Procedure))
        if doc is None or model is None or problems:
            first = problems[0] if problems else None
            code, line = (first.code, first.line) if first else ("?", 1)
            return None, bi(vi="tệp đang có lỗi ({code} ở dòng {line})",
                            en="the file has a problem ({code} on line {line})", code=code, line=line)
        key = f"form:{model.slug}" if isinstance(model, Form) else model.code
        return Target(name, path, path.read_bytes(), doc, key, dict(walk_texts(model))), ""

    def take(self, row: Row) -> None:
        value = row.get("translation").strip()
        missing = [c for c in ("file", "pointer", "lang") if not row.get(c).strip()]
        if not value:
            self._check_current_only(row)
            return
        if missing:
            self.problem("translation.row", row, missing[0],
                         detail=bi(vi="dòng này có bản dịch nhưng thiếu cột {cols}",
                                   en="this row has a translation but no {cols}", cols=", ".join(missing)),
                         hint=bi(vi="chép lại dòng này từ tệp CSV đã xuất",
                                 en="copy the row again from the exported CSV"))
            return
        lang, pointer = row.get("lang").strip(), row.get("pointer").strip()
        if lang not in TARGET_LANGS:
            self.problem("translation.row", row, "lang",
                         detail=bi(vi="'{lang}' không phải là ngôn ngữ cần dịch",
                                   en="'{lang}' is not a language to translate into", lang=lang),
                         hint=bi(vi="ghi en hoặc zh ở cột lang", en="write en or zh in the lang column"))
            return
        bad = _bad_character(value)
        if bad:
            self.problem("translation.row", row, "translation",
                         detail=bi(vi="bản dịch có một ký tự ẩn ({bad})",
                                   en="the translation holds an invisible character ({bad})", bad=bad),
                         hint=bi(vi="gõ lại đoạn chữ quanh chỗ đó, hoặc dán dưới dạng văn bản thuần",
                                 en="retype the text around it, or paste it as plain text"))
            return
        target = self.target(row)
        if target is None:
            return
        code = row.get("code").strip()
        if code and not _same_code(code, target.key):
            self.problem("translation.file", row, "code", value=target.name,
                         detail=bi(vi="dòng này dành cho {code}, nhưng tệp nay ghi mã {key}",
                                   en="the row is for {code}, but the file now holds {key}", code=code, key=target.key))
            return
        text = target.texts.get(pointer)
        if text is None or f"{pointer}/vi" not in target.doc.spans:
            self.problem("translation.pointer", row, "pointer", file=target.name, pointer=pointer)
            return
        if not _same(row.get("vi"), text.vi):
            was, now = _clip(row.get("vi").strip(), text.vi)
            self.problem("translation.vi-changed", row, "vi", file=target.name, pointer=pointer, csv=was, now=now)
            return
        if not self._current_matches(row, target, text, lang):
            return
        earlier = self.seen.get((target.name, pointer, lang))
        if earlier is not None:
            if earlier[1] != value:
                self.problem("translation.duplicate", row, "translation", file=target.name, pointer=pointer,
                             lang=lang, first=earlier[0].number)
            return
        self.seen[(target.name, pointer, lang)] = (row, value)
        target.changes.append((row, pointer, lang))
        target.values[(pointer, lang)] = value

    def _current_matches(self, row: Row, target: Target, text: Text, lang: str) -> bool:
        if "current" not in self.sheet.columns or _same(row.get("current"), text.get(lang) or ""):
            return True
        was, now = _clip(row.get("current").strip(), text.get(lang) or "")
        self.problem("translation.current-changed", row, "current", file=target.name,
                     pointer=row.get("pointer").strip(), lang=LABELS[lang], csv=was, now=now)
        return False

    def _check_current_only(self, row: Row) -> None:
        """A row without a translation is skipped, unless text was typed into its 'current' cell instead.

        The exported 'current' cell holds the translation the YAML had; when it holds something else,
        either the translator wrote there or the YAML changed since: both need a person to look.
        """
        self.outcome.skipped += 1
        lang, pointer, current = row.get("lang").strip(), row.get("pointer").strip(), row.get("current").strip()
        if not current or lang not in TARGET_LANGS or not row.get("file").strip():
            return
        target, _ = self._lookup(row)
        text = target.texts.get(pointer) if target else None
        if target is not None and text is not None:
            self._current_matches(row, target, text, lang)

    # --- files ---------------------------------------------------------------

    def build(self, target: Target) -> None:
        """The new bytes of one file, or problems; the file itself is not touched."""
        text = target.doc.text
        edits = []
        for row, pointer, lang in target.changes:
            value = target.values[(pointer, lang)]
            if value != target.texts[pointer].get(lang):  # an unchanged translation is only confirmed
                start, end, new = edit_for(text, target.doc, pointer, lang, value)
                edits.append((start, end, ORDER.index(lang), new))
        for start, end, _, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        newline = "\r\n" if b"\r\n" in target.raw else "\n"
        bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
        target.new_raw = bom + text.replace("\r\n", "\n").replace("\n", newline).encode("utf-8")
        self._verify(target)

    def _verify(self, target: Target) -> None:
        first_row = target.changes[0][0]
        doc, problems = _errors(load_text(target.name, target.new_raw))
        expected = copy.deepcopy(target.doc.data)
        for (pointer, lang), value in target.values.items():
            _set(expected, f"{pointer}/{lang}", value)
        if doc is None or problems or doc.data != expected:
            first = problems[0] if problems else None
            self.problem("translation.check", first_row, "translation", code=first.code if first else "yaml",
                         file=target.name, line=first.line if first else 1, column=first.column if first else 1,
                         pointer=first.pointer if first else "",
                         message=Bi(first.text("vi"), first.text("en")) if first else bi(
                             vi="các giá trị khác cũng sẽ bị đổi", en="other values would change"),
                         hint=bi(vi="hãy báo cho nhóm phát triển, gửi kèm tệp CSV",
                                 en="report this to the developers, with the CSV"))
            return
        for issue in self._new_errors(target):
            row = next((r for r, p, lang in target.changes if issue.pointer.startswith(f"{p}/{lang}")), first_row)
            hint = (Bi(issue.hint_text("vi") or "", issue.hint_text("en") or "") if issue.hint else
                    bi(vi="sửa bản dịch trong tệp CSV rồi nhập lại",
                       en="correct the translation in the CSV and import it again"))
            self.problem("translation.check", row, "translation", code=issue.code, file=target.name,
                         line=issue.line, column=issue.column, pointer=issue.pointer,
                         message=Bi(issue.text("vi"), issue.text("en")), hint=hint)

    def _new_errors(self, target: Target) -> list[Issue]:
        """Errors `guide check` would give the new file and did not give the old one."""
        def errors(raw: bytes) -> list[Issue]:
            with tempfile.TemporaryDirectory() as tmp:
                # The same folder and file names, so the checks that look at them agree.
                copy_path = Path(tmp) / target.path.parent.name / target.path.name
                copy_path.parent.mkdir()
                copy_path.write_bytes(raw)
                if is_form_file(target.path):
                    issues = read_form(copy_path, target.name, self.settings)[1]
                else:
                    from generator.content.validate import read_procedure, read_taxonomy

                    issues = read_procedure(copy_path, self.settings, read_taxonomy(self.settings)[0])[1]
            return [i for i in issues if i.severity == "error"]

        before = {(i.code, i.pointer) for i in errors(target.raw)}
        return [i for i in errors(target.new_raw) if (i.code, i.pointer) not in before]

    def lock(self, lock: Lock) -> Lock:
        for target in self.targets.values():
            if target is None:
                continue
            for _, pointer, lang in target.changes:
                lock.setdefault(f"{target.key}{pointer}", {})[lang] = vi_hash(target.texts[pointer].vi)
        return lock


def _errors(result: tuple[Any, list[Issue]]) -> tuple[Any, list[Issue]]:
    """A reader's result with its warnings dropped: a warning (e.g. about typing) never blocks an import."""
    value, issues = result
    return value, [i for i in issues if i.severity == "error"]


def _set(data: Any, pointer: str, value: str) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    for part in parts[:-1]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    data[parts[-1]] = value


def _write_all(files: dict[Path, bytes]) -> None:
    """Each file through a temporary neighbour and a rename: a failure before the renames changes nothing."""
    staged = []
    try:
        for path, data in files.items():
            tmp = path.with_name(f".{path.name}.i18n-import")
            tmp.write_bytes(data)
            staged.append((tmp, path))
    except OSError:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def import_csv(raw: bytes, name: str, settings: Settings) -> Outcome:
    sheet, issues = read_sheet(raw, name)
    if sheet is None or issues:
        return Outcome(issues=issues)
    try:
        lock = read_lock(settings.root)
    except LockError as exc:
        return Outcome(issues=[exc.issue])
    importer = Importer(sheet, settings)
    for row in sheet.rows:
        importer.take(row)
    changed = [t for t in importer.targets.values() if t is not None and t.changes]
    for target in changed:  # even after a refused row, so one run reports every problem
        importer.build(target)
    outcome = importer.outcome
    if outcome.issues:
        outcome.issues.sort(key=Issue.sort_key)
        return outcome  # all or nothing: no file and no record is written
    files = {t.path: t.new_raw for t in changed if t.new_raw != t.raw}
    files[lock_path(settings.root)] = lock_bytes(importer.lock(lock))
    _write_all(files)
    outcome.merged = sum(len(t.changes) for t in changed)
    outcome.files = [t.name for t in changed if t.new_raw != t.raw]
    return outcome
