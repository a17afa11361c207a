"""What a YAML parser error means for an editor, in Vietnamese and English.

PyYAML (and libyaml under it) say where they gave up in their own terms: "did not find expected
'-' indicator", "mapping values are not allowed in this context", "while scanning a quoted
scalar". Editors are not programmers, so none of that reaches them: ``plain_reason`` says what
was written wrong, in words about lines, quotes, colons and indentation. Where
``yaml_diagnosis.py`` finds the actual mistake it says so itself, in both languages; this module
covers everything else. Both wordings of each problem (libyaml's and
the pure-Python parser's) are matched.
"""
from __future__ import annotations

import yaml

from generator.diagnostics.messages import Bi, bi

# (when, Vietnamese, English): the first rule with a match in PyYAML's problem or context wins. ``when``
# lists alternatives; an alternative that is a tuple needs all its words. {start} is the line where the
# parser's context began (a quote, a bracket), {char} the character it stopped at.
_RULES: list[tuple[tuple[str | tuple[str, ...], ...], str, str]] = [
    (("mapping values are not allowed",),
     "có dấu ': ' (hai chấm rồi dấu cách) ở chỗ không được có: thường là một đoạn chữ chứa ': ' mà không đặt "
     "trong ngoặc kép, hoặc một mục bị lùi vào sâu hơn mục ở trên",
     "there is a ': ' (colon and space) where none may be: usually a text containing ': ' that is not in quotes, "
     "or a key indented further than the one above it"),
    (("could not find expected ':'",),
     "dòng này không có dấu ':' sau tên mục (hoặc thiếu '- ' ở đầu một mục của danh sách)",
     "this line has no ':' after its key (or a list entry lacks its '- ')"),
    (("'-' indicator", "block collection"),
     "dòng này không bắt đầu bằng '- ' như các mục khác của danh sách ở trên, hoặc không thẳng hàng với chúng",
     "this line does not start with '- ' like the other entries of the list above, or does not line up with them"),
    (("block sequence entries are not allowed",),
     "danh sách không được bắt đầu ngay trên dòng của tên mục",
     "a list cannot start on the same line as its key"),
    ((("quoted scalar", "end of stream"),),
     "dấu ngoặc mở ở dòng {start} không bao giờ được đóng",
     "the quote opened on line {start} is never closed"),
    (("escape character", "hexdecimal", "hexadecimal"),
     "trong ngoặc kép, dấu '\\' phải đi với một ký tự đặc biệt (như \\n); ở đây thì không",
     "inside double quotes a '\\' must start a special character (such as \\n); this one does not"),
    (("flow sequence",),
     "dấu [ mở ở dòng {start} chưa được đóng bằng ], hoặc một mục trong đó có ': ' mà không đặt trong ngoặc kép",
     "the [ opened on line {start} is not closed with ], or an entry in it has a ': ' and is not in quotes"),
    (("flow mapping",),
     "dấu {{ mở ở dòng {start} chưa được đóng bằng }}, hoặc một giá trị trong đó có ': ' mà không đặt trong "
     "ngoặc kép",
     "the {{ opened on line {start} is not closed with }}, or a value in it has a ': ' and is not in quotes"),
    (("document start", "document separator"),
     "có chữ sau dòng '...' hoặc '---' (dòng đánh dấu hết văn bản YAML)",
     "there is text after a '...' or '---' line (a line that ends a YAML document)"),
    (("expected key", "<block end>", "block mapping"),
     "dòng này không thẳng hàng với các mục ở trên (khoảng trắng đầu dòng không đúng), hoặc có chữ thừa sau "
     "dấu ngoặc kép đóng",
     "this line does not line up with the keys above it (wrong indentation), or there is more text after a "
     "closing quote"),
    (("tab character",), "có ký tự Tab ở chỗ YAML cần dấu cách", "there is a tab where YAML needs spaces"),
    (("cannot start any token",),
     "một giá trị không được bắt đầu bằng ký tự '{char}'",
     "a value cannot start with the character '{char}'"),
    (("anchor", "alias"),
     "dấu & hoặc * ở đầu một giá trị có nghĩa riêng trong YAML",
     "'&' or '*' at the start of a value means something else in YAML"),
    (("tag",), "dấu '!' ở đầu một giá trị có nghĩa riêng trong YAML",
     "'!' at the start of a value means something else in YAML"),
    (("incompatible YAML document", "directive"),
     "dòng bắt đầu bằng '%' không được dùng trong tệp thủ tục",
     "a line starting with '%' is not allowed in a procedure file"),
    (("node content",),
     "thiếu một giá trị ở đây (ví dụ một dấu phẩy thừa trong [ ] hoặc {{ }})",
     "a value is missing here (for example an extra comma inside [ ] or {{ }})"),
    (("comment or line break", "comment or a line break"),
     "có chữ thừa trên dòng này, sau ký hiệu | hoặc > hoặc sau một giá trị",
     "there is extra text on this line, after a | or > or after a value"),
    (("block scalar",), "khối chữ sau | hoặc > viết không đúng", "the block of text after | or > is not written right"),
    (("end of stream",), "tệp kết thúc giữa chừng một giá trị", "the file ends in the middle of a value"),
]

_HINTS: dict[str, Bi] = {
    "quote": bi(vi="đóng ngoặc ở cuối đoạn chữ, trên cùng dòng với ngoặc mở",
                en="close the quote at the end of the text, on the line where it opens"),
    "escape": bi(vi="dùng ngoặc đơn '…' ở hai đầu, hoặc viết \\\\ cho một dấu \\",
                 en="use single quotes '…' around the text, or write \\\\ for one \\"),
    "quote-it": bi(vi="đặt cả đoạn chữ trong ngoặc kép: \"…\"", en="put the whole text in double quotes: \"…\""),
}


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return "?"
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column:mark.column + 1] or "?"


def plain_reason(exc: yaml.MarkedYAMLError, text: str = "") -> Bi:
    """What the editor wrote wrong, in plain words, for the problem PyYAML reports in ``exc``."""
    words = f"{exc.problem or ''} | {exc.context or ''}"
    start = (exc.context_mark.line + 1) if exc.context_mark is not None else "?"
    params = {"start": start, "char": _char_at(text, exc.problem_mark)}
    if params["char"] == "\t" or "'\\t'" in words:
        words += " | tab character"
    for when, vi, en in _RULES:
        if any(all(w in words for w in ((alt,) if isinstance(alt, str) else alt)) for alt in when):
            return bi(vi=vi, en=en, **params)
    raw = exc.problem or exc.context or "?"
    return bi(vi="không đọc được tệp YAML từ chỗ này", en="the YAML cannot be read from here ({raw})", raw=raw)


def plain_hint(exc: yaml.MarkedYAMLError) -> Bi | None:
    """A hint that goes with ``plain_reason`` when nothing better is known."""
    words = f"{exc.problem or ''} | {exc.context or ''}"
    if "quoted scalar" in words and "end of stream" in words:
        return _HINTS["quote"]
    if "escape" in words or "hexdecimal" in words or "hexadecimal" in words:
        return _HINTS["escape"]
    if any(k in words for k in ("cannot start any token", "anchor", "alias", "tag")):
        return _HINTS["quote-it"]
    return None

