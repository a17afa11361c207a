"""Read a YAML file into plain data, remembering where every node came from.

PyYAML's ``compose()`` gives nodes with marks; we build the values ourselves
instead of using its constructor, so that YAML 1.1 surprises (``no`` read as
false, ``1:30`` read as 90, ``07`` read as octal), duplicate keys and aliases
become positioned errors rather than silent changes.

Speed: libyaml parses and composes in C; our pass over the nodes does only what
a value needs, and keeps the nodes themselves as the positions. A position
(line, column, text offsets) is worked out only when a check asks for it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

import yaml
from yaml.nodes import MappingNode, ScalarNode

from generator.diagnostics.errors import Issue, make_issue
from generator.diagnostics.messages import Text, bi, os_reason
from generator.diagnostics.yaml_diagnosis import (CONTROL, INVISIBLE_RE, LINE_BREAKS, Diagnosis, clean_key, diagnose, invisible,
                                     invisible_in_key, unclosed_bracket_line)
from generator.diagnostics.yaml_messages import plain_hint, plain_reason

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40

_BOOL_WORDS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_TAGS = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAGS + "str", _TAGS + "map", _TAGS + "seq", _TAGS + "merge"
_RESOLVER = yaml.resolver.Resolver()
# libyaml's C parser when PyYAML has it (about ten times faster); same nodes and marks.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_V = TypeVar("_V")
_TIMESTAMPS = yaml.SafeLoader("")  # only its (stateless) timestamp constructor is used


class _Implicit(str):
    """A tag the parser resolved from a plain value (no tag written in the file), so it needs no second look."""

    __slots__ = ()


if TYPE_CHECKING:  # the mixin's super() is the loader's resolver; at run time it adds no base of its own
    _ResolverMixin = yaml.resolver.BaseResolver
else:
    _ResolverMixin = object


class _ImplicitTags(_ResolverMixin):
    """Loader mixin: the tag of a plain value is resolved once per distinct value, and marked as implicit.

    Most values repeat (keys, "vi", channel names), and PyYAML's resolver is plain Python run once per value.
    """

    _known: dict[str, _Implicit] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode or not implicit[0]:
            return super().resolve(kind, value, implicit)
        tag = self._known.get(value)
        if tag is None:
            tag = _Implicit(super().resolve(kind, value, implicit))
            if len(value) <= 40 and len(self._known) < 50_000:  # short values repeat; long texts seldom do
                self._known[value] = tag
        return tag


_COMPOSERS: dict[type, type] = {}


def _composer() -> type:
    """``_LOADER`` with implicit tags marked (looked up on each call: tests swap in the pure-Python parser)."""
    if _LOADER not in _COMPOSERS:
        _COMPOSERS[_LOADER] = type(f"Implicit{_LOADER.__name__}", (_ImplicitTags, _LOADER), {})
    return _COMPOSERS[_LOADER]


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


class _NodeTable(Mapping[str, _V]):
    """pointer -> something read from the parser's node for that pointer, when asked."""

    __slots__ = ("_nodes",)

    def __init__(self, nodes: dict[str, yaml.Node]) -> None:
        self._nodes = nodes

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


class _Marks(_NodeTable[Mark]):
    """pointer -> where its node starts."""

    __slots__ = ()

    def __getitem__(self, pointer: str) -> Mark:
        m = self._nodes[pointer].start_mark
        return Mark(m.line + 1, m.column + 1)


class _Spans(_NodeTable[tuple[int, int]]):
    """pointer -> text offsets (start, end) of its value."""

    __slots__ = ()

    def __getitem__(self, pointer: str) -> tuple[int, int]:
        node = self._nodes[pointer]
        return node.start_mark.index, node.end_mark.index

    def get(self, pointer: str, default: Any = None) -> Any:  # the hot path of the text checks
        node = self._nodes.get(pointer)
        return default if node is None else (node.start_mark.index, node.end_mark.index)


@dataclass
class Document:
    """The data of one file plus the position of each key and value."""

    path: str
    data: Any
    text: str
    keys: Mapping[str, Mark] = field(default_factory=dict)
    values: Mapping[str, Mark] = field(default_factory=dict)
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # pointer -> text offsets of the value

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
    if "~" in token or "/" in token:  # seldom: the checks call this for every key of every file
        return token.replace("~", "~0").replace("/", "~1")
    return token


class _Position(Protocol):  # the pure-Python and the libyaml marks alike
    line: int
    column: int


def _mark(m: _Position) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def _position_of(text: str, offset: int) -> Mark:
    before = text[:offset]
    return Mark(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


class _Builder:
    """Values from nodes. Positions stay in the nodes: ``values`` and ``keys`` map pointers to them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.issues: list[Issue] = []
        self.seen: set[int] = set()
        self.values: dict[str, yaml.Node] = {}
        self.keys: dict[str, yaml.Node] = {}
        doc.values, doc.keys, doc.spans = _Marks(self.values), _Marks(self.keys), _Spans(self.values)

    def _add(self, code: str, node: yaml.Node, pointer: str, hint: Text | None = None, **params: object) -> None:
        mark = node.start_mark
        self.issues.append(make_issue(code, self.doc.path, mark.line + 1, mark.column + 1, pointer,
                                      hint=hint, **params))

    def _found(self, found: Diagnosis, pointer: str) -> None:
        self.issues.append(make_issue(found.code, self.doc.path, found.line, found.column, pointer,
                                      hint=found.hint, **dict(found.params)))

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        # Pointers are unique (escaped keys, duplicates skipped), so the first node is the only one.
        self.values[pointer] = node
        if id(node) in self.seen:  # an alias: reported where it is used, see _alias_issues
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._add("yaml.too-deep", node, pointer, limit=MAX_DEPTH)
            return None
        if type(node) is ScalarNode:
            return self._scalar(node, pointer)
        if node.tag != _MAP and node.tag != _SEQ:
            self._add("yaml.tag", node, pointer, tag=node.tag)
            return None
        if type(node) is MappingNode:
            return self._mapping(node, pointer, depth)
        return [self.build(n, f"{pointer}/{i}", depth + 1) for i, n in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._add("yaml.alias", key_node, pointer, count=1)
                continue
            if type(key_node) is not ScalarNode:
                self._add("yaml.key", key_node, pointer)
                continue
            key = str(key_node.value)
            if INVISIBLE_RE.search(key):  # reported, and read as the key that was meant: no echo from the schema
                kmark = _mark(key_node.start_mark)
                pasted = invisible_in_key(key, kmark.line, kmark.column, self.doc.line(kmark.line))
                if pasted is not None:
                    key = clean_key(key)
                    self._found(pasted, f"{pointer}/{escape_pointer(key)}")
            child = f"{pointer}/{escape_pointer(key)}" if "~" in key or "/" in key else f"{pointer}/{key}"
            if key in out:
                self._add("yaml.duplicate-key", key_node, child, key=key,
                          first=keys[child].start_mark.line + 1)
                continue
            keys[child] = key_node
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        value: str = node.value
        tag = node.tag
        if "\ufeff" in value:  # a second file pasted in, or a BOM copied with text: never meant
            raw = self.doc.text.find("\ufeff", node.start_mark.index)
            # Written as the escape "\uFEFF" the mark is not in the text: point at the value itself.
            at = _position_of(self.doc.text, raw if raw >= 0 else node.start_mark.index)
            self._found(invisible(at.line, at.column, "\ufeff"), pointer)
            value = value.replace("\ufeff", "")
            tag = str(tag)  # resolved from the value before cleaning: compared again below
        plain = not node.style  # the C parser says "" for plain
        if plain:
            # An explicit tag, e.g. "!!int commune" or "!!python/object", differs from the value's own.
            if tag.__class__ is not _Implicit and tag != _RESOLVER.resolve(ScalarNode, value, (True, False)):
                self._add("yaml.tag", node, pointer, tag=tag)
                return value
            if tag == _STR:
                return value
        elif tag != _STR:  # quoted or block text is always text
            self._add("yaml.tag", node, pointer, tag=tag)
            return value
        else:
            return value
        tag = tag.removeprefix(_TAGS)
        if tag == "null":
            return None
        if tag == "bool":
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            if value.lower() in _BOOL_WORDS:
                self._add("yaml.ambiguous-bool", node, pointer, value=value,
                          as_bool=str(_BOOL_WORDS[value.lower()]).lower())
            return value  # e.g. "!!bool maybe": left as text, the schema says what is wrong
        if tag in ("int", "float") and _SEXAGESIMAL.match(value):
            number = 0.0
            for part in value.lstrip("+-").split(":"):
                number = number * 60 + float(part.replace("_", "") or 0)
            self._add("yaml.sexagesimal", node, pointer, value=value, number=f"{number:g}")
            return value
        if tag in ("int", "float") and _LEADING_ZERO.match(value):
            self._add("yaml.leading-zero", node, pointer, value=value)
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
                stamp = _TIMESTAMPS.construct_yaml_timestamp(node)
            except (ValueError, AttributeError, TypeError, OverflowError):
                return value  # the schema reports it as an invalid date
            return stamp if isinstance(stamp, (dt.date, dt.datetime)) else value
        self._add("yaml.tag", node, pointer, tag=node.tag)
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


_UTF16 = (bi(vi="tệp đang lưu theo UTF-16 (Notepad gọi là “Unicode”)",
             en="the file is saved as UTF-16 (Notepad calls it “Unicode”)"),
          bi(vi="lưu lại theo “UTF-8”: trong Notepad chọn Tệp → Lưu Dưới dạng…, ở ô Mã hóa chọn “UTF-8”",
             en="save it again as “UTF-8”: in Notepad, File → Save As…, and set Encoding to “UTF-8”"))
_ANSI = (bi(vi="tệp không được lưu theo UTF-8: chữ ở đây không đọc được, thường do tệp được lưu theo “ANSI”",
            en="the file is not saved as UTF-8: the text here cannot be read, usually because it was saved as “ANSI”"),
         bi(vi="lưu lại theo “UTF-8” (trong Notepad: Tệp → Lưu Dưới dạng…, ô Mã hóa), rồi xem lại các chữ có dấu "
               "quanh chỗ được báo",
            en="save it again as “UTF-8” (in Notepad: File → Save As…, Encoding), then check the accented letters "
               "around the place shown"))


def _utf16(raw: bytes) -> bool:
    """Notepad's "Unicode" (with a byte-order mark), or UTF-16 without one: every other byte of ASCII is 0."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:200]
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return False
    # Plain letters in UTF-16 are one zero byte and one letter byte, always in the same order.
    return any(zeros.count(0) >= 0.8 * len(zeros) and letters.count(0) <= 0.2 * len(letters)
               for zeros, letters in ((odd, even), (even, odd)))


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Issue]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _utf16(raw):  # the whole file is another encoding: said at its start, in Notepad's own words
            return None, [make_issue("yaml.encoding", path, 1, 1, detail=_UTF16[0], hint=_UTF16[1])]
        good = raw[: exc.start].decode("utf-8", errors="replace")
        good = good.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        m = _position_of(good, len(good))
        return None, [make_issue("yaml.encoding", path, m.line, m.column, detail=_ANSI[0], hint=_ANSI[1])]
    if "\x00" in text and _utf16(raw):  # UTF-16 without a byte-order mark: plain letters read as valid UTF-8
        return None, [make_issue("yaml.encoding", path, 1, 1, detail=_UTF16[0], hint=_UTF16[1])]
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


def _tab_issues(path: str, text: str) -> list[Issue]:
    if "\t" not in text:
        return []
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
        return make_issue(found.code, path, found.line, found.column, hint=found.hint, **dict(found.params))
    # PyYAML's own words ("did not find expected key") are parser jargon: said plainly instead.
    reason = found.reason or plain_reason(exc, text)
    hint = found.hint or plain_hint(exc) or _GENERAL_HINT
    if found.hint is None and exc.context and "flow" in exc.context:
        start = exc.context_mark  # the bracket the parser was in; else the last one left open
        inside = "flow sequence" in exc.context or "flow mapping" in exc.context
        opened = start.line + 1 if start is not None and inside else unclosed_bracket_line(text)
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
    # One substring test per character is many times quicker than a regular expression over the whole text.
    found_break = _ODD_BREAK.search(text) if "\x85" in text or "\u2028" in text or "\u2029" in text else None
    if found_break is not None:  # YAML reads these as line breaks, editors mostly do not: positions would drift
        odd = found_break.start()
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
        nodes = list(yaml.compose_all(text, Loader=_composer()))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_issue(path, exc, text)]
    except RecursionError:
        return None, [make_issue("yaml.too-deep", path, limit=MAX_DEPTH)]
    except yaml.reader.ReaderError as exc:  # control characters
        offset = exc.position
        if _LOADER is not yaml.SafeLoader:  # libyaml counts bytes, not characters
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        m = _position_of(text, offset)
        control = CONTROL.get(exc.character, "")
        reason = bi(vi="có ký tự điều khiển không nhìn thấy U+{hex}{name}, không được phép",
                    en="control character U+{hex}{name} is not allowed", hex=f"{exc.character:04X}", name=control)
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
    m = _mark(cast(_Position, aliases[0].start_mark))  # the parser marks every event it makes
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
