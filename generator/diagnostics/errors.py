"""Problems found in content, as values.

Every problem has a stable ``code`` that tests and editors can rely on, a
position (``file:line:column``, counted from 1), an RFC 6901 JSON pointer and a
message made from its code's template, in Vietnamese and in English (the
templates are in ``codes_content.py`` and ``codes_sources.py``; how to add a
code or a computed hint is in ``messages.py``). ``docs/errors.md`` documents
every code in ``CODES`` in both languages; a test keeps the three in step.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from generator.diagnostics.codes_content import CONTENT_CODES
from generator.diagnostics.codes_sources import SOURCE_CODES
from generator.diagnostics.codes_translation import TRANSLATION_CODES
from generator.diagnostics.messages import Bi, CodeInfo, Severity, Text, bi, in_lang, localize

__all__ = ["Bi", "CODES", "CodeInfo", "Issue", "Severity", "Text", "bi", "make_issue"]

CODES: dict[str, CodeInfo] = {**CONTENT_CODES, **SOURCE_CODES, **TRANSLATION_CODES}


@dataclass(frozen=True)
class Issue:
    """``message``/``hint`` are the English; ``message_vi``/``hint_vi`` the Vietnamese (see ``text``)."""

    file: str
    line: int
    column: int
    pointer: str
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    message_vi: str | None = None
    hint_vi: str | None = None

    def text(self, lang: str) -> str:
        return self.message_vi if lang == "vi" and self.message_vi is not None else self.message

    def hint_text(self, lang: str) -> str | None:
        return self.hint_vi if lang == "vi" and self.hint_vi is not None else self.hint

    def with_hint(self, hint: Text | None, severity: Severity | None = None) -> "Issue":
        """A copy with another hint (in both languages) and, if given, another severity."""
        return replace(self, hint=localize(hint, "en") if hint else None,
                       hint_vi=localize(hint, "vi") if hint else None, severity=severity or self.severity)

    def in_lang(self, lang: str) -> "Issue":
        """A copy whose ``message`` and ``hint`` are in ``lang``, for code that reads those two."""
        return replace(self, message=self.text(lang), hint=self.hint_text(lang))

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column, "pointer": self.pointer,
                "code": self.code, "severity": self.severity, "message": self.text(lang),
                "hint": self.hint_text(lang)}

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def make_issue(
    code: str,
    file: str,
    line: int = 1,
    column: int = 1,
    pointer: str = "",
    /,
    hint: Text | None = None,
    **params: object,
) -> Issue:
    """Build an issue from its code's templates; ``hint`` (better a ``bi(vi=…, en=…)``) overrides the default.

    Parameters that are words rather than data (a reason, a detail) should be ``Bi`` too."""
    info = CODES[code]
    texts: dict[str, tuple[str, str | None]] = {}
    for lang in ("en", "vi"):
        values = in_lang(params, lang)  # once per language: a file can hold thousands of issues
        message = info.message_template(lang).format_map(values)
        shown = localize(hint, lang) if hint is not None else None
        template = info.hint_template(lang)
        if shown is None and template is not None:
            shown = template.format_map({**values, "hint": ""})
        texts[lang] = (message, shown or None)
    return Issue(file, line, column, pointer, code, info.severity, texts["en"][0], texts["en"][1],
                 texts["vi"][0], texts["vi"][1])
