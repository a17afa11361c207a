"""The size of each offline pack, on the home page that links to it.

A pack holds every page of its language, the home page too, so the home page cannot name the pack's
size when the pages are made. The pages stage leaves the size empty (``clear`` also empties a size an
earlier build left in a home page kept as it was), the packs are made from that page, and once they are
written ``fill`` writes each home page again with the size of its pack. So the packs and the search
index read the same home page in every build, and the page a reader gets names the size of the very
file its link downloads. Each rewrite is a new file renamed into place (SiteTree.rewrite): a file the
live site shares is never changed.
"""
from __future__ import annotations

import html
import re

from generator.content.model import LANGS
from generator.content.strings import Localizer
from generator.site import routes
from generator.site.site_tree import SiteTree

SLOT = '<span class="cg-pack-size" data-cg-pack-size></span>'  # as templates/pages/home.html.j2 writes it
_FILLED = re.compile(r'(<span class="cg-pack-size" data-cg-pack-size>)[^<]*(</span>)')


def size_text(size: int, lang: str) -> str:
    """Megabytes of 1,000,000 bytes, as phones count them, with one decimal in the language's own mark."""
    value, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (max(size, 1) / 1000, "kB")
    number = f"{value:.1f}"
    return f"{number.replace('.', ',') if lang == 'vi' else number}\u00a0{unit}"


def _put(tree: SiteTree, rel: str, text: str) -> None:
    if rel not in tree.files():
        return
    page = tree.path(rel).read_text(encoding="utf-8")
    done = _FILLED.sub(lambda m: m.group(1) + html.escape(text) + m.group(2), page)
    if done != page:
        tree.rewrite(rel, done)


def clear(tree: SiteTree) -> None:
    """Every home page with no size, as the pages stage makes it."""
    for lang in LANGS:
        _put(tree, routes.page("home", lang).file, "")


def fill(tree: SiteTree, strings: dict[str, dict[str, str]]) -> None:
    """Every home page with the size of its language's pack, once the packs are written."""
    for lang in LANGS:
        pack = tree.path(routes.offline_pack(lang).file)
        if pack.is_file():
            size = size_text(pack.stat().st_size, lang)
            _put(tree, routes.page("home", lang).file, Localizer(lang, strings).t("home.offline_size", size=size))
