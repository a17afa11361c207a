"""What a loudspeaker script says about the papers to bring (broadcast.py fits it into the script).

Residents' review: "say what to bring". Every wording here is plain spoken Vietnamese, longest
first; broadcast.py picks the longest that fits the time slot.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from generator.content.model import Document, DocumentGroup, Procedure
from generator.print.spoken import core, listing, mid, speakable, without_asides


class PaperPart(NamedTuple):
    """A part of the long script (broadcast._Part without ``early``): where it sits, when it goes
    in, its wordings longest first, whether it must, and when it may take a longer wording."""

    order: float
    priority: float
    variants: tuple[str, ...]
    required: bool = False
    grow: float | None = None


def names(docs: list[Document], compact: int = 0) -> list[str]:
    """Names as a resident calls them. ``compact`` 1: without asides ("theo mẫu") or a trailing
    example or purpose ("..., ví dụ ...", "..., để ..."); 2: a form by its code ("tờ khai mẫu
    CT01") or as "tờ khai theo mẫu", since the script has just named the procedure."""
    def name(d: Document) -> str:
        short = core(without_asides(d.name.vi))
        if compact > 1 and short.lower().startswith("tờ khai") and (d.form or "theo mẫu" in d.name.vi):
            return f"tờ khai mẫu {d.form}" if d.form and re.fullmatch(r"[A-ZĐ]{1,4}\d+", d.form) else "tờ khai theo mẫu"
        return short if compact else d.name.vi
    return [name(d) for d in docs]


def _said(lead: str, docs: list[Document], lead_if_some: str) -> tuple[str, ...]:
    """A group's papers: the main (required) ones, and when time allows the ones only some
    people need, "tùy trường hợp"; a group with only such papers takes ``lead_if_some``."""
    main, rest = [d for d in docs if d.required], [d for d in docs if not d.required]
    if not main:
        return tuple(dict.fromkeys(f"{lead_if_some}{listing(names(rest, c))}." for c in (0, 1)))
    more = f" Tùy trường hợp, có thể cần thêm: {listing(names(rest))}." if rest else ""
    return tuple(dict.fromkeys((f"{lead}{listing(names(main))}.{more}", f"{lead}{listing(names(main))}.",
                                f"{lead}{listing(names(main, 1))}.")))


def _case(group: DocumentGroup, short: bool = False) -> str:
    """ "Nếu ..." as the file says it, or "Với <case>"; ``short`` without a trailing example."""
    case = speakable(group.case.vi)
    case = core(case) if short else case
    return case if case.startswith("Nếu") else f"Với {mid(case)}"


def _in_every_case(groups: list[DocumentGroup]) -> list[Document]:
    """The required papers every case asks for (the same form, or the same name), as the first
    case names them: "tờ khai mẫu CT01" when each case has its own wording of it."""
    def key(d: Document) -> str:
        return d.fill_in or d.form or without_asides(d.name.vi).lower()
    keys = [{key(d) for d in g.documents if d.required} for g in groups]
    return [d for d in groups[0].documents if d.required and all(key(d) in k for k in keys)] if groups else []


def _by_case(cases: list[DocumentGroup]) -> tuple[str, ...]:
    """The short script's papers when nothing is for everyone (every group is for some answers):
    each case's papers; or what every case needs; or the first case's first paper. Never only
    "it depends": a listener must hear at least one paper to bring."""
    cases = [g for g in cases if any(d.required for d in g.documents)]
    if not cases:
        return ()
    lead = "Giấy tờ cần chuẩn bị tùy trường hợp"
    need = [[d for d in g.documents if d.required] for g in cases]
    wordings = [f"{lead}. " + " ".join(f"{_case(g, True)}, cần: {listing(names(n, c))}." for g, n in zip(cases, need))
                for c in (1, 2)]
    if common := _in_every_case(cases):
        wordings.append(f"{lead}; trường hợp nào cũng cần {listing(names(common, 2))}.")
    wordings.append(f"{lead}, ví dụ {mid(_case(cases[0], True))}, cần: {listing(names(need[0][:1], 2))}.")
    return tuple(dict.fromkeys(wordings))


def papers(p: Procedure) -> tuple[tuple[str, ...], list[PaperPart]]:
    """What to bring: the short script's wordings (the one or two main papers) and the long
    script's parts. The long script names the main papers of every group the page shows to
    everyone (no ``applies_when``): those for all, those shown at the counter, and those of a
    case ("Nếu gửi hồ sơ qua bưu điện"); groups for some answers go in when time allows,
    unless every group is for some answers: then each case's papers are said."""
    shown_to_all = [g for g in p.dossier if not g.applies_when]
    at_counter = [g for g in shown_to_all if g.id == "show-at-counter"]
    for_all = [g for g in shown_to_all if g not in at_counter
               and (g.id == "all" or not speakable(g.case.vi).startswith("Nếu"))]
    docs = [d for g in for_all for d in g.documents]
    shown = [d for g in at_counter for d in g.documents]

    parts: list[PaperPart] = []
    if docs:
        parts.append(PaperPart(10, 1, _said("Giấy tờ cần chuẩn bị gồm: ", docs,
                                        "Giấy tờ cần chuẩn bị, tùy trường hợp: "), True, 1.1))
    if shown:
        parts.append(PaperPart(10.5, 1.5, _said("Khi đi, bà con mang theo để xuất trình: ", shown,
                                            "Khi đi, tùy trường hợp, bà con mang theo để xuất trình: "),
                           any(d.required for d in shown), 1.6))
    cases = [g for g in p.dossier if g not in for_all and g not in at_counter]
    only_cases = not docs and not shown  # nothing for everyone: each case's papers must be said
    for i, group in enumerate(cases):
        need = "cần thêm" if docs else "cần"
        to_all = (only_cases or not group.applies_when) and any(d.required for d in group.documents)
        said = tuple(dict.fromkeys(w for case in (_case(group), _case(group, True))
                                   for w in _said(f"{case}, {need}: ", group.documents, f"{case}, có thể {need}: ")))
        parts.append(PaperPart(11 + i / 100, 2 + i / 100, said, to_all, 2 + i / 100))

    main = [d for d in docs + shown if d.required]
    short = tuple(dict.fromkeys(
        f"Giấy tờ {'' if len(few) == len(main) else 'chính '}cần chuẩn bị: {listing(names(few, compact))}."
        for few, compact in ((main[:2], 0), (main[:2], 1), (main[:2], 2), (main[:1], 1), (main[:1], 2)) if few))
    if main:  # fewest words: "Giấy tờ chính: tờ khai mẫu xê tê không một."
        short += (f"Giấy tờ {'cần có' if len(main) == 1 else 'chính'}: {listing(names(main[:1], 2))}.",)
    elif only_cases:
        short = _by_case(cases)
    return short, parts
