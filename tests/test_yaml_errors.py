"""Invalid YAML, after the error cases of the official YAML test suite: always a positioned, coded issue.

The files are in tests/fixtures/yaml-errors (see its README). For every one of them the loader, the
full ``validate()`` path and ``guide check`` must report at least one issue whose code is in CODES
and whose position is inside the file, and must never raise.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from generator.diagnostics.errors import CODES
from generator.content.loader import load_text
from issue_positions import YAML11_BREAKS, check_issues, lines_of, position_problem

FIXTURES = ROOT / "tests" / "fixtures" / "yaml-errors"
FILES = sorted(FIXTURES.glob("*.yaml"))

# Suite error cases that libyaml (and so the loader) reads as valid YAML: the loader returns a
# document and no issue. The full validate() path still reports them (schema line, schema).
LIBYAML_ACCEPTS = {
    "9C9N-wrong-indented-flow-sequence",
    "9JBA-invalid-comment-after-end-of-flow-sequence",
    "9MQT-01-document-end-marker-inside-quoted-scalar",
    "CVW2-invalid-comment-after-comma",
    "G5U8-plain-dashes-in-flow-sequence",
    "MUS6-00-yaml-directive-with-comment-without-space",
    "QB6E-wrong-indented-multiline-quoted-scalar",
    "S98Z-block-scalar-more-spaces-than-first-content-line",
    "SU5Z-comment-without-whitespace-after-double-quoted-scalar",
    "X4QW-comment-without-space-after-block-scalar-indicator",
    "YJV2-dash-in-flow-sequence",
}

# Loader bug: libyaml counts NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks,
# the loader, its _position_of and editors do not; every libyaml mark after one is on a later line
# than the real one, here after the last line of the file.
YAML11_BREAK_BUG = (
    "loader bug: libyaml counts U+0085/U+2028/U+2029 as line breaks, so its marks (syntax errors, "
    "node positions) are on lines past the end of the file as editors and the loader count lines"
)
# Loader bug: for a control character, load_text passes libyaml's ReaderError.position (a byte offset
# into the UTF-8 text) to _position_of, which counts characters: wrong column (or line) after any
# non-ASCII character.
READER_OFFSET_BUG = (
    "loader bug: ReaderError.position is a byte offset but _position_of counts characters, so a "
    "control character after Vietnamese text is reported too far right"
)
# Loader bug: _decode positions an invalid byte on the raw text, before lone CRs become "\n" and before
# the BOM is dropped: after CR-only line endings everything is 'line 1', after a BOM one column too far.
DECODE_POSITION_BUG = (
    "loader bug: _decode computes the position of a bad byte before normalising lone CR line endings "
    "and dropping the BOM"
)
# Loader bug: libyaml puts the end of the stream on a new line when the text does not end with one;
# errors found there ("unexpected end", unclosed brackets) are reported on a line the file does not have.
END_OF_FILE_BUG = (
    "loader bug: in a file without a final newline, an error at the end of the stream is reported at "
    "line N+1, column 1 (libyaml's stream end mark), a line the file does not have"
)
# Files whose issue is reported outside the file itself (past the last line or line end).
# (All four found by these tests are fixed; the map stays for the next one.)
MISPOSITIONED: dict[str, str] = {}

TAB = {
    "4EJS-invalid-tabs-as-indentation-in-mapping",
    "DK95-01-tab-indented-double-quoted-continuation",
    "Y79Y-000-tab-in-block-scalar-indentation",
    "tab-after-spaces-in-indentation",
}
MULTI_DOCUMENT = {
    "9HCY-need-document-footer-before-directives",
    "EB22-missing-document-end-marker-before-directive",
    "RHX7-yaml-directive-without-document-end-marker",
    "two-documents",
}


def expected_code(stem: str) -> str:
    if stem in TAB:
        return "yaml.tab"
    if stem in MULTI_DOCUMENT:
        return "yaml.multi-document"
    if stem.startswith(("invalid-utf8", "utf16")):
        return "yaml.encoding"
    if stem.startswith("bom-in-the-middle"):  # named for what it is (libyaml reads the second one as text)
        return "yaml.invisible"
    return "yaml.syntax"


def _params(xfail: dict[str, str]) -> list:
    return [pytest.param(p, id=p.stem, marks=pytest.mark.xfail(strict=True, reason=xfail[p.stem]))
            if p.stem in xfail else pytest.param(p, id=p.stem) for p in FILES]


def test_there_are_enough_cases():
    assert len(FILES) >= 40
    suite = [p for p in FILES if re.match(r"[0-9A-Z]{4}-", p.stem)]  # named after a suite case
    assert len(suite) >= 40, [p.stem for p in suite]
    assert LIBYAML_ACCEPTS | set(MISPOSITIONED) | TAB | MULTI_DOCUMENT <= {p.stem for p in FILES}


_LOAD_XFAIL = {stem: "libyaml accepts this case although the YAML test suite marks it as an error; "
               "the loader adds no check of its own" for stem in LIBYAML_ACCEPTS} | MISPOSITIONED


@pytest.mark.parametrize("path", _params(_LOAD_XFAIL))
def test_loader_reports_a_positioned_issue(path):
    raw = path.read_bytes()
    doc, issues = load_text(path.name, raw)
    assert issues, f"no issue for {path.name}: read as {doc.data if doc else None!r}"
    check_issues(raw, issues)
    assert expected_code(path.stem) in {i.code for i in issues}, issues
    if doc is None:  # refused: only reading problems, nothing from later stages
        assert all(i.code.startswith(("yaml.", "file.")) for i in issues), issues


@pytest.mark.parametrize("path", _params(MISPOSITIONED))
def test_validate_reports_a_positioned_issue(path, check_files):
    raw = path.read_bytes()
    issues = check_files(path)
    assert issues, path.name
    assert all(i.file.endswith(path.name) for i in issues), issues
    assert any(i.severity == "error" for i in issues)
    check_issues(raw, issues)
    if path.stem not in LIBYAML_ACCEPTS:
        assert expected_code(path.stem) in {i.code for i in issues}, issues


# Where the problem really is, counted as editors count (line, column from 1).
EXACT = {
    "4EJS-invalid-tabs-as-indentation-in-mapping": (3, 1),
    "tab-after-spaces-in-indentation": (2, 3),
    "undefined-alias": (1, 12),
    "two-documents": (3, 1),
    "very-long-plain-key": (1, 2001),
    "control-character-del": (1, 10),
    "nul-byte": (2, 10),
    "nul-bytes-only": (1, 1),
    "noncharacter-fffe": (2, 8),
    "invalid-utf8-latin1": (3, 10),
    "invalid-utf8-truncated-sequence": (2, 9),
    "invalid-utf8-overlong": (1, 7),
    "invalid-utf8-surrogate": (1, 7),
    "utf16-with-bom": (1, 1),
    "control-character-bell": (2, 14),
    "control-character-escape-after-vietnamese": (2, 25),
    "c1-control-character": (1, 10),  # the U+0085 line break before the C1 control character
    "invalid-utf8-after-cr-line-endings": (3, 7),
    "invalid-utf8-after-bom": (1, 7),
    # reported at the invisible line-break character itself (column 8), which the editor must delete
    "nel-line-break-before-error": (1, 8),
    "unicode-line-separator-before-error": (1, 8),
    "unclosed-flow-sequence-at-end-without-newline": (2, 21),
    # where the editor made the mistake, not where the parser gave up (yaml_diagnosis.py)
    "CQ3W-double-quoted-string-without-closing-quote": (2, 6),  # the quote that is never closed
    "single-quoted-string-without-closing-quote": (1, 6),
    "very-long-line-unclosed-quote": (2, 7),
    "RXY3-document-end-marker-in-single-quoted-string": (2, 1),
    "7MNF-missing-colon": (3, 5),  # where the ':' belongs
    "G7JE-multiline-implicit-key": (2, 2),
    "EW3V-wrong-indentation-in-mapping": (2, 2),  # the key indented too far, not its ':'
    "DMG6-wrong-indentation-in-map": (3, 2),
    "U44R-bad-indentation-in-mapping-2": (3, 4),
    "4HVU-wrong-indentation-in-sequence": (4, 3),
    "Q4CL-trailing-content-after-quoted-value": (2, 17),
    "bom-in-the-middle": (2, 1),  # the BOM itself
    "bom-in-the-middle-of-a-value": (1, 10),
}
_EXACT_XFAIL: dict[str, str] = {} | MISPOSITIONED


@pytest.mark.parametrize(
    "stem", [pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=_EXACT_XFAIL[s]))
             if s in _EXACT_XFAIL else s for s in EXACT])
def test_the_position_is_where_the_problem_is(stem):
    raw = (FIXTURES / f"{stem}.yaml").read_bytes()
    _, issues = load_text(stem, raw)
    assert [(i.line, i.column) for i in issues][:1] == [EXACT[stem]], issues


def test_the_fixtures_hold_the_bytes_they_are_named_after():
    """Guard against an editor or git 'fixing' the files."""
    raw = {p.stem: p.read_bytes() for p in FILES}
    assert b"\t" in raw["4EJS-invalid-tabs-as-indentation-in-mapping"]
    assert b"\x00" in raw["nul-byte"]
    assert b"\r" in raw["invalid-utf8-after-cr-line-endings"]
    assert b"\r\n" not in raw["invalid-utf8-after-cr-line-endings"]
    assert raw["utf16-with-bom"].startswith(b"\xff\xfe")
    assert "\ufeff" in raw["bom-in-the-middle"].decode("utf-8")[1:]
    assert any(ch in raw["unicode-line-separator-before-error"].decode("utf-8") for ch in YAML11_BREAKS)
    assert max(len(line) for line in lines_of(raw["very-long-line-bad-flow"])) > 100_000
    for stem in ("invalid-utf8-latin1", "invalid-utf8-overlong", "invalid-utf8-surrogate",
                 "invalid-utf8-truncated-sequence"):
        with pytest.raises(UnicodeDecodeError):
            raw[stem].decode("utf-8")


def test_check_command_over_the_folder():
    run = subprocess.run([sys.executable, "-m", "generator", "check", "tests/fixtures/yaml-errors"],
                         check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out[-2000:]
    assert "Traceback" not in out and "internal error" not in out
    for path in FILES:
        assert f"{path.name}:" in run.stdout, path.name


# --- Valid YAML that the loader must refuse with an issue, not a traceback -------------------

_BASE = "code: '1.000001'\nslug: sample\n"
MERGE_BUG = ("loader bug: a '<<' merge key raises KeyError('count'): _Builder._mapping calls "
             "make_issue('yaml.alias') without the count= its template needs")
TAG_BUG = ("loader bug: an explicit core tag on plain text reaches the conversion unchecked in "
           "_Builder._scalar: !!int -> ValueError from int(value, 0), !!bool -> KeyError in _BOOL_WORDS, "
           "!!timestamp -> AttributeError (regexp does not match)")
VALID_BUT_CRASHING = {
    "merge-key-with-alias": (_BASE + "defaults: &d {level: commune}\nchannels:\n  <<: *d\n", "yaml.alias",
                             MERGE_BUG, KeyError),
    "merge-key-with-mapping": (_BASE + "channels:\n  <<: {level: commune}\n", "yaml.alias", MERGE_BUG, KeyError),
    "int-tag-on-text": (_BASE + "level: !!int commune\n", "yaml.tag", TAG_BUG, ValueError),
    "bool-tag-on-text": (_BASE + "level: !!bool maybe\n", "yaml.tag", TAG_BUG, KeyError),
    "timestamp-tag-on-text": (_BASE + "reviewed: !!timestamp soon\n", "yaml.tag", TAG_BUG, AttributeError),
}


@pytest.mark.parametrize("name", list(VALID_BUT_CRASHING))  # all fixed; reasons kept for the record
def test_valid_yaml_never_raises(name):
    text, code, _, _ = VALID_BUT_CRASHING[name]
    raw = text.encode("utf-8")
    _, issues = load_text(name, raw)
    assert issues
    check_issues(raw, issues)
    if code is not None:
        assert code in {i.code for i in issues}


def test_position_problem_detects_out_of_bounds():
    """The bounds check itself: a sanity test, so a lenient helper cannot make the tests above pass."""
    from generator.diagnostics.errors import make_issue

    lines = lines_of(b"ab\ncd\n")
    assert position_problem(make_issue("yaml.syntax", "f", 3, 1, reason="r", hint=""), lines) is None
    assert position_problem(make_issue("yaml.syntax", "f", 2, 3, reason="r", hint=""), lines) is None
    assert position_problem(make_issue("yaml.syntax", "f", 4, 1, reason="r", hint=""), lines)
    assert position_problem(make_issue("yaml.syntax", "f", 1, 4, reason="r", hint=""), lines)
    assert position_problem(make_issue("yaml.syntax", "f", 0, 1, reason="r", hint=""), lines)
    assert "yaml.syntax" in CODES


# The hint that goes with the mistake: indentation, a missing ':', an unclosed quote, not "put it in quotes".
HINTS = {
    "DMG6-wrong-indentation-in-map": "align 'wrong:' with 'ok:' on line 2",
    "EW3V-wrong-indentation-in-mapping": "align 'k2:' with 'k1:' on line 1",
    "7MNF-missing-colon": "add ':' after the key: top2:",
    "TD5N-invalid-scalar-after-sequence": "start it with '- '",
    "CQ3W-double-quoted-string-without-closing-quote": "closing \"",
    "5U3A-sequence-on-same-line-as-mapping-key": "own line",
}


@pytest.mark.parametrize("stem", list(HINTS))
def test_the_hint_fits_the_mistake(stem):
    _, issues = load_text(stem, (FIXTURES / f"{stem}.yaml").read_bytes())
    assert HINTS[stem] in (issues[0].hint or ""), issues[0]
    assert "quotes" not in (issues[0].hint or "")


def test_the_unclosed_bracket_hint_names_the_line_of_the_bracket():
    raw = b"related: [1.001193,\n  1.001194,\n"
    _, issues = load_text("hint.yml", raw)
    assert [i.code for i in issues] == ["yaml.syntax"]
    assert "opened on line 1" in (issues[0].hint or ""), issues[0]
