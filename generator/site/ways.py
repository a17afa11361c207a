"""The "ways to apply" block of a procedure page: every fact said once.

The channel cards used to repeat what all channels share: birth registration showed the same day,
the same two fees and the same notes three times, about eight phone screens. Here what every
channel shares goes above the cards, once; a note that only some channels have is said once too,
headed by the channels it is about; a card keeps only what is its own (where to apply, and a time
or fee that differs). Nothing is worded here: every string comes from the channel views of
views.py, so the page still words a fee or a time exactly as the handout does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.model import LANGS, Text
from generator.site.views import ChannelView, FeeView, ProcedureView, TimeView

# A sentence ends at . ! ? before a space, or right after a Chinese full stop.
_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


@dataclass(frozen=True)
class Said:
    """Consecutive sentences of notes and the channels they are about: () when about all of them."""

    texts: tuple[Text, ...]
    channels: tuple[str, ...]  # channel names, "online", "in_person", "postal"


@dataclass(frozen=True)
class SharedFee:
    fee: FeeView  # its name, amount, when and warning, the same on every channel
    notes: tuple[Said, ...]


@dataclass(frozen=True)
class Card:
    channel: ChannelView
    time: TimeView | None  # its own time, when the channels do not all take the same
    fees: tuple[FeeView, ...]  # the fees not every channel has in the same words


@dataclass(frozen=True)
class Ways:
    time: TimeView | None  # the time every channel takes, None when they differ
    time_notes: tuple[Said, ...]
    fees: tuple[SharedFee, ...]
    cards: tuple[Card, ...]


def sentences(text: Text | None) -> tuple[Text, ...]:
    """A note cut into sentences, each still in every language. Cut only when every language gives
    the same number of sentences and none is missing: otherwise the whole note is one piece."""
    if text is None:
        return ()
    values = {lang: text.get(lang) for lang in LANGS}
    if not all(values.values()):
        return (text,)
    parts = {lang: [s for s in _END.split(str(v).strip()) if s] for lang, v in values.items()}
    if len({len(p) for p in parts.values()}) != 1:
        return (text,)
    return tuple(Text(**{lang: parts[lang][i] for lang in LANGS}) for i in range(len(parts["vi"])))


def group(notes: dict[str, tuple[Text, ...]]) -> tuple[Said, ...]:
    """The sentences of some channels' notes, each once, headed by the channels that have it: first
    those every channel has (no heading), then the others in the order they are first met;
    neighbours with one heading are joined."""
    everyone = tuple(notes)
    out: list[Said] = []
    seen: list[Text] = []
    for texts in notes.values():
        for text in texts:
            if text in seen:
                continue
            seen.append(text)
            who = tuple(name for name, own in notes.items() if text in own)
            who = () if who == everyone else who
            same = next((i for i, said in enumerate(out) if said.channels == who), None)
            if same is not None and (not who or same == len(out) - 1):
                out[same] = Said(out[same].texts + (text,), who)
            elif who:
                out.append(Said((text,), who))
            else:
                out.insert(0, Said((text,), who))
    return tuple(out)


def _fee_key(fee: FeeView) -> tuple[object, ...]:
    return (fee.name, fee.amount, fee.when, fee.warning, fee.exemptions)


def ways(v: ProcedureView) -> Ways:
    channels = v.channels
    times = {ch.time.text for ch in channels}
    shared_time = channels[0].time if channels and len(times) == 1 else None
    time_notes = group({ch.name: sentences(ch.time.note) for ch in channels}) if shared_time else ()

    keys = [[_fee_key(f) for f in ch.fees] for ch in channels]
    common = [k for k in keys[0] if all(k in other for other in keys)] if channels else []
    fees = tuple(SharedFee(fee, group({ch.name: sentences(next(f for f in ch.fees if _fee_key(f) == key).note)
                                       for ch in channels}))
                 for key in common for fee in (next(f for f in channels[0].fees if _fee_key(f) == key),))
    cards = tuple(Card(ch, None if shared_time else ch.time,
                       tuple(f for f in ch.fees if _fee_key(f) not in common)) for ch in channels)
    return Ways(shared_time, time_notes, fees, cards)
