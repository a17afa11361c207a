"""`guide new`: the skeleton's instructions and its TODO(review) marks say the same thing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

FOUND = "3.000616"  # listed in procedures/portal/catalog.jsonl: the skeleton gets the record's address
MARK = "TODO(review)"


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory):
    """Two real skeletons made by `guide new`: a code the portal catalog lists, and one it does not."""
    project = copy_project(tmp_path_factory.mktemp("scaffold") / "project")
    made = {}
    for code, slug in ((FOUND, "co-ban-ghi"), ("9.000777", "chua-co-ban-ghi")):
        run = subprocess.run([str(Path(sys.executable).parent / "guide"), "new", "--code", code, "--field",
                              "ho-tich", "--name", "Thủ tục thử", "--slug", slug, "--level", "commune"],
                             cwd=project, capture_output=True, text=True, timeout=120, env={**os.environ})
        assert run.returncode == 0, run.stderr
        made[code] = project / "procedures/ho-tich" / f"{slug}.yml"
    return project, made


def blocks(text: str) -> tuple[list[str], list[tuple[list[str], list[tuple[int, str]]]]]:
    """The header comment, then each top-level key with the comment lines right above it.

    Returns (header, [(instruction lines, [(line number, text) of the key's block])])."""
    lines = text.split("\n")
    header, i = [], 1  # line 1 is the schema comment
    while lines[i].startswith("#"):
        header.append(lines[i])
        i += 1
    found: list[tuple[list[str], list[tuple[int, str]]]] = []
    pending: list[str] = []
    for number, line in enumerate(lines[i:], start=i + 1):
        if line.startswith("#"):
            pending.append(line)
        elif line and not line[0].isspace():  # a top-level key starts a block
            found.append((pending, [(number, line)]))
            pending = []
        elif line:
            found[-1][1].append((number, line))
    assert not pending, "an instruction at the end of the file, with nothing under it"
    return header, found


@pytest.mark.parametrize("code", [FOUND, "9.000777"])
def test_every_instruction_has_a_review_mark_and_every_mark_an_instruction(skeletons, code):
    _, made = skeletons
    text = made[code].read_text(encoding="utf-8")
    header, found = blocks(text)
    for instruction, block in found:
        marked = [n for n, line in block if MARK in line]
        key = block[0][1].split(":")[0]
        if instruction:
            assert marked, f"'{key}': the comment {instruction} asks for something, but no {MARK} marks it"
        else:
            assert not marked, f"'{key}': {MARK} on line {marked} has no instruction above it"
    # The header explains the marks (in words guide check does not take for a mark itself).
    assert all(MARK not in line for line in header)
    assert any("TODO" in line for line in header) and not any("cần xem lại" in line for line in header)
    # A placeholder is never published as it stands: every one carries a mark on its own line.
    for number, line in enumerate(text.split("\n"), start=1):
        if "Chưa nhập" in line or "Viết một hai câu" in line:
            assert MARK in line, f"line {number}: placeholder without a mark: {line}"


@pytest.mark.parametrize("code", [FOUND, "9.000777"])
def test_guide_check_reports_exactly_the_skeletons_marks(skeletons, code):
    project, made = skeletons
    path = made[code]
    run = subprocess.run([str(Path(sys.executable).parent / "guide"), "check", "--format", "json",
                          str(path.relative_to(project))], cwd=project, capture_output=True, text=True,
                         timeout=120, env={**os.environ})
    assert run.returncode == 0, run.stdout + run.stderr
    todo_lines = {i["line"] for i in json.loads(run.stdout) if i["code"] == "review.todo"}
    text_lines = {n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
                  if MARK in line}
    assert todo_lines == text_lines
    _, found = blocks(path.read_text(encoding="utf-8"))
    by_key = {block[0][1].split(":")[0]: {n for n, line in block if MARK in line} for _, block in found}
    # What the old skeleton left unmarked: the reviewed date, the other channels, the legal title.
    assert by_key["reviewed"] and by_key["channels"] and len(by_key["legal_basis"]) == 2
    # The source address is marked only when the portal catalog did not give the record's page.
    source = next(block for _, block in found if block[0][1].startswith("source:"))
    url_marked = any(line.strip().startswith("url:") and MARK in line for _, line in source)
    assert url_marked == (code != FOUND)
