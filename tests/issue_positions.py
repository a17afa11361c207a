"""Shared checks for the YAML error, fuzz and limit tests: is an issue coded and inside its file?

Positions are counted the way the loader and editors count them: lines are separated by "\\n"
(after CRLF and lone CR become "\\n" and a leading BOM is dropped, as the loader does), columns
are characters counted from 1, and the column just after the last character of a line (or the
line after a final newline) is still inside the file: that is where "unexpected end" errors go.
"""
from __future__ import annotations

from generator.diagnostics.errors import CODES, Issue

# Characters that libyaml counts as line breaks (YAML 1.1) but the loader and editors do not.
YAML11_BREAKS = "\x85\u2028\u2029"


def text_of(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lines_of(raw: bytes) -> list[str]:
    return text_of(raw).split("\n")


def position_problem(issue: Issue, lines: list[str]) -> str | None:
    """Why ``issue`` is not a valid, positioned issue of a file with ``lines``; None if it is."""
    if issue.code not in CODES:
        return f"unknown code {issue.code!r}"
    if issue.severity != CODES[issue.code].severity:
        return f"severity {issue.severity!r} differs from CODES"
    if not (isinstance(issue.line, int) and isinstance(issue.column, int)):
        return f"position is not a pair of integers: {issue.line!r}:{issue.column!r}"
    if issue.line < 1 or issue.column < 1:
        return f"position {issue.line}:{issue.column} is before the start of the file"
    if issue.line > len(lines):
        return f"line {issue.line} is after the last line ({len(lines)})"
    width = len(lines[issue.line - 1])
    if issue.column > width + 1:
        return f"column {issue.column} is after the end of line {issue.line} ({width} characters)"
    if not issue.message:
        return "empty message"
    return None


def known_misposition(raw: bytes, issue: Issue) -> str | None:
    """The known loader bug (see test_yaml_errors.py) that explains a wrong position, if any."""
    text = text_of(raw)
    lines = text.split("\n")
    if issue.line == len(lines) + 1 and issue.column == 1 and lines[-1] != "":
        return "end-of-file-without-newline"  # libyaml puts the end of the stream on a new line
    if any(ch in text for ch in YAML11_BREAKS):
        return "yaml11-line-breaks"  # libyaml counts NEL, LS, PS as new lines
    if issue.code == "yaml.syntax" and "control character" in issue.message and not text.isascii():
        return "reader-byte-offset"  # a libyaml byte offset is used as a character offset
    if issue.code == "yaml.encoding" and (b"\r" in raw or raw.startswith(b"\xef\xbb\xbf")):
        return "decode-cr-or-bom"  # counted on the text before CR and BOM are normalised
    return None


def check_issues(raw: bytes, issues: list[Issue], known: dict[str, int] | None = None) -> None:
    """Assert every issue is coded and positioned inside ``raw``.

    With ``known`` (a counter), a position that a known bug explains is counted there instead of
    failing: the fuzz tests keep running while that bug has its own strict xfail test.
    """
    lines = lines_of(raw)
    for issue in issues:
        assert isinstance(issue, Issue), issue
        problem = position_problem(issue, lines)
        if problem is None:
            continue
        bug = known_misposition(raw, issue) if known is not None and issue.code in CODES else None
        if bug is not None:
            known[bug] = known.get(bug, 0) + 1
            continue
        raise AssertionError(f"{problem}: {issue}")
