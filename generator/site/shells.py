"""Shells: a page the engine made once with slots where a page's own parts go.

Every procedure page sits at the same depth, so the engine renders one page per language whose title,
description, address, table of contents and body are slots (generator/site/engine.py), and each page
is that shell with the slots filled: a string join instead of a theme rendering. The slots are words
of letters, digits and hyphens, which pass every filter of the theme unchanged.
"""
from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.site.pages import RenderedPage

SLOT = "cgslot-{}-5d1f"
SHELL_KEYS = {True: SLOT.format("key"), False: SLOT.format("kez")}  # with and without contents
_SLOTS = re.compile(r"cgslot-(title|desc|ke[yz]|h1|body|tocid|toctitle|toc)-5d1f")


@dataclass(frozen=True)
class Template:
    """Text with named slots, split once so that filling never scans what was put in."""

    parts: tuple[str, ...]  # one more than slots
    slots: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Template:
        pieces = _SLOTS.split(text)
        return cls(tuple(pieces[0::2]), tuple("key" if s == "kez" else s for s in pieces[1::2]))

    def fill(self, values: dict[str, str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out += [values[slot], part]
        return "".join(out)


@dataclass(frozen=True)
class Shell:
    page: Template
    toc_item: Template | None  # one entry of the table of contents, the theme's markup
    site_description: str

    def fill(self, page: RenderedPage, contents: list[tuple[str, str]]) -> str:
        item = self.toc_item
        toc = "".join(item.fill({"tocid": i, "toctitle": t}) for i, t in contents) if item else ""
        title = htmlmod.escape(page.title)
        return self.page.fill({
            "title": title, "desc": htmlmod.escape(page.description or self.site_description), "key": page.key,
            "h1": "" if "<h1" in page.html else f"<h1>{title}</h1>",  # as the theme does for a page without one
            "body": page.html, "toc": toc, "tocid": contents[0][0] if contents else "",
        })

    def to_json(self) -> dict[str, Any]:
        item = self.toc_item
        return {"page": [self.page.parts, self.page.slots], "description": self.site_description,
                "item": [item.parts, item.slots] if item else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Shell:
        item = data["item"]
        return cls(Template(tuple(data["page"][0]), tuple(data["page"][1])),
                   Template(tuple(item[0]), tuple(item[1])) if item else None, data["description"])


def shell_from(output: str, toc: bool, site_description: str) -> Shell:
    """Cut the one sentinel entry out of the shell's table of contents: it becomes the item template."""
    output = output.replace(f"<h1>{SLOT.format('h1')}</h1>", SLOT.format("h1"))
    item = None
    if toc:
        mark = output.index(SLOT.format("toctitle"))
        start = output.rindex("<li", 0, mark)
        end = output.index("</li>", mark) + len("</li>")
        item = Template.parse(output[start:end])
        output = output[:start] + SLOT.format("toc") + output[end:]
    return Shell(Template.parse(output), item, site_description)
