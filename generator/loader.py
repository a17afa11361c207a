"""Read a YAML file into plain data, remembering where every node came from.

PyYAML's ``compose()`` gives nodes with marks; we build the values ourselves
instead of using its constructor, so that YAML 1.1 surprises (``no`` read as
false, ``1:30`` read as 90, ``07`` read as octal), duplicate keys and aliases
become positioned errors rather than silent changes.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Issue, make_issue
from generator.messages import bi, os_reason
from generator.yaml_diagnosis import (CONTROL, INVISIBLE_RE, LINE_BREAKS, Diagnosis, clean_key, diagnose, invisible,
                                     invisible_in_key, unclosed_bracket_line)
from generator.yaml_messages import plain_hint, plain_reason

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40

_BOOL_WORDS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_TAGS = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
# libyaml's C parser when PyYAML has it (about ten times faster); same nodes and marks.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RawScalar:
    """Mixin: a number that also remembers the exact text the editor wrote."""

    raw: str


class RawInt(RawScalar, int):
    pass


class RawFloat(RawScalar, float):
    pass


def _raw(cls: type, value: Any, raw: str) -> Any:
    obj = cls(value)
    obj.raw = raw
    return obj


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Document:
    """The data of one file plus the position of each key and value."""

    path: str
    data: Any
    text: str
    keys: dict[str, Mark] = field(default_factory=dict)
    values: dict[str, Mark] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # pointer -> text offsets of the value

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]

    def line(self, number: int) -> str:
        """Line ``number`` (from 1) of the text, or "" past the end."""
        lines = self.text.split("\n", number)
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def where(self, pointer: str, key: bool = False) -> Mark:
        """Position of ``pointer``; falls back to the nearest known parent."""
        table = self.keys if key else self.values
        probe = pointer
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return Mark(1, 1)
            probe = probe.rsplit("/", 1)[0]


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _mark(m: yaml.Mark) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def _position_of(text: str, offset: int) -> Mark:
    before = text[:offset]
    return Mark(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.issues: list[Issue] = []
        self.seen: set[int] = set()

    def _add(self, code: str, mark: Mark, pointer: str, **params: object) -> None:
        self.issues.append(make_issue(code, self.doc.path, mark.line, mark.column, pointer, **params))

    def _found(self, found: Diagnosis, pointer: str) -> None:
        self._add(found.code, Mark(found.line, found.column), pointer, **dict(found.params))

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        mark = _mark(node.start_mark)
        self.doc.values.setdefault(pointer, mark)
        self.doc.spans.setdefault(pointer, (node.start_mark.index, node.end_mark.index))
        if id(node) in self.seen:  # an alias: reported where it is used, see _alias_issues
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._add("yaml.too-deep", mark, pointer, limit=MAX_DEPTH)
            return None
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (_TAGS + "map", _TAGS + "seq"):
            self._add("yaml.tag", mark, pointer, tag=node.tag)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(n, f"{pointer}/{i}", depth + 1) for i, n in enumerate(node.value)]
        return self._scalar(node, pointer)

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            kmark = _mark(key_node.start_mark)
            if key_node.tag == _TAGS + "merge":
                self._add("yaml.alias", kmark, pointer, count=1)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._add("yaml.key", kmark, pointer)
                continue
            key = str(key_node.value)
            pasted = (invisible_in_key(key, kmark.line, kmark.column, self.doc.line(kmark.line))
                      if INVISIBLE_RE.search(key) else None)
            if pasted is not None:  # reported, and read as the key that was meant: no echo from the schema
                key = clean_key(key)
                self._found(pasted, f"{pointer}/{escape_pointer(key)}")
            child = f"{pointer}/{escape_pointer(key)}"
            if key in first:
                self._add("yaml.duplicate-key", kmark, child, key=key, first=first[key].line)
                continue
            first[key] = kmark
            self.doc.keys[child] = kmark
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        value: str = node.value
        mark = _mark(node.start_mark)
        if "\ufeff" in value:  # a second file pasted in, or a BOM copied with text: never meant
            at = _position_of(self.doc.text, self.doc.text.find("\ufeff", node.start_mark.index))
            self._found(invisible(at.line, at.column, "\ufeff"), pointer)
            value = value.replace("\ufeff", "")
        plain = node.style in (None, "")  # the C parser says "" for plain
        implicit = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) if plain else _TAGS + "str"
        if node.tag != implicit:  # an explicit tag, e.g. "!!int commune" or "!!python/object"
            self._add("yaml.tag", mark, pointer, tag=node.tag)
            return value
        if not plain:  # quoted or block text is always text
            return value
        tag = node.tag.removeprefix(_TAGS)
        if tag == "str":
            return value
        if tag == "null":
            return None
        if tag == "bool":
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            if value.lower() in _BOOL_WORDS:
                self._add("yaml.ambiguous-bool", mark, pointer, value=value,
                          as_bool=str(_BOOL_WORDS[value.lower()]).lower())
            return value  # e.g. "!!bool maybe": left as text, the schema says what is wrong
        if tag in ("int", "float") and _SEXAGESIMAL.match(value):
            number = 0.0
            for part in value.lstrip("+-").split(":"):
                number = number * 60 + float(part.replace("_", "") or 0)
            self._add("yaml.sexagesimal", mark, pointer, value=value, number=f"{number:g}")
            return value
        if tag in ("int", "float") and _LEADING_ZERO.match(value):
            self._add("yaml.leading-zero", mark, pointer, value=value)
            return value
        if tag == "int":
            try:
                if _DECIMAL_INT.match(value):
                    return _raw(RawInt, int(value.replace("_", "")), value)
                return int(value.replace("_", ""), 0)
            except ValueError:  # "!!int commune", or more digits than Python will convert
                return value
        if tag == "float":
            try:
                return _raw(RawFloat, float(value.replace("_", "")), value)
            except ValueError:  # .inf, .nan and friends are never content
                return value
        if tag == "timestamp":
            try:
                stamp = yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
            except (ValueError, AttributeError, TypeError, OverflowError):
                return value  # the schema reports it as an invalid date
            return stamp if isinstance(stamp, (dt.date, dt.datetime)) else value
        self._add("yaml.tag", mark, pointer, tag=node.tag)
        return value


def _too_deep_at(text: str) -> int | None:
    """Offset of the first [ or { nested deeper than MAX_DEPTH (quotes ignored: an over-estimate
    is safe). Refused before parsing, because the C parser recurses without a limit of its own."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for offset, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return offset
        elif ch in "]}":
            depth = max(0, depth - 1)
    return None


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Issue]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        good = good.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        m = _position_of(good, len(good))
        reason = bi(vi="byte 0x{b:02x} ở vị trí {at}", en="byte 0x{b:02x} at offset {at}", b=raw[exc.start],
                    at=exc.start)
        return None, [make_issue("yaml.encoding", path, m.line, m.column, reason=reason)]
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


def _tab_issues(path: str, text: str) -> list[Issue]:
    issues = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            issues.append(make_issue("yaml.tab", path, number, line.index("\t") + 1))
    return issues


_GENERAL_HINT = bi(vi="kiểm tra khoảng trắng đầu dòng và xem sau mỗi dấu ':' đã có dấu cách chưa",
                   en="check the indentation and that every ':' is followed by a space")


def _syntax_issue(path: str, exc: yaml.MarkedYAMLError, text: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if line > max(len(lines), 1):  # libyaml's end-of-stream mark is on a line the file does not have
        line = max(len(lines), 1)
        column = len(lines[line - 1]) + 1 if lines else 1
    if "nesting depth" in (exc.problem or ""):
        return make_issue("yaml.too-deep", path, line, column, limit=MAX_DEPTH)
    # Where libyaml stopped is often lines after the mistake: yaml_diagnosis finds the mistake.
    found = diagnose(exc, text, _LOADER, line, column)
    if found.code != "yaml.syntax":
        return make_issue(found.code, path, found.line, found.column, **dict(found.params))
    # PyYAML's own words ("did not find expected key") are parser jargon: said plainly instead.
    reason = found.reason or plain_reason(exc, text)
    hint = found.hint or plain_hint(exc) or _GENERAL_HINT
    if found.hint is None and exc.context and "flow" in exc.context:
        start = exc.context_mark  # the bracket the parser was in; else the last one left open
        inside = start is not None and ("flow sequence" in exc.context or "flow mapping" in exc.context)
        opened = start.line + 1 if inside else unclosed_bracket_line(text)
        if opened is not None:
            hint = bi(vi="đóng dấu ngoặc đã mở ở dòng {line}, hoặc đặt đoạn chữ trong ngoặc kép",
                      en="close the bracket opened on line {line}, or put the text in quotes", line=opened)
    return make_issue("yaml.syntax", path, found.line, found.column, reason=reason, hint=hint)


def load_text(path: str, raw: bytes) -> tuple[Document | None, list[Issue]]:
    """Turn the bytes of one YAML file into a ``Document`` or a list of issues."""
    if len(raw) > MAX_BYTES:
        return None, [make_issue("file.too-large", path, size=len(raw), limit=MAX_BYTES)]
    text, issues = _decode(path, raw)
    if text is None:
        return None, issues
    tabs = _tab_issues(path, text)
    if tabs:
        return None, tabs
    odd = next((i for i, ch in enumerate(text) if ch in "\x85\u2028\u2029"), None)
    if odd is not None:  # YAML reads these as line breaks, editors mostly do not: positions would drift
        m = _position_of(text, odd)
        name = LINE_BREAKS[text[odd]]
        reason = bi(vi="ký tự xuống dòng không nhìn thấy U+{hex} ({name})",
                    en="invisible line-break character U+{hex} ({name})", hex=f"{ord(text[odd]):04X}", name=name)
        return None, [make_issue("yaml.syntax", path, m.line, m.column, reason=reason,
                                 hint=bi(vi="xóa nó, hoặc bấm Enter nếu cần xuống dòng thật",
                                         en="delete it, or press Enter for a real new line"))]
    deep = _too_deep_at(text)
    if deep is not None:
        m = _position_of(text, deep)
        return None, [make_issue("yaml.too-deep", path, m.line, m.column, limit=MAX_DEPTH)]
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_issue(path, exc, text)]
    except RecursionError:
        return None, [make_issue("yaml.too-deep", path, limit=MAX_DEPTH)]
    except yaml.reader.ReaderError as exc:  # control characters
        offset = exc.position
        if _LOADER is not yaml.SafeLoader:  # libyaml counts bytes, not characters
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        m = _position_of(text, offset)
        name = CONTROL.get(exc.character, "")
        reason = bi(vi="có ký tự điều khiển không nhìn thấy U+{hex}{name}, không được phép",
                    en="control character U+{hex}{name} is not allowed", hex=f"{exc.character:04X}", name=name)
        hint = bi(vi="xóa ký tự không nhìn thấy đó; gõ lại đoạn chữ quanh nó",
                  en="delete the invisible character; retype the text around it")
        return None, [make_issue("yaml.syntax", path, m.line, m.column, reason=reason, hint=hint)]
    except yaml.YAMLError as exc:
        reason = bi(vi="không đọc được tệp YAML", en="the YAML cannot be read ({raw})", raw=str(exc).splitlines()[0])
        return None, [make_issue("yaml.syntax", path, reason=reason, hint="")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [make_issue("yaml.empty", path)]
    if len(nodes) > 1:
        m = _mark(nodes[1].start_mark)
        return None, [make_issue("yaml.multi-document", path, m.line, m.column)]
    doc = Document(path=path, data=None, text=text)
    builder = _Builder(doc)
    doc.data = builder.build(nodes[0], "", 0)
    aliases = _alias_issues(path, text) if ("*" in text or "<<" in text) else []
    return doc, aliases + builder.issues


def _alias_issues(path: str, text: str) -> list[Issue]:
    """Aliases are refused where they are used; this also stops alias bombs early."""
    aliases = [e for e in yaml.parse(text, Loader=_LOADER) if isinstance(e, yaml.AliasEvent)]
    if not aliases:
        return []
    m = _mark(aliases[0].start_mark)
    return [make_issue("yaml.alias", path, m.line, m.column, "", count=len(aliases))]


def read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Issue]]:
    """The file's bytes, or why they cannot be had (unreadable, or too large to be a procedure)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, [make_issue("file.too-large", name, size=path.stat().st_size, limit=MAX_BYTES)]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [make_issue("file.read", name, reason=os_reason(exc))]


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Issue]]:
    name = display or str(path)
    raw, issues = read_bytes(path, name)
    return load_text(name, raw) if raw is not None else (None, issues)
