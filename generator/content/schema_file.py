"""The JSON Schemas that editors' tools read, generated from the typed model."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.form_model import Form
from generator.content.model import Procedure, Taxonomy

SCHEMAS: dict[str, type[BaseModel]] = {
    "procedure.schema.json": Procedure,
    "taxonomy.schema.json": Taxonomy,
    "form.schema.json": Form,
}
NOTICE = "Generated from generator/content/model.py and generator/content/form_model.py by `guide schema`. Do not edit by hand."


def schema_for(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": NOTICE,
        **schema,
    }


def rendered(name: str) -> str:
    return json.dumps(schema_for(SCHEMAS[name], name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / name
        path.write_text(rendered(name), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[Path]:
    """Committed schema files that no longer match the model."""
    stale = []
    for name in SCHEMAS:
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != rendered(name):
            stale.append(path)
    return stale
