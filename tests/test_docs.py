"""Checks that keep the documentation honest."""
from __future__ import annotations

import json
import re

from conftest import ROOT
from generator.errors import CODES
from generator.schema_file import SCHEMAS, stale_schemas


def test_every_code_is_documented_and_every_documented_code_exists():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z0-9.-]+)`", text, flags=re.M))
    assert documented == set(CODES)


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
