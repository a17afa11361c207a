"""Everything specific to the site engine (mkdocs-material + mkdocs-static-i18n).

Only this module, the theme overrides in templates/theme/ and mkdocs.yml know the engine
(tests/test_engine_boundary.py keeps it so). The rest of the generator hands it finished,
engine-neutral pages (pages.RenderedPage: a title, a description and an HTML body whose
headings carry ids) and gets back HTML files in the site's layout: header, navigation,
language menu with hreflang alternates, table of contents, Content-Security-Policy.

Python-Markdown never sees our HTML: every page reaches mkdocs as a one-word placeholder and
the plugin below swaps the finished body in. mkdocs renders the few index pages, and one
"shell" per language: a procedure page whose title, description, address, contents and body
are slots. Every procedure page is that shell with the slots filled, since all of them sit at
the same depth (thu-tuc/<slug>/) and so share every relative link. At 2,000 procedures this
turns 6,000 theme renderings into 6 and a string join per page.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html as htmlmod
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence, cast
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import get_toc

from generator.site import routes
from generator.content.model import LANGS
from generator.site.footer import ROOT_SLOT
from generator.site.shells import SHELL_KEYS, SLOT, Shell, shell_from
from generator.site.site_tree import digest, folder_digest
from generator.content.strings import HTML_LANG, Localizer

if TYPE_CHECKING:
    from generator.site.pages import RenderedPage

# Nav: index pages only. Thousands of procedures in one sidebar would be
# embedded in every page, making the output grow as N² (docs/design-notes.md §3).
NAV: tuple[tuple[str, routes.PageKind], ...] = (
    ("nav.home", "home"),
    ("nav.life_events", "life_events"),
    ("nav.fields", "fields"),
    ("nav.levels", "levels"),
    ("nav.a_z", "a_z"),
    ("nav.offices", "offices"),
    ("nav.search", "search"),
)
CONFIG_FILE = "mkdocs.yml"  # the engine's own settings, at the project's root
SITEMAP = "sitemap.xml"
SHELLED = ("procedure",)  # kinds filled into a shell instead of rendered one by one
_H2 = re.compile(r'<h2\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")
# The theme's search is not used (Pagefind is): its files are never loaded, so they are not shipped.
_UNUSED = ("assets/javascripts/lunr", "assets/javascripts/workers", "sitemap.xml", "sitemap.xml.gz")

# The theme's own inline scripts, exactly; anything else inline is refused by the CSP.
_THEME_SCRIPTS = (
    re.compile(r'__md_scope=new URL\("(?:\.\./)*\.{1,2}",location\),__md_hash=e=>\[\.\.\.e\]\.reduce\('
               r'\(\(e,_\)=>\(e<<5\)-e\+_\.charCodeAt\(0\)\),0\),__md_get=\(e,_=localStorage,t=__md_scope\)=>'
               r'JSON\.parse\(_\.getItem\(t\.pathname\+"\."\+e\)\),__md_set=\(e,_,t=localStorage,a=__md_scope\)=>'
               r'\{try\{t\.setItem\(a\.pathname\+"\."\+e,JSON\.stringify\(_\)\)\}catch\(e\)\{\}\}'),
    re.compile(r'var target=document\.getElementById\(location\.hash\.slice\(1\)\);target&&target\.name&&'
               r'\(target\.checked=target\.name\.startsWith\("__tabbed_"\)\)'),
)
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
       "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'")


def content_security_policy(html: str) -> str:
    """A CSP allowing our files, Pagefind's WebAssembly and the theme's known inline scripts only."""
    hashes = []
    for match in _INLINE.finditer(html):
        body = match.group(1)
        if any(p.fullmatch(body) for p in _THEME_SCRIPTS):
            found = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.append(f" 'sha256-{found}'")
    return CSP.format(hashes="".join(sorted(set(hashes))))


def headings(body: str) -> list[tuple[str, str]]:
    """(id, HTML-escaped text) of each <h2 id> of a body: the page's table of contents."""
    return [(m.group(1), htmlmod.escape(htmlmod.unescape(_TAGS.sub("", m.group(2))).strip(), quote=False))
            for m in _H2.finditer(body)]


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HTML_LANG = re.compile(r'<html lang="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def search_document(html: str) -> str:
    """What a search indexer needs of a page the engine made: its language, title and body, without
    the theme's header, navigation and icons (Pagefind indexes the same, a third faster). Any other
    page is returned whole."""
    article, lang, title = _ARTICLE.search(html), _HTML_LANG.search(html), _TITLE.search(html)
    if not (article and lang and title):
        return html
    return (f'<!doctype html><html lang="{lang.group(1)}"><head><meta charset="utf-8"><title>{title.group(1)}'
            f"</title></head><body>{article.group(1)}</body></html>")


# ---------------------------------------------------------------- the engine

@dataclass(frozen=True)
class Chrome:
    """What one mkdocs run made: the files of the index pages and the theme, and the shells."""

    folder: Path
    shells: dict[str, Shell]  # "<lang>/toc" or "<lang>/plain"


def shell_name(lang: str, toc: bool) -> str:
    return f"{lang}/{'toc' if toc else 'plain'}"


class Engine:
    def __init__(self, root: Path, strings: dict[str, dict[str, str]], site_url: str = "",
                 cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir  # compiled theme templates are kept there between builds
        self.config_file = root / CONFIG_FILE
        self.theme = root / "templates" / "theme"
        self.strings = strings
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""

    @property
    def digest(self) -> str:
        """Everything of the engine that shapes a page: its configuration, the theme, the versions, and
        the strings it writes itself (the site's name and the navigation, in each language)."""
        versions = [f"{p}={version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")]
        words = [Localizer(lang, self.strings).t(key) for lang in LANGS
                 for key in ("site.title", "top.label", "lang.menu", *dict(NAV))]
        return digest(folder_digest([self.config_file, self.theme, Path(__file__)]), self.site_url, *versions,
                      *words)

    @staticmethod
    def shelled(page: RenderedPage) -> bool:
        return page.kind in SHELLED

    def fill(self, shells: dict[str, Shell], page: RenderedPage) -> str:
        """A shelled page, complete: its language's shell with the slots filled."""
        contents = headings(page.html) if page.toc else []
        return shells[shell_name(page.lang, bool(contents))].fill(page, contents)

    def chrome(self, pages: Sequence[RenderedPage], work: Path, footers: dict[str, str] | None = None) -> Chrome:
        """Run mkdocs on the pages that are not shelled, plus the shells, into ``work``/site. ``footers``:
        each language's footer, whose links start at ROOT_SLOT (the theme's footer block shows it)."""
        docs, site = work / "docs", work / "site"
        bodies: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        missing = next((page for page in pages if page.kind == "not_found"), None)
        for page in pages:
            if self.shelled(page) or page is missing:  # the 404 is the theme's 404.html, with our body
                continue
            self._source(docs, page.route, page.lang, page.title, page.description, page.toc)
            bodies[page.route.file] = (page.html, headings(page.html) if page.toc else [])
        shells: dict[str, str] = {}
        for lang in LANGS:
            for toc in (True, False):
                route = routes.page("procedure", lang, SHELL_KEYS[toc])
                self._source(docs, route, lang, SLOT.format("title"), SLOT.format("desc"), toc)
                bodies[route.file] = (f"<h1>{SLOT.format('h1')}</h1>{SLOT.format('body')}",
                                      [(SLOT.format("tocid"), SLOT.format("toctitle"))] if toc else [])
                shells[shell_name(lang, toc)] = route.file
        config = self._config(docs, site, footers or {}, missing)
        plugin = config.plugins["citizen-guide"] = _Plugin(bodies)
        _faster_theme(config.theme, self.cache_dir / "jinja" if self.cache_dir else None)
        _quiet()
        mkdocs_build(config)
        if plugin.not_found:  # every language's build writes 404.html: the Vietnamese one is the site's
            (site / routes.page("not_found", LANGS[0]).file).write_text(plugin.not_found, encoding="utf-8")
        made = {}
        for name, file in shells.items():
            path = site / file
            made[name] = shell_from(path.read_text(encoding="utf-8"), name.endswith("/toc"),
                                config.site_description or "")
            shutil.rmtree(path.parent)
        for rel in _UNUSED:
            target = site / rel
            if target.is_dir():
                shutil.rmtree(target)
            target.unlink(missing_ok=True)
        for path in site.glob("assets/javascripts/*.map"):
            path.unlink()
        return Chrome(site, made)

    def sitemap(self, pages: Iterable[tuple[str, str]]) -> str | None:
        """sitemap.xml: every page (kind, key) in every language, with the others as alternates.
        Only with a site URL: a sitemap needs full addresses."""
        if not self.site_url:
            return None
        keys = sorted(set(pages), key=lambda k: routes.page(cast(routes.PageKind, k[0]), LANGS[0], k[1]).url)
        rows = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
        for kind, key in keys:
            if kind == "not_found":  # not a page of its own: what a host shows at a missing address
                continue
            alternates = routes.alternates(cast(routes.PageKind, kind), key)
            links = "".join(f'<xhtml:link rel="alternate" hreflang="{HTML_LANG[lang]}" '
                            f'href="{htmlmod.escape(self.site_url + r.url)}"/>' for lang, r in alternates.items())
            for route in alternates.values():
                rows.append(f"<url><loc>{htmlmod.escape(self.site_url + route.url)}</loc>{links}</url>")
        return "\n".join(rows + ["</urlset>", ""])

    # ------------------------------------------------------------------ inside

    @staticmethod
    def _source(docs: Path, route: routes.Route, lang: str, title: str, description: str, toc: bool) -> None:
        # Front-matter values are HTML-escaped: the theme writes titles into the page as they are.
        meta = [f"title: {json.dumps(htmlmod.escape(title), ensure_ascii=False)}"]
        if description:
            meta.append(f"description: {json.dumps(htmlmod.escape(description), ensure_ascii=False)}")
        if not toc:
            meta += ["hide:", "  - toc"]
        target = docs / lang / route.url[len(routes.PREFIX[lang]):] / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + "\n".join(meta) + "\n---\n\n" + SLOT.format("body") + "\n", encoding="utf-8")

    def _config(self, docs: Path, site: Path, footers: dict[str, str], missing: RenderedPage | None) -> Any:
        nav_vi = Localizer(LANGS[0], self.strings)
        nav = [{nav_vi.t(key): routes.page(kind, LANGS[0]).url + "index.md"} for key, kind in NAV]
        config = load_config(str(self.config_file), docs_dir=str(docs), site_dir=str(site),
                             site_url=self.site_url or None, nav=nav)
        if (self.theme / "theme.css").is_file():
            config.extra_css.append("theme.css")
        for language in config.plugins["i18n"].config.languages:
            L = Localizer(language.locale, self.strings)
            language.nav_translations = {nav_vi.t(key): L.t(key) for key, _ in NAV}
            language.site_name = L.t("site.title")
            # What our theme overrides (templates/theme/) show, in this language's build.
            language.extra = {"cg": {
                "top": L.t("top.label"), "languages": L.t("lang.menu"), "tags": HTML_LANG, "root": ROOT_SLOT,
                "footer": footers.get(language.locale, ""),
                "not_found": missing.html if missing else "", "not_found_title": missing.title if missing else ""}}
        return config


def _faster_theme(theme: Any, cache: Path | None) -> None:
    """Each language is a build of its own, and each build makes a new template environment: keep the
    compiled templates on disk, and list the theme's files without its 14,000 icons (only included by
    name, never copied: mkdocs lists them to filter them out)."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        if isinstance(env.loader, jinja2.FileSystemLoader):
            setattr(env.loader, "list_templates", functools.partial(_visible_templates, env.loader))
        return env

    theme.get_env = get_env


def _visible_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    """FileSystemLoader.list_templates without dot-folders, which mkdocs would filter out anyway."""
    found = set()
    for searchpath in loader.searchpath:
        for folder, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            base = os.path.relpath(folder, searchpath)
            for name in filenames:
                found.add(name if base == "." else f"{base}/{name}".replace(os.sep, "/"))
    return sorted(found)


def _quiet() -> None:
    # The theme's end-of-life notice and the "not in nav" notices for every
    # page drown real warnings; keep warnings and errors only.
    for name in ("mkdocs", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs_static_i18n",
                 "mkdocs.plugins.material"):
        logging.getLogger(name).setLevel(logging.WARNING)


class _NoOptions(Config):
    """The plugin is configured in code, not in mkdocs.yml."""


class _Plugin(BasePlugin[_NoOptions]):
    """Puts our finished bodies in place of the placeholders, and fixes what the theme writes."""

    def __init__(self, bodies: dict[str, tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.bodies = bodies
        self.not_found = ""  # the 404 page of the Vietnamese build

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        # The i18n plugin leaves a home page's language links absolute ("/en/"): site-relative like every
        # other page's, they also work from file:// (offline packs) and below a path.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        for alt in _alternates(config):
            if alt["link"].startswith(base):
                alt["link"] = alt["link"][len(base):]
        return context

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        if template_name == "404.html":  # its language menu leads to the home pages, not the last page built
            config.extra.alternate = [
                dict(alt, link=routes.page("home", alt["lang"]).from_base(context["base_url"]))
                for alt in _alternates(config)]
        return context

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        body, contents = self.bodies[page.file.dest_uri]
        page.toc = get_toc([{"level": 2, "id": i, "name": t, "children": []} for i, t in contents])
        return body

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return _finish(output)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        if not template_name.endswith(".html"):
            return output
        done = _finish(output)
        if template_name == "404.html" and config.theme["language"] == LANGS[0]:
            self.not_found = done
        return done


def _alternates(config: Any) -> list[dict[str, str]]:
    """The language links the theme shows: the i18n plugin sets them as an attribute for each page, which
    the theme's templates read before the item of the same name (the default, before any page)."""
    return list(getattr(config.extra, "alternate", None) or config.extra.get("alternate") or [])


def _finish(output: str) -> str:
    """Add the CSP, and write BCP 47 tags (zh-Hans) where the theme writes bare locales (zh)."""
    csp = content_security_policy(output)
    output = output.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
    for locale, tag in HTML_LANG.items():
        if locale != tag:
            output = output.replace(f'<html lang="{locale}"', f'<html lang="{tag}"', 1)
            output = output.replace(f'hreflang="{locale}"', f'hreflang="{tag}"')
    return output


def serve(site_dir: Path, rebuild: Callable[[], None], watch: list[Path],
          host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``site_dir``; when a watched file changes, rebuild and reload open pages."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
