"""Project settings: where things live, and the one allow-list for links."""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Settings:
    root: Path
    allowed_hosts: tuple[str, ...] = ("*.gov.vn",)
    stale_after_days: int = 365
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def procedures(self) -> Path:
        return self.root / "procedures"

    @property
    def tables(self) -> Path:
        return self.procedures / "tables"

    @property
    def portal(self) -> Path:
        """The national portal's records (procedures/portal/README.md)."""
        return self.procedures / "portal"

    @property
    def taxonomy(self) -> Path:
        return self.procedures / "taxonomy.yml"

    @property
    def cache_dir(self) -> Path:
        """Cached QR codes and PDFs; GUIDE_CACHE_DIR moves it (tests share one)."""
        import os

        return Path(os.environ.get("GUIDE_CACHE_DIR") or self.root / ".cache")

    @property
    def schema_dir(self) -> Path:
        return self.root / "generator" / "schema"

    @property
    def schema_file(self) -> Path:
        return self.schema_dir / "procedure.schema.json"

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        for pattern in self.allowed_hosts:
            if fnmatch.fnmatchcase(host, pattern) or (
                pattern.startswith("*.") and host == pattern[2:]
            ):
                return True
        return False


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding pyproject.toml and procedures/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "procedures").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


def load_settings(root: Path | None = None) -> Settings:
    root = root or find_root()
    data: dict[str, object] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as fh:
            data = tomllib.load(fh).get("tool", {}).get("citizen-guide", {})
    hosts = tuple(str(h) for h in data.get("allowed_hosts", ("*.gov.vn",)))  # type: ignore[union-attr]
    stale = int(data.get("stale_after_days", 365))  # type: ignore[arg-type]
    return Settings(root=root, allowed_hosts=hosts, stale_after_days=stale, extra=dict(data))


def schema_comment_for(settings: Settings, file: Path, schema: Path | None = None) -> str:
    """The first line a file at ``file`` must carry (a procedure's schema unless told)."""
    import os

    rel = os.path.relpath(schema or settings.schema_file, file.resolve().parent)
    return SCHEMA_COMMENT + Path(rel).as_posix()
