"""Everything specific to the site engine (mkdocs-material + mkdocs-static-i18n).

MkDocs is in maintenance mode; switching engines should touch this module only.
The rest of the generator hands it a folder of Markdown per language and gets
back a folder of HTML.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
import shutil
from pathlib import Path
from typing import Any, Callable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from generator.strings import HTML_LANG, Localizer

# Nav: index pages only. Thousands of procedures in one sidebar would be
# embedded in every page, making the output grow as N² (docs/design-notes.md §3).
NAV = [
    ("nav.home", "index.md"),
    ("nav.life_events", "su-kien/index.md"),
    ("nav.fields", "linh-vuc/index.md"),
    ("nav.levels", "cap/index.md"),
    ("nav.a_z", "a-z.md"),
    ("nav.offices", "xa-phuong.md"),
    ("nav.search", "tim-kiem.md"),
]


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
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.append(f" 'sha256-{digest}'")
    return CSP.format(hashes="".join(sorted(set(hashes))))


class _HtmlLang(BasePlugin):  # type: ignore[type-arg]
    """Write BCP 47 tags (zh-Hans) where the theme writes bare locales (zh), and add the CSP."""

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        csp = content_security_policy(output)
        output = output.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
        for locale, tag in HTML_LANG.items():
            if locale == tag:
                continue
            output = output.replace(f'<html lang="{locale}"', f'<html lang="{tag}"', 1)
            output = re.sub(f'hreflang="{locale}"', f'hreflang="{tag}"', output)
        return output


def _quiet() -> None:
    # The theme's end-of-life notice and the "not in nav" notices for every
    # procedure page drown real warnings; keep warnings and errors only.
    for name in ("mkdocs", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs_static_i18n",
                 "mkdocs.plugins.material"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_site(config_file: Path, docs_dir: Path, site_dir: Path,
               strings: dict[str, dict[str, str]], site_url: str = "") -> None:
    """Build ``docs_dir`` (one folder per language) into ``site_dir``."""
    _quiet()
    nav_vi = Localizer("vi", strings)
    config = load_config(
        str(config_file),
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        site_url=site_url or None,
        nav=[{nav_vi.t(key): path} for key, path in NAV],
    )
    i18n = config.plugins["i18n"]
    for language in i18n.config.languages:
        L = Localizer(language.locale, strings)
        language.nav_translations = {nav_vi.t(key): L.t(key) for key, _ in NAV}
        language.site_name = L.t("site.title")
    config.plugins["citizen-guide-lang"] = _HtmlLang()
    mkdocs_build(config)
    # The theme's language menu looks up the target page in <language>/sitemap.xml.
    sitemap = site_dir / "sitemap.xml"
    for language in i18n.config.languages:
        folder = site_dir / language.locale
        if sitemap.is_file() and folder.is_dir() and not language.default:
            shutil.copyfile(sitemap, folder / "sitemap.xml")


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
