"""Every localized text in a model (a procedure, a form), with its JSON pointer.

Below the checks that walk texts (crosscheck.py, glossary.py, translations), so that none of
them imports another for it. A procedure is walked several times per check, so the walk is a
plain loop that skips the many plain values (codes, dates, numbers) without making their pointers.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.loader import escape_pointer
from generator.content.model import Text

_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime)
_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}  # model class -> (field name, "/" + escaped name)


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple((name, "/" + escape_pointer(name)) for name in cls.model_fields)
    return _FIELDS[cls]


def _collect(value: Any, pointer: str, out: list[tuple[str, Text]]) -> None:
    if isinstance(value, Text):
        out.append((pointer, value))
    elif isinstance(value, BaseModel):
        for name, step in _fields(type(value)):
            child = getattr(value, name)
            if not isinstance(child, _PLAIN):
                _collect(child, pointer + step, out)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if not isinstance(item, _PLAIN):
                _collect(item, f"{pointer}/{i}", out)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, _PLAIN):
                _collect(item, f"{pointer}/{escape_pointer(str(key))}", out)


def walk_texts(value: Any, pointer: str = "") -> Iterator[tuple[str, Text]]:
    """Every localized text in a model, with its JSON pointer, in the order of the model's fields."""
    out: list[tuple[str, Text]] = []
    _collect(value, pointer, out)
    return iter(out)
