"""Time-limited fee rules: which hold on the build day.

A fee entry may hold only between ``valid_from`` and ``valid_until`` (a waiver decided
after the portal's record, for example). The catalog keeps only the rules in force on the
build day, so every output agrees. How a rule is worded, with its condition and end date,
is the view's (views.py fee_amount, fee_when).
"""
from __future__ import annotations

import datetime as dt

from generator.content.model import Channels, Fee, Procedure


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
