"""The translation-freshness record, i18n/content-translations.json, and the check built on it.

For every translated text and language the record keeps a short hash of the
Vietnamese the translation was made from. When the Vietnamese changes, the
hash no longer matches and the translation is "outdated": `guide check` warns
(i18n.outdated) and `guide i18n-status` lists it for translators. Keys are the
procedure code (or ``form:<slug>``) followed by the text's JSON pointer.

This module imports nothing of the checks, so crosscheck.py and form_check.py
can use it without an import cycle.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from generator.diagnostics.errors import Issue, bi, make_issue

LOCK_FILE = Path("i18n") / "content-translations.json"
TARGET_LANGS = ("en", "zh")
Lock = dict[str, dict[str, str]]
LABELS = {"en": bi(vi="tiếng Anh", en="English"), "zh": bi(vi="tiếng Trung", en="Chinese")}


def vi_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def lock_path(root: Path) -> Path:
    return root / LOCK_FILE


def lock_text(root: Path) -> str:
    """The record as text ('' when there is none), for cache keys and parsing."""
    try:
        return lock_path(root).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


class LockError(ValueError):
    """The record cannot be read (typically a git merge conflict left in it)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@lru_cache(maxsize=4)
def _parse(text: str) -> Lock | Issue:
    name = LOCK_FILE.as_posix()
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        return make_issue("translation.lock", name, exc.lineno, exc.colno, "",
                          reason=bi(vi="không phải JSON hợp lệ ({msg})", en="not valid JSON ({msg})", msg=exc.msg))
    good = isinstance(data, dict) and all(
        isinstance(v, dict) and all(isinstance(h, str) for h in v.values()) for v in data.values())
    if not good:
        return make_issue("translation.lock", name, 1, 1, "",
                          reason=bi(vi="cần dạng {khóa: {ngôn ngữ: mã băm}}",
                                    en="expected {key: {language: hash}}"))
    return data


def lock_issues(root: Path) -> list[Issue]:
    """The record's own problem, if it has one (reported once by a whole-project `guide check`)."""
    parsed = _parse(lock_text(root))
    return [parsed] if isinstance(parsed, Issue) else []


def read_lock(root: Path) -> Lock:
    """The record (a fresh copy, safe to change); LockError when it cannot be read."""
    parsed = _parse(lock_text(root))
    if isinstance(parsed, Issue):
        raise LockError(parsed)
    return {k: dict(v) for k, v in parsed.items()}


def lock_bytes(lock: Lock) -> bytes:
    text = json.dumps({k: lock[k] for k in sorted(lock)}, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def write_lock(root: Path, lock: Lock) -> None:
    path = lock_path(root)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(lock_bytes(lock))
    os.replace(tmp, path)  # never a half-written record


def outdated_issues(entry: Any, key: str, texts: Iterable[tuple[str, Any]], root: Path) -> list[Issue]:
    """i18n.outdated for each translation whose Vietnamese changed after it was made.

    ``entry`` places issues (crosscheck.Positioned); ``texts`` are (pointer, Text) pairs of one file.
    A record that cannot be read gives no warnings here: `guide check` reports translation.lock once.
    """
    lock = _parse(lock_text(root))
    if isinstance(lock, Issue) or not lock:
        return []
    issues = []
    for pointer, text in texts:
        known = lock.get(f"{key}{pointer}")
        if not known:
            continue
        for lang, label in LABELS.items():
            made_from = known.get(lang)
            if text.get(lang) is not None and made_from is not None and made_from != vi_hash(text.vi):
                issues.append(entry.issue("i18n.outdated", f"{pointer}/{lang}", lang=label))
    return issues
