"""Translation status of procedure texts, and a CSV round trip for translators.

A translation is "outdated" when the Vietnamese text changed after it was
made. We keep, per text and language, a short hash of the Vietnamese it was
translated from, in i18n/content-translations.json; `guide i18n-import`
updates it. Imports edit the YAML as text at the exact positions the loader
recorded, so comments, quoting and layout stay byte-for-byte as they were.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from generator.crosscheck import Entry, walk_texts
from generator.form_check import FormEntry
from generator.loader import load_file

TARGET_LANGS = ("en", "zh")
CSV_FIELDS = ["file", "code", "pointer", "lang", "status", "vi", "current", "translation"]
_PLAIN = re.compile(r"[^\s\"'{}\[\],&*#?|<>=!%@`\-:][^{}\[\],#]*")


def vi_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def lock_path(root: Path) -> Path:
    return root / "i18n" / "content-translations.json"


def read_lock(root: Path) -> dict[str, dict[str, str]]:
    path = lock_path(root)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_lock(root: Path, lock: dict[str, dict[str, str]]) -> None:
    text = json.dumps({k: lock[k] for k in sorted(lock)}, ensure_ascii=False, indent=1, sort_keys=True)
    lock_path(root).write_text(text + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Gap:
    file: str
    code: str
    pointer: str
    lang: str
    status: str  # "missing" or "outdated"
    vi: str
    current: str


@dataclass(frozen=True)
class Translatable:
    """A file whose texts are translated: a procedure (key: its code) or a form (key: form:<slug>)."""

    file: str
    key: str
    model: BaseModel


def translatables(entries: list[Entry], forms: list[FormEntry]) -> list[Translatable]:
    return ([Translatable(e.doc.path, e.procedure.code, e.procedure) for e in entries]
            + [Translatable(f.doc.path, f"form:{f.form.slug}", f.form) for f in forms])


def gaps(items: list[Translatable], lock: dict[str, dict[str, str]]) -> list[Gap]:
    out = []
    for item in items:
        for pointer, text in walk_texts(item.model):
            known = lock.get(f"{item.key}{pointer}", {})
            for lang in TARGET_LANGS:
                value = text.get(lang)
                if value is None:
                    out.append(Gap(item.file, item.key, pointer, lang, "missing", text.vi, ""))
                elif lang in known and known[lang] != vi_hash(text.vi):
                    out.append(Gap(item.file, item.key, pointer, lang, "outdated", text.vi, value))
    return out


def lock_current(items: list[Translatable], lock: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Record every present translation as made from today's Vietnamese."""
    for item in items:
        for pointer, text in walk_texts(item.model):
            for lang in TARGET_LANGS:
                if text.get(lang) is not None:
                    lock.setdefault(f"{item.key}{pointer}", {})[lang] = vi_hash(text.vi)
    return lock


def as_csv(found: list[Gap]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for g in found:
        writer.writerow({"file": g.file, "code": g.code, "pointer": g.pointer, "lang": g.lang,
                         "status": g.status, "vi": g.vi, "current": g.current, "translation": ""})
    return out.getvalue()


def summary(items: list[Translatable], found: list[Gap]) -> str:
    lines = []
    for lang in TARGET_LANGS:
        mine = [g for g in found if g.lang == lang]
        missing = [g for g in mine if g.status == "missing"]
        outdated = [g for g in mine if g.status == "outdated"]
        lines.append(f"{lang}: {len(missing)} missing, {len(outdated)} outdated "
                     f"in {len({g.code for g in mine})} of {len(items)} procedures and forms")
        for g in mine:
            lines.append(f"  {g.file} {g.pointer}: {g.status}")
    return "\n".join(lines)


def yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if _PLAIN.fullmatch(value) and value == value.strip() and ": " not in value and " #" not in value \
            and value.lower() not in {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"} \
            and not re.fullmatch(r"[-+.\d:_eE]+", value):
        return value
    return json.dumps(value, ensure_ascii=False)


class ImportProblem(ValueError):
    pass


def _edit(text: str, doc: object, pointer: str, lang: str, value: str) -> tuple[int, int, str]:
    """(start, end, replacement) that sets ``lang`` of the Text at ``pointer``."""
    spans = doc.spans  # type: ignore[attr-defined]
    scalar = yaml_scalar(value)
    if f"{pointer}/{lang}" in spans:  # replace an existing translation
        start, end = spans[f"{pointer}/{lang}"]
        return start, end, scalar
    if pointer not in spans or f"{pointer}/vi" not in spans:
        raise ImportProblem(f"{pointer} is not a text in this file")
    order = ("vi", "en", "zh")
    before = [k for k in order[:order.index(lang)] if f"{pointer}/{k}" in spans]
    last_end = spans[f"{pointer}/{before[-1]}"][1]  # keep the vi, en, zh order
    start = spans[pointer][0]
    if text[start] == "{":  # flow style: {vi: …, en: …}
        return last_end, last_end, f", {lang}: {scalar}"
    vi_key = doc.keys[f"{pointer}/vi"]  # type: ignore[attr-defined]
    indent = " " * (vi_key.column - 1)
    line_end = text.find("\n", last_end)
    line_end = len(text) if line_end < 0 else line_end
    return line_end, line_end, f"\n{indent}{lang}: {scalar}"


def apply_csv(csv_text: str, root: Path) -> tuple[int, list[str]]:
    """Merge filled-in translations into the YAML files; returns (count, problems)."""
    rows = [r for r in csv.DictReader(io.StringIO(csv_text)) if (r.get("translation") or "").strip()]
    problems: list[str] = []
    by_file: dict[str, list[dict[str, str]]] = {}
    for number, row in enumerate(rows, start=2):
        if row.get("lang") not in TARGET_LANGS or not row.get("file") or not row.get("pointer"):
            problems.append(f"row {number}: needs file, pointer and lang (en or zh)")
            continue
        by_file.setdefault(row["file"], []).append(row)
    lock = read_lock(root)
    merged = 0
    for file, file_rows in sorted(by_file.items()):
        path = Path(file) if Path(file).is_absolute() else root / file
        doc, issues = load_file(path, file)
        if doc is None or issues:
            problems.append(f"{file}: cannot be read cleanly; run `guide check` first")
            continue
        text = doc.text
        edits = []
        for row in file_rows:
            try:
                edits.append(_edit(text, doc, row["pointer"], row["lang"], row["translation"].strip()))
            except ImportProblem as exc:
                problems.append(f"{file}: {exc}")
                continue
            vi = _value_at(doc.data, row["pointer"] + "/vi")
            lock.setdefault(f"{row['code']}{row['pointer']}", {})[row["lang"]] = vi_hash(vi or "")
            merged += 1
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        original = path.read_bytes()
        newline = "\r\n" if b"\r\n" in original else "\n"
        data = text.replace("\n", newline).encode("utf-8")
        path.write_bytes((b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b"") + data)
    write_lock(root, lock)
    return merged, problems


def _value_at(data: object, pointer: str) -> str | None:
    for part in pointer.strip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, list):
            data = data[int(part)] if part.isdigit() and int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data if isinstance(data, str) else None
