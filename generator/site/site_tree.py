"""The next site/, made beside the live one, writing only what changed.

Every output of the build is an entry: a name, the digest of everything it is made from, and
the files it made. A manifest (``.cache/site/``) keeps each entry with the size, time and inode
of each of its files, for the live ``site/`` and for its spare, ``.site.spare`` beside it: the
site as the build before last left it. A build brings the spare up to date and then swaps the
two with renames, so the live site is never written to, and a failure anywhere leaves it as it
was. In the spare, an entry whose digest did not change is left alone; one that the live site
has is hard-linked from it; anything else is made again. Every file is written new and renamed
into place, never rewritten through a link, since the two trees share the inodes of linked files.

Two trees, rather than a fresh tree per build: removing a tree of thousands of page folders
costs far more than the build itself on some disks (each folder is a block to free), and this
way a rebuild after one edit touches a few files and no folder at all.

Nothing here decides what an output contains: the stages (generator/stages.py) do. Digests are
only as good as what goes into them, which is why tests/test_incremental.py compares every
kind of rebuild with a clean build, byte for byte.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping

MANIFEST_VERSION = 2
Stamp = tuple[int, int, int]  # size, mtime in ns, inode: what a hand edit of a site would change
_NEW = ".~new"


def digest(*parts: str | bytes) -> str:
    """One short hash over several parts (each framed, so ("ab", "c") differs from ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def folder_digest(folders: Iterable[Path], exclude: Callable[[Path], bool] = lambda p: False) -> str:
    """A digest of every file name and byte below some folders (or of single files)."""
    parts: list[bytes] = []
    for folder in folders:
        if folder.is_file():
            parts += [folder.name.encode(), folder.read_bytes()]
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not exclude(p)):
            parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def _stamp(path: Path) -> Stamp:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


@dataclass
class Entry:
    digest: str
    files: dict[str, Stamp] = field(default_factory=dict)  # site-relative path -> stamp
    meta: dict[str, Any] = field(default_factory=dict)  # what a stage keeps for its next run
    # A digest of what a file holds, where it is known: a page made again from new inputs may come
    # out the same (an English page after a Vietnamese edit), and then what reads it need not change.
    content: dict[str, str] = field(default_factory=dict)


class Manifest:
    """The entries of the site in one folder, as the build that wrote it left it."""

    def __init__(self, cache_dir: Path, folder: Path) -> None:
        key = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:24]
        self.path = cache_dir / "site" / f"{key}.json"

    def load(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return {}
        return {name: Entry(e["digest"], {k: (v[0], v[1], v[2]) for k, v in e["files"].items()}, e.get("meta", {}),
                            e.get("content", {}))
                for name, e in data["entries"].items()}

    def forget(self) -> None:
        """Before its folder changes: a build that dies midway must not trust this record."""
        self.path.unlink(missing_ok=True)

    def save(self, entries: Mapping[str, Entry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": MANIFEST_VERSION,
                "entries": {name: {"digest": e.digest, "files": e.files, "meta": e.meta, "content": e.content}
                            for name, e in sorted(entries.items())}}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.path)


def _valid(folder: Path | None, entry: Entry | None, entry_digest: str) -> bool:
    if folder is None or entry is None or entry.digest != entry_digest:
        return False
    try:
        return all(_stamp(folder / rel) == stamp for rel, stamp in entry.files.items())
    except OSError:
        return False


class SiteTree:
    """The next site, made in ``root`` (the spare, holding ``spare`` entries) beside ``live``."""

    def __init__(self, root: Path, work: Path, spare: Mapping[str, Entry] | None = None,
                 live_site: Path | None = None, live: Mapping[str, Entry] | None = None) -> None:
        self.root, self.work = root, work
        self.root.mkdir(parents=True, exist_ok=True)
        self.spare = dict(spare or {})
        self.live_site = live_site
        self.live = dict(live or {})
        self.entries: dict[str, Entry] = {}
        self._strays = self.strays() if self.spare else []
        self._owner: dict[str, str] = {}  # file -> entry name
        self._dirs: set[Path] = set()
        self._later: list[tuple[Callable[[], None], Callable[[], None]]] = []
        # What one stage made for a later one during this build, in memory (a page's offline-pack form).
        self.aside: dict[tuple[str, str], Any] = {}
        self.kept = 0
        self.made: list[str] = []  # the entries made again, by name

    # ------------------------------------------------------------------ reading

    def path(self, rel: str) -> Path:
        return self.root / rel

    def files(self) -> list[str]:
        return sorted(self._owner)

    def file_digest(self, rel: str) -> str:
        """What a file holds, as a digest: of its bytes where known, else of its entry's inputs and its name."""
        entry = self.entries[self._owner[rel]]
        return entry.content.get(rel) or digest(entry.digest, rel)

    def meta(self, name: str) -> dict[str, Any]:
        """What the stage keeps with an entry of this build (kept or made)."""
        return self.entries[name].meta

    def old_meta(self, name: str) -> dict[str, Any]:
        """What the last build kept with this entry in the live site (e.g. where a pack's members lie)."""
        entry = self.live.get(name)
        return entry.meta if entry else {}

    def old_file(self, name: str, rel: str) -> Path | None:
        """The live site's file of an entry, still as the last build left it, to read (never to write)."""
        entry = self.live.get(name)
        if entry is None or self.live_site is None or rel not in entry.files:
            return None
        path = self.live_site / rel
        try:
            return path if _stamp(path) == entry.files[rel] else None
        except OSError:
            return None

    def scratch(self, name: str) -> Path:
        """A folder for a program that writes files itself, on the same disk (removed after the build)."""
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.work))

    # ------------------------------------------------------------------ writing

    def keep(self, name: str, entry_digest: str, meta: dict[str, Any] | None = None) -> bool:
        """Keep the entry as the spare or the live site has it, when nothing it is made from changed."""
        if _valid(self.root, self.spare.get(name), entry_digest):
            old = self.spare[name]
            self._start(name, entry_digest, meta if meta is not None else old.meta, old.content)
            for rel in old.files:
                self._claim(name, rel)
        elif self.live_site is not None and _valid(self.live_site, self.live.get(name), entry_digest):
            old, live_site = self.live[name], self.live_site
            self._start(name, entry_digest, meta if meta is not None else old.meta, old.content)
            for rel in old.files:
                target = self._claim(name, rel)
                if not _same_file(live_site / rel, target):  # else the spare shares the live file already
                    _replace(target, functools.partial(_link, live_site / rel))
        else:
            return False
        self.kept += 1
        return True

    def put(self, name: str, entry_digest: str, produce: Callable[[], Mapping[str, bytes | str]],
            meta: dict[str, Any] | None = None) -> bool:
        """An entry of several files; ``produce`` runs only when it changed. True when it was made."""
        if self.keep(name, entry_digest, meta):
            return False
        files = produce()
        self.begin(name, entry_digest, meta)
        for rel, data in files.items():
            self.write(name, rel, data)
        return True

    def put_file(self, rel: str, entry_digest: str, produce: Callable[[], bytes | str]) -> bool:
        """One file, its own entry."""
        return self.put(rel, entry_digest, lambda: {rel: produce()})

    def begin(self, name: str, entry_digest: str, meta: dict[str, Any] | None = None) -> None:
        """Start an entry whose files come one by one (``write``, ``create``, ``adopt``)."""
        self._start(name, entry_digest, meta or {})
        self.made.append(name)

    def claim(self, name: str, rel: str) -> Path:
        """Where a file of an entry goes, for a helper process to write there (see write_file)."""
        return self._claim(name, rel)

    def set_content(self, name: str, rel: str, content: str) -> None:
        self.entries[name].content[rel] = content

    def write(self, name: str, rel: str, data: bytes | str, content: str | None = None) -> None:
        """One file of an entry; ``content``: a digest of what it holds, for what reads it."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        _replace(self._claim(name, rel), lambda tmp: tmp.write_bytes(raw))
        if content:
            self.entries[name].content[rel] = content

    @contextmanager
    def create(self, name: str, rel: str) -> Iterator[BinaryIO]:
        """A new file of an entry, open for writing; it takes its place when the block ends."""
        target = self._claim(name, rel)
        tmp = target.with_name(f"{target.name}{_NEW}{os.getpid()}")
        with open(tmp, "wb") as fh:
            yield fh
        os.replace(tmp, target)

    def rewrite(self, rel: str, data: bytes | str) -> None:
        """Write again a file an earlier stage of this build made, once something it shows is known (a home
        page, the size of the pack made from it: site/pack_size.py). A new file renamed into place; its
        stamp is taken at finish(). What its entry noted of its content stays that of the first version."""
        if rel not in self._owner:
            raise KeyError(f"{rel} is no output of this build")
        write_file(self.root / rel, data)

    def adopt(self, name: str, rel: str, source: Path, hashed: bool = False) -> None:
        """Move a file another program made (in a scratch folder) into the tree; ``hashed``: note
        a digest of its bytes, for what reads it."""
        if hashed:
            self.entries[name].content[rel] = digest(source.read_bytes())
        os.replace(source, self._claim(name, rel))

    def adopt_folder(self, name: str, folder: Path, prefix: str = "", hashed: bool = False) -> None:
        for source in sorted(p for p in folder.rglob("*") if p.is_file()):
            self.adopt(name, prefix + source.relative_to(folder).as_posix(), source, hashed)

    def set_meta(self, name: str, meta: dict[str, Any]) -> None:
        self.entries[name].meta = meta

    def later(self, finish: Callable[[], None], cancel: Callable[[], None]) -> None:
        """Work a stage started that runs beside the next stages (Pagefind): ``finish`` takes its
        results in when the build settles; ``cancel`` stops it if the build fails first."""
        self._later.append((finish, cancel))

    def settle(self) -> None:
        while self._later:
            finish, _ = self._later.pop(0)
            finish()

    def cancel(self) -> None:
        while self._later:
            _, cancel = self._later.pop(0)
            cancel()

    def strays(self) -> list[str]:
        """Files in the spare that its manifest does not list (put there by hand): removed by finish()."""
        listed = {rel for entry in self.spare.values() for rel in entry.files}
        found = []
        for folder, _, names in os.walk(self.root):
            base = Path(folder).relative_to(self.root).as_posix()
            found += [rel for rel in (n if base == "." else f"{base}/{n}" for n in names) if rel not in listed]
        return found

    def finish(self) -> dict[str, Entry]:
        """Remove what no output claimed; returns the entries with their files' stamps: the next manifest."""
        stale = ({rel for entry in self.spare.values() for rel in entry.files} | set(self._strays)) - set(self._owner)
        for rel in sorted(stale):
            (self.root / rel).unlink(missing_ok=True)
        for folder in sorted({(self.root / rel).parent for rel in stale}, key=lambda p: -len(p.parts)):
            while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        for rel, name in self._owner.items():
            self.entries[name].files[rel] = _stamp(self.root / rel)
        return self.entries

    # ------------------------------------------------------------------ inside

    def _start(self, name: str, entry_digest: str, meta: dict[str, Any],
               content: dict[str, str] | None = None) -> None:
        if name in self.entries:
            raise ValueError(f"two outputs named {name}")
        self.entries[name] = Entry(entry_digest, {}, meta, dict(content or {}))

    def _claim(self, name: str, rel: str) -> Path:
        if rel in self._owner:
            raise ValueError(f"{rel} is made by both {self._owner[rel]} and {name}")
        self._owner[rel] = name
        self.entries[name].files[rel] = (0, 0, 0)
        target = self.root / rel
        parent = target.parent
        if parent not in self._dirs:
            if parent.is_file():  # a file where a folder is now wanted: it is an old output, unclaimed
                parent.unlink()
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        return target


def write_file(target: Path, data: bytes | str) -> None:
    """Write a claimed file (from any process): a new file renamed into place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _replace(target, lambda tmp: tmp.write_bytes(raw))


def _replace(target: Path, make: Callable[[Path], object]) -> None:
    """Make a file beside ``target`` and rename it over it: the old inode, maybe shared, is untouched."""
    tmp = target.with_name(f"{target.name}{_NEW}{os.getpid()}")
    tmp.unlink(missing_ok=True)
    make(tmp)
    if target.is_dir() and not target.is_symlink():  # an old output's folder where a file is now wanted
        shutil.rmtree(target)
    os.replace(tmp, target)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another disk, or no hard links: a copy leaves the source untouched too
        shutil.copy2(source, target)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
