"""`guide import PATH... --out DIR [--slug SLUG]`: portal records (2026 format or the older layout) → drafts.

Each record becomes ``DIR/<field>/<slug>.yml`` with ``# TODO(review)`` comments. A file is never
overwritten: when a slug is taken (on disk, or earlier in the same run) the code is added to it.
A record that cannot be read is reported as an ``Issue`` with its line and column; the others are
still written.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.crosscheck import KeyIndex
from generator.diagnostics.errors import Issue, make_issue
from generator.editors.importer import RecordError, ImportResult, old_draft, render
from generator.diagnostics.messages import bi, os_reason
from generator.content.model import Category
from generator.upstream.portal import map_record, parse_record
from generator.upstream.portal_text import json_marks, place

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Draft:
    source: Path
    data: dict[str, Any]
    todos: dict[str, list[str]]
    title: str
    verbatim_fees: int = 0


@dataclass
class ImportRun:
    written: list[tuple[Path, Path, ImportResult]] = field(default_factory=list)  # source, target, result
    failed: list[Issue] = field(default_factory=list)
    same_code: list[tuple[Path, str]] = field(default_factory=list)  # draft, file that already has its code

    @property
    def todo_marks(self) -> int:
        return sum(len(r.todos) for _, _, r in self.written)

    @property
    def verbatim_fees(self) -> int:
        return sum(r.verbatim_fees for _, _, r in self.written)


def record_files(paths: list[Path]) -> list[Path]:
    """A path is one JSON file, or a folder whose ``*.json`` files are all taken (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.json") if p.is_file())
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _display(path: Path) -> str:
    from generator.upstream.portal import _display as display

    return display(path)


def read_draft(path: Path, fields: Mapping[str, Category], today: dt.date) -> tuple[Draft | None, list[Issue]]:
    """One file → a draft, whichever layout it has; or the issues that stop it."""
    file = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [make_issue("portal.json", file, reason=os_reason(exc))]
    try:
        top = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, parse_record(raw, file)[1]  # the same reading, with the position
    inner = top.get("data") if isinstance(top, dict) else None
    old = top if isinstance(top, dict) and "ma_thu_tuc" in top else inner  # a record of the older layout
    if isinstance(old, dict) and "ma_thu_tuc" in old:
        try:
            data, todos, title = old_draft(old, today)
        except RecordError as exc:
            text = raw.decode("utf-8-sig")
            pointer = "" if old is top else "/data"
            return None, [make_issue("portal.shape", file, *place(json_marks(text), pointer + "/ma_thu_tuc"),
                                     pointer, detail=exc.args[0])]
        return Draft(path, data, todos, title), []
    record, issues = parse_record(raw, file)
    if record is None:
        return None, issues
    mapped = map_record(record, fields, today)
    updated = f", cập nhật trên Cổng {record.updatedAt}" if record.updatedAt else ""
    title = f"{mapped.data['name']['vi']} ({record.code}{updated}; {record.url})"
    return Draft(path, mapped.data, mapped.todos, title, mapped.verbatim_fees), []


def taken_slugs(out_dir: Path) -> set[str]:
    """Slugs already used by a file in ``out_dir/<field>/`` (slugs are unique across fields)."""
    return {p.stem for p in out_dir.glob("*/*.y*ml")} if out_dir.is_dir() else set()


def free_slug(draft: Draft, taken: set[str]) -> str:
    slug = draft.data["slug"]
    if slug not in taken:
        return slug
    base = f"{slug}-{draft.data['code'].replace('.', '-')}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    draft.todos.setdefault("/slug", []).append(
        f"Tên tệp “{slug}” đã có; đã thêm mã thủ tục vào cuối. Kiểm tra có phải cùng một thủ tục không.")
    return candidate


def import_paths(paths: list[Path], out_dir: Path, fields: Mapping[str, Category],
                 slug: str | None = None, today: dt.date | None = None) -> ImportRun:
    """Import every record under ``paths`` into ``out_dir``; raises ValueError for a bad request."""
    today = today or dt.date.today()
    files = record_files(paths)
    if slug is not None and len(files) != 1:
        raise ValueError(bi(vi="--slug đặt tên cho một bản nháp, nhưng có {n} bản ghi",
                            en="--slug names one draft, but {n} records were given", n=len(files)))
    if slug is not None and not SLUG.match(slug):
        raise ValueError(bi(vi="--slug '{slug}' phải là chữ thường không dấu, nối bằng '-', ví dụ dang-ky-khai-sinh",
                            en="--slug '{slug}' must be lowercase ASCII words joined by '-', e.g. dang-ky-khai-sinh",
                            slug=slug))
    run, taken = ImportRun(), taken_slugs(out_dir)
    codes = KeyIndex.scan(sorted(out_dir.glob("*/*.y*ml"))).codes if out_dir.is_dir() else {}
    for path in files:
        draft, issues = read_draft(path, fields, today)
        if draft is None:
            run.failed += issues[:1] or [make_issue("portal.json", _display(path),
                                                    reason=bi(vi="không rõ lý do", en="unknown"))]
            continue
        if slug is not None and slug in taken:
            run.failed.append(make_issue("portal.shape", _display(path), 1, 1, "",
                                         detail=bi(vi="--slug {slug}: đã có bản nháp tên này trong {out}; "
                                                      "không ghi đè",
                                                   en="--slug {slug}: a draft with that name already exists in "
                                                      "{out}; not overwriting it", slug=slug, out=out_dir)))
            continue
        draft.data["slug"] = slug or free_slug(draft, taken)
        text, todos = render(draft.data, draft.todos, draft.title)
        result = ImportResult(draft.data["slug"], draft.data["field"], text, todos, draft.data["code"],
                              draft.verbatim_fees)
        target = out_dir / result.field / f"{result.slug}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
                fh.write(text)
        except OSError as exc:  # FileExistsError only if another process wrote it meanwhile
            why = os_reason(exc)
            run.failed.append(Issue(_display(target), 1, 1, "", "file.read", "error",
                                    f"cannot write the draft: {why.en}", None,
                                    f"không ghi được bản nháp: {why.vi}"))
            continue
        taken.add(result.slug)
        run.written.append((path, target, result))
        if result.code in codes:
            run.same_code.append((target, codes[result.code]))
        codes.setdefault(result.code, _display(target))
    return run
