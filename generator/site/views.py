"""One view of a procedure in one language: what every output shows of it, decided once.

Web pages (templates/pages), counter handouts and the browser print view (templates/print via
print_docs.py), the print view's commune data (print_view.py, read by print-view.js) and the
loudspeaker scripts (broadcast.py) all take their facts and wording from here, so a handout
and a page can never word a fee, a time or an office differently.

Two layers. ``Facts`` hold what does not depend on a language: which fee rule is a channel's
standing one and which time-limited rules go with it, who pays nothing and whether every fee
shares that list. ``ProcedureView`` words them in one language, in the order a resident reads
them. The loudspeaker scripts take the facts and say them in spoken Vietnamese (spoken.py).
The office block of a handout has its own small view, ``OfficeView`` (office_view.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from generator.site import routes
from generator.content.catalog import Catalog, PortalInfo
from generator.content.form_model import Form
from generator.content.model import LANGS, Channel, Document, Duration, Fee, Procedure, Text
from generator.site.routes import Route
from generator.content.strings import Localizer
from generator.content.textfold import fold

# Online first: it is recommended (never required), and a resident reads left to right.
DISPLAY_ORDER = ("online", "in_person", "postal")
_ASIDE = re.compile(r"\s*\([^)]*\)")


# ---------------------------------------------------------------- facts (no language)

@dataclass(frozen=True)
class ChannelFacts:
    name: str
    channel: Channel
    standing: Fee  # the channel's own fee: its first rule without an end date
    limited: tuple[Fee, ...]  # time-limited rules for that same fee (a waiver), said next to it
    others: tuple[Fee, ...]  # any other fee of the channel (a copy fee, a second charge)


@dataclass(frozen=True)
class Facts:
    procedure: Procedure
    channels: tuple[ChannelFacts, ...]  # in the file's order: in person, online, post
    exemptions: tuple[Text, ...]  # everyone any fee exempts, each once, in channel order
    shared_exemptions: tuple[Text, ...]  # the one list every paying fee shares ((): none, or they differ)

    def channel(self, name: str) -> ChannelFacts | None:
        return next((c for c in self.channels if c.name == name), None)


def same_fee(rule: Fee, fee: Fee) -> bool:
    """A time-limited ``rule`` for ``fee``: the same name, asides apart ("Lệ phí đăng ký tạm trú"
    and "Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình)")."""
    def name(f: Fee) -> str:
        return _ASIDE.sub("", f.name.vi).strip() if f.name else ""
    return name(rule) == name(fee)


def _channel_facts(name: str, channel: Channel) -> ChannelFacts:
    fees = channel.fees
    standing = next((f for f in fees if not f.valid_until), fees[0])
    limited = tuple(f for f in fees if f.valid_until and f is not standing and same_fee(f, standing))
    others = tuple(f for f in fees if f is not standing and all(f is not g for g in limited))
    return ChannelFacts(name, channel, standing, limited, others)


def shared_exemptions(fees: list[Fee]) -> tuple[Text, ...]:
    """The exemptions to show once, under every channel: the list each fee that asks for money
    shares. A free rule without exemptions (a time-limited waiver, a free online channel) asks
    nobody for an exemption, so it does not break the sharing."""
    lists = [f.exemptions for f in fees if f.exemptions or f.amount != 0]
    return tuple(lists[0]) if lists and lists[0] and all(x == lists[0] for x in lists) else ()


def facts(procedure: Procedure) -> Facts:
    channels = tuple(_channel_facts(name, ch) for name, ch in procedure.channels.items())
    fees = [f for c in channels for f in c.channel.fees]
    everyone = {e.vi: e for f in fees for e in f.exemptions}
    return Facts(procedure, channels, tuple(everyone.values()), shared_exemptions(fees))


# ---------------------------------------------------------------- wording of one language

def fee_amount(fee: Fee, L: Localizer) -> str:
    """ "Free", "20.000 đồng", "2.000 đồng per page, at most 200.000 đồng", or "not known"."""
    if fee.amount is None:
        text = L.t("fee.unknown")
    elif fee.amount == 0:
        text = L.t("fee.free")
    elif fee.per:
        text = L.t("fee.per", amount=L.money(fee.amount), per=L.plain(fee.per))
    else:
        text = L.t("fee.amount", amount=L.money(fee.amount))
    if fee.max_amount:
        text += ", " + L.t("fee.max", amount=L.money(fee.max_amount))
    return text


def fee_when(fee: Fee, L: Localizer) -> str:
    """When a rule holds: its condition and its last day, e.g. "if you apply online …, until 28/2/2027"."""
    parts = []
    if fee.condition:
        parts.append(L.t("fee.condition", condition=L.plain(fee.condition)))
    if fee.valid_until:
        parts.append(L.t("fee.until", date=L.date(fee.valid_until)))
    return ", ".join(parts)


@dataclass(frozen=True)
class FeeView:
    fee: Fee
    name: Text | None
    amount: str  # "Free", "10.000 đồng per registration"
    when: str  # "if you apply online …, until 28 February 2027"; "" for a standing rule
    warning: str  # "Please check the fee at the counter" when the amount is uncertain, else ""
    note: Text | None
    exemptions: tuple[Text, ...]  # shown with this fee: empty when the procedure shows them once

    @property
    def line(self) -> str:
        """Amount and when it holds, as the page shows them and a handout prints them."""
        return f"{self.amount} ({self.when})" if self.when else self.amount

    @property
    def print_line(self) -> str:
        return f"{self.line}. {self.warning}" if self.warning else self.line

    @property
    def page_warning(self) -> str:
        """The warning a page shows under the amount: none when the amount is not known, since
        "not known: ask where you apply" already says to ask."""
        return self.warning if self.fee.amount is not None else ""


@dataclass(frozen=True)
class TimeView:
    value: str | None  # "7 working days"; None when the file gives no number
    unknown: str  # what a page says then
    note: Text | None
    plain_note: str
    iso: str | None  # schema.org duration, "P7D"

    @property
    def text(self) -> str:
        return self.value or self.unknown

    @property
    def line(self) -> str:
        """One plain line for print: the number, else the note that says why there is none."""
        return self.value or self.plain_note or self.unknown


@dataclass(frozen=True)
class ChannelView:
    name: str
    label: str  # "Online"
    availability: str  # "Everything is done online; no visit needed"; "" for going in person
    time: TimeView
    fees: tuple[FeeView, ...]
    where: Text | None
    note: Text | None


@dataclass(frozen=True)
class Essentials:
    """The line under a page's summary: what it costs now, how long it takes, how to apply."""

    fee: str
    time: str
    ways: str  # "Online, In person, By post"


@dataclass(frozen=True)
class ChannelRow:
    """Channels that take the same time and fees, said once (a handout's table)."""

    labels: tuple[str, ...]  # "Online", "In person"
    time: str
    fees: tuple[str, ...]


@dataclass(frozen=True)
class PrintLink:
    label: str
    route: Route
    download: bool  # a file to keep (PDF, script), not a page
    pdf: bool


@dataclass(frozen=True)
class RelatedView:
    procedure: Procedure
    route: Route
    portal: bool  # the portal's own text: listed with a tag instead of a summary


@dataclass(frozen=True)
class ProcedureView:
    procedure: Procedure
    L: Localizer
    facts: Facts
    route: Route
    url: str  # the page's address: absolute with a site URL (JSON-LD), else site-relative
    title: str
    description: str
    channels: tuple[ChannelView, ...]  # in DISPLAY_ORDER
    channel_note: str  # online is recommended, or there is no online form
    shared_exemptions: tuple[Text, ...]
    uncertain_fees: bool
    hotlines: tuple[tuple[str, str], ...]  # (province, phone), A–Z
    related: tuple[RelatedView, ...]
    forms: tuple[Form, ...]
    prints: tuple[PrintLink, ...]
    portal: PortalInfo | None

    @property
    def lang(self) -> str:
        return self.L.lang

    @property
    def has_online(self) -> bool:
        return any(c.name == "online" for c in self.channels)

    @property
    def channel_rows(self) -> tuple[ChannelRow, ...]:
        rows: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for ch in self.channels:
            rows.setdefault((ch.time.line, tuple(f.print_line for f in ch.fees)), []).append(ch.label)
        return tuple(ChannelRow(tuple(labels), time, fees) for (time, fees), labels in rows.items())

    def essentials(self) -> Essentials:
        """Each channel's fee is the rule in force for it now (a time-limited waiver before the
        standing fee it waives); channels that agree are said once, else each by its name."""
        facts = {c.name: c for c in self.facts.channels}

        def fee_now(ch: ChannelView) -> str:
            rule = facts[ch.name].limited[0] if facts[ch.name].limited else facts[ch.name].standing
            return next(f.line for f in ch.fees if f.fee is rule)

        return Essentials(self._per_channel(fee_now), self._per_channel(lambda ch: ch.time.text),
                          self.L.channel_names([c.name for c in self.channels]))

    def _per_channel(self, say: Callable[[ChannelView], str]) -> str:
        said: dict[str, list[str]] = {}
        for ch in self.channels:
            said.setdefault(say(ch), []).append(ch.name)
        if len(said) == 1:
            return next(iter(said))
        return self.L.t("proc.fact_sep").join(self.L.channel_names(names) + self.L.t("colon") + text
                                              for text, names in said.items())

    def counts(self, document: Document) -> str:
        """ "1 original · 2 copies"; "" when the file gives no numbers."""
        parts = []
        if document.originals:
            parts.append(self.L.plural("proc.originals", document.originals))
        if document.copies:
            parts.append(self.L.plural("proc.copies", document.copies))
        return " · ".join(parts)

    def counts_and_form(self, document: Document) -> str:
        """The counts, and the official form's code when the paper has one (pages)."""
        form = self.L.t("proc.form", form=document.form) if document.form else ""
        return " · ".join(x for x in (self.counts(document), form) if x)

    def jsonld(self) -> dict[str, Any]:
        """schema.org GovernmentService, for search engines and assistants."""
        p, L = self.procedure, self.L
        channels = []
        for ch in self.channels:
            item: dict[str, Any] = {"@type": "ServiceChannel", "name": ch.label, "processingTime": ch.time.iso}
            if ch.name == "online" and p.online_url:
                item["serviceUrl"] = p.online_url
            channels.append({k: v for k, v in item.items() if v})
        return {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": L.plain(p.name),
            "description": L.plain(p.summary),
            "identifier": p.code,
            "serviceType": L.plain(p.name),
            "provider": {"@type": "GovernmentOrganization", "name": L.plain(p.agency)},
            "areaServed": {"@type": "Country", "name": "Việt Nam"},
            "audience": {"@type": "Audience", "audienceType": "; ".join(L.plain(a) for a in p.applicants)},
            "availableChannel": channels,
            "url": self.url,
            "inLanguage": L.html_lang,
            "dateModified": p.reviewed.isoformat(),
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def time_view(t: Duration, L: Localizer, unknown_key: str = "time.unknown") -> TimeView:
    value = None
    iso = None
    if t.value is not None and t.unit is not None:
        value = L.plural(f"unit.{t.unit}", _number(t.value))
        iso = f"PT{t.value:g}H" if t.unit == "hour" else f"P{t.value:g}D"
    return TimeView(value, L.t(unknown_key), t.note, L.plain(t.note), iso)


def fee_view(fee: Fee, L: Localizer, shared: bool) -> FeeView:
    return FeeView(fee, fee.name, fee_amount(fee, L), fee_when(fee, L),
                   L.t("fee.uncertain") if fee.uncertain else "", fee.note,
                   () if shared else tuple(fee.exemptions))


def availability(name: str, ch: Channel, L: Localizer) -> str:
    """Plain words for what a channel covers: going in person always covers everything, so it says nothing."""
    if ch.availability == "partial":
        return L.t("availability.partial")
    return "" if name == "in_person" else L.t(f"availability.full_{name}")


def channel_view(name: str, ch: Channel, L: Localizer, unknown_key: str, shared: bool) -> ChannelView:
    return ChannelView(name, L.t(f"channel.{name}"), availability(name, ch, L),
                       time_view(ch.processing_time, L, unknown_key),
                       tuple(fee_view(fee, L, shared) for fee in ch.fees), ch.where, ch.note)


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese-friendly A–Z: ignore tones and marks first, then break ties exactly."""
    return (fold(text), text)


class Views:
    """Builds the view of any procedure in any language from the catalog and the strings.

    ``print_files`` are the print products that exist (print_run.PrintResult.files): a page links
    only to those. ``site_url`` makes the absolute address JSON-LD needs.
    """

    def __init__(self, catalog: Catalog, strings: dict[str, dict[str, str]],
                 print_files: dict[str, list[Route]] | None = None, site_url: str = "") -> None:
        self.catalog, self.strings = catalog, strings
        self.print_files = {slug: set(files) for slug, files in (print_files or {}).items()}
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self._hotlines: dict[str, tuple[tuple[str, str], ...]] = {}

    def localizer(self, lang: str) -> Localizer:
        return Localizer(lang, self.strings)

    def procedure(self, p: Procedure, lang: str) -> ProcedureView:
        L = self.localizer(lang)
        info = self.catalog.portal.get(p.code)
        f = facts(p)
        shared = bool(f.shared_exemptions)
        unknown = "portal.time_see_note" if info else "time.unknown"  # the record's note says why
        by_name = {c.name: c.channel for c in f.channels}
        channels = tuple(channel_view(name, by_name[name], L, unknown, shared)
                         for name in DISPLAY_ORDER if name in by_name)
        online = "online" in by_name
        note = "proc.online_recommended" if online else ("portal.no_online" if info else "proc.no_online")
        title = p.name.vi if info else L.plain(p.name)  # a portal page is the record's Vietnamese text
        description = L.t("portal.description") if info else L.plain(p.summary)
        related = tuple(RelatedView(r, routes.procedure(r.slug, lang), r.code in self.catalog.portal)
                        for r in self.catalog.related(p))
        route = routes.procedure(p.slug, lang)
        return ProcedureView(
            p, L, f, route, self.site_url + route.url, title, description, channels, L.t(note),
            f.shared_exemptions, any(fee.uncertain for c in f.channels for fee in c.channel.fees),
            self.hotlines(lang), related, tuple(self.catalog.forms_of(p)), self.prints(p, L), info)

    def prints(self, p: Procedure, L: Localizer) -> tuple[PrintLink, ...]:
        """The print products of this procedure that exist, then the print-for-your-commune view."""
        files = self.print_files.get(p.slug, set())
        if not files:
            return ()
        lang, vi = L.lang, routes.DEFAULT_LANG
        others = [o for o in LANGS if o != vi] if lang == vi else [lang]
        wanted = [(routes.handout(p.slug, (lang,)), L.t("print.handout_lang"))]
        wanted += [(routes.handout(p.slug, (vi, o)), L.t("print.handout_bilingual", other=L.t(f"lang.{o}")))
                   for o in others if o != vi]
        wanted += [(routes.poster(p.slug, "a4", lang), L.t("print.poster_a4")),
                   (routes.poster(p.slug, "a3", lang), L.t("print.poster_a3")),
                   (routes.script(p.slug, "short"), L.t("print.script_short")),
                   (routes.script(p.slug, "long"), L.t("print.script_long"))]
        links = [PrintLink(label, route, True, route.is_pdf)
                 for route, label in wanted if route in files]
        links.append(PrintLink(L.t("print.for_commune"), routes.print_view(p.slug, lang), False, False))
        return tuple(links)

    def hotlines(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(province, hotline) A–Z by the Vietnamese name, the same list on every page of a language."""
        if lang not in self._hotlines:
            rows = sorted(self.catalog.tables.provinces.values(), key=lambda r: sort_key(r["name_vi"]))
            self._hotlines[lang] = tuple((r.get(f"name_{lang}") or r["name_vi"], r["hotline"])
                                         for r in rows if r.get("hotline"))
        return self._hotlines[lang]
