"""Translation status of procedure and form texts, and the CSV translators fill in.

A translation is "outdated" when the Vietnamese text changed after it was
made; translation_lock.py keeps the record that says so. The CSV goes back in
through translation_import.py (`guide i18n-import`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from generator.content.crosscheck import Entry, walk_texts
from generator.content.form_check import FormEntry
from generator.diagnostics.messages import bi, localize
from generator.content.translation_lock import (TARGET_LANGS, lock_path, read_lock, vi_hash,  # noqa: F401 - re-exported
                                        write_lock)

CSV_FIELDS = ["file", "code", "pointer", "lang", "status", "vi", "current", "translation"]
# What `--separator` accepts; the importer reads all three without being told.
SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this mark


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


def _name(path: Path, shown: str, root: Path | None) -> str:
    """The file as the CSV names it: relative to the project, wherever the command was run from."""
    if root is None:
        return shown
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return shown


def translatables(entries: list[Entry], forms: list[FormEntry], root: Path | None = None) -> list[Translatable]:
    return ([Translatable(_name(e.path, e.doc.path, root), e.procedure.code, e.procedure) for e in entries]
            + [Translatable(_name(f.path, f.doc.path, root), f"form:{f.form.slug}", f.form) for f in forms])


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


def as_csv(found: list[Gap], separator: str = ",") -> str:
    """The CSV translators fill in: UTF-8 with a BOM and CRLF rows, as Excel writes and reads it."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, delimiter=separator, lineterminator="\r\n")
    writer.writeheader()
    for g in found:
        writer.writerow({"file": g.file, "code": g.code, "pointer": g.pointer, "lang": g.lang,
                         "status": g.status, "vi": g.vi, "current": g.current, "translation": ""})
    return out.getvalue()


def summary(items: list[Translatable], found: list[Gap], lang: str = "en") -> str:
    words = {"missing": bi(vi="thiếu", en="missing"), "outdated": bi(vi="đã cũ", en="outdated")}
    lines = []
    for target in TARGET_LANGS:
        mine = [g for g in found if g.lang == target]
        missing = sum(1 for g in mine if g.status == "missing")
        outdated = sum(1 for g in mine if g.status == "outdated")
        lines.append(localize(bi(vi="{t}: {m} thiếu, {o} đã cũ, trong {n} trên {total} thủ tục và tờ khai",
                                 en="{t}: {m} missing, {o} outdated in {n} of {total} procedures and forms",
                                 t=target, m=missing, o=outdated, n=len({g.code for g in mine}), total=len(items)),
                              lang))
        for g in mine:
            lines.append(f"  {g.file} {g.pointer}: {localize(words[g.status], lang)}")
    return "\n".join(lines)
