"""Words residents type that a procedure's name does not hold: i18n/search-synonyms.yml.

Editors extend the file, not the code. It holds two lists per language:

- ``procedures``: per procedure code, the other words people use for it ("giấy khai sinh",
  "police check", "无犯罪记录证明"). They are indexed with the page, hidden and never shown as
  an excerpt, and are in the offline packs' small index too.
- ``filler``: words and phrases search may leave out of a question ("làm", "cho", "how do i",
  "怎么"), so a natural phrase still finds the procedure.

A file with the wrong shape is refused with positioned errors (``search.terms``); a code that
names no procedure is a warning (``search.unknown-code``): the procedure may have been abolished.
The file is optional: without it search works as before.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from generator.content.loader import Document, load_file
from generator.content.model import LANGS
from generator.content.text_checks import normalize_texts
from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import bi

SYNONYMS_FILE = Path("i18n") / "search-synonyms.yml"
_TOP = ("filler", "procedures")


@dataclass(frozen=True)
class SearchTerms:
    """The file's content, read-only. Every list keeps the file's order, without repeats."""

    filler: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    procedures: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=lambda: MappingProxyType({}))

    def terms(self, code: str, lang: str) -> tuple[str, ...]:
        return self.procedures.get(code, {}).get(lang, ())

    def fillers(self, lang: str) -> tuple[str, ...]:
        return self.filler.get(lang, ())


def load_search_terms(root: Path, known_codes: set[str] | None = None) -> tuple[SearchTerms, list[Issue]]:
    """Read the file below the project ``root``; ``known_codes`` (when given) are the procedures
    it may name."""
    path = root / SYNONYMS_FILE
    if not path.is_file():
        return SearchTerms(), []
    display = SYNONYMS_FILE.as_posix()
    doc, issues = load_file(path, display)
    if doc is None or issues:
        return SearchTerms(), issues
    issues += normalize_texts(doc)  # a keyboard's split accents: the index would not match them
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        return SearchTerms(), [_shape(doc, "", bi(vi="cần các mục filler và procedures",
                                                   en="expected the keys filler and procedures"))]
    for key in data:
        if key not in _TOP:
            issues.append(_shape(doc, f"/{key}", bi(vi="mục '{key}' không dùng ở đây; chỉ có filler và procedures",
                                                    en="'{key}' is not used here; only filler and procedures",
                                                    key=key), key=True))
    filler = _by_lang(doc, "/filler", data.get("filler"), issues)
    procedures: dict[str, Mapping[str, tuple[str, ...]]] = {}
    listed = data.get("procedures")
    if listed is not None and not isinstance(listed, dict):
        issues.append(_shape(doc, "/procedures", bi(vi="cần mã thủ tục, mỗi mã một dòng",
                                                    en="expected procedure codes, one per line")))
    for code, terms in (listed or {}).items() if isinstance(listed, dict) else ():  # keys are text, as written
        if known_codes is not None and code not in known_codes:
            m = doc.where(f"/procedures/{code}", key=True)
            issues.append(make_issue("search.unknown-code", display, m.line, m.column, f"/procedures/{code}",
                                     code=code))
        procedures[code] = _by_lang(doc, f"/procedures/{code}", terms, issues)
    return SearchTerms(filler, MappingProxyType(procedures)), issues


def _by_lang(doc: Document, pointer: str, value: Any, issues: list[Issue]) -> Mapping[str, tuple[str, ...]]:
    """``{vi: [...], en: [...], zh: [...]}``, any language may be left out."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        issues.append(_shape(doc, pointer, bi(vi="cần các ngôn ngữ vi, en, zh, mỗi ngôn ngữ một danh sách",
                                              en="expected the languages vi, en, zh, each with a list")))
        return MappingProxyType({})
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in value.items():
        where = f"{pointer}/{lang}"
        if lang not in LANGS:
            issues.append(_shape(doc, where, bi(vi="'{lang}' không phải vi, en hay zh",
                                                en="'{lang}' is not vi, en or zh", lang=lang), key=True))
            continue
        if not isinstance(words, list):
            issues.append(_shape(doc, where, bi(vi="cần một danh sách, mỗi dòng bắt đầu bằng '- '",
                                                en="expected a list, each line starting with '- '")))
            continue
        kept: list[str] = []
        for i, word in enumerate(words):
            if not isinstance(word, str) or not word.strip():
                issues.append(_shape(doc, f"{where}/{i}", bi(vi="cần một từ hoặc cụm từ, không để trống",
                                                             en="expected a word or phrase, not empty")))
            elif " ".join(word.split()) not in kept:
                kept.append(" ".join(word.split()))
        out[lang] = tuple(kept)
    return MappingProxyType(out)


def _shape(doc: Document, pointer: str, detail: object, key: bool = False) -> Issue:
    m = doc.where(pointer, key=key)
    return make_issue("search.terms", doc.path, m.line, m.column, pointer, detail=detail)
