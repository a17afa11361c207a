"""The one policy for text in procedure files: plain text plus a tiny Markdown subset.

Allowed, and nothing else:
- ``**strong**`` and ``*emphasis*``;
- lines starting with ``- `` become a list;
- links ``[label](https://host/path)`` to an allow-listed host (pyproject.toml), or to any
  https host when marked external: ``[label](https://example.org){external}``.
Everything else, raw HTML included, is shown as the characters it is: the text is escaped
first, and only then are these few patterns turned into markup we write ourselves.
`guide check` refuses links that are not https, or go elsewhere unmarked.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.config import url_problem

from markupsafe import Markup, escape

LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)(\{external\})?")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    external: bool
    start: int


def links(text: str) -> list[Link]:
    return [Link(m.group(1), m.group(2), bool(m.group(3)), m.start()) for m in LINK.finditer(text)]


def link_problem(link: Link, host_allowed: Callable[[str], bool]) -> str | None:
    """None when the link may be published; otherwise which rule it breaks (an error code)."""
    problem = url_problem(link.url, host_allowed, link.external)
    return "url.content-link" if problem == "url.not-allowed" else problem


def plain(text: str) -> str:
    """The words without markup, for titles, PDFs, JSON-LD and loudspeaker scripts."""
    text = LINK.sub(lambda m: m.group(1), text)
    text = _STRONG.sub(r"\1", text)
    return _EM.sub(r"\1", text)


def _inline(escaped: str, host_allowed: Callable[[str], bool], external_note: str) -> str:
    def link(m: re.Match[str]) -> str:
        # The match is on escaped text: quotes and angle brackets are already entities.
        item = Link(m.group(1), m.group(2), bool(m.group(3)), m.start())
        if link_problem(item, host_allowed) is not None:
            return m.group(0)  # never made a link; `guide check` reports it
        rel = "noopener external" if item.external else "noopener"
        note = f' <span class="cg-external">({external_note})</span>' if item.external else ""
        return f'<a href="{item.url}" rel="{rel}">{item.label}</a>{note}'

    escaped = LINK.sub(link, escaped)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def render(text: str, host_allowed: Callable[[str], bool], external_note: str = "external site") -> Markup:
    lines = str(escape(text)).split("\n")
    out: list[str] = []
    in_list = False
    for line in lines:
        item = line.startswith("- ")
        if item and not in_list:
            out.append("<ul>")
        if in_list and not item:
            out.append("</ul>")
        in_list = item
        body = _inline(line[2:] if item else line, host_allowed, external_note)
        out.append(f"<li>{body}</li>" if item else body)
    if in_list:
        out.append("</ul>")
    html = ""
    for piece in out:
        block = piece.startswith(("<ul>", "</ul>", "<li>")) or html.endswith(("</li>", "<ul>", "</ul>"))
        html += piece if not html or block else "<br>" + piece
    return Markup(html)
