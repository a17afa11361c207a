"""Typed model of one declaration form (procedures/forms/<slug>.yml).

A form is data: sections of fields, each with its label in three languages,
its rules (required, pattern, range) and its place on the official paper layout.
The browser validates with the same rules; `generator/schema/form.schema.json`
is generated from these classes.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import Field, StrictInt

from generator.content.model import NonEmpty, Option, Slug, Str, Strict, Text, ToVerify

FieldType = Literal[
    "text", "long_text", "date", "select", "radio", "checkbox", "number", "phone", "citizen_id"
]
CHOICE_TYPES = ("select", "radio", "checkbox")
TEXT_TYPES = ("text", "long_text")
DateLimit = dt.date | Literal["today"]

# What a typed answer may hold, since every field prints on a declaration read at a Vietnamese counter:
# Latin letters, with Vietnamese accents (the precomposed letters of Latin-1, Latin Extended-A/B and
# U+1EA0-U+1EF9), digits, spaces and the usual punctuation. Chinese characters, full-width punctuation
# ("，", "。") and other scripts are refused. One character-class body that Python's re and the browser's
# RegExp read alike: forms.js gets it from the page (data-vietnamese) and checks text and long_text
# answers with it after Unicode NFC normalisation, as `foreign_characters` does here.
VIETNAMESE_CHARS = (
    "A-Za-z0-9"
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ"
    " \\t\\r\\n.,;:!?'\"()/&+#%@_*“”‘’…–—-"
)
_FOREIGN = re.compile(f"[^{VIETNAMESE_CHARS}]")


def foreign_characters(text: str) -> list[str]:
    """The characters of an answer that a Vietnamese declaration cannot carry, each once, in order."""
    return list(dict.fromkeys(_FOREIGN.findall(unicodedata.normalize("NFC", text))))


class PrintPlace(Strict):
    """Where a field sits on the official A4 paper form."""

    order: Annotated[StrictInt, Field(ge=1, le=999)] = Field(
        description="Position on the paper form, top to bottom; each number once"
    )
    width: Literal["full", "half", "third"] = Field(
        "full", description="Share of the printed line: full, half or third"
    )
    label: NonEmpty | None = Field(
        None, description="Wording on the official paper form, if it differs from label.vi"
    )


class FormField(Strict):
    """One thing to fill in."""

    id: Slug = Field(description="Stable name inside this form, e.g. full-name")
    type: FieldType = Field(
        description="text, long_text, date, select, radio, checkbox, number, phone or citizen_id"
    )
    label: Text = Field(description="What to fill in, short")
    help: Text | None = Field(None, description="One plain sentence, e.g. an example")
    required: bool = Field(False, description="true when the office needs it filled in")
    pattern: Str | None = Field(
        None, description="text only: a regular expression the whole answer must match"
    )
    invalid: Text | None = Field(
        None, description="text only: what to tell the resident when the pattern does not match"
    )
    max_length: Annotated[StrictInt, Field(ge=1, le=2000)] | None = Field(
        None, description="text and long_text: most characters allowed"
    )
    min: StrictInt | None = Field(None, description="number only: smallest value allowed")
    max: StrictInt | None = Field(None, description="number only: largest value allowed")
    earliest: DateLimit | None = Field(
        None, description="date only: first date allowed, YYYY-MM-DD or today"
    )
    latest: DateLimit | None = Field(
        None, description="date only: last date allowed, YYYY-MM-DD or today (no future dates)"
    )
    options: list[Option] = Field(
        default_factory=list, description="select, radio and checkbox: the answers to choose from"
    )
    autocomplete: Str | None = Field(
        None, description="HTML autocomplete token, e.g. name or tel, so phones can fill it in"
    )
    print: PrintPlace = Field(description="Place on the official paper form")


class Section(Strict):
    """A part of the form, e.g. 'about the child'."""

    id: Slug = Field(description="Stable name inside this form")
    title: Text = Field(description="Heading of the part")
    intro: Text | None = Field(None, description="A sentence printed before the fields")
    fields: list[FormField] = Field(min_length=1, description="The fields, in screen order")


class PaperLayout(Strict):
    """The fixed parts of the official paper form."""

    title: NonEmpty = Field(description="Title on the paper, in Vietnamese capitals")
    addressee: Slug | None = Field(
        None, description="Field printed as 'Kính gửi:' under the title"
    )
    pledge: Text | None = Field(None, description="The statement the resident signs")
    place_date: bool = Field(True, description="Print the '…, ngày … tháng … năm …' line")
    signatures: list[Text] = Field(
        min_length=1, description="Signature boxes, e.g. 'Người yêu cầu (Ký, ghi rõ họ tên)'"
    )
    notes: list[Text] = Field(default_factory=list, description="Footnotes printed at the bottom")


class Form(Strict):
    """A declaration form residents can fill in on the page and print for the counter."""

    slug: Slug = Field(description="Must match the file name; procedures refer to it with fill_in")
    code: Str | None = Field(None, description="Official form code, e.g. CT01")
    title: Text = Field(description="Name of the form")
    summary: Text = Field(description="One plain sentence: what the form is for")
    legal_basis: NonEmpty = Field(description="Document that sets the form, e.g. 53/2025/TT-BCA")
    reviewed: dt.date = Field(description="Date a person last compared it with the official form")
    sections: list[Section] = Field(min_length=1, description="Parts of the form, in screen order")
    paper: PaperLayout = Field(description="Fixed parts of the official paper layout")
    to_verify: list[ToVerify] = Field(
        default_factory=list, description="Facts not yet confirmed against the official form"
    )

    def fields(self) -> list[FormField]:
        return [f for section in self.sections for f in section.fields]
