"""Checks that keep the documentation honest."""
from __future__ import annotations

import json
import re

from conftest import ROOT
from generator.diagnostics.errors import CODES
from generator.content.schema_file import SCHEMAS, stale_schemas


def _code_sections() -> dict[str, str]:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    parts = re.split(r"^(#{1,3} .*)$", text, flags=re.M)
    sections: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2]):
        m = re.match(r"### `([a-z0-9.-]+)`", heading)
        if m:
            assert m.group(1) not in sections, f"{m.group(1)} is documented twice"
            sections[m.group(1)] = body
    return sections


def test_every_code_is_documented_and_every_documented_code_exists():
    assert set(_code_sections()) == set(CODES)


VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.I)


def test_every_code_is_explained_in_vietnamese_then_in_english():
    """Each code's section: a Vietnamese explanation, then one in English starting with **EN:**."""
    for code, body in _code_sections().items():
        assert body.count("**EN:**") == 1, f"{code}: needs exactly one English part starting with **EN:**"
        vietnamese, english = body.split("**EN:**")
        assert VIETNAMESE.search(vietnamese), f"{code}: the part before **EN:** is not Vietnamese"
        words = re.sub(r"```.*?```|`[^`]*`", "", english, flags=re.S)
        assert len(re.findall(r"\b[A-Za-z]{2,}\b", words)) >= 4, f"{code}: the **EN:** part is not English"


def test_errors_md_opens_in_both_languages():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    assert "--lang en" in head and "**EN:**" in head
    assert "Dừng: " in head and "Aborted: " in head  # the summary line, in each language


def test_committed_schema_matches_the_model():
    assert stale_schemas(ROOT / "generator" / "schema") == [], "run `guide schema` and commit"


def test_every_schema_property_has_a_description():
    for name in SCHEMAS:
        schema = json.loads((ROOT / "generator" / "schema" / name).read_text(encoding="utf-8"))
        parts = {"(root)": schema, **schema.get("$defs", {})}
        missing = [f"{part}.{prop}" for part, d in parts.items()
                   for prop, v in d.get("properties", {}).items() if "description" not in v]
        assert missing == [], missing


def test_readme_quick_start_is_exactly_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n+```(?:sh|bash)?\n(.*?)```", text, flags=re.S)
    assert block, "README needs a Quick start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["make site", "make test"]
