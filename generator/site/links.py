"""Check every link in the built site, offline; optionally check external links online.

The offline check reads only files and resolves each URL as a browser on a static
host would (``foo/`` is ``foo/index.html``), so a broken template fails CI before a
citizen taps a dead link. No network, no new dependency (``html.parser`` only).

The online check (``check_external``) asks remote hosts, so it is slow and its
answer depends on other people's servers: run it by hand, never in CI.
"""
from __future__ import annotations

import http.client
import posixpath
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.content.validate import UsageError

# Which attribute carries the URL, per tag.
URL_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
# Schemes that point to no file; following them offline means nothing.
SKIPPED_SCHEMES = {"mailto", "tel", "data"}
EXTERNAL_SCHEMES = {"http", "https"}
# A preconnect "link" names a host, not a document: asking it for "/" proves nothing.
HINT_RELS = {"preconnect", "dns-prefetch"}
# Pagefind's generated files are search chunks, not pages a reader visits.
IGNORED_DIRS = {"pagefind"}
USER_AGENT = "citizen-guide-linkcheck/1.0"


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str  # relative to the site, posix style
    href: str  # as written in the page
    problem: str


@dataclass
class SiteScan:
    """Everything one pass over the site learns; counts prove the check did real work."""

    problems: list[LinkProblem] = field(default_factory=list)
    links: int = 0  # internal links resolved to a file
    fragments: int = 0  # of those, links whose #fragment was checked against an id
    external: dict[str, list[str]] = field(default_factory=dict)  # URL -> pages using it


class _PageParser(HTMLParser):
    """Collects (href, rel) pairs and every id / <a name> of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        attr = URL_ATTRS.get(tag)
        if attr and attr in values:
            self.urls.append((values[attr], values.get("rel", "").lower()))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    # errors="replace": a stray byte must not hide every other link on the page.
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _pages(site: Path) -> list[str]:
    found = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in found if p.split("/", 1)[0] not in IGNORED_DIRS)


def _normalize(base_dir: str, path: str) -> str | None:
    """Join ``path`` to ``base_dir`` and fold ``.``/``..``; None if it climbs above the root.

    posixpath.normpath would silently clamp ``/../..`` to ``/``, hiding the escape,
    so the segments are folded by hand. A trailing ``/`` is kept: it means "folder".
    """
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base_dir, path)
    parts: list[str] = []
    for segment in joined.split("/"):
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment not in (".", ""):
            parts.append(segment)
    folder = joined == "" or joined.endswith(("/", "/.", "/..")) or joined in (".", "..")
    return "/".join(parts) + ("/" if folder and parts else "")


def _target(site: Path, rel: str) -> str | None:
    """The file a URL path names, relative to the site, or None if there is none inside it."""
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    elif (site / rel).is_dir():
        rel += "/index.html"
    path = site / rel
    try:  # resolve(): a symlink must not lead the check (or the host) outside the site.
        path.resolve().relative_to(site)  # ``site`` is already resolved by scan()
    except ValueError:
        return None
    return rel if path.is_file() else None


def scan(site: Path) -> SiteScan:
    """One pass: parse every page, resolve every URL, check files and fragments."""
    site = site.resolve()
    result = SiteScan()
    parsed: dict[str, _PageParser] = {page: _parse(site / page) for page in _pages(site)}

    def ids_of(rel: str) -> set[str]:
        if rel not in parsed:  # an HTML file we do not scan as a page, e.g. under pagefind/
            parsed[rel] = _parse(site / rel)
        return parsed[rel].ids

    for page in sorted(parsed):
        for href, rel_attr in parsed[page].urls:
            problem = _check_one(site, page, href, rel_attr, result, ids_of)
            if problem:
                result.problems.append(LinkProblem(page, href, problem))
    result.problems.sort()
    return result


def _check_one(site: Path, page: str, href: str, rel_attr: str, result: SiteScan,
               ids_of: Callable[[str], set[str]]) -> str | None:
    """Return what is wrong with one URL on one page, or None; counts what it checked."""
    url = href.strip()  # browsers ignore surrounding whitespace in URL attributes
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        return "javascript: URL (never allowed: breaks without JS and under CSP)"
    if scheme in SKIPPED_SCHEMES:
        return None
    if scheme in EXTERNAL_SCHEMES or (not scheme and url.startswith("//")):
        if not set(rel_attr.split()) & HINT_RELS:
            full = url if scheme else "https:" + url
            pages = result.external.setdefault(full, [])
            if page not in pages:
                pages.append(page)
        return None
    if scheme:
        return f"unsupported URL scheme {scheme!r}"
    if parts.path:
        rel = _normalize(posixpath.dirname(page), unquote(parts.path))
        if rel is None:
            return "points outside the site root"
        target = _target(site, rel)
        if target is None:
            return f"missing file {rel or '/'}"
    else:
        target = page  # "#x" or "?q" or "": the page itself
    result.links += 1
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html"):
        result.fragments += 1
        # "#top" scrolls to the top in every browser even without such an id.
        if fragment not in ids_of(target) and fragment.lower() != "top":
            return f"no id {fragment!r} in {target}"
    return None


def check_site(site: Path) -> list[LinkProblem]:
    """Every broken internal link of the built site, sorted. Offline, safe for CI."""
    return scan(site).problems


def external_urls(site: Path) -> dict[str, list[str]]:
    """External http(s) URL -> the pages (relative to the site) that use it."""
    return scan(site).external


def _probe(url: str, timeout: float) -> str | None:
    """None if ``url`` answers below 400; else a short reason."""
    if urlsplit(url).scheme.lower() not in EXTERNAL_SCHEMES:
        return "not an http(s) URL"
    problem = None
    # HEAD first, to avoid downloading PDFs; many servers refuse HEAD, so retry with GET.
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
            if status < 400:
                return None
            problem = f"HTTP {status}"
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
        except urllib.error.URLError as exc:
            # DNS failures, refused connections, TLS errors: GET would fail the same way.
            return f"unreachable: {exc.reason}"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            # Timeouts while reading, dropped connections, malformed answers or URLs.
            return f"unreachable: {exc or type(exc).__name__}"
    return problem


def check_external(urls: Iterable[str], timeout: float = 10, workers: int = 4) -> list[tuple[str, str]]:
    """(url, problem) for every URL that fails. Contacts real hosts: never call it in CI."""
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        answers = list(pool.map(lambda u: _probe(u, timeout), unique))
    return [(url, problem) for url, problem in zip(unique, answers) if problem]


def report(problems: Sequence[LinkProblem]) -> str:
    """One line per problem, ``page: href: problem``, then a summary line."""
    lines = [f"{p.page}: {p.href}: {p.problem}" for p in problems]
    pages = len({p.page for p in problems})
    lines.append(f"{len(problems)} broken links on {pages} pages" if problems else "No broken links.")
    return "\n".join(lines)


def main_links(site: Path, online: bool, timeout: float) -> int:
    """``guide links [--online] [--site DIR]``: print the report; 0 if clean, else 1.

    ``online`` also asks every external host (HEAD, then GET). Its result depends
    on the network and on other people's servers, so --online must never run in
    CI; run it by hand before a release.
    """
    if not (site / "index.html").is_file():
        raise UsageError(f"no built site in {site}; run `guide build` first")
    result = scan(site)
    problems = list(result.problems)
    if online:
        for url, problem in check_external(result.external, timeout=timeout):
            problems += [LinkProblem(page, url, problem) for page in result.external[url]]
        problems.sort()
    *lines, summary = report(problems).splitlines()
    if lines:
        print("\n".join(lines))
    checked = f"{result.links} internal links, {result.fragments} with #fragments"
    if online:
        checked += f", {len(result.external)} external URLs"
    print(f"{summary} (checked {checked})", file=sys.stderr)
    return 1 if problems else 0
