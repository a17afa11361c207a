"""No module or template builds an output path: they ask generator/site/routes.py.

The scan reads the strings of the code (not its comments or docstrings): Python string
literals and the literal parts of f-strings, Jinja templates without their comments, and
our scripts without theirs. A string that names an output folder of the site, an index
page or a print product's file name is a path being built outside routes.py.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

# Folders of the site (routes.py), index files, and print products' name parts.
OUTPUT_PATH = re.compile(
    r"(?:^|[/\"'`({])(?:print|thu-tuc|su-kien|linh-vuc|a-z|tim-kiem|xa-phuong|cap|in|offline|data|flows|pagefind|"
    r"assets)/|index\.(?:html|md)\b|-poster-|loa-(?:ngan|dai)|citizen-guide-(?:\{|\"|$)|\.pdf(?=[\"'`]|$)")

# What may stay, with the reason. Other engineers' modules name their leftovers here until
# they move them to routes.py.
ALLOWED = {
    ("generator/site/routes.py", "*"): "the one place",
    ("generator/site/pages.py", "index.md"): "temporary: RenderedPage.as_markdown for benchmarks/scale_bench.py",
    # the engine's own files inside its build folder (mkdocs sources and the theme's assets)
    ("generator/site/engine.py", "index.md"): "mkdocs source files, engine-only",
    ("generator/site/engine.py", "assets/"): "the theme's own bundled files",
    # file:// readers: folder links become their index.html
    ("generator/site/offline_pack.py", "index.html"): "the file:// rewrite of links",
    ("generator/editors/preview.py", "index.html"): "the README and the check for a built site",
    ("generator/site/links.py", "index.html"): "the link checker resolves folder links as a host would",
    ("generator/content/flow.py", "index.md"): "the flows' index, FLOWS_INDEX",
    ("generator/print/pdf.py", ".pdf"): "the PDF cache's own files, not site outputs",
    ("generator/site/offline_pack.py", ".pdf"): "compressed already: stored, not deflated",
    ("generator/content/form_check.py", "print/"): "a JSON pointer into a form (/print/order)",
    ("generator/content/text_checks.py", "print/"): "a JSON pointer into a form (/print/label)",
    ("generator/upstream/portal.py", "data/"): "a JSON pointer into a portal record (/data/code)",
}


def _python_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _template_text(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".j2":
        return [re.sub(r"\{#.*?#\}", "", text, flags=re.S)]
    if path.suffix == ".js":
        return [re.sub(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", "", text, flags=re.S)]
    return []


def found(text: str) -> list[str]:
    return [m.group(0) for m in OUTPUT_PATH.finditer(text)]


def offenders() -> list[tuple[str, str]]:
    """(file, the string around the path) for every path built outside routes.py and not allowed."""
    out = []
    sources = [(p, _python_strings(p)) for p in sorted((ROOT / "generator").rglob("*.py"))]
    sources += [(p, _template_text(p)) for p in sorted((ROOT / "templates").rglob("*")) if p.is_file()]
    for path, strings in sources:
        rel = path.relative_to(ROOT).as_posix()
        if (rel, "*") in ALLOWED:
            continue
        for text in strings:
            for match in found(text):
                if not any(rel == name and part in match for name, part in ALLOWED):
                    at = text.find(match)
                    out.append((rel, text[max(0, at - 30):at + 40]))
    return out


def test_no_module_or_template_builds_an_output_path():
    assert offenders() == [], "ask generator/site/routes.py for output paths"


def test_the_scan_finds_a_path_built_by_hand(tmp_path):
    assert found('f"print/{slug}/{slug}-{lang}.pdf"')
    assert found('"thu-tuc/" + slug + "/index.html"')
    assert found("href=\"{{ root }}offline/citizen-guide-{{ lang }}.zip\"")
    assert not found("Nộp hồ sơ trực tuyến")
    source = tmp_path / "x.py"
    source.write_text('"""Docstrings may name thu-tuc/x/ freely."""\nURL = f"thu-tuc/{1}/"\n', encoding="utf-8")
    assert _python_strings(source) == ["thu-tuc/", "/"]


def test_every_allowed_leftover_is_still_there():
    """An entry nothing needs any more goes: the list only shrinks."""
    used = set()
    for path in [*sorted((ROOT / "generator").rglob("*.py")), *sorted((ROOT / "templates").rglob("*"))]:
        if not path.is_file():
            continue
        rel = path.relative_to(ROOT).as_posix()
        strings = _python_strings(path) if path.suffix == ".py" else _template_text(path)
        for text in strings:
            used |= {(rel, part) for name, part in ALLOWED if name == rel and any(part in m for m in found(text))}
    assert set(ALLOWED) - used - {("generator/site/routes.py", "*")} == set()
