"""Checks that nothing an editor typed is lost or changed without a word.

Ways text disappears or changes quietly between the YAML and the site:

- ``vi: phòng số 3 #tầng 2`` -- YAML reads `` #`` as the start of a comment, so the text
  silently ends at "phòng số 3" (``yaml.comment-in-text``);
- a step, document, applicant or legal-basis entry pasted twice shows twice on the page
  (``text.repeated``);
- Vietnamese typed with separate accent marks (decomposed Unicode, e.g. Unikey's
  "Unicode tổ hợp" or text pasted from macOS) looks the same but is not the same text: search,
  sorting, the glossary and drift comparisons miss it. It is joined (NFC) when the file is
  read, so the site never holds it, and a warning says so (``text.nfd``);
- a zero-width space, soft hyphen or non-breaking space pasted inside a text reaches the page
  unseen (``text.invisible``, a warning at the character);
- a stand-in of `guide new`'s skeleton whose ``# TODO(review)`` mark was deleted would be
  published as it stands (``text.placeholder``).

All but the repeats work on the loaded ``Document`` (they need the file's text and positions);
the repeats work on the checked model.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Hashable, Iterator

from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import bi
from generator.content.loader import Document, Mark, escape_pointer
from generator.content.model import LANGS, Procedure, Text
from generator.content.skeleton_texts import is_placeholder
from generator.diagnostics.yaml_diagnosis import INVISIBLE, INVISIBLE_RE

# Free text that is not a {vi, en, zh} block: notes for the next editor, and the words a
# declaration form prints on paper.
_FREE_TEXT = re.compile(r"^/(to_verify/\d+/note|drift/\d+/reason|paper/title"
                        r"|sections/\d+/fields/\d+/print/label)$")
# After a plain value: spaces, then '#' -- YAML's comment, which ends the value there.
_TRAILING_COMMENT = re.compile(r"[ \t]+#")
_TODO = "TODO(review)"  # the importer's and editors' review notes; review.todo reports them


def _strings(value: Any, pointer: str = "") -> Iterator[tuple[Any, Any, str, str]]:
    """Every text in loaded YAML data: (container, key or index, pointer, text)."""
    if isinstance(value, dict):
        items: Iterator[tuple[Any, Any]] = iter(value.items())
    elif isinstance(value, list):
        items = iter(enumerate(value))
    else:
        return
    for key, item in items:
        child = f"{pointer}/{escape_pointer(str(key))}"
        if isinstance(item, str):
            yield value, key, child, item
        else:
            yield from _strings(item, child)


def _position(text: str, offset: int) -> Mark:
    line_start = text.rfind("\n", 0, offset) + 1
    return Mark(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _is_text(pointer: str) -> bool:
    """Text meant for people (comments after codes, dates, slugs or choices are fine)."""
    return pointer.rsplit("/", 1)[-1] in LANGS or bool(_FREE_TEXT.match(pointer))


def comment_issues(doc: Document) -> list[Issue]:
    """A `` #`` after unquoted text on the same line: YAML dropped everything after it."""
    issues = []
    text = doc.text
    for _, _, pointer, _value in _strings(doc.data):
        span = doc.spans.get(pointer)
        if span is None or not _is_text(pointer):
            continue
        start, end = span
        if text[start:start + 1] in "\"'|>":  # quoted or block text keeps its '#'
            continue
        line_end = text.find("\n", end)
        rest = text[end:] if line_end < 0 else text[end:line_end]
        m = _TRAILING_COMMENT.match(rest)
        if m is None:
            continue
        comment = rest[m.end():].strip()
        if _TODO in comment:
            continue
        at = _position(text, end + m.end() - 1)
        shown = comment if len(comment) <= 40 else comment[:39] + "…"
        issues.append(make_issue("yaml.comment-in-text", doc.path, at.line, at.column, pointer,
                                 comment=shown))
    return issues


def _first_change(segment: str) -> int:
    """Index in ``segment`` of the first letter that NFC would change (the base of a split letter)."""
    for i, ch in enumerate(segment):
        if unicodedata.combining(ch) and i > 0:
            pair = segment[i - 1:i + 1]
            if unicodedata.normalize("NFC", pair) != pair:
                return i - 1
        if unicodedata.normalize("NFC", ch) != ch:
            return i
    return 0


def _word_at(segment: str, index: int) -> str:
    """The word around ``index``, joined, to name it in the message."""
    stop = " \t\n\"',:;{}[]()"
    start = index
    while start > 0 and segment[start - 1] not in stop:
        start -= 1
    end = index
    while end < len(segment) and segment[end] not in stop:
        end += 1
    return unicodedata.normalize("NFC", segment[start:end]) or "?"


def normalize_texts(doc: Document) -> list[Issue]:
    """Join decomposed letters (NFC) in every text of ``doc.data``, in place, with a warning each.

    Called right after loading, before the schema: the model, the catalog and the site only
    ever see the joined text, whatever the editor's keyboard did.
    """
    if unicodedata.is_normalized("NFC", doc.text):
        return []  # nearly every file: one quick pass over the text
    issues = []
    for container, key, pointer, value in list(_strings(doc.data)):
        if unicodedata.is_normalized("NFC", value):
            continue
        container[key] = unicodedata.normalize("NFC", value)
        start, end = doc.spans.get(pointer, (0, 0))
        segment = doc.text[start:end]
        index = _first_change(segment) if not unicodedata.is_normalized("NFC", segment) else 0
        at = _position(doc.text, start + index)
        issues.append(make_issue("text.nfd", doc.path, at.line, at.column, pointer,
                                 word=_word_at(segment, index) if segment else "?"))
    return issues


def _same(text: str | None) -> str | None:
    """Word for word, but not fussy about spaces at the ends or doubled inside."""
    return " ".join(text.split()) if text is not None else None


def _vi(text: Text | None) -> str | None:
    return _same(text.vi) if text is not None else None


def _repeats(doc: Document, path: str, base: str, items: list[Any],
             key: Callable[[Any], Hashable]) -> list[Issue]:
    issues = []
    first: dict[Hashable, int] = {}
    for i, item in enumerate(items):
        k = key(item)
        if k in first:
            at = doc.where(f"{base}/{i}")
            issues.append(make_issue("text.repeated", path, at.line, at.column, f"{base}/{i}",
                                     first=doc.where(f"{base}/{first[k]}").line))
        else:
            first[k] = i
    return issues


def repeated_entries(doc: Document, procedure: Procedure) -> list[Issue]:
    """An applicant, step, document (within its group) or legal basis written twice."""
    p, path = procedure, doc.path
    issues = _repeats(doc, path, "/applicants", p.applicants, _vi)
    issues += _repeats(doc, path, "/steps", p.steps,
                       lambda s: (_vi(s.title), _vi(s.detail), tuple(s.channels or ())))
    for g, group in enumerate(p.dossier):
        issues += _repeats(doc, path, f"/dossier/{g}/documents", group.documents,
                           lambda d: (_vi(d.name), _vi(d.note)))
    issues += _repeats(doc, path, "/legal_basis", p.legal_basis,
                       lambda law: "".join(law.number.split()).upper())
    return issues


_PLACEHOLDER_WORDS = re.compile(r"chưa\s+nhập|viết\s+một\s+hai", re.I)  # in every stand-in of skeleton_texts.py


def placeholder_issues(doc: Document) -> list[Issue]:
    """A stand-in text of `guide new`'s skeleton whose ``# TODO(review)`` mark was deleted: it would be
    published as it stands. While the mark is there, review.todo keeps the file a draft."""
    issues: list[Issue] = []
    if not _PLACEHOLDER_WORDS.search(doc.text):  # nearly every file: one quick pass over the text
        return issues
    for _, _, pointer, value in _strings(doc.data):
        if not is_placeholder(value):
            continue
        at = doc.where(pointer)
        if _TODO not in doc.line(at.line):
            issues.append(make_issue("text.placeholder", doc.path, at.line, at.column, pointer, value=value.strip()))
    return issues


_NBSP = "\u00a0"
_NBSP_HINT = bi(vi="thường do chép từ Word hay trang web: xóa ký tự đó rồi gõ dấu cách thường; nếu bạn cố ý giữ chữ "
                   "liền dòng (ví dụ giữa số và đơn vị: 8.000 đồng) thì có thể để nguyên",
                en="it usually comes with text copied from Word or a web page: delete it and type an ordinary space; "
                   "if you meant to keep the words on one line (e.g. between a number and its unit), it may stay")


def invisible_issues(doc: Document) -> list[Issue]:
    """A character nobody can see inside a text (zero-width space, soft hyphen, non-breaking space…):
    it reaches the page and breaks search, the glossary and comparisons. One warning per character kind
    and text, at its first place. A BOM inside a value is the loader's (yaml.invisible), and removed."""
    issues: list[Issue] = []
    if not INVISIBLE_RE.search(doc.text):  # nearly every file
        return issues
    for _, _, pointer, value in _strings(doc.data):
        if not INVISIBLE_RE.search(value) or not _is_text(pointer):
            continue
        start, end = doc.spans.get(pointer, (0, 0))
        for ch in dict.fromkeys(c for c in value if c in INVISIBLE and c != "\ufeff"):
            found = doc.text.find(ch, start, end)  # -1 when written as an escape, "\u200b"
            at = _position(doc.text, found if found >= 0 else start)
            issues.append(make_issue("text.invisible", doc.path, at.line, at.column, pointer, column=at.column,
                                     name=INVISIBLE[ch], hex=f"{ord(ch):04X}",
                                     **({"hint": _NBSP_HINT} if ch == _NBSP else {})))
    return issues


def text_issues(doc: Document) -> list[Issue]:
    """The checks on a file's text; run right after loading (it joins split letters in place)."""
    return normalize_texts(doc) + comment_issues(doc) + placeholder_issues(doc) + invisible_issues(doc)
