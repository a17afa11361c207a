"""Fee wording and time-limited fee rules, in one place for pages, handouts and scripts.

A fee entry may hold only between ``valid_from`` and ``valid_until`` (a waiver decided
after the portal's record, for example). The catalog keeps only the rules in force on the
build day, so every output agrees; the wording names the end date of a rule that has one.
"""
from __future__ import annotations

import datetime as dt

from generator.model import Channels, Fee, Procedure
from generator.strings import Localizer


def in_force(procedure: Procedure, today: dt.date) -> Procedure:
    """The procedure with only the fee rules that hold on ``today``, a time-limited rule first:
    while a waiver holds it is what most people pay, so it is read before the standing fee."""
    def order(fees: list[Fee]) -> list[Fee]:
        kept = [f for f in fees if f.in_force(today)]
        # A channel whose every rule has lapsed keeps them all rather than showing no fee at all;
        # `guide check` warns about the lapsed rule (fee.expired).
        return sorted(kept or fees, key=lambda f: f.valid_until is None)

    changed = {name: order(ch.fees) for name, ch in procedure.channels.items()}
    if all(changed[name] == ch.fees for name, ch in procedure.channels.items()):
        return procedure
    channels = {name: ch.model_copy(update={"fees": changed[name]}) for name, ch in procedure.channels.items()}
    return procedure.model_copy(update={"channels": Channels(**channels)})


def amount(fee: Fee, L: Localizer) -> str:
    """ "Free", "20.000 đồng", "2.000 đồng per page, at most 200.000 đồng", or "not confirmed"."""
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


def qualifier(fee: Fee, L: Localizer) -> str:
    """When the rule holds: its condition and its last day, e.g. "if you apply online …, until 28/2/2027"."""
    parts = []
    if fee.condition:
        parts.append(L.t("fee.condition", condition=L.plain(fee.condition)))
    if fee.valid_until:
        parts.append(L.t("fee.until", date=L.date(fee.valid_until)))
    return ", ".join(parts)


def line(fee: Fee, L: Localizer) -> str:
    """One plain line for print: amount, when it holds, and the uncertainty warning."""
    text = amount(fee, L)
    if when := qualifier(fee, L):
        text += f" ({when})"
    if fee.uncertain:
        text += ". " + L.t("fee.uncertain")
    return text
