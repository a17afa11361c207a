"""Why a YAML file could not be read, said where the editor made the mistake.

libyaml reports where it gave up, which is often lines after the mistake: an unclosed quote is
reported at the next quote (possibly 160 lines down), a key without ':' and a pasted
non-breaking space on the line after theirs. ``diagnose`` re-reads the tokens that came before
the failure and moves the report back to the mistake, with a hint for that mistake rather than a
generic one. Invisible characters are named for what they are, with their column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeGuard

import yaml

from generator.diagnostics.messages import Bi, bi

# Characters editors cannot see (pasted from Word, a web page or a PDF) that YAML does not read as
# spaces. Tabs have their own code (yaml.tab); control characters are refused by the reader.
_WIDE = Bi("dấu cách rộng", "wide space")
INVISIBLE: dict[str, Bi] = {
    "\u00a0": Bi("dấu cách không ngắt dòng", "non-breaking space"),
    "\u202f": Bi("dấu cách hẹp không ngắt dòng", "narrow non-breaking space"),
    "\u3000": Bi("dấu cách toàn khổ (của chữ Hán)", "full-width space"),
    "\u200b": Bi("dấu cách không độ rộng", "zero-width space"),
    "\u200c": Bi("ký tự ngăn nối không độ rộng", "zero-width non-joiner"),
    "\u200d": Bi("ký tự nối không độ rộng", "zero-width joiner"),
    "\u2060": Bi("ký tự nối từ không nhìn thấy", "word joiner"),
    "\ufeff": Bi("dấu BOM (byte-order mark)", "byte-order mark (BOM)"),
    "\u00ad": Bi("dấu gạch nối mềm (không nhìn thấy)", "soft hyphen"),
    **{chr(c): _WIDE for c in range(0x2000, 0x200B)},
}
# Line breaks YAML counts and editors do not, and control characters: named, for editors search for a name.
LINE_BREAKS = {"\x85": bi(vi="NEL", en="next line, NEL"), "\u2028": bi(vi="ngăn dòng", en="line separator"),
               "\u2029": bi(vi="ngăn đoạn", en="paragraph separator")}
CONTROL = {0: bi(vi=" (ký tự rỗng NUL)", en=" (null, NUL)"), 7: bi(vi=" (chuông BEL)", en=" (bell, BEL)"),
           8: bi(vi=" (xóa lùi)", en=" (backspace)"), 0x1B: bi(vi=" (ESC)", en=" (escape, ESC)"),
           0x7F: bi(vi=" (DEL)", en=" (delete, DEL)"), 0xFFFE: bi(vi=" (không phải ký tự)", en=" (a non-character)")}
CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201d", "\u201d": "\u201d", "\u2019": "\u2019"}
_INV = "".join(INVISIBLE)
INVISIBLE_RE = re.compile(f"[{_INV}]")
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_KEY_LINE = re.compile(rf"^\s*(?:-\s+)*{_KEY}:(?:\s|$)")
# Invisible characters where YAML needs a real space or nothing: before the text of a line (or of a
# list entry), between a key and its ':', and right after a key's ':'.
_STRUCTURAL = re.compile(
    rf"^(?: |-(?=[ {_INV}]))*(?P<lead>[{_INV}])"
    rf"|(?:^|[\s{{,\[-]){_KEY}(?P<before>[{_INV}])[{_INV}]*:(?:\s|$)"
    rf"|(?:^|[\s{{,\[-]){_KEY}:(?P<after>[{_INV}])"
)

# Every text this module writes, in one place: (English, Vietnamese).
TEXT: dict[str, tuple[str, str]] = {
    "unclosed-quote": (
        "the {quote} opened here is not closed on this line, so everything up to the next {quote} "
        "(line {end}) is read as one text",
        "dấu {quote} mở ở đây không được đóng trên dòng này, nên mọi thứ cho tới dấu {quote} tiếp theo "
        "(dòng {end}) bị đọc thành một đoạn chữ"),
    "unclosed-quote-eof": ("the {quote} opened here is never closed",
                           "dấu {quote} mở ở đây không được đóng ở đâu cả"),
    "unclosed-quote.hint": ("put the closing {quote} at the end of the text on this line",
                            "thêm dấu {quote} đóng vào cuối đoạn chữ trên dòng này"),
    "invisible.before-key": (" before the key '{key}'", " trước mục '{key}'"),
    "invisible.in-key": (" in the key '{key}'", " trong tên mục '{key}'"),
    "curly": ("the curly quote {char} at column {column} is not a YAML quote, so the ': ' inside this text "
              "breaks the line",
              "dấu ngoặc cong {char} ở cột {column} không phải dấu ngoặc của YAML, nên dấu ': ' trong đoạn "
              "chữ này làm hỏng dòng"),
    "curly.hint": ("use straight quotes: \"…\" (switch off smart quotes, or copy a quote from another line)",
                   "dùng dấu ngoặc kép thẳng: \"…\" (tắt chế độ tự đổi dấu ngoặc, hoặc chép dấu ngoặc từ "
                   "một dòng khác)"),
    "no-colon": ("no ':' after the key '{key}'", "thiếu dấu ':' sau mục '{key}'"),
    "no-colon.hint": ("add ':' after the key: {key}: …", "thêm dấu ':' ngay sau tên mục: {key}: …"),
    "no-colon-text": ("this line has no ':'", "dòng này không có dấu ':'"),
    "no-colon-text.hint": (
        "write it as key: value; if the line continues the text above it, put that whole text on one line, "
        "in quotes",
        "viết theo dạng tên-mục: giá trị; nếu dòng này là phần tiếp của đoạn chữ ở trên, viết cả đoạn trên "
        "một dòng, trong ngoặc kép"),
    "no-dash.hint": (
        "if this is an entry of the list above, start it with '- ' like line {line}; if it is a key, add ':' "
        "after it",
        "nếu đây là một mục của danh sách ở trên, bắt đầu dòng bằng '- ' như dòng {line}; nếu là tên mục, "
        "thêm ':' sau nó"),
    "indent-more": ("this line is indented more than the line above it ({spaces}; line {line} has {other})",
                    "dòng này lùi vào nhiều hơn dòng trên nó ({spaces}; dòng {line} có {other})"),
    "indent-less": ("this line is indented less than the line above it ({spaces}; line {line} has {other})",
                    "dòng này lùi vào ít hơn dòng trên nó ({spaces}; dòng {line} có {other})"),
    "indent.hint": ("align '{this}' with '{that}' on line {line} ({other})",
                    "cho '{this}' thẳng hàng với '{that}' ở dòng {line} ({other})"),
    "indent.or": ("{hint}, or with '{that}' on line {line} ({other})",
                  "{hint}, hoặc với '{that}' ở dòng {line} ({other})"),
    "after-quote": ("there is more text after the closing {quote} at column {column}",
                    "còn chữ sau dấu {quote} đóng ở cột {column}"),
    "after-quote.hint": (
        "put the whole text inside the quotes; if the text itself has quotes, use other ones inside it "
        "(“…” or ‘…’)",
        "đặt cả đoạn chữ vào trong dấu ngoặc; nếu trong đoạn chữ có dấu ngoặc kép, dùng loại khác bên trong "
        "(“…” hoặc ‘…’)"),
    "no-space": ("no space after the ':' of '{key}'", "thiếu dấu cách sau dấu ':' của mục '{key}'"),
    "no-space.hint": ("put a space after the ':': {key}: {value}", "thêm một dấu cách sau dấu ':': {key}: {value}"),
    "dash": ("no space after the '-' that starts a list entry", "thiếu dấu cách sau dấu '-' ở đầu một mục danh sách"),
    "dash.hint": ("write '- ' (a dash, then a space) before the entry", "viết '- ' (gạch ngang rồi dấu cách) trước mục"),
    "list-on-key-line": ("a list cannot start on the same line as its key",
                         "danh sách không được bắt đầu trên cùng dòng với tên mục"),
    "list-on-key-line.hint": ("put each '- ' entry on its own line, indented under the key",
                              "viết mỗi mục '- ' trên một dòng riêng, lùi vào dưới tên mục"),
    "colon-in-text.hint": ("a text containing ': ' must be put in quotes",
                           "đoạn chữ có dấu ': ' phải đặt trong ngoặc kép"),
    "spaces": ("{n} spaces", "{n} dấu cách"),
    "space": ("1 space", "1 dấu cách"),
    "no-spaces": ("no spaces", "không có dấu cách"),
}


def _t(name: str, /, **params: object) -> Bi:
    en, vi = TEXT[name]
    return bi(vi=vi, en=en, **params)


@dataclass(frozen=True)
class Diagnosis:
    """Where a syntax error really is (line and column from 1), and what to tell the editor."""

    code: str
    line: int
    column: int
    reason: Bi | None = None  # None: keep the parser's own words
    hint: Bi | None = None
    params: tuple[tuple[str, object], ...] = ()  # the template's parameters, when not a reason


def first_invisible(text: str) -> int | None:
    """Index of the first invisible character in ``text``, if any."""
    return next((i for i, ch in enumerate(text) if ch in INVISIBLE), None)


def invisible(line: int, column: int, ch: str, where: Bi | str = "") -> Diagnosis:
    """A ``yaml.invisible`` problem: which character, where (its template is in codes_content.py)."""
    params = (("name", INVISIBLE[ch]), ("hex", f"{ord(ch):04X}"), ("column", column), ("where", where))
    return Diagnosis("yaml.invisible", line, column, params=params)


def invisible_in_key(key: str, line: int, column: int, source_line: str) -> Diagnosis | None:
    """A key holding an invisible character (the file reads, but the key is not the one meant)."""
    at = first_invisible(key)
    if at is None:
        return None
    found = source_line.find(key[at], max(column - 1, 0))
    col = found + 1 if found >= 0 else column
    where = _t("invisible.before-key" if not key[:at].strip() else "invisible.in-key", key=clean_key(key))
    return invisible(line, col, key[at], where)


def clean_key(key: str) -> str:
    return "".join(ch for ch in key if ch not in INVISIBLE).strip()


def _spaces(n: int) -> Bi:
    return _t("no-spaces") if n == 0 else _t("space") if n == 1 else _t("spaces", n=n)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _start(line: str) -> str:
    """How a line begins, to name it in a hint: its key with ':' or its first words."""
    text = line.strip()
    m = re.match(rf"(?:-\s+)*{_KEY}:", text)
    return m.group(0) if m else (text[:24] + "…" if len(text) > 25 else text)


class _Lines:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def get(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def content_before(self, number: int) -> int | None:
        """The nearest line above ``number`` holding more than blanks or a comment."""
        for n in range(number - 1, 0, -1):
            stripped = self.get(n).strip()
            if stripped and not stripped.startswith("#"):
                return n
        return None

    def span(self, start: yaml.Mark, end: yaml.Mark) -> str:
        if start.line == end.line:
            return self.get(start.line + 1)[start.column:end.column]
        parts = [self.get(start.line + 1)[start.column:]]
        parts += [self.get(n + 1) for n in range(start.line + 1, end.line)]
        return "\n".join(parts + [self.get(end.line + 1)[:end.column]])


def _tokens_before(text: str, loader: type, line: int, column: int) -> list[yaml.Token]:
    """The tokens that start before (line, column), 0-based; the scanner stops at the same error."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if (token.start_mark.line, token.start_mark.column) >= (line, column):
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _quoted(token: yaml.Token) -> TypeGuard[yaml.ScalarToken]:
    return isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')


def _unclosed_quote(tokens: list[yaml.Token], lines: _Lines) -> Diagnosis | None:
    """A quoted text that runs over lines holding 'key:': its quote was meant to close on its line."""
    for token in reversed(tokens[-4:]):
        start, end = token.start_mark, token.end_mark
        if not _quoted(token) or start.line == end.line:
            continue
        inside = lines.span(start, end).split("\n")[1:]
        if any(_KEY_LINE.match(part) for part in inside):
            reason = _t("unclosed-quote", quote=token.style, end=end.line + 1)
            return Diagnosis("yaml.syntax", start.line + 1, start.column + 1, reason,
                             _t("unclosed-quote.hint", quote=token.style))
    return None


def _invisible_between(lines: _Lines, first: int, last: int) -> Diagnosis | None:
    for number in range(max(first, 1), last + 1):
        m = _STRUCTURAL.search(lines.get(number))
        if m:
            group = next(g for g in ("lead", "before", "after") if m.group(g))
            return invisible(number, m.start(group) + 1, m.group(group))
    return None


def _curly_at(lines: _Lines, line: int, column: int) -> Diagnosis | None:
    """A value opened with a curly quote whose text runs past the error (0-based column)."""
    text = lines.get(line)
    for i, ch in enumerate(text[:column]):
        if ch in CURLY and re.search(r"(^|[:\-\[{,])\s*$", text[:i]) and CURLY[ch] not in text[i + 1:column]:
            return Diagnosis("yaml.syntax", line, i + 1, _t("curly", char=ch, column=i + 1), _t("curly.hint"))
    return None


def _missing_colon(lines: _Lines, number: int) -> Diagnosis:
    """Line ``number`` is a key (or text) where YAML needed 'key: value'."""
    text = lines.get(number)
    lead = re.match(r"\s*(?:-\s+)*", text)
    rest = text[lead.end():] if lead else text
    word = re.match(_KEY, rest)
    previous = lines.content_before(number)
    dash = previous is not None and lines.get(previous).lstrip().startswith("- ") and \
        _indent(lines.get(previous)) == _indent(text)
    glued = re.match(rf"({_KEY}):(?!//)(\S.*)", rest)
    if glued:  # level:commune
        column = (lead.end() if lead else 0) + glued.end(1) + 1
        return Diagnosis("yaml.syntax", number, column + 1, _t("no-space", key=glued.group(1)),
                         _t("no-space.hint", key=glued.group(1), value=glued.group(2).strip()))
    if word and (word.end() == len(rest.rstrip()) or rest[word.end():word.end() + 1] == " "):
        hint = _t("no-dash.hint", line=previous) if dash else _t("no-colon.hint", key=word.group(0))
        return Diagnosis("yaml.syntax", number, (lead.end() if lead else 0) + word.end() + 1,
                         _t("no-colon", key=word.group(0)), hint)
    hint = _t("no-dash.hint", line=previous) if dash else _t("no-colon-text.hint")
    return Diagnosis("yaml.syntax", number, _indent(text) + 1, _t("no-colon-text"), hint)


def _indentation(lines: _Lines, number: int) -> Diagnosis | None:
    """Line ``number`` starts at an indentation the lines above do not allow."""
    text = lines.get(number)
    previous = lines.content_before(number)
    if previous is None:
        return None
    here, above = _indent(text), _indent(lines.get(previous))
    params = dict(spaces=_spaces(here), line=previous, other=_spaces(above))
    hint = _t("indent.hint", this=_start(text), that=_start(lines.get(previous)), line=previous,
              other=_spaces(above))
    if here > above:
        return Diagnosis("yaml.syntax", number, here + 1, _t("indent-more", **params), hint)
    if here == above:
        return None
    for n in range(previous - 1, 0, -1):  # the enclosing line this one may belong to instead
        other = lines.get(n)
        if other.strip() and not other.lstrip().startswith("#") and _indent(other) < here:
            hint = _t("indent.or", hint=hint, that=_start(other), line=n, other=_spaces(_indent(other)))
            break
    return Diagnosis("yaml.syntax", number, here + 1, _t("indent-less", **params), hint)


def unclosed_bracket_line(text: str) -> int | None:
    """Line of the innermost [ or { still open at the end (quoted text and comments skipped).

    A quote or bracket counts only where a value starts (after ':', '-', ',', '[', '{' or at a line's
    start): the apostrophe of "People's Committee" opens nothing."""
    stack: list[int] = []
    quote = ""
    before = "\n"  # the last character that is not a space
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"[{" and before in "\n:-,[{":
            if ch in "[{":
                stack.append(i)
            else:
                quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            i = text.find("\n", i)
            if i < 0:
                break
            continue
        elif ch in "]}" and stack:
            stack.pop()
        if ch != " ":
            before = ch
        i += 1
    return text.count("\n", 0, stack[-1]) + 1 if stack else None


def diagnose(exc: yaml.MarkedYAMLError, text: str, loader: type, line: int, column: int) -> Diagnosis:
    """The mistake behind ``exc``; ``line``/``column`` (from 1) is where the parser stopped."""
    lines = _Lines(text)
    problem = exc.problem or ""
    context = exc.context or ""
    start = exc.context_mark
    at = lines.get(line)[column - 1:column]
    if at == "\t":
        return Diagnosis("yaml.tab", line, column)
    if at in INVISIBLE:
        return invisible(line, column, at)
    if "quoted scalar" in context and start is not None and "unexpected" in problem:  # the file ends inside it
        quote = lines.get(start.line + 1)[start.column:start.column + 1] or '"'
        return Diagnosis("yaml.syntax", start.line + 1, start.column + 1, _t("unclosed-quote-eof", quote=quote),
                         _t("unclosed-quote.hint", quote=quote))
    tokens = _tokens_before(text, loader, line - 1, column - 1)
    found = _unclosed_quote(tokens, lines)
    if found:
        return found
    first = min([t.start_mark.line + 1 for t in tokens[-2:]] + [line])
    if "simple key" in context and start is not None:
        first = min(first, start.line + 1)
    found = _invisible_between(lines, first, line) or _curly_at(lines, line, column - 1)
    if found:
        return found
    previous = tokens[-1] if tokens else None
    for token in tokens[-4:]:  # "-{vi: …}" or "-Cha mẹ": a list entry without its space
        begin = token.start_mark
        owner = lines.get(begin.line + 1)
        if isinstance(token, yaml.ScalarToken) and not _quoted(token) and not owner[:begin.column].strip() \
                and re.match(r"-[^\s-]", owner[begin.column:]):
            return Diagnosis("yaml.syntax", begin.line + 1, begin.column + 2, _t("dash"), _t("dash.hint"))
    if "could not find expected ':'" in problem and start is not None:
        return _missing_colon(lines, start.line + 1)
    if "mapping values are not allowed" in problem and isinstance(previous, yaml.ScalarToken) \
            and previous.start_mark.line + 1 < line:
        begin = previous.start_mark
        owner = lines.get(begin.line + 1)
        if re.match(r"\s*(?:-\s+)*$", owner[:begin.column]):  # the text starts its line: no key there
            return _missing_colon(lines, begin.line + 1)
        if _KEY_LINE.match(lines.get(line)):  # a key that continues the text above: indented too far
            found = _indentation(lines, line)
            if found:
                return found
    if "mapping values are not allowed" in problem:
        return Diagnosis("yaml.syntax", line, column, None, _t("colon-in-text.hint"))
    if "block sequence entries are not allowed" in problem:
        return Diagnosis("yaml.syntax", line, column, _t("list-on-key-line"), _t("list-on-key-line.hint"))
    if problem.startswith("did not find expected") and previous is not None and _quoted(previous) \
            and previous.end_mark.line + 1 == line and at.strip() and at not in ",]}#" \
            and not lines.get(line)[previous.end_mark.column:column - 1].strip():  # text right after the quote
        return Diagnosis("yaml.syntax", line, column,
                         _t("after-quote", quote=previous.style, column=previous.end_mark.column),
                         _t("after-quote.hint"))
    if ("expected key" in problem or "'-' indicator" in problem) \
            and column == _indent(lines.get(line)) + 1:
        found = _indentation(lines, line)
        if found:
            return found
    return Diagnosis("yaml.syntax", line, column, None, None)
