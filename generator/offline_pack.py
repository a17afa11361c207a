"""Offline packs: one zip per language that works from file://, for volunteers without signal.

Browsers open a folder link (`thu-tuc/x/`) as a directory listing from file://, and
refuse the fetches Pagefind needs there. So in the pack every relative folder link
points at its index.html, and search uses a small index loaded as a script.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from generator.catalog import Catalog
from generator.model import LANGS
from generator.pages import page_path, page_url
from generator.strings import URL_PREFIX
from generator.textfold import fold

PACK_DIR = "offline"
_HREF = re.compile(r'((?:href|src)=")([^"#?:]*?/)([#?][^"]*)?"')
_UP = re.compile(r'((?:href|src)=")(\.\.?(?:/\.\.)*)([#?][^"]*)?"')  # ".", "..", "../..": a folder without "/"
_SKIP = ("pagefind/", PACK_DIR + "/", "data/")


def search_data(catalog: Catalog, lang: str) -> str:
    """`window.__cgSearch = [...]` for one language: name, summary, page, and folded text."""
    rows = []
    for p in catalog.procedures:
        name = p.name.get(lang) or p.name.vi
        summary = (p.summary.get(lang) or p.summary.vi) if p.summary else ""  # a portal page has none
        rows.append({"t": name, "s": summary, "u": page_url(page_path("procedure", p.slug), lang),
                     "f": fold(f"{name} {summary} {p.name.vi} {p.code}")})
    return "window.__cgSearch = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _local_links(html: str) -> str:
    """Folder links → their index.html, which file:// can open."""
    html = _HREF.sub(lambda m: f'{m.group(1)}{m.group(2)}index.html{m.group(3) or ""}"', html)
    return _UP.sub(lambda m: f'{m.group(1)}{m.group(2)}/index.html{m.group(3) or ""}"', html)


def _belongs(rel: str, lang: str) -> bool:
    if rel.startswith(_SKIP):
        return False
    first = rel.split("/", 1)[0]
    others = [URL_PREFIX[o].rstrip("/") for o in LANGS if o != lang and URL_PREFIX[o]]
    if first in others:
        return False
    if rel.startswith("print/"):  # this language's handouts and posters (and the Vietnamese scripts)
        name = rel.rsplit("/", 1)[-1]
        return name.endswith((f"-{lang}.pdf", f"-vi-{lang}.pdf")) or (lang == "vi" and name.endswith(".txt"))
    return True


def write_packs(site: Path, catalog: Catalog) -> list[Path]:
    folder = site / PACK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    packs = []
    files = sorted(p for p in site.rglob("*") if p.is_file())
    for lang in LANGS:
        target = folder / f"citizen-guide-{lang}.zip"
        top = f"citizen-guide-{lang}/"
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as pack:
            for path in files:
                rel = path.relative_to(site).as_posix()
                if not _belongs(rel, lang):
                    continue
                info = zipfile.ZipInfo(top + rel, date_time=(2000, 1, 1, 0, 0, 0))  # reproducible
                info.compress_type = zipfile.ZIP_DEFLATED
                data = path.read_bytes()
                if path.suffix == ".html":
                    data = _local_links(data.decode("utf-8")).encode("utf-8")
                pack.writestr(info, data)
            info = zipfile.ZipInfo(top + f"assets/search-{lang}.js", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            pack.writestr(info, search_data(catalog, lang))
            start = URL_PREFIX[lang] + "index.html"
            readme = (f"Open {start} in a web browser. Everything works without a network;\n"
                      "search uses a small index included in this folder.\n")
            info = zipfile.ZipInfo(top + "README.txt", date_time=(2000, 1, 1, 0, 0, 0))
            pack.writestr(info, readme)
        packs.append(target)
    return packs
