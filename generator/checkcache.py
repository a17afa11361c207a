"""Per-file results of `guide check`, cached by a hash of everything that shapes them.

Reading and checking one file costs a few milliseconds; a catalog of
thousands costs seconds. Most files do not change between two checks, so the
result for each is kept under the hash of its bytes, its name, the taxonomy,
the settings and the checker's own source. Checks that depend on the rest of
the catalog or on today's date are never cached.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.glossary import glossary_text
from generator.portal_address import catalog_stamp
from generator.translation_lock import lock_text

# The modules whose code decides a file's result; editing one invalidates the cache.
_SOURCES = ("loader.py", "model.py", "schema_check.py", "errors.py", "crosscheck.py", "validate.py",
            "config.py", "checkcache.py", "flow.py", "glossary.py", "portal_address.py",
            "text_checks.py", "translation_lock.py", "codes_translation.py", "yaml_diagnosis.py", "value_hints.py",
            # messages are cached in both languages: their catalogues shape the result too
            "messages.py", "codes_content.py", "codes_sources.py", "yaml_messages.py")


@lru_cache(maxsize=1)
def _code_version() -> str:
    folder = Path(__file__).parent
    h = hashlib.sha256()
    for name in _SOURCES:
        h.update((folder / name).read_bytes())
    return h.hexdigest()


class CheckCache:
    def __init__(self, settings: Settings, taxonomy_text: str, enabled: bool = True) -> None:
        self.folder = settings.cache_dir / "check" if enabled else None
        # The glossary decides i18n.glossary; the translation record, i18n.outdated; the portal catalog,
        # the hints of url.old-portal.
        context = "|".join((_code_version(), ",".join(settings.allowed_hosts), str(settings.schema_file),
                            str(settings.procedures.resolve()), taxonomy_text, glossary_text(settings.root),
                            lock_text(settings.root),
                            catalog_stamp(settings.procedures)))
        self._context = hashlib.sha256(context.encode("utf-8")).hexdigest()
        self.hits = self.misses = 0

    def _path(self, display: str, raw: bytes) -> Path | None:
        if self.folder is None:
            return None
        h = hashlib.sha256(self._context.encode() + display.encode("utf-8") + b"\0" + raw).hexdigest()
        return self.folder / h[:2] / f"{h}.pickle"

    def get(self, display: str, raw: bytes) -> Any | None:
        path = self._path(display, raw)
        if path is None or not path.is_file():
            self.misses += 1
            return None
        try:
            value = pickle.loads(path.read_bytes())  # our own files, written below
        except Exception:  # noqa: BLE001 - a damaged cache entry is simply recomputed
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, display: str, raw: bytes, value: Any) -> None:
        path = self._path(display, raw)
        if path is None:
            return
        issues, record, broken = value
        if record is not None:  # facts and the model as JSON: small and quick to load
            record = replace(record, entry=None)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps((issues, record, broken), protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
