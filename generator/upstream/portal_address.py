"""Addresses of procedures on the national portal (dichvucong.gov.vn).

A record's page is ``https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<id>``, with the 2026 record id from
``procedures/portal/catalog.jsonl`` (one JSON object a line: ``id``, ``code``, ...). The older
``.../dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=<code>`` pages answer 404: `guide check` refuses
them (``url.old-portal``) and says which address replaces each one.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

BASE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
HOME = "https://dichvucong.gov.vn"  # the portal's home page: never a procedure's address
_HOME_PATHS = {"", "/thu-tuc-hanh-chinh", "/p/home", "/p/home/dvc-trang-chu.html"}
CATALOG = Path("portal") / "catalog.jsonl"  # under procedures/
# Any address of the old form, in a URL value or inside a text; group 1 is the code as written.
OLD = re.compile(r"https?://[^\s()<>\"'\]\[]*dvc-chi-tiet-thu-tuc-hanh-chinh\.html\?[^\s()<>\"'\]\[]*?"
                 r"ma_thu_tuc=([0-9][0-9A-Za-z.]*)")
_CODE = re.compile(r"[0-9]\.[0-9]{6}")


def old_addresses(text: str) -> list[tuple[str, str | None]]:
    """Each old-form address in ``text``, with the national code it names (None if unreadable)."""
    out = []
    for m in OLD.finditer(text):
        code = _CODE.match(m.group(1))
        out.append((m.group(0), code.group(0) if code else None))
    return out


def is_home(url: str) -> bool:
    """``url`` is the portal's home page (or its bare procedure folder), not one procedure's page."""
    parts = urlsplit(url.strip())
    return (parts.hostname in ("dichvucong.gov.vn", "www.dichvucong.gov.vn") and not parts.query
            and parts.path.rstrip("/") in _HOME_PATHS)


def catalog_path(procedures: Path) -> Path:
    return procedures / CATALOG


def catalog_stamp(procedures: Path) -> str:
    """Size and modification time of the catalog, for cache keys ('' when there is none)."""
    try:
        st = catalog_path(procedures).stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"


def address(code: str, procedures: Path) -> str | None:
    """The portal address of ``code``, or None when the catalog does not list it."""
    path = catalog_path(procedures)
    record_id = _ids(str(path.resolve()), catalog_stamp(procedures)).get(code)
    return BASE + record_id if record_id else None


@lru_cache(maxsize=4)
def _ids(path: str, stamp: str) -> dict[str, str]:
    """code -> id, read once per catalog version (the stamp is part of the cache key)."""
    ids: dict[str, str] = {}
    if not stamp:
        return ids
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a damaged line costs its own procedure only
            code, record_id = row.get("code"), row.get("id")
            if isinstance(code, str) and isinstance(record_id, str) and record_id:
                ids.setdefault(code, record_id)
    return ids
