"""Loudspeaker scripts ("loa phát thanh xã") for one procedure.

Commune staff read these aloud over outdoor horn speakers, so the text is plain
Vietnamese for the ear: no lists or links, every number in words, phone numbers
digit by digit, the key facts said twice, and the last sentence says where to
get help. Procedures differ a lot in how much there is to say, so each script
is built from prioritised parts and fitted to a target duration.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.print.spoken import (  # noqa: F401 - re-exported for callers
    HOW,
    PACE_SYLLABLES_PER_MINUTE,
    LETTERS,
    cap,
    core,
    count_syllables,
    digit_words,
    estimate_seconds,
    listing,
    mid,
    number_words,
    say,
    speakable,
    spoken_phone,
    time_and_fees,
    time_and_fees_brief,
    without_asides,
)
from generator.content.model import Procedure
from generator.print.spoken_papers import papers as spoken_papers
from generator.site.views import facts

# espeak-ng's -s is nominally words a minute, but its Vietnamese voice reads
# faster than that: measured with espeak-ng 1.51, -s 102 gives audio as long as
# estimate_seconds() (within about 5%), i.e. the pace above, pauses included.
ESPEAK_SPEED: int = round(PACE_SYLLABLES_PER_MINUTE * 0.73)

TARGETS: dict[str, tuple[float, float]] = {"short": (45, 75), "long": (150, 210)}
# Where in each range to stop adding detail: the one-minute version needs most of
# its range for the facts it must carry; the long one aims a little over three
# minutes. Both leave seconds for a reader slower than the estimate.
_AIM = {"short": 0.8, "long": 0.6}

GENERIC_COUNTER = "Trung tâm Phục vụ hành chính công của xã, phường"


@dataclass(frozen=True)
class Script:
    version: Literal["short", "long"]
    text: str
    syllables: int
    seconds: float


@dataclass(frozen=True)
class _Part:
    """A piece of a script and its wordings, longest first.

    ``order`` is where it sits; ``priority`` when it goes in (shortest wording);
    ``grow`` when it may take a longer wording: breadth first, then detail. ``early``
    (priority, index) grows it sooner, but only up to the wording at that index.
    """

    order: float
    priority: float
    variants: tuple[str, ...]
    required: bool = False
    grow: float | None = None
    early: tuple[float, int] | None = None


def _fit(parts: list[_Part], version: str) -> str:
    """Required parts in their shortest wording, then add and grow parts, most important
    first, while the estimate stays under this version's aim. A required part stays in even
    when the aim is passed: its shortest wording is the least the script must say."""
    lo, hi = TARGETS[version]
    budget = lo + _AIM[version] * (hi - lo)
    parts = [p for p in parts if p.variants]
    chosen = {i: p.variants[-1] for i, p in enumerate(parts) if p.required}

    def text(choice: dict[int, str]) -> str:
        return " ".join(choice[i] for i in sorted(choice, key=lambda i: parts[i].order))

    moves = [(p.priority, i, False, 0) for i, p in enumerate(parts) if not p.required]
    moves += [(p.priority if p.grow is None else p.grow, i, True, 0) for i, p in enumerate(parts)]
    moves += [(*p.early[:1], i, True, p.early[1]) for i, p in enumerate(parts) if p.early]
    for _, i, grow, longest in sorted(moves):
        if grow != (i in chosen):  # add what is missing, grow what is in
            continue
        for variant in parts[i].variants[longest:] if grow else parts[i].variants[-1:]:
            if estimate_seconds(text({**chosen, i: variant})) <= budget:
                chosen[i] = variant
                break
    return text(chosen)


def _spare(variants: tuple[str, ...]) -> tuple[float, int]:
    """An ``early`` that takes back the second-shortest wording first thing: the shortest is kept
    for when nothing else fits."""
    return (0.05, max(len(variants) - 2, 0))


# --------------------------------------------------------------- scripts --

def broadcast_scripts(procedure: Procedure, commune_name: str | None,
                      office: Mapping[str, str] | None, hotline: str | None) -> list[Script]:
    """The short (about one minute) and long (about three minutes) scripts, in that order."""
    office = office or {}
    p, ch = procedure, procedure.channels
    known = facts(p)  # which fee is each channel's own, its time-limited rules, who pays nothing
    channels = [(c.name, c.channel) for c in known.channels]
    main_facts = [c for c in known.channels if c.name != "postal"] or list(known.channels)
    main = [(c.name, c.channel) for c in main_facts]
    name = mid(speakable(p.name.vi))
    counter = office.get("counter_vi") or GENERIC_COUNTER
    address, hours = (mid(speakable(office.get(k, ""))) for k in ("address_vi", "hours_vi"))
    phone = spoken_phone(office["phone"]) if office.get("phone") else ""
    counter_at = counter + (f", địa chỉ {address}" if address else "")

    # Where to go: the one-stop counter, unless the file names another office (the police).
    where = ch.in_person.where.vi if ch.in_person and ch.in_person.where else ""
    head, _, alternative = where.partition(", hoặc ")
    at_counter = bool(ch.in_person) and (
        not where or "một cửa" in head or head.startswith(("Ủy ban nhân dân", "Trung tâm Phục vụ hành chính công")))
    if at_counter:
        submit = counter_at + (f", hoặc {mid(speakable(alternative))}" if alternative else "")
        submit_short = counter
    else:  # the short version names the first of several places ("..., hoặc địa điểm khác")
        submit, submit_short = (mid(speakable(w)) if ch.in_person else "" for w in (where, head))
    # Hours are the counter's; nobody's hours are made up. The short version may say
    # only "trong giờ làm việc" when the full hours do not fit.
    own_hours = bool(hours) and (at_counter or not ch.in_person)
    when = f"trong giờ làm việc, {hours}" if own_hours else "trong giờ hành chính"
    when_short = "trong giờ làm việc" if own_hours else "trong giờ hành chính"
    # The phone is the counter's: read it after the counter, never after another office.
    phone_in_recap = bool(phone) and (at_counter or not ch.in_person)
    phone_recap = f" Số điện thoại: {phone}." if phone_in_recap else ""
    # Never an address: the portal and the app by name.
    web = ch.online.where.vi if ch.online and ch.online.where else ""
    how_online = ("trên Cổng Dịch vụ công quốc gia" if "Cổng Dịch vụ công" in web else "trên mạng") + (
        ", hoặc trên điện thoại qua ứng dụng VNeID" if "VNeID" in web else "")
    app = "qua ứng dụng VNeID" if "VNeID" in how_online else how_online
    by_post = ", hoặc gửi qua bưu điện" if ch.postal else ""

    place: tuple[str, ...]
    recaps: tuple[str, ...]
    if submit:
        place = (f"Bà con đến {submit}, {when}.", f"Bà con đến {submit_short}, {when}.",
                 f"Bà con đến {submit_short}, {when_short}.", f"Bà con đến {submit_short}.")
        recaps = (f"Xin nhắc lại: thủ tục {name} làm tại {submit}, {when}.{phone_recap}",
                  f"Xin nhắc lại: làm tại {submit}, {when}.{phone_recap}",
                  f"Xin nhắc lại: bà con đến {submit_short}, {when_short}.{phone_recap}",
                  f"Xin nhắc lại: đến {submit_short}, {when_short}.{phone_recap}")
    else:  # nothing to hand in locally: the counter is where to ask for guidance
        place = tuple(dict.fromkeys(f"Thủ tục này làm trực tuyến{how}{by_post}."
                                    for how in (f" {how_online}", f" {app}", "")))
        ask, ask_short = (f" Cần hướng dẫn, bà con đến {c}, {w}.{phone_recap}"
                          for c, w in ((counter_at, when), (counter, when_short)))
        recaps = (f"Xin nhắc lại: thủ tục {name} làm trực tuyến{by_post}.{ask}",
                  f"Xin nhắc lại: làm trực tuyến{by_post}.{ask}",
                  f"Xin nhắc lại: làm trực tuyến{by_post}.{ask_short}")
    # Always last: where to get help, the hotline if known and the counter (with its
    # phone, unless the recap has just read it out).
    call = f", hoặc gọi số {phone}" if phone and not phone_in_recap else ""
    if hotline:
        line = spoken_phone(hotline)
        helps = (f"Cần hỗ trợ thêm, bà con gọi đường dây nóng của tỉnh, thành phố, số {line}, "
                 f"hoặc đến {counter} để được hướng dẫn{call}.",
                 f"Cần hỗ trợ, gọi đường dây nóng {line}, hoặc đến {counter}{call}.")
    else:
        helps = (f"Cần hỗ trợ thêm, bà con đến {counter} để được hướng dẫn{call}.",
                 f"Cần hỗ trợ, bà con đến {counter}{call}.")

    commune = mid(commune_name or office.get("name_vi") or "")
    openings = (f"Kính thưa bà con nhân dân{' ' + commune if commune else ''}. "
                f"Xin trân trọng thông báo tới bà con về thủ tục {name}.",
                f"Kính thưa bà con nhân dân. Thông báo về thủ tục {name}.",
                f"Kính thưa bà con, thông báo về thủ tục {name}.")
    summary = speakable(p.summary.vi)
    first = summary.split(". ")[0].rstrip(".") + "."
    # Last resort: drop a trailing example or purpose clause ("..., ví dụ ...", "... để đi làm ...").
    gist = core(first, loose=True) + "."
    summaries = tuple(dict.fromkeys((summary, first, gist if count_syllables(gist) >= 6 else first)))

    if ch.online and ch.in_person:
        recommends: tuple[str, ...] = tuple(dict.fromkeys((
            f"Bà con nên làm trực tuyến {how_online}, cho nhanh và đỡ phải đi lại. "
            "Việc này không bắt buộc, bà con vẫn có thể đến nộp trực tiếp.",
            f"Bà con nên làm trực tuyến {app}, nhưng không bắt buộc.",
            f"Bà con nên làm trực tuyến{' qua VNeID' if 'VNeID' in app else ''}, nhưng không bắt buộc.")))
    elif ch.online:
        recommends = (f"Nếu chưa quen làm trên mạng, bà con có thể nhờ người thân giúp, hoặc đến {counter} "
                      "để được hướng dẫn.", "Nếu chưa quen làm trên mạng, bà con có thể nhờ người thân giúp.")
    else:
        recommends = ()
    # A channel that still needs a visit says so; for online, recommending it without
    # that would mislead, so both versions keep it: the note, its sentences that say what
    # one must do, or at least that a visit is still needed.
    visit = {k: speakable(c.note.vi) for k, c in channels if c.availability == "partial" and c.note}
    online_visit: tuple[str, ...] = ()
    if ch.online and ch.online.availability == "partial":
        note = visit.pop("online", "")
        musts = " ".join(sentence for sentence in re.split(r"(?<=[.!?])\s+", note)
                         if re.search(r"(?<!không )\bphải\b", sentence))
        online_visit = tuple(dict.fromkeys(v for v in (
            note, musts, "Làm trực tuyến, bà con vẫn phải đến trực tiếp ít nhất một lần.") if v))

    exemptions = [e.vi for e in known.exemptions]
    few = " và ".join(mid(speakable(e)) for e in exemptions[:2])
    exempt = (f"Những người được miễn lệ phí gồm: {listing(exemptions)}.",
              f"Một số người được miễn lệ phí, ví dụ {few}.") if exemptions else ()
    papers, paper_parts = spoken_papers(p)
    phone_part = (f"Số điện thoại của {counter}: {phone}.",) if phone else ()
    volunteers = speakable(office.get("volunteers_vi", ""))
    prepare = ("Bà con nên chuẩn bị đủ giấy tờ trước khi đi, để khỏi phải đi lại nhiều lần.",)

    def steps(detail: bool, postal: bool, only: str | None = None) -> str:
        """All steps, or without those for the post only, or only one channel's way."""
        out = ["Các bước làm như sau."]
        for step in (s for s in p.steps if (postal or s.channels != ["postal"])
                     and (only is None or not s.channels or only in s.channels)):
            title = mid(speakable(step.title.vi))
            if step.channels and len(step.channels) == 1:
                title = f"nếu {HOW[step.channels[0]]}, {title}"
            more = f" {speakable(step.detail.vi)}" if detail and step.detail else ""
            out.append(f"Bước {say(len(out))}: {title}.{more}")
        return " ".join(out)

    # _Part(order, priority, wordings, required, grow, early)
    fitted = (time_and_fees(main_facts), *(time_and_fees_brief(main_facts, level, name) for level in (0, 1, 2)))
    # The short version may leave out the summary: the name has just been read, and the minute
    # is for where, time, fees and papers (the one or two main ones; or that they depend on the case).
    short = [
        # The shortest wordings ("Kính thưa bà con", "qua VNeID", "Giấy tờ chính: ...", "Xin nhắc lại: đến
        # ...") are a last resort: the next ones come back first, when they fit.
        _Part(0, 0, openings, True, 3.5, _spare(openings)), _Part(1, 1.5, summaries, grow=2.5),
        _Part(3, 0, tuple(dict.fromkeys(place[:1] + place[2:])), True, 1),
        _Part(4, 2, phone_part), _Part(6, 2.5, recommends, bool(ch.in_person and ch.online), 3, _spare(recommends)),
        _Part(6.5, 0, online_visit, True, 0.5), _Part(7, 0, fitted, True, 2, early=(0.3, 2)),
        _Part(9, 4, exempt[1:]),
        _Part(9.5, 0, papers, True, 1.2, _spare(papers)) if papers else
        _Part(9.5, 3, ("Giấy tờ cần chuẩn bị tùy từng trường hợp.",)),
        _Part(16, 6, prepare), _Part(20, 0, recaps, True, 3, _spare(recaps)), _Part(21, 0, helps, True, 3),
    ]

    applicants = [mid(speakable(a.vi)) for a in p.applicants]
    long = [
        _Part(0, 0, openings[:1], True), _Part(1, 0, summaries[:2], True, 0.8),
        _Part(2, 3, (f"Người làm thủ tục này gồm: {'; '.join(applicants)}.",
                     f"Người làm thủ tục này: {applicants[0]}."), grow=3.5),
        _Part(3, 0, place, True, 0.3), _Part(4, 0.4, phone_part), _Part(6, 0, recommends, True, 1),
        _Part(6.5, 0, online_visit, True, 0.5),
        # time and the first fees before anything else grows; every fee of every channel later
        _Part(7, 0, (time_and_fees(list(known.channels)), *fitted), True, 1.4, early=(0.2, 2)),
        _Part(9, 1.2, exempt, grow=1.5), *(_Part(*part) for part in paper_parts),
        _Part(12, 0.7, (steps(True, True), steps(False, True), steps(False, False),
                        steps(False, False, only=main[0][0])), True, 2.5),
        _Part(14, 3, (f"Kết quả bà con nhận được: {mid(speakable(p.result.vi))}",)),
        _Part(15, 3, (cap(volunteers) + ".",) if volunteers else ()),
        _Part(16, 8, prepare),
        _Part(17, 9, ("Nếu chưa rõ, bà con cứ hỏi cán bộ tại quầy để được hướng dẫn.",)),
        _Part(20, 0, recaps[:3], True, 0.5), _Part(21, 0, helps, True, 0.5),
    ] + [_Part(6.5, 0.5, (note,)) for note in visit.values()]
    for kind, c in channels:  # the counter's own rules next to the place, the rest next to online
        if c.note and c.availability == "full":
            long.append(_Part(3.5 if kind == "in_person" else 6.6, 4, (speakable(c.note.vi),)))
    for i, condition in enumerate(p.conditions):
        long.append(_Part(13 + i / 100, 5 + i / 100, (speakable(condition.vi),)))

    scripts = []
    versions: tuple[tuple[Literal["short", "long"], list[_Part]], ...] = (("short", short), ("long", long))
    for version, parts in versions:
        text = _fit(parts, version)
        scripts.append(Script(version, text, count_syllables(text), round(estimate_seconds(text), 1)))
    return scripts


def write_wav(text: str, path: Path) -> bool:
    """Read ``text`` with espeak-ng's Vietnamese voice into a WAV file.

    False when espeak-ng is not installed (the caller says so); a failed run raises.
    """
    program = shutil.which("espeak-ng")
    if program is None:
        return False
    result = subprocess.run(
        [program, "-v", "vi", "-s", str(ESPEAK_SPEED), "-w", str(path), "--stdin"],
        input=text.encode("utf-8"), capture_output=True, timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"espeak-ng failed: {result.stderr.decode('utf-8', 'replace').strip()}")
    return True
