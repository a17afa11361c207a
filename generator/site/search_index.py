"""Per-language search index with Pagefind.

Pagefind splits its index into small chunks and keeps one index per page
language (our <html lang>), so a phone on the Vietnamese site downloads only
Vietnamese chunks, and only when someone searches. It matches Vietnamese
without tone marks and segments Chinese words.

Each language is indexed on its own (Pagefind sees a folder holding only that language's
pages, linked from the site being built), and the entry file that lists the languages is
merged from the runs. So a rebuild indexes again only the languages whose pages changed,
and a clean build makes exactly the same files, since it runs the same way for every language.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from generator.site import routes
from generator.site.engine import search_document
from generator.content.model import LANGS
from generator.site.site_tree import SiteTree, digest

ENTRY = "pagefind-entry.json"
SHARED = "search/shared"
SEARCHED = "search document"  # the key of a page's searchable part in SiteTree.aside  # Pagefind's scripts and the language-neutral WebAssembly


class SearchIndexError(RuntimeError):
    pass


def language_pages(files: list[str], lang: str) -> list[str]:
    """The HTML files Pagefind reads for one language (it indexes those with data-pagefind-body)."""
    others = tuple(routes.PREFIX[o] for o in LANGS if o != lang and routes.PREFIX[o])
    own = routes.PREFIX[lang]
    return [rel for rel in files if rel.endswith(".html") and rel.startswith(own)
            and not rel.startswith(routes.SHARED_DIRS) and not (others and rel.startswith(others))]


def start_pagefind(site: Path, out: Path) -> subprocess.Popen[str]:
    """Start indexing the pages below ``site`` into ``out`` (several languages run side by side)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"]
    try:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise SearchIndexError(f"pagefind could not run: {exc}") from exc


def finish_pagefind(run: subprocess.Popen[str], out: Path) -> dict[str, object]:
    """Wait for a run; returns Pagefind's entry (languages, version), which is merged, not kept."""
    try:
        stdout, stderr = run.communicate(timeout=1800)
    except subprocess.TimeoutExpired as exc:
        run.kill()
        raise SearchIndexError(f"pagefind took too long: {exc}") from exc
    if run.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed: {(stderr or stdout).strip()[:500]}")
    entry = json.loads((out / ENTRY).read_text(encoding="utf-8"))
    (out / ENTRY).unlink()
    return dict(entry)


def _own(rel: str, key: str, wasm: str | None) -> bool:
    """Whether a file of Pagefind's output belongs to one language's index (key: "vi", "zh-hans")."""
    name = rel.rsplit("/", 1)[-1]
    return name.startswith(f"{key}_") or name.startswith(f"pagefind.{key}_") or (
        wasm is not None and name == f"wasm.{wasm}.pagefind")


def index_site(tree: SiteTree, salt: str = "") -> list[str]:
    """Start indexing every language whose pages changed; returns those languages.

    Pagefind runs beside the rest of the build (the offline packs do not read its files): its
    results are taken into the tree when the build settles (SiteTree.later)."""
    bundle = routes.SEARCH_BUNDLE.url
    engine_version = version("pagefind")
    inputs = {lang: language_pages(tree.files(), lang) for lang in LANGS}
    digests = {lang: digest(salt, engine_version, *(f"{rel}\0{tree.file_digest(rel)}" for rel in pages))
               for lang, pages in inputs.items()}
    shared_digest = digest(salt, engine_version)
    shared_kept = tree.keep(SHARED, shared_digest)
    todo = [lang for lang in LANGS if not (shared_kept and tree.keep(f"search/{lang}", digests[lang]))]
    entries = {lang: tree.meta(f"search/{lang}") for lang in LANGS if lang not in todo}
    work = tree.scratch("search")
    runs: dict[str, tuple[subprocess.Popen[str], Path]] = {}

    def cancel() -> None:
        for run, _ in runs.values():  # a failure elsewhere: stop what still runs
            run.kill()
            run.wait()
        runs.clear()
        shutil.rmtree(work, ignore_errors=True)

    def finish() -> None:
        for lang in todo:
            run, out = runs.pop(lang)
            found = finish_pagefind(run, out)
            languages = found.get("languages") or {}
            if not isinstance(languages, dict) or len(languages) > 1:
                raise SearchIndexError(f"pagefind saw {languages!r} in the {lang} pages, not one language")
            key, data = next(iter(languages.items()), (None, None))
            entries[lang] = {"key": key, "data": data, "include": found.get("include_characters"),
                             "version": found.get("version")}
            tree.begin(f"search/{lang}", digests[lang], entries[lang])
            shared = not shared_kept and SHARED not in tree.entries
            if shared:
                tree.begin(SHARED, shared_digest)
            for source in sorted(p for p in out.rglob("*") if p.is_file()):
                rel = source.relative_to(out).as_posix()
                if key and _own(rel, key, (data or {}).get("wasm")):
                    tree.adopt(f"search/{lang}", bundle + rel, source)
                elif shared:
                    tree.adopt(SHARED, bundle + rel, source)
        cancel()
        _write_entry(tree, entries, bundle)

    tree.later(finish, cancel)
    for lang in todo:
        pages, out = work / lang / "site", work / lang / "out"
        for rel in inputs[lang]:
            target = pages / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            made = tree.aside.get((SEARCHED, rel))  # the page's searchable part, made with the page
            target.write_text(made if made is not None else search_document(tree.path(rel).read_text(
                encoding="utf-8")), encoding="utf-8")
        runs[lang] = (start_pagefind(pages, out), out)
    return todo


def _write_entry(tree: SiteTree, entries: dict[str, dict[str, object]], bundle: str) -> None:
    languages: dict[str, object] = {}
    merged: dict[str, object] = {"languages": languages}
    for lang in LANGS:
        e = entries.get(lang) or {}
        if e.get("key"):
            languages[str(e["key"])] = e["data"]
        for field, name in (("include", "include_characters"), ("version", "version")):
            if e.get(field) is not None:
                merged[name] = e[field]
    # Sorted, so two builds are byte-identical (Pagefind writes it in hash-map order).
    text = json.dumps(merged, sort_keys=True, separators=(",", ":"))
    tree.put_file(bundle + ENTRY, digest(text), lambda: text)


