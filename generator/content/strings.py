"""Interface strings in i18n/<lang>.yml, and the Localizer templates use."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content import richtext
from generator.diagnostics.errors import Issue, make_issue
from generator.content.loader import load_file
from generator.content.model import LANGS, Text
from generator.content.text_checks import normalize_texts

# BCP 47 tags for the lang attribute and hreflang; the URL prefix stays short.
HTML_LANG = {"vi": "vi", "en": "en", "zh": "zh-Hans"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def load_strings(folder: Path) -> tuple[dict[str, dict[str, str]], list[Issue]]:
    """All languages' strings, and problems: unreadable files, non-text values, missing keys."""
    strings: dict[str, dict[str, str]] = {}
    issues: list[Issue] = []
    for lang in LANGS:
        path = folder / f"{lang}.yml"
        doc, problems = load_file(path, str(path.relative_to(folder.parent)))
        issues += problems + (normalize_texts(doc) if doc is not None else [])  # joins split accents
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        strings[lang] = {}
        for key, value in data.items():
            if isinstance(value, str) and value:
                strings[lang][key] = value
            else:
                m = doc.where(f"/{key}") if doc else None
                issues.append(make_issue("i18n.key-type", str(path.relative_to(folder.parent)),
                                         m.line if m else 1, m.column if m else 1, f"/{key}", key=key))
    every = set().union(*(set(s) for s in strings.values()))
    for lang in LANGS:
        for key in sorted(every - set(strings[lang])):
            issues.append(make_issue("i18n.key-missing", f"i18n/{lang}.yml", 1, 1, f"/{key}",
                                     key=key, lang=lang))
    return strings, issues


@dataclass(frozen=True)
class Localized:
    text: str
    missing: bool  # True: shown in Vietnamese because this language has no translation


def group_digits(n: int, lang: str) -> str:
    sep = "." if lang == "vi" else ","
    return f"{n:,}".replace(",", sep)


class Localizer:
    def __init__(self, lang: str, strings: dict[str, dict[str, str]]) -> None:
        self.lang = lang
        self.html_lang = HTML_LANG[lang]
        self._own = strings[lang]
        self._vi = strings["vi"]

    def t(self, key: str, **params: object) -> str:
        template = self._own.get(key) or self._vi.get(key) or key
        return template.format(**params) if params else template

    def plural(self, key: str, n: int | float, **params: object) -> str:  # 1.5 days is "other"
        form = "one" if n == 1 else "other"
        return self.t(f"{key}.{form}", n=n, **params)

    def text(self, value: Text | None) -> Localized:
        if value is None:
            return Localized("", False)
        own = value.get(self.lang)
        return Localized(own, False) if own else Localized(value.vi, self.lang != "vi")

    def plain(self, value: Text | None) -> str:
        """The text without markup (titles, PDFs, structured data)."""
        return richtext.plain(self.text(value).text)

    def channel_names(self, names: list[str] | tuple[str, ...]) -> str:
        return self.t("list.sep").join(self.t(f"channel.{n}") for n in names)  # Chinese lists take 、

    def money(self, amount: int) -> str:
        return group_digits(amount, self.lang)

    def date(self, day: dt.date) -> str:
        if self.lang == "vi":
            return f"{day.day}/{day.month}/{day.year}"
        if self.lang == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
