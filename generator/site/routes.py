"""Every output of the build, named in one place.

Each output has a file inside ``site/``, a site-relative URL, relative links to it from any
other output, and the form a ``file://`` reader needs (an unzipped offline pack or preview opens
``…/index.html``, not a folder). Pages use directory URLs (``en/thu-tuc/x/``). No other module
builds an output path: it asks here, so a change of address is one change.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from dataclasses import dataclass
from typing import Literal

from generator.content.model import LANGS

DEFAULT_LANG = LANGS[0]  # Vietnamese: the authoritative language, at the site root
PREFIX = {lang: "" if lang == DEFAULT_LANG else f"{lang}/" for lang in LANGS}
PROCEDURE_DIR = "thu-tuc"
PRINT_DIR = "print"
VIEW_DIR = "in"
PACK_DIR = "offline"
DATA_DIR = "data"
FLOW_DIR = "flows"
SEARCH_DIR = "pagefind"

# Index and other pages: kind -> folder inside a language (empty: the language's home).
_PAGES = {
    "home": "",
    "life_events": "su-kien/",
    "fields": "linh-vuc/",
    "levels": "cap/",
    "a_z": "a-z/",
    "search": "tim-kiem/",
    "offices": "xa-phuong/",
    "about": "gioi-thieu/",  # who makes the guide, privacy, feedback (the footer links to it)
}
_KEYED = {"procedure": PROCEDURE_DIR, "life_event": "su-kien", "field": "linh-vuc"}
SINGLE_PAGES = tuple(_PAGES)  # the kinds with one page per language (no key)
PageKind = Literal["home", "life_events", "fields", "levels", "a_z", "search", "offices", "about", "not_found",
                   "procedure", "life_event", "field"]
Paper = Literal["a4", "a3"]
ScriptVersion = Literal["short", "long"]
SCRIPT_NAMES = {"short": "loa-ngan", "long": "loa-dai"}


@dataclass(frozen=True)
class Route:
    """One output: ``url`` is what a browser asks for, ``file`` is what lies in site/."""

    url: str  # site-relative, no leading slash; "" is the site root; folders end in "/"

    @property
    def file(self) -> str:
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url

    @property
    def is_page(self) -> bool:
        return self.file.endswith(".html")

    @property
    def is_pdf(self) -> bool:
        return self.file.endswith(".pdf")

    def href(self, start: Route | None = None) -> str:
        """A relative link to this output from the page ``start`` (from the site root when None)."""
        return _relative(start.url if start else "", self.url)

    def from_base(self, base: str) -> str:
        """The link from a page that may be served at any depth (the 404 page): ``base`` is the site's
        path on its host ("/" or "/guide/") or a relative way up to the site root ("../..")."""
        return base.rstrip("/") + "/" + self.url

    def file_href(self, start: Route | None = None) -> str:
        """The same link for a ``file://`` reader: folders become their index.html."""
        base = posixpath.dirname((start.file if start else "index.html"))
        rel = posixpath.relpath(self.file, base or ".")
        return rel

    def within(self, root: Route) -> str:
        """The path below another output's folder, e.g. a handout below print/."""
        if not self.url.startswith(root.url):
            raise ValueError(f"{self.url} is not below {root.url}")
        return self.url[len(root.url):]


@lru_cache(maxsize=1 << 16)  # pages link to the same few hundred addresses from a few depths
def _relative(from_url: str, to_url: str) -> str:
    """``../x/`` style links between directory URLs; "./" for the same page."""
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + (start or "."))
    if rel == ".":
        return "./"
    folder = to_url.endswith("/") or not to_url
    return rel + ("/" if folder and not rel.endswith("/") else "")


ROOT = Route("")  # the site root: links to it are the base for assets and data a script loads


# ---------------------------------------------------------------- pages

def page(kind: PageKind, lang: str, key: str = "") -> Route:
    """A page of the site in one language."""
    if kind in _KEYED:
        if not key:
            raise ValueError(f"a {kind} page needs a key")
        return Route(f"{PREFIX[lang]}{_KEYED[kind]}/{key}/")
    if kind == "not_found":
        return Route("404.html")  # one page for every language: it speaks all three
    return Route(PREFIX[lang] + _PAGES[kind])


def procedure(slug: str, lang: str) -> Route:
    return page("procedure", lang, slug)


def alternates(kind: PageKind, key: str = "") -> dict[str, Route]:
    """The same page in every language (for hreflang and the language menu)."""
    return {lang: page(kind, lang, key) for lang in LANGS}


# ---------------------------------------------------------------- print products

PRINT_ROOT = Route(f"{PRINT_DIR}/")


def handout(slug: str, langs: tuple[str, ...]) -> Route:
    """A counter handout: one language (``("vi",)``) or Vietnamese with a translation (``("vi", "en")``)."""
    return Route(f"{PRINT_DIR}/{slug}/{slug}-{'-'.join(langs)}.pdf")


def poster(slug: str, size: Paper, lang: str) -> Route:
    return Route(f"{PRINT_DIR}/{slug}/{slug}-poster-{size}-{lang}.pdf")


def script(slug: str, version: ScriptVersion) -> Route:
    """A loudspeaker script (Vietnamese only: it is read aloud at the commune)."""
    return Route(f"{PRINT_DIR}/{slug}/{slug}-{SCRIPT_NAMES[version]}.txt")


def print_view(slug: str, lang: str) -> Route:
    """The "print for your commune" view of a procedure."""
    return Route(f"{PREFIX[lang]}{VIEW_DIR}/{slug}/")


# ---------------------------------------------------------------- data, packs, assets

def data(name: str) -> Route:
    """A file of the open data package, e.g. ``procedures.json``."""
    return Route(f"{DATA_DIR}/{name}")


def communes(lang: str) -> Route:
    """Every commune, province and office as the print view shows them in one language: names and
    office details already chosen for that language (print_view.py), so the script only fills them in."""
    return data(f"communes-{lang}.json")


def communes_of(lang: str, province: str) -> Route:
    """One province's communes as the offices page's finder shows them in one language (site/where.py):
    a phone fetches one province (about 1 KB gzipped), not the 3,321 communes of ``communes``."""
    return data(f"communes-{lang}/{province}.json")


def flow(slug: str) -> Route:
    """A question-flow diagram (Mermaid) for editors."""
    return Route(f"{FLOW_DIR}/{slug}.mmd")


FLOWS_INDEX = Route(f"{FLOW_DIR}/index.md")


def offline_pack(lang: str) -> Route:
    return Route(f"{PACK_DIR}/citizen-guide-{lang}.zip")


def pack_folder(lang: str) -> str:
    """The top folder inside a pack, so unzipping never scatters files."""
    return f"citizen-guide-{lang}/"


def pack_search(lang: str) -> Route:
    """The small search index a pack loads as a script (file:// pages cannot fetch JSON)."""
    return Route(f"assets/search-{lang}.js")


def asset(name: str) -> Route:
    return Route(f"assets/{name}")


SEARCH_BUNDLE = Route(f"{SEARCH_DIR}/")
SEARCH_SCRIPT = Route(f"{SEARCH_DIR}/pagefind.js")  # the bundle's entry, which a page imports to search
SERVICE_WORKER = Route("sw.js")  # at the root, so that it may serve every page

# Folders of the site that are not pages of one language.
SHARED_DIRS = (f"{SEARCH_DIR}/", f"{PACK_DIR}/", f"{DATA_DIR}/", f"{FLOW_DIR}/")
