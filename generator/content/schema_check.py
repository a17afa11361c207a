"""Check one loaded document against the typed model, as positioned issues."""
from __future__ import annotations

import difflib
import functools
import typing
from typing import Any, Iterator, TypeVar, overload

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content.empty_values import empty_value_issues
from generator.diagnostics.errors import CODES, Issue, make_issue
from generator.diagnostics.messages import Bi, bi
from generator.content.loader import Document, escape_pointer
from generator.content.model import Procedure, Text
from generator.content.model_words import describe
from generator.diagnostics.value_hints import amount_hint, date_hint, hidden_hint, number_hint

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS: dict[str, Bi] = {
    "string_type": Bi("chữ", "text"),
    "int_type": Bi("một số nguyên", "a whole number"),
    "int_from_float": Bi("một số nguyên", "a whole number"),
    "float_type": Bi("một số", "a number"),
    "bool_type": Bi("true hoặc false", "true or false"),
    "list_type": Bi("một danh sách (các dòng bắt đầu bằng '- ')", "a list (lines starting with '- ')"),
    "model_type": Bi("một khối các dòng 'tên-mục: giá trị'", "a block of 'key: value' lines"),
    "model_attributes_type": Bi("một khối các dòng 'tên-mục: giá trị'", "a block of 'key: value' lines"),
    "dict_type": Bi("một khối các dòng 'tên-mục: giá trị'", "a block of 'key: value' lines"),
}
_OTHER_KIND = Bi("một loại giá trị khác", "another kind of value")
_WHOLE = {"int_type", "int_from_float"}
_MONEY = {"amount", "max_amount"}  # whole đồng: hints read "20k" and "8.000" as money
_NO_DISTRICT = bi(vi="từ 1/7/2025 không còn cấp huyện: dùng commune (xã) hoặc province (tỉnh)",
                  en="there is no district level since 1 July 2025: use commune or province")
_ENUM_HINTS = {"district": _NO_DISTRICT, "huyen": _NO_DISTRICT}
_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH = {"too_short", "string_too_short", "too_long", "string_too_long"}
_RANGE_VI = {"greater_than": "phải lớn hơn {}", "greater_than_equal": "phải từ {} trở lên",
             "less_than": "phải nhỏ hơn {}", "less_than_equal": "phải từ {} trở xuống"}
_LENGTH_VI = {"too_short": "danh sách cần ít nhất {n} mục", "string_too_short": "cần ít nhất {n} ký tự",
              "too_long": "danh sách có nhiều hơn {n} mục", "string_too_long": "dài hơn {n} ký tự"}
_DATE = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}


@functools.lru_cache(maxsize=64)
def _allowed_keys(allowed: tuple[str, ...]) -> Bi:  # once per block kind: a pasted blob has thousands of keys
    return bi(vi="các mục được dùng: {keys}", en="allowed keys: {keys}", keys=", ".join(allowed))


def _bound_vi(kind: str, ctx: dict[str, Any]) -> str:
    limit = next((v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), "")
    return _RANGE_VI[kind].format(limit)


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
        skip_key = info is not None and _is_mapping(info.annotation)
    return current


def _shown(value: Any) -> Bi | str:
    """A wrong value as the editor wrote it: 8.000 as written (not 8.0), and never Python's words
    (None, dict, list, True)."""
    if isinstance(value, dict):
        return bi(vi="một khối các dòng 'tên-mục: giá trị'", en="a block of 'key: value' lines")
    if isinstance(value, list):
        return bi(vi="một danh sách", en="a list")
    if isinstance(value, bool):
        return "true" if value else "false"
    return getattr(value, "raw", None) or repr(value)


def _type_detail(err: ErrorDetails, loc: tuple[Any, ...], root: type[BaseModel]) -> tuple[Bi, Bi | None]:
    wanted = _TYPE_WORDS.get(err["type"], _OTHER_KIND)
    value = err.get("input")
    shown = _shown(value)
    hint: Bi | None = None
    parent = model_at(loc, root)
    if value is None:  # `key:` with nothing after it; "found None" would mean nothing to an editor
        model = model_at(loc[:-1], root) if loc else None
        info = model.model_fields.get(str(loc[-1])) if model else None
        optional = info is not None and not info.is_required()
        return (bi(vi="giá trị đang để trống; cần {wanted}", en="the value is empty; expected {wanted}",
                   wanted=wanted),
                bi(vi="viết giá trị sau dấu ':', hoặc xóa cả dòng nếu không cần",
                   en="write the value after the ':', or delete the line if it is not needed") if optional else
                bi(vi="viết giá trị sau dấu ':' (mục này bắt buộc)",
                   en="write the value after the ':' (this key is required)"))
    if parent is Text and err["type"] == "model_type" and isinstance(value, str):
        hint = bi(vi="viết theo từng ngôn ngữ, ví dụ '{key}: {{vi: \"…\"}}'",
                  en="write it in languages, e.g. '{key}: {{vi: \"…\"}}'", key=loc[-1])
    elif err["type"] == "list_type":
        hint = bi(vi="viết mỗi mục trên một dòng riêng, bắt đầu bằng '- '",
                  en="put each entry on its own line, starting with '- '")
    elif err["type"] in _WHOLE and isinstance(value, (str, float)):
        money = bool(loc) and str(loc[-1]) in _MONEY
        hint = amount_hint(value) if money else number_hint(value, str(loc[-1]) if loc else "")
    elif err["type"] == "date_type":
        hint = bi(vi="viết ngày không có dấu ngoặc, theo dạng YYYY-MM-DD",
                  en="write the date without quotes, as YYYY-MM-DD")
    return bi(vi="cần {wanted}, nhưng ở đây là {shown}", en="expected {wanted}, found {shown}",
              wanted=wanted, shown=shown), hint


def _issue_for(doc: Document, err: ErrorDetails, root: type[BaseModel], budget: Iterator[bool]) -> Issue:
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind: str = err["type"]
    pointer = _pointer(loc)
    ctx = err.get("ctx") or {}
    value = err.get("input")

    def at(code: str, ptr: str = pointer, /, on_key: bool = False, hint: Bi | str | None = None,
           **params: object) -> Issue:
        m = doc.where(ptr, key=on_key)
        return make_issue(code, doc.path, m.line, m.column, pointer, hint=hint, **params)

    def hidden(found: object) -> Bi | None:  # an invisible character or curly quotes in the value
        m = doc.where(pointer)
        return hidden_hint(found, doc.line(m.line), m.column)

    if kind in CODES:  # our own PydanticCustomError types, with their parameters
        return at(kind, **ctx)
    if kind == "missing":
        parent = _pointer(loc[:-1])
        model = model_at(loc[:-1], root)
        info = model.model_fields.get(str(loc[-1])) if model else None
        words = describe(info.description if info else None)
        detail = Bi(f" ({words.vi})" if words.vi else "", f" ({words.en})") if words else ""
        return at("schema.required", parent, key=loc[-1], detail=detail,
                  hint=bi(vi="thêm '{key}:'", en="add '{key}:'", key=loc[-1]))
    if kind == "extra_forbidden":
        model = model_at(loc[:-1], root)
        allowed = list(model.model_fields) if model else []
        key = str(loc[-1])
        # Suggestions cost a fuzzy match each; a pasted blob of thousands of keys gets the list instead.
        close = (difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                 if len(key) <= 40 and next(budget, False) else [])
        hint: Bi | None = (bi(vi="ý bạn là '{key}'?", en="did you mean '{key}'?", key=close[0]) if close else
                           _allowed_keys(tuple(allowed)))
        return at("schema.unknown-key", on_key=True, key=loc[-1], hint=hint)
    if kind == "literal_error":
        hint = _ENUM_HINTS.get(str(value))
        expected = str(ctx.get("expected", ""))  # "'central', 'province' or 'commune'"
        return at("schema.enum", value=value, allowed=Bi(expected.replace("' or '", "' hoặc '"), expected),
                  hint=hint or hidden(value))
    if kind == "string_pattern_mismatch":
        model = model_at(loc[:-1], root)
        info = model.model_fields.get(str(loc[-1])) if model and loc else None
        described = describe(info.description if info else None) or ""
        return at("schema.pattern", value=value, detail=ctx.get("pattern", ""),
                  hint=hidden(value) or described)
    if kind in _RANGE:
        return at("schema.range", detail=bi(vi="{value} nằm ngoài khoảng cho phép: {bound}",
                                            en="{value} is out of range: {msg}", value=repr(value),
                                            msg=err["msg"].lower(), bound=_bound_vi(kind, ctx)))
    if kind in _LENGTH and isinstance(value, str) and not value.strip():  # `reason: ""`: not a list
        return at("schema.length", detail=bi(vi="chữ đang để trống", en="the text is empty"),
                  hint=bi(vi="viết chữ vào giữa hai dấu ngoặc kép", en="write the text between the quotes"))
    if kind in _LENGTH:
        hint = (bi(vi="chỗ này không được để trống", en="this cannot be empty") if "string" in kind else
                bi(vi="thêm ít nhất một mục", en="add at least one entry"))
        return at("schema.length", detail=bi(vi=_LENGTH_VI[kind], en="{msg}", msg=err["msg"],
                                             n=ctx.get("min_length", ctx.get("max_length", ""))), hint=hint)
    if kind in _DATE:
        return at("schema.date", value=value, hint=date_hint(value, _quoted(doc, pointer)))
    if kind in _TYPE_WORDS or kind.endswith("_type") or kind.endswith("_parsing"):
        detail, hint = _type_detail(err, loc, root)
        return at("schema.type", detail=detail, hint=hidden(value) or hint or "")
    return at("schema.type", detail=Bi("giá trị này không đúng kiểu cần có", err["msg"]), hint="")


def _quoted(doc: Document, pointer: str) -> bool:
    """Whether the editor wrote the value at ``pointer`` in quotes."""
    span = doc.spans.get(pointer)
    return span is not None and doc.text[span[0]:span[0] + 1] in ("'", '"')


# Overloads because a TypeVar parameter cannot have a default of one class (python/mypy#3737).
@overload
def check_schema(doc: Document) -> tuple[Procedure | None, list[Issue]]: ...
@overload
def check_schema(doc: Document, root: type[M]) -> tuple[M | None, list[Issue]]: ...
def check_schema(doc: Document, root: type[BaseModel] = Procedure) -> tuple[BaseModel | None, list[Issue]]:
    """Validate ``doc.data`` against ``root``; on failure return every problem, positioned."""
    if not isinstance(doc.data, dict):
        return None, [make_issue("schema.type", doc.path, 1, 1, "",
                                 detail=bi(vi="cần một khối các dòng 'tên-mục: giá trị' ở đầu tệp",
                                           en="expected a block of 'key: value' lines at the top"),
                                 hint=bi(vi="chép một thủ tục có sẵn để bắt đầu",
                                         en="copy an existing procedure as a start"))]
    empties = empty_value_issues(doc, root)
    try:
        model: BaseModel | None = root.model_validate(doc.data)
        issues: list[Issue] = []
    except ValidationError as exc:
        budget = iter([True] * 100)  # did-you-mean for the first hundred unknown keys
        model, issues = None, _without_echoes([_issue_for(doc, err, root, budget)
                                               for err in exc.errors(include_url=False)])
    if not empties:
        return model, issues
    # An empty key the schema does not know is reported as unknown only; one it found empty as empty only.
    unknown = [i.pointer for i in issues if i.code == "schema.unknown-key"]
    empties = [e for e in empties if not any(e.pointer == u or e.pointer.startswith(u + "/") for u in unknown)]
    taken = {e.pointer for e in empties}
    issues = [i for i in issues if i.pointer not in taken] + empties
    return (model, issues) if not issues else (None, issues)


def _without_echoes(issues: list[Issue]) -> list[Issue]:
    """A misspelt key also makes the real key 'missing'; the did-you-mean says it all."""
    suggested = {
        (i.pointer.rsplit("/", 1)[0], i.hint.split("'")[1])
        for i in issues if i.code == "schema.unknown-key" and i.hint and i.hint.startswith("did you mean")
    }
    return [i for i in issues
            if not (i.code == "schema.required" and tuple(i.pointer.rsplit("/", 1)) in suggested)]
