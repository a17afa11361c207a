"""Questions that narrow the documents checklist: the rule, its checks and its graph.

The rule lives here once and in `templates/assets/questions.js` for the browser; a
browser test walks every answer combination and compares the two.

    * Before any answer, every document group is shown.
    * A group without ``applies_when`` is always shown.
    * Otherwise, for every question it lists: a radio answer must be one of the values, a
      checkbox question needs one of the values ticked. A radio question not answered yet
      hides nothing; a question that is not asked (its ``ask_when`` is not met) counts as
      answered with nothing.
    * A question with ``ask_when`` is asked once an earlier question got one of those answers.
"""
from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from generator.content.crosscheck import Entry, repeats
from generator.diagnostics.errors import Issue
from generator.content.model import Procedure, Question, Text

Chosen = Mapping[str, Sequence[str]]  # question id -> values ticked or chosen
MAX_COMBINATIONS = 4096


def _matches(condition: Mapping[str, Sequence[str]], answers: Chosen, asked: set[str],
             questions: Mapping[str, Question], lenient: bool = True) -> bool:
    for qid, values in condition.items():
        question = questions.get(qid)
        given = list(answers.get(qid, ())) if qid in asked else []
        if lenient and question is not None and question.type == "radio" and qid in asked and not given:
            continue  # not answered yet: hides nothing
        if not set(given) & set(values):
            return False
    return True


def asked(procedure: Procedure, answers: Chosen) -> set[str]:
    """Ids of the questions shown for these answers (ask_when looks back only, and needs the answer)."""
    shown: set[str] = set()
    by_id = {q.id: q for q in procedure.questions}
    for q in procedure.questions:
        if not q.ask_when or _matches(q.ask_when, answers, shown, by_id, lenient=False):
            shown.add(q.id)
    return shown


def visible_groups(procedure: Procedure, answers: Chosen) -> list[str]:
    """Ids of the document groups to show for these answers."""
    if not any(answers.get(q.id) for q in procedure.questions):
        return [g.id for g in procedure.dossier]
    by_id = {q.id: q for q in procedure.questions}
    shown = asked(procedure, answers)
    return [g.id for g in procedure.dossier
            if not g.applies_when or _matches(g.applies_when, answers, shown, by_id)]


def _choices(question: Question) -> list[tuple[str, ...]]:
    values = [o.value for o in question.options]
    if question.type == "radio":
        return [()] + [(v,) for v in values]
    return [combo for n in range(len(values) + 1) for combo in itertools.combinations(values, n)]


def count_combinations(procedure: Procedure) -> int:
    return math.prod(len(_choices(q)) for q in procedure.questions)


def combinations(procedure: Procedure) -> Iterator[dict[str, tuple[str, ...]]]:
    """Every way of answering the questions (each radio unanswered or one option; checkbox subsets)."""
    ids = [q.id for q in procedure.questions]
    for combo in itertools.product(*(_choices(q) for q in procedure.questions)):
        yield {qid: values for qid, values in zip(ids, combo) if values}


def flow_issues(entry: Entry) -> list[Issue]:
    """Questions and conditions that refer to nothing, look forward, or can never show a group."""
    p = entry.procedure
    issues = [entry.issue("question.duplicate", f"/questions/{i}/id", value=p.questions[i].id)
              for i in repeats(q.id for q in p.questions)]
    earlier: dict[str, Question] = {}  # ask_when may only look back
    for i, q in enumerate(p.questions):
        issues += [entry.issue("question.duplicate", f"/questions/{i}/options/{j}/value", value=q.options[j].value)
                   for j in repeats(o.value for o in q.options)]
        issues += _condition_issues(entry, f"/questions/{i}/ask_when", q.ask_when, earlier)
        earlier.setdefault(q.id, q)
    # the page, its links and applies_when name groups by id
    issues += [entry.issue("dossier.duplicate-group", f"/dossier/{i}/id", value=p.dossier[i].id)
               for i in repeats(g.id for g in p.dossier)]
    for i, group in enumerate(p.dossier):
        issues += _condition_issues(entry, f"/dossier/{i}/applies_when", group.applies_when, earlier)
    if issues or not p.questions:
        return issues
    # Walking every combination proves reachability; a flow too big to walk is not judged.
    walkable = count_combinations(p) <= MAX_COMBINATIONS
    return _unused_issues(entry) + (_reach_issues(entry) if walkable else [])


def _condition_issues(entry: Entry, pointer: str, condition: Mapping[str, Sequence[str]],
                      known: Mapping[str, Question]) -> list[Issue]:
    issues = []
    all_ids = {q.id for q in entry.procedure.questions}
    for qid, values in condition.items():
        at = f"{pointer}/{qid}"
        question = known.get(qid)
        if question is None:
            code = "question.order" if qid in all_ids else "question.unknown"
            issues.append(entry.issue(code, at, on_key=True, value=qid))
            continue
        options = [o.value for o in question.options]
        for k, value in enumerate(values):
            if value not in options:
                issues.append(entry.issue("question.unknown-option", f"{at}/{k}", value=value,
                                          question=qid, allowed=", ".join(options)))
    return issues


def _reach_issues(entry: Entry) -> list[Issue]:
    p = entry.procedure
    reached: set[str] = set()
    for answers in combinations(p):
        if answers:  # before any answer every group shows; that proves nothing
            reached.update(visible_groups(p, answers))
    return [entry.issue("question.unreachable", f"/dossier/{i}/applies_when", on_key=True, group=g.id)
            for i, g in enumerate(p.dossier) if g.id not in reached]


def _unused_issues(entry: Entry) -> list[Issue]:
    p = entry.procedure
    used = {qid for g in p.dossier for qid in g.applies_when}
    used |= {qid for q in p.questions for qid in q.ask_when}
    return [entry.issue("question.unused", f"/questions/{i}/id", value=q.id)
            for i, q in enumerate(p.questions) if q.id not in used]


def mermaid(procedure: Procedure, lang: str = "vi") -> str:
    """The question flow as a Mermaid flowchart: questions, their answers, and the groups they show."""
    def label(text: str) -> str:
        return '"' + text.replace('"', "#quot;") + '"'

    def said(text: Text) -> str:
        return text.get(lang) or text.vi

    lines = ["flowchart TD", f"  start([{label(procedure.code + ' ' + said(procedure.name))}])"]
    previous = "start"
    for q in procedure.questions:
        node = "q_" + q.id.replace("-", "_")
        lines.append(f"  {node}{{{label(said(q.text))}}}")
        if q.ask_when:
            for qid, values in q.ask_when.items():
                for v in values:
                    lines.append(f"  q_{qid.replace('-', '_')} -- {label(v)} --> {node}")
        else:
            lines.append(f"  {previous} --> {node}")
            previous = node
    for g in procedure.dossier:
        node = "g_" + g.id.replace("-", "_")
        lines.append(f"  {node}[{label(said(g.case))}]")
        if not g.applies_when:
            lines.append(f"  start -.-> {node}")
        for qid, values in g.applies_when.items():
            for v in values:
                lines.append(f"  q_{qid.replace('-', '_')} -- {label(v)} --> {node}")
    return "\n".join(lines) + "\n"


def write_flows(procedures: Sequence[Procedure], folder: Path) -> list[Path]:
    """One Mermaid file per procedure with questions, and an index that GitHub renders as diagrams."""
    with_questions = [p for p in procedures if p.questions]
    if not with_questions:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    index = ["# Question flows", "",
             "Generated by `guide build`. Each diagram shows a procedure's questions, the answers",
             "that lead on, and the document groups they show (dotted: shown to everyone).", ""]
    for p in with_questions:
        chart = mermaid(p)
        path = folder / f"{p.slug}.mmd"
        path.write_text(chart, encoding="utf-8")
        written.append(path)
        index += [f"## {p.code} {p.name.vi}", "", "```mermaid", chart.rstrip("\n"), "```", ""]
    (folder / "index.md").write_text("\n".join(index), encoding="utf-8")
    return written
