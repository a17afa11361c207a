"""Fuzzing the loader and the schema check with hypothesis: never an exception, always positioned issues.

(a) random bytes, random text and random YAML-ish token soup into ``load_text``;
(b) structured mutations of the data of ``base_yaml()``, dumped back to YAML;
(c) character- and line-level mutations of the text of ``base_yaml()``.
Every input goes through ``load_text`` and, when that gives a document, ``check_schema``: the result
is a Procedure, or issues whose code is in CODES and whose position is inside the file.

Known loader bugs have their own strict xfail tests (test_yaml_errors.py, test_limits.py). So that
fuzzing keeps looking for new problems while they are open, an input that hits one of them is counted
in KNOWN (printed at the end of each test, visible with ``pytest -s``) instead of failing; anything
else fails. When a bug is fixed, drop its entry from ``_known_crash`` / ``known_misposition``.
"""
from __future__ import annotations

import copy
import datetime as dt
import string
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from conftest import ROOT, base_yaml
from generator.content.loader import load_text
from generator.content.model import Procedure
from generator.content.schema_check import check_schema
from issue_positions import check_issues, text_of

# Examples per test; the whole file runs in well under a minute on two cores.
EXAMPLES = {
    "bytes": 2500,
    "text": 2500,
    "tokens": 4000,
    "structured": 2000,
    "text-mutations": 4000,
}
RUNS: Counter = Counter()  # inputs actually run, per test (includes hypothesis' shrinking and replays)
KNOWN: Counter = Counter()  # inputs that hit a known loader bug, per bug
OUTCOMES: Counter = Counter()  # (test, outcome): shows that every path is exercised

FUZZ = settings(
    deadline=None,
    database=DirectoryBasedExampleDatabase(str(ROOT / ".cache" / "hypothesis")),  # .cache/ is ignored by git
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def _known_crash(raw: bytes, exc: Exception) -> str | None:
    """The known loader bug that explains an exception from load_text, if any."""
    text = text_of(raw)
    if isinstance(exc, KeyError) and exc.args == ("count",) and "<<" in text:
        return "merge-key-KeyError"
    if isinstance(exc, ValueError) and "Exceeds the limit" in str(exc):
        return "long-integer-ValueError"
    if isinstance(exc, (ValueError, KeyError, AttributeError)) and any(
            tag in text for tag in ("!!int", "!!bool", "!!timestamp", "tag:yaml.org,2002:")):
        return "explicit-core-tag"
    return None


def run_loader(label: str, raw: bytes) -> None:
    """load_text, then check_schema on a document: never raises; issues are coded and positioned."""
    RUNS[label] += 1
    try:
        doc, issues = load_text("fuzz.yml", raw)
    except (KeyError, ValueError, AttributeError) as exc:
        bug = _known_crash(raw, exc)
        if bug is None:
            raise
        KNOWN[bug] += 1
        OUTCOMES[label, "known crash"] += 1
        note(f"known bug {bug}: {exc!r}")
        return
    assert isinstance(issues, list)
    if doc is None:
        assert issues, "no document and no issue"
    check_issues(raw, issues, KNOWN)
    if doc is None:
        OUTCOMES[label, "refused by the loader"] += 1
        return
    procedure, schema_issues = check_schema(doc, Procedure)
    if procedure is None:
        assert schema_issues, "no procedure and no issue"
        check_issues(raw, schema_issues, KNOWN)
        OUTCOMES[label, "schema issues"] += 1
    else:
        assert isinstance(procedure, Procedure) and schema_issues == []
        OUTCOMES[label, "procedure" + (" + loader issues" if issues else "")] += 1


def report(label: str, before: int, record_property) -> None:
    ran = RUNS[label] - before
    known = ", ".join(f"{k}: {v}" for k, v in sorted(KNOWN.items())) or "none"
    outcomes = ", ".join(f"{o}: {n}" for (t, o), n in sorted(OUTCOMES.items()) if t == label)
    print(f"\n[fuzz] {label}: {ran} inputs run (max_examples={EXAMPLES[label]}) -> {outcomes}; "
          f"known-bug hits so far: {known}")
    record_property(f"hypothesis_{label}", ran)
    assert ran > 0


# --- (a) random input ----------------------------------------------------------------------------

@settings(FUZZ, max_examples=EXAMPLES["bytes"])
@given(st.binary(max_size=2048))
def _random_bytes(raw):
    run_loader("bytes", raw)


@settings(FUZZ, max_examples=EXAMPLES["text"])
@given(st.text(max_size=600))
def _random_text(text):
    run_loader("text", text.encode("utf-8"))


TOKENS = [
    "\n", "\n", "\n", " ", " ", "  ", "    ", "- ", "-", ": ", ":", "? ", "?", "[", "]", "{", "}", ", ", ",",
    "#", " # c", "&a ", "&b ", "*a", "*b", "!", "!x ", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ",
    "!!timestamp ", "!!binary ", "!!map ", "!!seq ", "!<tag:x> ", "|", ">", "|-", ">+", "|2", "'", '"', "\\",
    "\\x4", "\\u00e9", "%YAML 1.2\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "%FOO\n", "---", "--- ", "...",
    "\t", "\r", "\r\n", "\ufeff", "\x85", "\u2028", "\x00", "\x07", "\x1b", "\x7f", "\ufffe",
    "code", "slug", "name", "vi", "en", "level", "value", "yes", "no", "on", "Off", "y", "07", "0o17",
    "0x1F", "0b101", "1_000", "1:30", "190:20:30", "1e3", ".inf", "-.Inf", ".nan", "2026-01-01",
    "2026-02-30", "2001-12-14t21:59:43.10-05:00", "~", "null", "true", "<<", "=", "@", "`", "%", "ệ", "Thủ tục",
    "示例", "😀", "9" * 50,
]
_SOUP = st.lists(st.sampled_from(TOKENS) | st.text(string.ascii_letters + string.digits, max_size=6),
                 max_size=80).map("".join)


@settings(FUZZ, max_examples=EXAMPLES["tokens"])
@given(_SOUP)
def _token_soup(text):
    note(repr(text))
    run_loader("tokens", text.encode("utf-8"))


def test_random_bytes_never_raise(record_property):
    before = RUNS["bytes"]
    _random_bytes()
    report("bytes", before, record_property)


def test_random_text_never_raises(record_property):
    before = RUNS["text"]
    _random_text()
    report("text", before, record_property)


def test_yaml_token_soup_never_raises(record_property):
    before = RUNS["tokens"]
    _token_soup()
    report("tokens", before, record_property)


# --- (b) structured mutations of a procedure --------------------------------------------------

BASE_DATA = yaml.safe_load(base_yaml())
FIELD_NAMES = sorted({
    "code", "slug", "name", "summary", "level", "field", "agency", "applicants", "channels", "dossier",
    "steps", "result", "conditions", "legal_basis", "online_url", "related", "life_events", "source",
    "reviewed", "valid_from", "valid_until", "superseded_by", "to_verify", "vi", "en", "zh", "in_person",
    "online", "postal", "availability", "processing_time", "fees", "amount", "exemptions", "note", "unit",
    "id", "case", "documents", "originals", "copies", "title", "number", "date", "url", "decision",
})
YAML_SPECIAL_TEXT = st.text(
    st.sampled_from(list(":-?[]{},#&*!|>'\"%@`~\\ \t\n\r") + ["\x85", "\u2028", "\ufeff", "\x00", "ệ", "示"])
    | st.characters(codec="utf-8"), max_size=20)
TRAPS = st.sampled_from([
    "yes", "no", "on", "off", "y", "n", "07", "0700", "1:30", "7:30:00", "0x1F", "1_000", ".inf", ".nan",
    "~", "null", "", " ", "2026-02-30", "2026-13-01", "9999-12-31", "0001-01-01", "1.000001", "1.1",
    "https://bit.ly/x", "http://dichvucong.gov.vn/x", "https://dichvucong.gov.vn/" + "a" * 3000,
    "district", "TODO(review) check", "<<", "*a", "&a", "!!int 1", "%YAML", "---", "...", "#",
])
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.dates() | st.datetimes()
    | st.integers(min_value=-(10 ** 4200), max_value=10 ** 4200)  # the loader's int() stops at 4300 digits
    | st.sampled_from([0, -1, 21, 366, 2 ** 63, -(2 ** 63) - 1, 10 ** 4299, 1e308, -0.0, 0.5, 5e-324])
    | st.text(max_size=30) | YAML_SPECIAL_TEXT | TRAPS
)
KEYS = st.sampled_from(FIELD_NAMES) | st.text(max_size=12) | YAML_SPECIAL_TEXT | st.integers() | st.booleans()
VALUES = st.recursive(
    SCALARS,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(KEYS, kids, max_size=4),
    max_leaves=12,
)


def _slots(data, out):
    """Every (container, key) in ``data``: the places a mutation can touch."""
    if isinstance(data, dict):
        for key, value in data.items():
            out.append((data, key))
            _slots(value, out)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out.append((data, index))
            _slots(value, out)
    return out


def _nest(value, depth: int, kind: str):
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


@st.composite
def mutated_procedure(draw):
    data = copy.deepcopy(BASE_DATA)
    if draw(st.integers(0, 30)) == 0:  # now and then, not a mapping at all
        return draw(VALUES)
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data, [(None, None)])
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["replace", "replace", "delete", "add-key", "rename", "nest", "duplicate"]))
        note(f"{op} at {key!r}")
        if container is None:  # the top level
            if op in ("add-key", "rename", "replace"):
                data[draw(KEYS)] = draw(VALUES)
            elif op == "delete" and data:
                del data[draw(st.sampled_from(list(data)))]
            continue
        if op == "replace":
            container[key] = draw(VALUES)
        elif op == "delete":
            del container[key]
        elif op == "add-key":
            target = container[key] if isinstance(container[key], dict) else container
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(VALUES)
            else:
                target.append(draw(VALUES))
        elif op == "rename" and isinstance(container, dict):
            container[draw(KEYS)] = container.pop(key)
        elif op == "nest":
            container[key] = _nest(container[key], draw(st.integers(1, 60)), draw(st.sampled_from(["list", "dict"])))
        elif op == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    return data


@settings(FUZZ, max_examples=EXAMPLES["structured"])
@given(mutated_procedure(), st.sampled_from([False, None, True]), st.sampled_from([80, 20, 10 ** 6]))
def _structured(data, flow, width):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=width)
    note(text)
    run_loader("structured", text.encode("utf-8"))


def test_structured_mutations_never_raise(record_property):
    before = RUNS["structured"]
    _structured()
    report("structured", before, record_property)


def test_the_unmutated_base_is_a_procedure():
    """The starting point of (b) and (c) is valid, so mutations are what the fuzzing checks."""
    raw = base_yaml().encode("utf-8")
    doc, issues = load_text("base.yml", raw)
    assert issues == []
    procedure, issues = check_schema(doc, Procedure)
    assert issues == [] and isinstance(procedure, Procedure)
    dumped = yaml.safe_dump(BASE_DATA, allow_unicode=True, sort_keys=False).encode("utf-8")
    doc, issues = load_text("dumped.yml", dumped)
    assert issues == [] and check_schema(doc, Procedure)[0] is not None
    assert isinstance(BASE_DATA["reviewed"], dt.date)


# --- (c) text mutations of base_yaml() ------------------------------------------------------------

BASE_TEXT = base_yaml()
_CHARS = st.text(st.sampled_from(list(":-?[]{},#&*!|>'\"%@`~\\ \t\n\r0123456789abcyn") + ["\ufeff", "ệ", "\x00"])
                 | st.characters(codec="utf-8"), min_size=1, max_size=4)


@st.composite
def mutated_text(draw):
    text = BASE_TEXT
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "indent", "dedent", "drop-line",
                                   "duplicate-line", "swap-lines"]))
        lines = text.split("\n")
        if op in ("insert", "delete", "replace"):
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(1, 8)) if op != "insert" else 0
            new = draw(_CHARS) if op != "delete" else ""
            text = text[:at] + new + text[at + cut:]
        else:
            i = draw(st.integers(0, len(lines) - 1))
            if op == "indent":
                lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
            elif op == "dedent":
                lines[i] = lines[i].removeprefix(" ")
            elif op == "drop-line":
                del lines[i]
            elif op == "duplicate-line":
                lines.insert(i, lines[i])
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        note(f"{op}")
    return text


@settings(FUZZ, max_examples=EXAMPLES["text-mutations"])
@given(mutated_text())
def _text_mutations(text):
    note(repr(text))
    run_loader("text-mutations", text.encode("utf-8"))


def test_text_mutations_never_raise(record_property):
    before = RUNS["text-mutations"]
    _text_mutations()
    report("text-mutations", before, record_property)
