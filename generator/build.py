"""The pipeline, read top to bottom like a table of contents.

    1. load every YAML file, keeping line and column      (loader)
    2. validate: schema, CSV tables, cross-checks          (validate)
    3. one read-only catalog                               (catalog)
    4. render pages, QR codes, handouts and forms          (arrives with the site issue)
    5. mkdocs build into site/                             (arrives with the site issue)

Until stages 4 and 5 land, ``make site`` stops after ``guide check``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.catalog import Catalog
from generator.config import Settings
from generator.tables import read_tables
from generator.validate import Validation, validate


class ContentError(Exception):
    """The content has errors; ``validation`` holds every one of them."""

    def __init__(self, validation: Validation) -> None:
        super().__init__(f"{len(validation.errors)} errors")
        self.validation = validation


def check(settings: Settings, paths: list[Path] | None = None,
          today: dt.date | None = None) -> Validation:
    """Stages 1 and 2: read and validate, collecting every problem."""
    return validate(settings, paths, today)


def load_catalog(settings: Settings, today: dt.date | None = None) -> Catalog:
    """Stages 1 to 3. Raises ContentError, with the full report, if anything is wrong."""
    validation = check(settings, None, today)
    if validation.errors or validation.taxonomy is None:
        raise ContentError(validation)
    return Catalog.create(
        [entry.procedure for entry in validation.entries],
        validation.taxonomy,
        read_tables(settings.tables),
    )
