"""Messages for editors in Vietnamese (the default) and English.

Editors are Vietnamese commune staff, so every command speaks Vietnamese unless
``--lang en`` (or ``GUIDE_LANG=en``) asks for English. Problem codes never
change with the language. A text computed in code (a hint, a reason) is a
``Bi``, made with ``bi(vi=…, en=…)``; templates of problem codes are
``CodeInfo`` entries in ``codes_*.py``. Nothing is translated at print time:
every message is built in both languages when it is made, and the reporter
picks one.
"""
from __future__ import annotations

import argparse
import errno
import os
from dataclasses import dataclass
from string import Formatter
from typing import Literal, Mapping, Union

Lang = Literal["vi", "en"]
MESSAGE_LANGS: tuple[Lang, ...] = ("vi", "en")
DEFAULT_LANG: Lang = "vi"
ENV = "GUIDE_LANG"
Severity = Literal["error", "warning", "info"]  # info: a note, never a problem


@dataclass(frozen=True)
class Bi:
    """One text in both languages. ``str()`` gives the English, for logs and old callers."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.vi or self.en)

    def __add__(self, other: object) -> "Bi":
        return Bi(self.vi + localize(other, "vi"), self.en + localize(other, "en"))

    def __radd__(self, other: object) -> "Bi":
        return Bi(localize(other, "vi") + self.vi, localize(other, "en") + self.en)


Text = Union[str, Bi]  # a plain str is data (a key, a value the editor wrote): the same in both


def localize(value: object, lang: str) -> str:
    """``value`` in ``lang``: a ``Bi`` picks its language, anything else is data and is shown as it is."""
    return value.get(lang) if isinstance(value, Bi) else str(value)


def in_lang(params: Mapping[str, object], lang: str) -> Mapping[str, object]:
    """``params`` with every ``Bi`` replaced by its ``lang`` text (the same mapping when there is none)."""
    if not any(isinstance(v, Bi) for v in params.values()):
        return params
    return {k: v.get(lang) if isinstance(v, Bi) else v for k, v in params.items()}


def fill(template: str, lang: str, params: Mapping[str, object]) -> str:
    return template.format_map(in_lang(params, lang))


def bi(vi: str, en: str, **params: object) -> Bi:
    """A computed text: ``bi(vi="ý bạn là '{key}'?", en="did you mean '{key}'?", key=close)``.

    With parameters both texts are format strings (write ``{{`` for a brace) and a parameter may be a ``Bi``
    itself, each language getting its own; without parameters the texts are taken as they are."""
    if not params:
        return Bi(vi, en)
    return Bi(fill(vi, "vi", params), fill(en, "en", params))


def join(parts: list[Text], sep: str = ", ") -> Bi:
    return Bi(sep.join(localize(p, "vi") for p in parts), sep.join(localize(p, "en") for p in parts))


def placeholders(template: str | None) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template or "") if name}


@dataclass(frozen=True)
class CodeInfo:
    """A problem code: its severity and its message and hint, in Vietnamese and English.

    ``template``/``hint`` are the English, ``vi``/``vi_hint`` the Vietnamese; both use the same
    ``{placeholders}``. A hint of ``"{hint}"`` means the code computes its hint (pass ``hint=bi(…)``)."""

    severity: Severity
    template: str
    hint: str | None = None
    vi: str = ""
    vi_hint: str | None = None

    def message_template(self, lang: str) -> str:
        return self.vi if lang == "vi" and self.vi else self.template

    def hint_template(self, lang: str) -> str | None:
        return self.vi_hint if lang == "vi" and self.vi_hint is not None else self.hint


def message_lang(choice: str | None = None) -> Lang:
    """The language of this run: ``--lang``, else ``GUIDE_LANG``, else Vietnamese."""
    value = (choice or os.environ.get(ENV) or DEFAULT_LANG).strip().lower()[:2]
    return value if value in MESSAGE_LANGS else DEFAULT_LANG


def plural(n: int, vi: str, en: str, en_many: str | None = None) -> Bi:
    """``3 lỗi`` / ``3 errors``; Vietnamese nouns have no plural."""
    return Bi(f"{n} {vi}", f"{n} {en if n == 1 else (en_many or en + 's')}")


_OS_REASONS = {  # errno name -> Vietnamese; the English is the system's own wording
    "ENOENT": "không có tệp hay thư mục này", "EISDIR": "đây là một thư mục, không phải tệp",
    "EACCES": "không có quyền đọc", "EPERM": "không được phép", "ENOSPC": "ổ đĩa đã đầy",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục", "EROFS": "ổ đĩa chỉ cho đọc", "EEXIST": "tệp đã có",
    "ENAMETOOLONG": "tên quá dài",
}


def os_reason(exc: OSError) -> Bi:
    """Why the system could not open or write a file, in both languages."""
    en = exc.strerror or str(exc)
    name = errno.errorcode.get(exc.errno or 0, "")
    return Bi(_OS_REASONS.get(name, f"lỗi hệ thống ({en})"), en)


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang vi|en`` on a command that talks to editors (stored as ``message_lang``: `guide print` has its
    own ``--lang`` for the languages of its products)."""
    parser.add_argument("--lang", dest="message_lang", choices=MESSAGE_LANGS, default=None,
                        help=f"language of messages: vi (default) or en; also the {ENV} environment variable")


def lang_of(args: argparse.Namespace) -> Lang:
    """The message language of a parsed command line."""
    return message_lang(getattr(args, "message_lang", None))


def kind_of(value: object) -> Bi:
    """What a JSON value is, in words (never Python's type names: dict, NoneType)."""
    if value is None:
        return Bi("null (trống)", "null")
    if isinstance(value, bool):
        return Bi("true/false", "true/false")
    if isinstance(value, (int, float)):
        return Bi("một con số", "a number")
    if isinstance(value, str):
        return Bi("một đoạn chữ", "text")
    if isinstance(value, list):
        return Bi("một danh sách [ … ]", "an array")
    if isinstance(value, dict):
        return Bi("một đối tượng { … }", "an object")
    return Bi(type(value).__name__, type(value).__name__)
