"""Typed model of one procedure file.

The JSON Schema in ``generator/schema/procedure.schema.json`` is generated
from these classes (``guide schema``), so every ``description`` here is what
an editor sees as autocompletion help in their editor.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.content.loader import RawScalar

LANGS: tuple[str, ...] = ("vi", "en", "zh")
CHANNELS: tuple[str, ...] = ("in_person", "online", "postal")


def _raw_text(value: Any) -> Any:
    """Keep what the editor typed: ``code: 1.000810`` must not become 1.00081."""
    if isinstance(value, RawScalar):
        return value.raw
    return value


Str = Annotated[str, BeforeValidator(_raw_text)]
NonEmpty = Annotated[str, BeforeValidator(_raw_text), Field(min_length=1)]
Slug = Annotated[
    str,
    BeforeValidator(_raw_text),
    Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="lowercase ASCII words joined by '-'"),
]
Code = Annotated[
    str,
    BeforeValidator(_raw_text),
    Field(
        pattern=r"^[0-9]\.[0-9]{6}$",
        description="National procedure code (Mã thủ tục), e.g. 1.001193",
        examples=["1.001193"],
    ),
]
Count = Annotated[StrictInt, Field(ge=0, le=20)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(Strict):
    """Text in the three languages. Vietnamese is required and authoritative."""

    vi: NonEmpty = Field(description="Vietnamese (required, authoritative)")
    en: NonEmpty | None = Field(None, description="English, plain language")
    zh: NonEmpty | None = Field(None, description="Simplified Chinese, plain language")

    def get(self, lang: str) -> str | None:
        return getattr(self, lang, None)


class Duration(Strict):
    """How long the office takes. Leave ``value`` empty only with a ``note`` saying why."""

    value: Annotated[float, Field(gt=0, le=365)] | None = Field(
        None, description="A number of units; empty when the source gives none"
    )
    unit: Literal["working_day", "day", "hour"] | None = Field(
        None, description="working_day, day or hour"
    )
    note: Text | None = Field(None, description="Conditions, e.g. received after 15:00")

    @model_validator(mode="after")
    def _unit_and_note(self) -> Duration:
        if self.value is not None and self.unit is None:
            raise PydanticCustomError("time.unit-missing", "a processing time needs a unit")
        if self.value is None and self.note is None:
            raise PydanticCustomError("time.unclear", "a processing time without a value needs a note")
        return self


class Fee(Strict):
    """One fee or charge, in whole đồng. ``amount: 0`` means free."""

    name: Text | None = Field(None, description="e.g. Lệ phí, Phí")
    amount: Annotated[StrictInt, Field(ge=0, le=100_000_000)] | None = Field(
        None, description="Whole đồng, e.g. 8000 (not \"8.000đ\"). Empty only when uncertain"
    )
    per: Text | None = Field(None, description="What the amount is charged for, e.g. per page")
    max_amount: Annotated[StrictInt, Field(ge=0)] | None = Field(
        None, description="Upper limit in đồng, if any"
    )
    uncertain: bool = Field(
        False, description="true when the source is unclear or contradicts itself; explain in note"
    )
    note: Text | None = Field(None, description="Plain explanation, e.g. which circular sets the fee")
    exemptions: list[Text] = Field(default_factory=list, description="Who pays nothing")
    condition: Text | None = Field(
        None, description="Only when this holds, e.g. applying online with a level-2 VNeID account"
    )
    valid_from: dt.date | None = Field(
        None, description="First day this fee rule applies (a time-limited rule, e.g. a waiver)"
    )
    valid_until: dt.date | None = Field(
        None, description="Last day this fee rule applies; after it the page shows the other fees"
    )

    @model_validator(mode="after")
    def _uncertain_needs_note(self) -> Fee:
        if (self.uncertain or self.amount is None) and self.note is None:
            raise PydanticCustomError(
                "fee.unclear", "an uncertain or missing fee needs a note explaining it"
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise PydanticCustomError("fee.dates", "valid_until is before valid_from")
        return self

    def in_force(self, today: dt.date) -> bool:
        """A time-limited rule counts only between its two dates (both included)."""
        return not ((self.valid_from and today < self.valid_from)
                    or (self.valid_until and today > self.valid_until))


class Channel(Strict):
    """One way to apply: in person, online or by post."""

    availability: Literal["full", "partial"] = Field(
        description="full: the whole procedure; partial: some steps still need a visit"
    )
    processing_time: Duration = Field(description="How long the office takes on this channel")
    fees: list[Fee] = Field(min_length=1, description="At least one entry; amount 0 means free")
    where: Text | None = Field(None, description="Where to go or submit")
    note: Text | None = Field(None, description="Anything else a resident should know about this channel")


class Channels(Strict):
    in_person: Channel | None = Field(None, description="Trực tiếp")
    online: Channel | None = Field(None, description="Trực tuyến")
    postal: Channel | None = Field(None, description="Dịch vụ bưu chính")

    @model_validator(mode="after")
    def _at_least_one(self) -> Channels:
        if not any(getattr(self, c) for c in CHANNELS):
            raise PydanticCustomError("channel.none", "a procedure needs at least one channel")
        return self

    def items(self) -> list[tuple[str, Channel]]:
        return [(c, getattr(self, c)) for c in CHANNELS if getattr(self, c) is not None]


class Document(Strict):
    """One paper to bring or upload."""

    name: Text = Field(description="Name of the paper, as a resident would call it")
    originals: Count = Field(0, description="Number of originals to bring")
    copies: Count = Field(0, description="Number of copies to bring")
    required: bool = Field(True, description="false when only some people need it")
    electronic: bool = Field(False, description="An electronic copy is accepted online")
    form: Str | None = Field(None, description="Form template code, e.g. CT01")
    fill_in: Slug | None = Field(
        None, description="Slug of a form in procedures/forms/ that residents can fill in on the page and print"
    )
    note: Text | None = Field(None, description="When it is needed, or who can skip it")


Answers = dict[Slug, list[Slug]]


class Option(Strict):
    """One answer to choose from."""

    value: Slug = Field(description="Stable name of the answer, used in links and conditions")
    label: Text = Field(description="The answer as residents read it")


class Question(Strict):
    """A 'which case applies to you?' question; answers narrow the documents checklist."""

    id: Slug = Field(description="Stable name, used in pre-answered links: ?id=value")
    type: Literal["radio", "checkbox"] = Field(description="radio: one answer; checkbox: any number")
    text: Text = Field(description="The question, short and plain")
    help: Text | None = Field(None, description="One sentence to help answer it")
    options: list[Option] = Field(min_length=2, description="The answers to choose from")
    ask_when: Answers = Field(
        default_factory=dict,
        description="Ask only when earlier questions were answered so: {question: [values]}",
    )


class DocumentGroup(Strict):
    """Documents for one case, e.g. 'if the child was born abroad'."""

    id: Slug = Field(description="Short stable name of the case, e.g. all, born-abroad")
    case: Text = Field(description="When this group applies")
    documents: list[Document] = Field(min_length=1, description="The papers for this case")
    applies_when: Answers = Field(
        default_factory=dict,
        description="Shown only for these answers: {question: [values]}; empty means everyone",
    )


class Step(Strict):
    """One step, in the order a resident does it."""

    title: Text = Field(description="Short instruction, starting with a verb")
    detail: Text | None = Field(None, description="More explanation, if needed")
    channels: list[Literal["in_person", "online", "postal"]] | None = Field(
        None, description="Only for these channels; empty means all"
    )


class LegalBasis(Strict):
    """A law, decree or circular the procedure rests on."""

    number: NonEmpty = Field(description="e.g. 60/2014/QH13")
    title: Text = Field(description="Title of the document")
    issuer: Text | None = Field(None, description="Who issued it, e.g. Quốc hội")
    date: dt.date | None = Field(None, description="Date signed, YYYY-MM-DD")
    replaced_by: NonEmpty | None = Field(
        None, description="Number of the document that replaced this one; `guide stale` lists it"
    )


class Source(Strict):
    """Where the facts were checked."""

    url: NonEmpty = Field(description="Record on the national public service portal")
    decision: NonEmpty = Field(description="Decision that published the procedure, e.g. 163/QĐ-BTP")


_NOT_A_REASON = {"todo", "tbd", "fixme", "xxx"}  # words that say the reason is still to be written

DRIFT_CODES = ("drift.name", "drift.url", "drift.time", "drift.fee", "drift.legal",
               "drift.groups", "drift.documents")


class DriftNote(Strict):
    """A difference from the portal record that is right on purpose (``guide drift`` lists it as a note)."""

    code: Literal["drift.name", "drift.url", "drift.time", "drift.fee", "drift.legal",
                  "drift.groups", "drift.documents"] = Field(description="The difference, as guide drift names it")
    channel: Literal["in_person", "online", "postal"] | None = Field(
        None, description="For drift.time and drift.fee: the channel"
    )
    record: Str = Field(description="The record's value exactly as guide drift prints it; "
                                    "when the record changes, the note no longer matches")
    reason: NonEmpty = Field(description="Why our text differs on purpose, with its source (Vietnamese)")

    @field_validator("reason")
    @classmethod
    def _a_real_reason(cls, reason: str) -> str:
        # The hint's own "…", or "x" or "TODO" typed to make the check pass, would turn a real fee
        # change green: a reason is a few words at least, and not a to-do.
        words = re.findall(r"\w+", reason)
        if len(words) < 3 or any(w.casefold() in _NOT_A_REASON for w in words):
            raise PydanticCustomError("drift.reason", "not a reason", {"value": reason.strip()})
        return reason


class ToVerify(Strict):
    """A fact an editor could not confirm; keep it until someone checks the source."""

    pointer: Str = Field(pattern=r"^(/[^/]*)+$", description="JSON pointer, e.g. /code")
    note: NonEmpty = Field(description="What is uncertain, in Vietnamese, for the next editor")


class Procedure(Strict):
    """One administrative procedure, as a resident needs to know it."""

    code: Code
    slug: Slug = Field(description="Must match the file name")
    name: Text = Field(description="Official name (Tên thủ tục)")
    summary: Text = Field(description="One or two plain sentences: what this is for")
    level: Literal["central", "province", "commune"] = Field(
        description="Level that handles it; there is no district level since 2025-07-01"
    )
    field: Slug = Field(description="Field key from procedures/taxonomy.yml; also the folder name")
    agency: Text = Field(description="Office that handles the dossier")
    applicants: list[Text] = Field(min_length=1, description="Who may apply")
    channels: Channels = Field(description="Ways to apply, each with its own time and fees")
    questions: list[Question] = Field(
        default_factory=list, description="Questions that narrow the documents to the resident's case"
    )
    dossier: list[DocumentGroup] = Field(min_length=1, description="Documents, grouped by case")
    steps: list[Step] = Field(min_length=1, description="Ordered steps; a step may name its channels")
    result: Text = Field(description="What the resident receives (Kết quả)")
    conditions: list[Text] = Field(default_factory=list, description="Requirements (Yêu cầu, điều kiện)")
    legal_basis: list[LegalBasis] = Field(min_length=1, description="Căn cứ pháp lý")
    online_url: NonEmpty | None = Field(None, description="https link for the QR code")
    related: list[Code] = Field(default_factory=list, description="Codes of related procedures")
    life_events: list[Slug] = Field(default_factory=list, description="Keys from procedures/taxonomy.yml")
    source: Source = Field(description="Portal record and publishing decision")
    reviewed: dt.date = Field(description="Date a person last checked this against the source")
    valid_from: dt.date | None = Field(
        None, description="First day the procedure applies; not published before it"
    )
    valid_until: dt.date | None = Field(
        None, description="Last day the procedure applies (abolished after it); not published after it"
    )
    superseded_by: Code | None = Field(None, description="Code of the procedure that replaced this one")
    to_verify: list[ToVerify] = Field(
        default_factory=list, description="Facts not yet confirmed against the source"
    )
    drift: list[DriftNote] = Field(
        default_factory=list, description="Differences from the portal record that are right on purpose"
    )


class PortalChannel(Channel):
    """A channel as a portal record gives it: the record may list no fee."""

    availability: Literal["full", "partial"] = "full"
    fees: list[Fee] = Field(default_factory=list)


class PortalChannels(Channels):
    in_person: PortalChannel | None = None
    online: PortalChannel | None = None
    postal: PortalChannel | None = None


class PortalDocumentGroup(DocumentGroup):
    documents: list[Document] = Field(default_factory=list)


class PortalProcedure(Procedure):
    """A procedure exactly as the portal's record states it (a portal page, not a guide).

    Built in memory from procedures/portal/records/, never written by an editor: a record may
    lack what a guide must have (fees, documents, steps, a legal basis), and saying so is true.
    """

    summary: Text | None = None  # type: ignore[assignment]  # optional here: only a guide's summary is a person's work
    applicants: list[Text] = Field(default_factory=list)
    channels: PortalChannels
    dossier: list[PortalDocumentGroup] = Field(default_factory=list)  # type: ignore[assignment]  # list is invariant
    steps: list[Step] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list)


class Category(Strict):
    """A field or life event."""

    name: Text = Field(description="Name shown on index pages")
    description: Text | None = Field(None, description="One plain sentence")
    portal_categories: list[NonEmpty] = Field(
        default_factory=list, description="National portal category codes that map here, e.g. G15-TP07"
    )


class Taxonomy(Strict):
    """Fields and life events that group procedures (procedures/taxonomy.yml)."""

    fields: dict[Slug, Category] = Field(min_length=1, description="Keys are folder names")
    life_events: dict[Slug, Category] = Field(min_length=1, description="Moments in life, e.g. birth")
