"""Writing one translation into YAML text, touching nothing else.

The loader recorded where every value starts and ends; a translation replaces
its old value there, or goes in right after the Vietnamese (and English), in
the file's own style: `, zh: …` inside `{vi: …, en: …}`, a new line at the same
indentation in a block. The value is written plain when the project's own
loader reads it back unchanged in both styles, else double-quoted with YAML
escapes, so a line break becomes `\\n` and never breaks the file.
"""
from __future__ import annotations

import re

from generator.content.loader import Document, load_text

_PLAIN = re.compile(r"[^\s\"'{}\[\],&*#?|<>=!%@`\-:][^{}\[\],#]*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def quoted(value: str) -> str:
    """A YAML double-quoted scalar; invisible characters other than spaces become \\u escapes."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() or ch.isspace() and ch not in "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _reads_back(value: str) -> bool:
    for text in (f"k: {value}\n", f"{{k: {value}}}\n"):
        doc, issues = load_text("check", text.encode("utf-8"))
        if doc is None or issues or doc.data != {"k": value} or type(doc.data["k"]) is not str:
            return False
    return True


def yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if (value.isprintable() and value == value.strip() and _PLAIN.fullmatch(value)
            and ": " not in value and " #" not in value and _reads_back(value)):
        return value
    return quoted(value)


def edit_for(text: str, doc: Document, pointer: str, lang: str, value: str) -> tuple[int, int, str]:
    """(start, end, replacement) that sets ``lang`` of the text at ``pointer``."""
    spans = doc.spans
    scalar = yaml_scalar(value)
    if f"{pointer}/{lang}" in spans:  # replace an existing translation
        start, end = spans[f"{pointer}/{lang}"]
        old = text[start:end]
        return start, end, scalar + old[len(old.rstrip()):]  # a block scalar (|) owns its last line break
    order = ("vi", "en", "zh")
    before = [k for k in order[:order.index(lang)] if f"{pointer}/{k}" in spans]
    last_end = spans[f"{pointer}/{before[-1]}"][1]  # keep the vi, en, zh order
    if text[spans[pointer][0]] == "{":  # flow style: {vi: …, en: …}
        return last_end, last_end, f", {lang}: {scalar}"
    indent = " " * (doc.keys[f"{pointer}/vi"].column - 1)
    if last_end > 0 and text[last_end - 1] == "\n":  # after a block scalar, which ends at the next line
        line_end = last_end - 1
    else:
        line_end = text.find("\n", last_end)
        line_end = len(text) if line_end < 0 else line_end
    return line_end, line_end, f"\n{indent}{lang}: {scalar}"
