"""The questions' rule (generator/content/flow.py) on a small flow, and the diagrams written for editors."""
from __future__ import annotations

import yaml

from conftest import ROOT, base_yaml
from generator.config import load_settings
from generator.content.flow import asked, combinations, mermaid, visible_groups
from generator.content.model import Procedure
from generator.content.validate import validate

FLOW = """
questions:
  - id: noi-sinh
    type: radio
    text: {vi: "Trẻ sinh ở đâu?"}
    options:
      - {value: trong-nuoc, label: {vi: Trong nước}}
      - {value: nuoc-ngoai, label: {vi: Nước ngoài}}
  - id: giay-to
    type: checkbox
    text: {vi: "Bạn có giấy nào?"}
    ask_when: {noi-sinh: [nuoc-ngoai]}
    options:
      - {value: ho-chieu, label: {vi: Hộ chiếu}}
      - {value: giay-sinh, label: {vi: Giấy sinh nước ngoài}}
dossier:
  - id: all
    case: {vi: Mọi trường hợp}
    documents: [{name: {vi: Tờ khai}}]
  - id: abroad
    case: {vi: Sinh ở nước ngoài}
    applies_when: {noi-sinh: [nuoc-ngoai]}
    documents: [{name: {vi: Giấy sinh}}]
  - id: passport
    case: {vi: Có hộ chiếu}
    applies_when: {giay-to: [ho-chieu]}
    documents: [{name: {vi: Hộ chiếu}}]
"""


def procedure() -> Procedure:
    data = yaml.safe_load(base_yaml())
    data.update(yaml.safe_load(FLOW))
    data["code"] = str(data["code"])
    return Procedure.model_validate(data, strict=False)


def test_before_any_answer_every_group_shows():
    assert visible_groups(procedure(), {}) == ["all", "abroad", "passport"]


def test_a_radio_answer_narrows_and_an_unasked_question_counts_as_unanswered():
    p = procedure()
    assert visible_groups(p, {"noi-sinh": ["trong-nuoc"]}) == ["all"]
    assert asked(p, {"noi-sinh": ["trong-nuoc"]}) == {"noi-sinh"}
    # a stale tick on a question that is no longer asked does not count
    assert visible_groups(p, {"noi-sinh": ["trong-nuoc"], "giay-to": ["ho-chieu"]}) == ["all"]


def test_checkbox_groups_need_a_tick_once_the_question_is_asked():
    p = procedure()
    assert visible_groups(p, {"noi-sinh": ["nuoc-ngoai"]}) == ["all", "abroad"]
    assert visible_groups(p, {"noi-sinh": ["nuoc-ngoai"], "giay-to": ["ho-chieu"]}) == ["all", "abroad", "passport"]


def test_an_unanswered_radio_hides_nothing():
    p = procedure()
    # only the checkbox is ticked (its question is not asked yet): groups on noi-sinh stay
    assert visible_groups(p, {"giay-to": ["giay-sinh"]}) == ["all", "abroad"]


def test_combinations_cover_unanswered_radios_and_every_checkbox_subset():
    combos = list(combinations(procedure()))
    assert len(combos) == 3 * 4
    assert {} in combos and {"noi-sinh": ("nuoc-ngoai",), "giay-to": ("ho-chieu", "giay-sinh")} in combos


def test_the_diagram_names_every_question_answer_and_group():
    chart = mermaid(procedure())
    assert chart.startswith("flowchart TD\n")
    assert 'q_noi_sinh -- "nuoc-ngoai" --> q_giay_to' in chart
    assert 'q_giay_to -- "ho-chieu" --> g_passport' in chart
    assert "start -.-> g_all" in chart
    assert '"Trẻ sinh ở đâu?"' in chart


def test_the_build_writes_a_diagram_for_each_procedure_with_questions(site_dir):
    records = validate(load_settings(ROOT)).records
    with_questions = [r.get_entry().procedure for r in records if r.get_entry().procedure.questions]
    assert with_questions
    for p in with_questions:
        assert (site_dir / "flows" / f"{p.slug}.mmd").read_text(encoding="utf-8") == mermaid(p)
    index = (site_dir / "flows" / "index.md").read_text(encoding="utf-8")
    assert index.count("```mermaid") == len(with_questions)


def test_a_flow_too_big_to_walk_is_not_judged_for_reachability():
    from generator.content.crosscheck import Entry
    from generator.content.flow import MAX_COMBINATIONS, count_combinations, flow_issues
    from generator.content.loader import Document

    p = procedure()
    # giay-to is asked only after nuoc-ngoai, so this group can never show
    never = p.dossier[2].model_copy(update={"applies_when": {"giay-to": ["ho-chieu"], "noi-sinh": ["trong-nuoc"]}})
    small = p.model_copy(update={"dossier": [*p.dossier[:2], never]})
    entry = Entry(Document("x.yml", None, ""), small, ROOT / "x.yml")
    assert [i.code for i in flow_issues(entry)] == ["question.unreachable"]
    extra = [p.questions[1].options[0].model_copy(update={"value": f"giay-{n}"}) for n in range(12)]
    many = p.questions[1].model_copy(update={"options": [*p.questions[1].options, *extra]})
    big = small.model_copy(update={"questions": [p.questions[0], many]})
    assert count_combinations(big) > MAX_COMBINATIONS
    entry = Entry(Document("x.yml", None, ""), big, ROOT / "x.yml")
    assert flow_issues(entry) == []
