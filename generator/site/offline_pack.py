"""Offline packs: one zip per language that works from file://, for volunteers without signal.

Browsers open a folder link (`thu-tuc/x/`) as a directory listing from file://, and
refuse the fetches Pagefind needs there. So in the pack every relative folder link
points at its index.html, and search uses a small index loaded as a script.

A pack is rebuilt only when one of its members changed, and then its unchanged members are
copied as they are from the previous pack (generator/site/zip_writer.py): a rebuild after one
edit recompresses one page. PDFs are stored, not deflated: they are compressed already.
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Callable

from generator.site import routes
from generator.content.catalog import Catalog
from generator.content.model import LANGS
from generator.content.search_terms import SearchTerms
from generator.site.site_tree import SiteTree, digest
from generator.content.textfold import fold
from generator.site.zip_writer import DEFLATED, STORED, Member, Packed, ZipWriter, pack

_HREF = re.compile(r'((?:href|src)=")([^"#?:]*?/)([#?][^"]*)?"')
_UP = re.compile(r'((?:href|src)=")(\.\.?(?:/\.\.)*)([#?][^"]*)?"')  # ".", "..", "../..": a folder without "/"
_PACKED = (".pdf", ".zip", ".gz", ".png", ".jpg", ".woff2")  # compressed already: stored as they are
README = ("Open {start} in a web browser. Everything works without a network;\n"
          "search uses a small index included in this folder.\n")


def search_data(catalog: Catalog, lang: str, terms: SearchTerms | None = None) -> str:
    """`window.__cgSearch = [...]` for one language: name, summary, page, whether it is a portal page
    (guides are listed first), and the folded text searched, which holds the words residents use
    for it too (i18n/search-synonyms.yml)."""
    rows: list[dict[str, object]] = []
    for p in catalog.procedures:
        name = p.name.get(lang) or p.name.vi
        summary = (p.summary.get(lang) or p.summary.vi) if p.summary else ""  # a portal page has none
        words = " ".join(terms.terms(p.code, lang)) if terms else ""
        row: dict[str, object] = {"t": name, "s": summary, "u": routes.procedure(p.slug, lang).file,
                                  "f": fold(f"{name} {summary} {p.name.vi} {p.code} {words}".rstrip())}
        if catalog.editorial(p) == "portal":
            row["p"] = 1
        rows.append(row)
    return "window.__cgSearch = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n"


def local_links(html: str) -> str:
    """Folder links → their index.html, which file:// can open."""
    html = _HREF.sub(lambda m: f'{m.group(1)}{m.group(2)}index.html{m.group(3) or ""}"', html)
    return _UP.sub(lambda m: f'{m.group(1)}{m.group(2)}/index.html{m.group(3) or ""}"', html)


PACKED = "offline pack"  # the key of a page's packed form in SiteTree.aside


def packed_page(html: str) -> Packed:
    """A page as it goes into a pack: links made file://-friendly, compressed (the pages stage makes
    this with each page, in its helper processes)."""
    return pack(local_links(html).encode("utf-8"), DEFLATED)


def _print_files(catalog: Catalog, lang: str) -> set[str]:
    """This language's handouts and posters, and the Vietnamese scripts on the Vietnamese pack."""
    wanted: set[str] = set()
    for p in catalog.printed:
        wanted |= {routes.handout(p.slug, (lang,)).file, routes.handout(p.slug, ("vi", lang)).file,
                   routes.poster(p.slug, "a4", lang).file, routes.poster(p.slug, "a3", lang).file}
        if lang == "vi":
            wanted |= {routes.script(p.slug, "short").file, routes.script(p.slug, "long").file}
    return wanted


def members(files: list[str], lang: str, catalog: Catalog) -> list[str]:
    """The site files that go into one language's pack, in order."""
    others = tuple(routes.PREFIX[o] for o in LANGS if o != lang and routes.PREFIX[o])
    printed = _print_files(catalog, lang)
    out = []
    for rel in files:
        if rel.startswith(routes.SHARED_DIRS) or (others and rel.startswith(others)):
            continue
        if rel.startswith(routes.PRINT_ROOT.url) and rel not in printed:
            continue
        out.append(rel)
    return out


def write_pack(tree: SiteTree, lang: str, catalog: Catalog, salt: str, terms: SearchTerms | None = None) -> bool:
    """One language's pack; True when it had to be written again."""
    route = routes.offline_pack(lang)
    top = routes.pack_folder(lang)
    search = search_data(catalog, lang, terms)
    readme = README.format(start=routes.page("home", lang).file)
    extra: dict[str, tuple[str, Callable[[], Packed]]] = {
        routes.pack_search(lang).file: (digest(search), lambda: pack(search.encode("utf-8"))),
        "README.txt": (digest(readme), lambda: pack(readme.encode("utf-8"))),
    }
    wanted: dict[str, tuple[str, Callable[[], Packed]]] = {}
    for rel in members(tree.files(), lang, catalog):
        wanted[top + rel] = (tree.file_digest(rel), _packer(tree, rel))
    for rel, item in extra.items():
        wanted[top + rel] = item
    pack_digest = digest(salt, lang, *(f"{name}\0{d}" for name, (d, _) in wanted.items()))
    if tree.keep(route.file, pack_digest):
        return False
    before = {row[0]: (row[1], Member.from_list(row[2])) for row in tree.old_meta(route.file).get("members", [])}
    old_path = tree.old_file(route.file, route.file)
    rows = []
    tree.begin(route.file, pack_digest)
    reuse = {name for name, (member_digest, _) in wanted.items()
             if old_path and name in before and before[name][0] == member_digest}
    fresh = [name for name in wanted if name not in reuse]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        packed = dict(zip(fresh, pool.map(lambda name: wanted[name][1](), fresh)))
    with ExitStack() as stack:
        old = stack.enter_context(open(old_path, "rb")) if old_path else None
        writer = ZipWriter(stack.enter_context(tree.create(route.file, route.file)))
        for name, (member_digest, _) in wanted.items():
            if old is not None and name in reuse:
                member = writer.copy(before[name][1], old)
            else:
                member = writer.add_packed(name, packed[name])
            rows.append([name, member_digest, member.as_list()])
        writer.close()
    tree.set_meta(route.file, {"members": rows})
    return True


def _packer(tree: SiteTree, rel: str) -> Callable[[], Packed]:
    """How to get a member's packed form: made already with the page, or from the file."""
    made = tree.aside.get((PACKED, rel))
    if made is not None:
        return lambda: made
    path = tree.path(rel)
    if rel.endswith(".html"):
        return lambda: packed_page(path.read_text(encoding="utf-8"))
    return lambda: pack(path.read_bytes(), STORED if rel.endswith(_PACKED) else DEFLATED)


def write_packs(tree: SiteTree, catalog: Catalog, salt: str = "", terms: SearchTerms | None = None) -> list[str]:
    """Every language's pack; returns the languages whose pack was written again."""
    return [lang for lang in LANGS if write_pack(tree, lang, catalog, salt, terms)]
