"""Hints give Vietnamese example values in every language, and what a declaration may carry.

A resident copies the example of a hint. The printed declaration is read at a Vietnamese counter, so the
English and Chinese hints must show the Vietnamese value ("Hoa"), with a translation beside it where it
helps ("Hoa（华族）"), never only the translation ("华族"): a Hoa grandparent who typed "华族" as the ethnic
group had the declaration refused.
"""
from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import ROOT
from generator.config import load_settings
from generator.content.form_check import form_paths, read_form
from generator.content.form_model import TEXT_TYPES, foreign_characters

# Where the example part of a hint starts, in each language; it runs to the end of that sentence.
MARKERS = {"vi": ("Ví dụ:",), "en": ("Example:", "for example", "e.g."), "zh": ("例如：",)}
SENTENCE_END = {"vi": r"\.(?:\s|$)", "en": r"\.(?:\s|$)", "zh": "。"}
# Translations beside a value, and the separators of a list of values.
TRANSLATION = re.compile(r"\s*[(（][^)）]*[)）]")
SEPARATORS = re.compile(r"\s*[,，、;；]\s*|\s+(?:or|hoặc|或)\s+")


def forms():
    settings = load_settings(ROOT)
    return [read_form(path, str(path.relative_to(ROOT)), settings)[0] for path in form_paths(settings)]


def example(text: str, lang: str) -> str | None:
    """The example part of a hint: from its marker to the end of that sentence, or None."""
    found = [(text.index(m) + len(m)) for m in MARKERS[lang] if m in text]
    if not found:
        return None
    rest = text[min(found):]
    return re.split(SENTENCE_END[lang], rest, maxsplit=1)[0].strip()


def hinted_text_fields():
    """(form slug, field) for every text field whose Vietnamese hint has an example value."""
    for entry in forms():
        for f in entry.form.fields():
            # An e-mail address is no Vietnamese word: "ten@example.com" and "name@example.com" both print fine.
            if f.type in TEXT_TYPES and f.help and example(f.help.vi, "vi") and f.autocomplete != "email":
                yield pytest.param(entry.form.slug, f, id=f"{entry.form.slug}/{f.id}")


def test_the_shipped_forms_have_hints_with_examples():
    assert len(list(hinted_text_fields())) >= 20


@pytest.mark.parametrize("slug,field", list(hinted_text_fields()))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_example_in_english_and_chinese_is_the_vietnamese_value(slug, field, lang):
    values = [v for v in SEPARATORS.split(example(field.help.vi, "vi")) if v]
    text = field.help.get(lang)
    assert text, f"{slug}/{field.id}: no {lang} hint"
    shown = example(text, lang)
    assert shown is not None, f"{slug}/{field.id}: the {lang} hint has no example: {text}"
    for value in values:  # the very words to write, e.g. "Hoa" or "số 12 đường Lê Lợi"
        assert value in shown, f"{slug}/{field.id}: the {lang} example lacks the Vietnamese '{value}': {text}"
    # Without the translations beside them, the values are Vietnamese: nothing a declaration would refuse
    bare = [v for v in SEPARATORS.split(TRANSLATION.sub("", shown)) if v]
    foreign = [c for v in bare for c in foreign_characters(v)]
    assert foreign == [], f"{slug}/{field.id}: the {lang} example shows {''.join(foreign)} as a value: {text}"


@pytest.mark.parametrize("text,refused", [
    ("Hoa", ""), ("Việt Nam", ""), ("Trần Thị Mai Hương", ""), ("Nguyễn Văn Đức", ""),
    ("số 12 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh", ""),
    (unicodedata.normalize("NFD", "Nguyễn Thị Ánh"), ""),  # accents typed as separate marks
    ("mai@example.vn", ""), ("Đăng ký thường trú (lần 2) – “gấp”", ""), ("Ấp 3\nxã Tân Hưng", ""),
    ("华族", "华族"), ("越南", "越南"), ("Việt Nam。", "。"), ("Hoa，Kinh", "，"), ("Ｈoa", "Ｈ"),
    ("Hoa\u3000Kinh", "\u3000"), ("Müller", "ü"), ("Иван", "Иван"), ("Hoa 😀", "😀"),
])
def test_what_a_declaration_may_carry(text, refused):
    assert "".join(foreign_characters(text)) == refused
