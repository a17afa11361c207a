"""Check one loaded document against the typed model, as positioned issues."""
from __future__ import annotations

import difflib
import re
import typing
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import CODES, Issue, make_issue
from generator.loader import Document, escape_pointer
from generator.model import Procedure, Text

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a block of 'key: value' lines",
    "model_attributes_type": "a block of 'key: value' lines",
    "dict_type": "a block of 'key: value' lines",
}
_ENUM_HINTS = {
    "district": "there is no district level since 1 July 2025: use commune or province",
    "huyen": "there is no district level since 1 July 2025: use commune or province",
}
_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH = {"too_short", "string_too_short", "too_long", "string_too_long"}
_DATE = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}


def _pointer(loc: tuple[Any, ...]) -> str:
    return "".join(f"/{escape_pointer(str(part))}" for part in loc)


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside Optional[...], list[...] or Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _is_mapping(annotation: Any) -> bool:
    if typing.get_origin(annotation) is dict:
        return True
    return any(_is_mapping(arg) for arg in typing.get_args(annotation))


def model_at(loc: tuple[Any, ...], root: type[BaseModel] = Procedure) -> type[BaseModel] | None:
    """Which model class describes the mapping at ``loc``."""
    current: type[BaseModel] | None = root
    skip_key = False
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or skip_key:
            skip_key = False
            continue
        info = current.model_fields.get(part)
        current = _unwrap(info.annotation) if info else None
        skip_key = bool(info) and _is_mapping(info.annotation)
    return current


def _type_detail(err: dict[str, Any], loc: tuple[Any, ...], root: type[BaseModel]) -> tuple[str, str]:
    wanted = _TYPE_WORDS.get(err["type"], "another kind of value")
    value = err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    hint = ""
    parent = model_at(loc, root)
    if parent is Text and err["type"] == "model_type" and isinstance(value, str):
        hint = f"write it in languages, e.g. '{loc[-1]}: {{vi: \"…\"}}'"
    elif err["type"] == "list_type":
        hint = "put each entry on its own line, starting with '- '"
    elif "whole number" in wanted and isinstance(value, float) and "." in getattr(value, "raw", ""):
        raw = value.raw  # type: ignore[attr-defined]
        hint = f"write {raw.replace('.', '')}, not {raw}: amounts have no dots or commas"
    elif "whole number" in wanted and isinstance(value, str):
        digits = "".join(ch for ch in value if ch.isdigit())
        hint = f'write {digits}, not "{value}"' if digits else "write a number in digits, e.g. 1"
    elif err["type"] == "date_type":
        hint = "write the date without quotes, as YYYY-MM-DD"
    return f"expected {wanted}, found {shown}", hint


def _issue_for(doc: Document, err: dict[str, Any], root: type[BaseModel], budget: Iterator[bool]) -> Issue:
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind: str = err["type"]
    pointer = _pointer(loc)
    ctx = err.get("ctx") or {}
    value = err.get("input")

    def at(code: str, ptr: str = pointer, /, on_key: bool = False, **params: object) -> Issue:
        m = doc.where(ptr, key=on_key)
        return make_issue(code, doc.path, m.line, m.column, pointer, **params)

    if kind in CODES:  # our own PydanticCustomError types
        return at(kind)
    if kind == "missing":
        parent = _pointer(loc[:-1])
        model = model_at(loc[:-1], root)
        detail = ""
        info = model.model_fields.get(str(loc[-1])) if model else None
        if info and info.description:
            detail = f" ({info.description})"
        return at("schema.required", parent, key=loc[-1], detail=detail, hint=f"add '{loc[-1]}:'")
    if kind == "extra_forbidden":
        model = model_at(loc[:-1], root)
        allowed = list(model.model_fields) if model else []
        key = str(loc[-1])
        # Suggestions cost a fuzzy match each; a pasted blob of thousands of keys gets the list instead.
        close = (difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                 if len(key) <= 40 and next(budget, False) else [])
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return at("schema.unknown-key", on_key=True, key=loc[-1], hint=hint)
    if kind == "literal_error":
        hint = _ENUM_HINTS.get(str(value))
        return at("schema.enum", value=value, allowed=ctx.get("expected", ""), hint=hint)
    if kind == "string_pattern_mismatch":
        model = model_at(loc[:-1], root)
        info = model.model_fields.get(str(loc[-1])) if model and loc else None
        described = (info.description or "") if info else ""
        return at("schema.pattern", value=value, detail=ctx.get("pattern", ""),
                  hint=described)
    if kind in _RANGE:
        return at("schema.range", detail=f"{value!r} is out of range: {err['msg'].lower()}")
    if kind in _LENGTH:
        hint = "this cannot be empty" if "string" in kind else "add at least one entry"
        return at("schema.length", detail=err["msg"], hint=hint)
    if kind in _DATE:
        quoted = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        hint = "remove the quotes around the date" if quoted else None
        return at("schema.date", value=value, hint=hint)
    if kind in _TYPE_WORDS or kind.endswith("_type") or kind.endswith("_parsing"):
        detail, hint = _type_detail(err, loc, root)
        return at("schema.type", detail=detail, hint=hint)
    return at("schema.type", detail=err["msg"], hint="")


def check_schema(doc: Document, root: type[M] = Procedure) -> tuple[M | None, list[Issue]]:  # type: ignore[assignment]
    """Validate ``doc.data`` against ``root``; on failure return every problem, positioned."""
    if not isinstance(doc.data, dict):
        return None, [make_issue("schema.type", doc.path, 1, 1, "",
                                 detail="expected a block of 'key: value' lines at the top",
                                 hint="copy an existing procedure as a start")]
    try:
        return root.model_validate(doc.data), []
    except ValidationError as exc:
        budget = iter([True] * 100)  # did-you-mean for the first hundred unknown keys
        issues = [_issue_for(doc, err, root, budget) for err in exc.errors(include_url=False)]
        return None, _without_echoes(issues)


def _without_echoes(issues: list[Issue]) -> list[Issue]:
    """A misspelt key also makes the real key 'missing'; the did-you-mean says it all."""
    suggested = {
        (i.pointer.rsplit("/", 1)[0], i.hint.split("'")[1])
        for i in issues if i.code == "schema.unknown-key" and i.hint and i.hint.startswith("did you mean")
    }
    return [i for i in issues
            if not (i.code == "schema.required" and tuple(i.pointer.rsplit("/", 1)) in suggested)]
