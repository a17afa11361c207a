"""The site engine (mkdocs-material) stays behind one module.

Only generator/site/engine.py, the theme overrides in templates/theme/ and mkdocs.yml may name the
engine or use its syntax: mkdocs, Material, md_in_html, its `.md-*` classes, its `__md_*`
globals, attribute-list ids (`{#id}`) and Markdown front matter. Page templates produce plain
HTML, our CSS and scripts use our own classes, so a change of engine touches only those files.
Tests and benchmarks may name the engine: they test it, or compare with it.
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

SCANNED = ("generator", "templates")
ALLOWED = ("generator/site/engine.py", "templates/theme/")
MENTIONS = {
    "mkdocs": re.compile(r"mkdocs", re.I),
    "Material": re.compile(r"\bMaterial\b|\bmaterial/|name:\s*material\b"),
    "md_in_html": re.compile(r"md_in_html"),
    ".md-* classes": re.compile(r"(?<![\w-])md-[a-z][\w-]*"),
    "__md_* globals": re.compile(r"__md_"),
    "attribute-list ids": re.compile(r"\{:?\s*#[A-Za-z][\w-]*\s*\}"),
    "front matter": re.compile(r"\A(?:\{#.*?#\}\s*)?---\s*\n", re.S),
}
TEXT = {".py", ".j2", ".html", ".css", ".js", ".md", ".yml", ".yaml", ".txt", ".svg"}


def mentions(root: Path) -> list[str]:
    """Every mention of the engine outside the allowed files, as "path:line: what"."""
    found = []
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or path.suffix not in TEXT or rel.startswith(ALLOWED) or "__pycache__" in rel:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for what, pattern in MENTIONS.items():
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{rel}:{line}: {what} ({match.group(0).strip()!r})")
    return found


def test_only_the_engine_module_knows_the_engine():
    assert mentions(ROOT) == []


def test_the_scan_finds_a_mention(tmp_path):
    """The check above can fail: each kind of mention, planted outside the engine, is found."""
    (tmp_path / "generator").mkdir()
    (tmp_path / "templates" / "pages").mkdir(parents=True)
    (tmp_path / "templates" / "theme").mkdir(parents=True)
    (tmp_path / "generator" / "pages.py").write_text(
        "from mkdocs.config import load_config\n# Material for MkDocs\nEXT = 'md_in_html'\n", encoding="utf-8")
    (tmp_path / "templates" / "pages" / "x.html.j2").write_text(
        "---\ntitle: x\n---\n<h2>Who {#who}</h2>\n<nav class=\"md-nav\"></nav>\n"
        "<script>new URL('sw.js', __md_scope)</script>\n", encoding="utf-8")
    (tmp_path / "templates" / "theme" / "main.html").write_text("{% extends 'base.html' %} md-header mkdocs",
                                                                 encoding="utf-8")
    found = {line.split(": ", 1)[1].split(" (")[0] for line in mentions(tmp_path)}
    assert found == set(MENTIONS)
    assert not any(line.startswith("templates/theme/") for line in mentions(tmp_path))
