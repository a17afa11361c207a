"""``amount:`` with nothing after it: a value the editor meant to type and did not.

An editor selects a number to retype it, deletes it, and saves. YAML reads the empty value
as "nothing", the schema accepts nothing for an optional key, and the page quietly says
"fee not known yet" (``amount:``), "not yet translated" (``en:``) or drops the time
(``value:``), with every check green. Leaving a key out stays allowed; writing it with an
empty value is refused (``value.empty``), at the key, with a hint that fits the key.

Only an empty value counts: ``null`` or ``~`` are written on purpose, and an empty list
item (``- ``) is reported by the schema already.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator.diagnostics.errors import Issue, make_issue
from generator.content.loader import Document, escape_pointer
from generator.diagnostics.messages import Bi, bi

_MONEY = {"amount", "max_amount"}
_TRANSLATIONS = {"en", "zh"}


def _walk(doc: Document, value: Any, path: list[Any], out: list[tuple[str, tuple[Any, ...]]]) -> None:
    """Add (pointer, location) of every key below ``value`` written with an empty value to ``out``.

    Runs on every file: a plain loop, and the pointer is built only for a key whose value is None (rare)."""
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        if item is None:
            if type(value) is not dict:
                continue  # an empty list entry: the schema reports it
            loc = (*path, key)
            pointer = "".join(f"/{escape_pointer(str(part))}" for part in loc)
            span = doc.spans.get(pointer)
            if span is not None and span[0] == span[1]:  # nothing written, not "null" or "~"
                out.append((pointer, loc))
        elif type(item) is dict or type(item) is list:
            path.append(key)
            _walk(doc, item, path, out)
            path.pop()


def _required(loc: tuple[Any, ...], root: type[BaseModel]) -> bool:
    from generator.content.schema_check import model_at  # schema_check imports this module

    model = model_at(loc[:-1], root)
    info = model.model_fields.get(str(loc[-1])) if model else None
    return info is not None and info.is_required()


def _hint(key: str, required: bool) -> Bi:
    if key in _MONEY:
        return bi(vi="ghi số tiền bằng số nguyên đồng, ví dụ {key}: 8000 (miễn phí thì ghi 0); chỉ khi văn bản gốc "
                     "thật sự không nêu mức thu: xóa dòng này, ghi uncertain: true và một note nói rõ",
                  en="write the amount in whole đồng, e.g. {key}: 8000 (0 when it is free); only if the source "
                     "really gives none: delete this line and write uncertain: true with a note saying so",
                  key=key)
    if key == "value":
        return bi(vi="ghi con số, ví dụ value: 5 (cùng với unit); chỉ khi văn bản gốc thật sự không nêu thời hạn: "
                     "xóa dòng value và unit, ghi một note nói rõ",
                  en="write the number, e.g. value: 5 (with its unit); only if the source really gives none: "
                     "delete the value and unit lines and write a note saying so")
    if key == "vi":
        return bi(vi="viết chữ tiếng Việt sau dấu ':'", en="write the Vietnamese text after the ':'")
    if key in _TRANSLATIONS:
        return bi(vi="viết bản dịch sau dấu ':'; chưa dịch thì xóa cả dòng {key}:",
                  en="write the translation after the ':'; if there is none yet, delete the whole {key}: line",
                  key=key)
    if required:
        return bi(vi="viết giá trị sau dấu ':' (mục này bắt buộc)",
                  en="write the value after the ':' (this key is required)")
    return bi(vi="viết giá trị sau dấu ':', hoặc xóa cả dòng nếu không cần",
              en="write the value after the ':', or delete the whole line if it is not needed")


def empty_value_issues(doc: Document, root: type[BaseModel]) -> list[Issue]:
    """``value.empty`` at every key written with nothing after its ':'."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    if type(doc.data) is dict:
        _walk(doc, doc.data, [], found)
    issues = []
    for pointer, loc in found:
        at = doc.where(pointer, key=True)
        key = str(loc[-1])
        issues.append(make_issue("value.empty", doc.path, at.line, at.column, pointer, key=key,
                                 hint=_hint(key, _required(loc, root))))
    return issues
