"""Per-file results of `guide check`, cached by a hash of everything that shapes them.

Reading and checking one file costs a few milliseconds; a catalog of
thousands costs seconds. Most files do not change between two checks, so the
result for each is kept under the hash of its bytes, its name, the taxonomy,
the settings and the checker's own source. Checks that depend on the rest of
the catalog or on today's date are never cached.

The checker's source is every module of this package the checking module
imports, directly or through others (imports inside functions included), found
by reading the import statements: a hand-kept list forgot modules and served
stale results after they changed.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.content.glossary import glossary_text
from generator.upstream.portal_address import catalog_stamp
from generator.content.translation_lock import lock_text

_PACKAGE = __name__.split(".")[0]


def _module_file(name: str, root: Path) -> Path | None:
    """The source file of module ``name`` (dotted) under ``root``, or None when it is not a module there."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Dotted names of the modules of this package that ``tree`` may import (and the packages on the way)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package, up level - 1 more
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # `from package import module`
    found: set[str] = set()
    for name in names:
        parts = name.split(".")
        if parts[0] == _PACKAGE:
            found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return found


def import_closure(module: str, root: Path, known: dict[str, list[str]] | None = None) -> list[Path]:
    """The source files of ``module`` and of every module of this package it imports, directly or not.

    ``known`` maps a module's name and source digest to what it imports, so that unchanged modules are not
    parsed again (parsing them all costs more than the rest of a warm check's start).
    """
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name, root)
        if path is None:  # a name imported from a module, not a module
            continue
        seen[name] = path
        source = path.read_bytes()
        key = f"{name}:{hashlib.sha256(source).hexdigest()}"
        names = known.get(key) if known is not None else None
        if names is None:
            names = sorted(_imported(ast.parse(source, filename=str(path)), name, path.name == "__init__.py"))
            if known is not None:  # one entry per module: the older versions are dropped
                for old in [k for k in known if k.rsplit(":", 1)[0] == name]:
                    del known[old]
                known[key] = names
        todo += [n for n in names if n not in seen]
    return sorted(seen.values())


def _package_root() -> Path:
    """The folder that holds this package (``generator/``'s parent)."""
    return Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def _code_version(checker: str, folder: Path) -> str:
    """A digest of the checker's code; ``folder`` keeps what each module imports between runs."""
    memo = folder / "imports.json"
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    before = dict(known)
    root = _package_root()
    h = hashlib.sha256()
    for path in import_closure(checker, root, known):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    if known != before:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f"imports.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known, sort_keys=True), encoding="utf-8")
        tmp.replace(memo)
    return h.hexdigest()


class CheckCache:
    def __init__(self, settings: Settings, taxonomy_text: str, *, checker: str, enabled: bool = True) -> None:
        """``checker``: the module (dotted name) whose per-file results are kept; its code is part of the key."""
        self.folder = settings.cache_dir / "check" if enabled else None
        # The glossary decides i18n.glossary; the translation record, i18n.outdated; the portal catalog,
        # the hints of url.old-portal.
        code = _code_version(checker, self.folder) if self.folder else ""  # disabled: no key needed
        context = "|".join((code, ",".join(settings.allowed_hosts), str(settings.schema_file),
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
