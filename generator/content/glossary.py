"""Agreed translations of key terms (``i18n/glossary.yml``), checked in procedures and forms.

When a Vietnamese text holds a glossary term, its Chinese (and English, where the glossary gives one)
must use the agreed term: a warning otherwise (``i18n.glossary``). A Chinese term listed under a
term's ``zh_avoid`` belongs to another term (公证 is the Chinese for "công chứng", notarisation):
it may appear in a Chinese text only when the Vietnamese holds the term it belongs to, and is an
error otherwise (``i18n.glossary-avoid``). A ``zh_avoid`` term that is no other term's Chinese is
simply never right for the term that lists it.

Matching ignores case and Unicode composition, and is by substring: ``certif`` matches
"certified" and "certification".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from generator.diagnostics.errors import Issue
from generator.diagnostics.messages import bi
from generator.content.loader import load_text
from generator.content.model import NonEmpty, Str, Strict
from generator.content.model_texts import walk_texts

GLOSSARY_FILE = Path("i18n") / "glossary.yml"


class TermModel(Strict):
    """One term and its agreed translations."""

    vi: NonEmpty = Field(description="The Vietnamese term, as it appears in texts")
    en: NonEmpty | None = Field(None, description="What every English text for it must contain (a word stem)")
    zh: NonEmpty | None = Field(None, description="What every Chinese text for it must contain")
    zh_avoid: list[NonEmpty] = Field(
        default_factory=list,
        description="Chinese terms that are wrong for this term; each may appear only with the term it belongs to",
    )
    note: Str | None = Field(None, description="Why, for translators")


class GlossaryModel(Strict):
    terms: list[TermModel] = Field(default_factory=list, description="The agreed terms")


def fold(text: str) -> str:
    """Case, Unicode composition and runs of spaces do not matter when matching terms."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).casefold()


@dataclass(frozen=True)
class Reserved:
    """A Chinese term that may appear only when the Vietnamese holds ``owner``."""

    zh: str
    owner: str | None  # the Vietnamese term it belongs to (folded); None: it belongs to none
    wrong_for: tuple[str, ...]  # folded Vietnamese terms whose zh_avoid lists it


@dataclass(frozen=True)
class Glossary:
    terms: tuple[TermModel, ...] = ()
    reserved: tuple[Reserved, ...] = ()
    folded: tuple[tuple[TermModel, str, str | None], ...] = ()  # (term, folded vi, folded en), computed once

    @classmethod
    def of(cls, terms: list[TermModel]) -> Glossary:
        folded = tuple((t, fold(t.vi), fold(t.en) if t.en else None) for t in terms)
        return cls(tuple(terms), _reserved(terms), folded)

    def issues(self, entry, model: BaseModel) -> list[Issue]:
        """Every text of ``model`` (a procedure or a form), positioned in ``entry``'s file."""
        if not self.terms:
            return []
        issues: list[Issue] = []
        for pointer, text in walk_texts(model):
            vi = fold(text.vi)
            found = [(t, en) for t, term_vi, en in self.folded if term_vi in vi]
            en_text = fold(text.en) if text.en and any(en for _, en in found) else ""
            for term, en in found:
                if term.zh and text.zh and term.zh not in text.zh:
                    issues.append(entry.issue("i18n.glossary", f"{pointer}/zh", vi=term.vi, term=term.zh,
                                              lang=bi(vi="tiếng Trung", en="Chinese")))
                if en and text.en and en not in en_text:
                    issues.append(entry.issue("i18n.glossary", f"{pointer}/en", vi=term.vi, term=term.en,
                                              lang=bi(vi="tiếng Anh", en="English")))
            present = [t for t, _ in found]
            if text.zh:
                issues += self._avoid_issues(entry, pointer, vi, text.zh, present)
        return issues

    def _avoid_issues(self, entry, pointer: str, vi: str, zh: str, present: list[TermModel]) -> list[Issue]:
        issues = []
        for r in self.reserved:
            if r.zh not in zh or (r.owner is not None and r.owner in vi):
                continue
            if r.owner is None and not any(w in vi for w in r.wrong_for):
                continue  # a term of no one is refused only where it is known to be wrong
            right = next((t for t in present if r.zh in t.zh_avoid and t.zh), None)
            hint = (bi(vi="dịch '{word}' là '{zh}' (i18n/glossary.yml)",
                       en="for '{word}' write '{zh}' (i18n/glossary.yml)", word=right.vi, zh=right.zh) if right
                    else bi(vi="dùng từ đã thống nhất trong i18n/glossary.yml",
                            en="use the agreed term from i18n/glossary.yml"))
            owner = next((t.vi for t in self.terms if r.owner is not None and fold(t.vi) == r.owner), None)
            wrong = ", ".join(f"'{w}'" for w in r.wrong_for)
            why = (bi(vi="là từ đã thống nhất cho '{owner}', nhưng bản tiếng Việt không nói '{owner}'",
                      en="the agreed term for '{owner}', which this Vietnamese text does not say", owner=owner)
                   if owner else
                   bi(vi="là từ mà i18n/glossary.yml ghi là sai khi dịch {wrong}",
                      en="which i18n/glossary.yml lists as wrong for {wrong}", wrong=wrong))
            issues.append(entry.issue("i18n.glossary-avoid", f"{pointer}/zh", avoid=r.zh, why=why, hint=hint))
        return issues


def _reserved(terms: list[TermModel]) -> tuple[Reserved, ...]:
    out: dict[str, Reserved] = {}
    for term in terms:
        for avoid in term.zh_avoid:
            owner = next((fold(t.vi) for t in terms if t.zh == avoid and t is not term), None)
            before = out.get(avoid)
            wrong_for = (before.wrong_for if before else ()) + (fold(term.vi),)
            out[avoid] = Reserved(avoid, owner, wrong_for)
    return tuple(out.values())


def glossary_path(root: Path) -> Path:
    return root / GLOSSARY_FILE


def glossary_text(root: Path) -> str:
    """The glossary as text ('' when there is none), for cache keys."""
    try:
        return glossary_path(root).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def load_glossary(root: Path, display: str | None = None) -> tuple[Glossary, list[Issue]]:
    """The project's glossary and the problems of its file; an empty glossary when there is none."""
    text = glossary_text(root)
    if not text:
        return Glossary(), []
    return _parse(text, display or GLOSSARY_FILE.as_posix())


@lru_cache(maxsize=4)
def _parse(text: str, display: str) -> tuple[Glossary, list[Issue]]:
    from generator.content.schema_check import check_schema

    doc, issues = load_text(display, text.encode("utf-8"))
    if doc is None:
        return Glossary(), issues
    model, problems = check_schema(doc, GlossaryModel)
    if model is None:
        return Glossary(), issues + problems
    return Glossary.of(model.terms), issues + problems
