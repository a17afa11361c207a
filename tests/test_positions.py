"""Mistakes editors make, reported on the line (and column) where they made them, with a hint for that mistake.

Each case is a real procedure file written to tmp_path: the base fixture (conftest.BASE) with its summary
written as a block, or a shipped procedure, changed in one place. Tests assert codes, positions and the
facts a hint must carry (the number to write, the line to align with), not its wording.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, base_yaml

# The summary as editors write it in the shipped procedures: one language per line (lines 5 to 8).
BLOCK = base_yaml().replace(
    "summary: {vi: Mẫu để kiểm thử., en: A sample for tests., zh: 测试用示例。}\n",
    "summary:\n  vi: Mẫu để kiểm thử.\n  en: A sample for tests.\n  zh: 测试用示例。\n")
SUMMARY, VI, EN, ZH = 5, 6, 7, 8
NBSP, ZWSP, BOM = "\u00a0", "\u200b", "\ufeff"


def line_of(start: str, text: str = BLOCK) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def changed(old: str, new: str, text: str = BLOCK) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def check(write, check_files):
    """Write ``text`` as a procedure file and check it; the issues, errors first by position."""
    def run(text: str, name: str = "sample.yml", *more: tuple[str, str]):
        paths = [write(name, text)] + [write(n, t) for n, t in more]
        return [i for i in check_files(*paths) if i.severity == "error"]
    return run


def only(issues, code: str):
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, issues
    return found[0]


def test_the_block_fixture_is_valid(check):
    assert BLOCK.split("\n")[VI - 1] == "  vi: Mẫu để kiểm thử."
    assert check(BLOCK) == []


# --- An unclosed quote: where it opens, not at the next quote ------------------------------------

def test_an_unclosed_quote_is_reported_where_it_opens(check):
    text = changed("  vi: Mẫu để kiểm thử.", '  vi: "Lưu ý: Mẫu để kiểm thử.')
    next_quote = next(n for n, line in enumerate(text.split("\n"), 1) if n > VI and '"' in line)
    assert next_quote - VI > 30  # where the parser stops: the quote of related: ["1.001193"]
    issue = only(check(text), "yaml.syntax")
    assert (issue.line, issue.column) == (VI, 7)
    assert f"line {next_quote}" in issue.message
    assert "closing" in issue.hint and issue.hint_vi


def test_an_unclosed_quote_in_a_shipped_procedure(tmp_path, check_files):
    source = (ROOT / "procedures" / "ho-tich" / "dang-ky-khai-sinh.yml").read_text(encoding="utf-8")
    lines = source.split("\n")
    at = lines.index("summary:") + 1  # the Vietnamese summary, the line after
    assert lines[at].startswith("  vi: ")
    lines[at] = lines[at].replace("  vi: ", '  vi: "Lưu ý: ', 1)
    path = tmp_path / "dang-ky-khai-sinh.yml"
    path.write_text("\n".join(lines), encoding="utf-8")
    issue = only(check_files(path), "yaml.syntax")
    assert (issue.line, issue.column) == (at + 1, 7)


def test_a_quote_never_closed_is_reported_where_it_opens(check):
    text = BLOCK + 'note: "the end of the file comes first\n'
    issue = only(check(text), "yaml.syntax")
    assert (issue.line, issue.column) == (len(BLOCK.split("\n")), 7)


def test_text_after_a_closing_quote(check):
    issue = only(check(changed("  vi: Mẫu để kiểm thử.", '  vi: "Mẫu" để kiểm thử.')), "yaml.syntax")
    assert (issue.line, issue.column) == (VI, 13)
    assert "quote" in issue.hint


# --- A missing colon, on its own line, with its own hint -----------------------------------------

def test_a_key_without_colon(check):
    issue = only(check(changed("summary:\n", "summary\n")), "yaml.syntax")
    assert (issue.line, issue.column) == (SUMMARY, 8)  # where the ':' belongs
    assert "summary:" in issue.hint and "quotes" not in issue.hint


def test_a_language_without_colon(check):
    issue = only(check(changed("  vi: Mẫu", "  vi Mẫu")), "yaml.syntax")
    assert (issue.line, issue.column) == (VI, 5)
    assert "vi:" in issue.hint and "quotes" not in issue.hint


def test_a_list_entry_without_dash(check):
    text = changed("steps:\n  - title:", "applicants_extra: 1\nsteps:\n  - title:")
    text = changed("  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n",
                   "  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n  Người nước ngoài\n", text)
    issue = only(check(text), "yaml.syntax")
    line = text.split("\n").index("  Người nước ngoài") + 1
    assert issue.line == line
    assert "'- '" in issue.hint


def test_no_space_after_a_colon(check):
    issue = only(check(changed("level: commune", "level:commune")), "yaml.syntax")
    assert (issue.line, issue.column) == (line_of("level:"), 7)
    assert "level: commune" in issue.hint


def test_no_space_after_a_dash(check):
    issue = only(check(changed("  - {vi: Mọi", "  -{vi: Mọi")), "yaml.syntax")
    assert (issue.line, issue.column) == (line_of("  -{vi: Mọi", changed("  - {vi: Mọi", "  -{vi: Mọi")), 4)
    assert "'- '" in issue.hint


def test_a_quote_inside_quoted_text(check):
    text = changed("result: {vi: Giấy xác nhận,", 'result: {vi: "Giấy "xác" nhận",')
    issue = only(check(text), "yaml.syntax")
    assert (issue.line, issue.column) == (line_of("result:"), 21)
    assert "“" in issue.hint


def test_an_unclosed_bracket_is_named_by_its_line(check):
    """The apostrophe of "People's Committee" (agency, above) opens nothing."""
    text = changed("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                   "result: {vi: Giấy xác nhận, en: A certificate")
    issue = only(check(text), "yaml.syntax")
    assert f"opened on line {line_of('result:')}" in issue.hint


# --- Indentation ---------------------------------------------------------------------------------

def test_a_line_indented_more_than_the_one_above(check):
    issue = only(check(changed("  en: A sample", "   en: A sample")), "yaml.syntax")
    assert (issue.line, issue.column) == (EN, 4)
    assert f"line {VI}" in issue.hint and "2 spaces" in issue.hint and "quotes" not in issue.hint


def test_a_line_indented_less_than_the_one_above(check):
    issue = only(check(changed("  en: A sample", " en: A sample")), "yaml.syntax")
    assert (issue.line, issue.column) == (EN, 2)
    assert f"line {VI}" in issue.hint and f"line {SUMMARY}" in issue.hint and "quotes" not in issue.hint


def test_a_list_on_the_line_of_its_key(check):
    text = changed("applicants:\n  - {vi: Mọi", "applicants: - {vi: Mọi")
    issue = only(check(text), "yaml.syntax")
    assert issue.line == line_of("applicants:") and "own line" in issue.hint


# --- Invisible characters, named, at their column ------------------------------------------------

@pytest.mark.parametrize("old, new, position, name", [
    ("  vi:", NBSP + " vi:", (VI, 1), "non-breaking space"),  # pasted indentation
    ("  vi:", " " + NBSP + "vi:", (VI, 2), "non-breaking space"),  # before the key
    ("  vi: ", "  vi:" + NBSP, (VI, 6), "non-breaking space"),  # after the ':'
    ("  zh:", NBSP + " zh:", (ZH, 1), "non-breaking space"),  # the file reads: the key is not 'zh'
    ("  vi:", "  " + ZWSP + "vi:", (VI, 3), "zero-width space"),
    ("  en:", "  en" + NBSP + ":", (EN, 5), "non-breaking space"),  # between the key and its ':'
    ("slug: sample", "slug: sam" + BOM + "ple", (3, 10), "byte-order mark"),
    ("level: commune", BOM + "level: commune", (line_of("level:"), 1), "byte-order mark"),
])
def test_an_invisible_character_is_named_at_its_column(check, old, new, position, name):
    issues = check(changed(old, new))
    issue = only(issues, "yaml.invisible")
    assert (issue.line, issue.column) == position
    assert name in issue.message and f"column {position[1]}" in issue.message
    assert "U+" in issue.message_vi
    assert [i.code for i in issues] == ["yaml.invisible"]  # no "unknown key", no next-line echo


def test_curly_quotes_used_as_yaml_quotes(check):
    issue = only(check(changed("  vi: Mẫu để kiểm thử.", "  vi: “Lưu ý: Mẫu để kiểm thử.”")), "yaml.syntax")
    assert (issue.line, issue.column) == (VI, 7)
    assert "“" in issue.message and "curly" in issue.message


def test_curly_quotes_around_a_code(check):
    issue = only(check(changed('code: "9.000001"', "code: “9.000001”")), "schema.pattern")
    assert "curly" in issue.hint


def test_an_invisible_character_in_a_value_is_named_in_the_hint(check):
    issue = only(check(changed('code: "9.000001"', f'code: "9.000001{ZWSP}"')), "schema.pattern")
    assert "zero-width space" in issue.hint and "column 16" in issue.hint


def test_a_tab_after_a_dash(check):
    issue = only(check(changed("  - {vi: Mọi", "  -\t{vi: Mọi")), "yaml.tab")
    assert (issue.line, issue.column) == (line_of("  - {vi: Mọi"), 4)


# --- Hints that are right ------------------------------------------------------------------------

@pytest.mark.parametrize("written, says, never", [
    ("20k", ["20000"], ["write 20,", "write 20 "]),
    ("20.000đ", ["20000"], []),
    ("1,5 triệu", ["1500000"], ["write 15 "]),
    ("50.5", ["50500", "50.500 đồng", "check the source"], ["505,", "write 505 "]),
    ("8.000", ["8000"], []),
    ("miễn phí", ["amount: 0"], []),
    ("tùy tỉnh", ["20000", "note"], []),  # no number in it: never a made-up one
])
def test_amount_hints(check, written, says, never):
    issue = only(check(changed("amount: 8000", f"amount: {written}")), "schema.type")
    assert issue.line == line_of("      - amount: 8000")
    for words in says:
        assert words in issue.hint, issue.hint
    for words in never:
        assert words not in issue.hint + " ", issue.hint
    assert issue.hint_vi and issue.hint_vi != issue.hint


@pytest.mark.parametrize("written, says, never", [
    ("2026-30-11", ["month 30", "YYYY-MM-DD", "2026-11-30"], ["quotes"]),
    ("2026-02-30", ["28 days"], ["quotes"]),
    ("30/11/2026", ["2026-11-30"], []),
    ('"2026-11-30"', ["remove the quotes"], []),
])
def test_date_hints(check, written, says, never):
    issue = only(check(changed("reviewed: 2026-11-01", f"reviewed: {written}")), "schema.date")
    for words in says:
        assert words in issue.hint, issue.hint
    for words in never:
        assert words not in issue.hint, issue.hint


def test_a_count_written_as_a_range_gets_no_made_up_number(check):
    issue = only(check(changed("originals: 1", "originals: 1-2")), "schema.type")
    assert "12" not in issue.hint


# --- One broken file does not cascade ------------------------------------------------------------

def test_a_file_that_does_not_parse_is_still_linked_to(check):
    broken = changed('code: "9.000001"', 'code: "9.000002"', base_yaml("broken"))
    broken = changed("level: commune", "level commune\nfield: x", broken)
    linking = changed('related: ["1.001193"]', 'related: ["1.001193", "9.000002"]')
    issues = check(linking, "sample.yml", ("broken.yml", broken))
    assert {i.file.rsplit("/", 1)[-1] for i in issues} == {"broken.yml"}, issues
    assert "ref.unknown-procedure" not in {i.code for i in issues}


def test_a_file_with_broken_content_is_still_linked_to(check):
    broken = changed('code: "9.000001"', 'code: "9.000002"', base_yaml("broken"))
    broken = changed("level: commune", "level: district", broken)
    linking = changed('related: ["1.001193"]', 'related: ["1.001193", "9.000002"]')
    issues = check(linking, "sample.yml", ("broken.yml", broken))
    assert [i.code for i in issues] == ["schema.enum"], issues


def test_guide_check_prints_the_position_of_the_mistake(tmp_path):
    shutil.copy(ROOT / "procedures" / "ho-tich" / "dang-ky-khai-sinh.yml", tmp_path / "dang-ky-khai-sinh.yml")
    path = tmp_path / "dang-ky-khai-sinh.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("summary:") + 1
    lines[at] = NBSP + lines[at][1:]
    path.write_text("\n".join(lines), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--lang", "en", str(path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert f"dang-ky-khai-sinh.yml:{at + 1}:1: error[yaml.invisible]" in run.stdout, run.stdout
    assert "non-breaking space, U+00A0" in run.stdout
