"""Project settings: where things live, and the one allow-list for links."""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

SCHEMA_COMMENT = "# yaml-language-server: $schema="
DEFAULT_ALLOWED_HOSTS = ("*.gov.vn",)  # pyproject.toml [tool.citizen-guide] allowed_hosts overrides it


@dataclass(frozen=True)
class Settings:
    root: Path
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
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

    def url_problem(self, url: str, external: bool = False) -> str | None:
        """The one rule for every address we publish (QR targets, online links, links in texts)."""
        return url_problem(url, self.host_allowed, external)

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        for pattern in self.allowed_hosts:
            if fnmatch.fnmatchcase(host, pattern) or (
                pattern.startswith("*.") and host == pattern[2:]
            ):
                return True
        return False


def default_host_allowed(host: str) -> bool:
    """The allow-list of a project that sets no `allowed_hosts` of its own."""
    return Settings(Path(".")).host_allowed(host)


def url_problem(url: str, host_allowed: Callable[[str], bool], external: bool = False) -> str | None:
    """None when ``url`` may be published, else the code of the rule it breaks.

    https only, a host name, no user name or password, the default port; and a host on the allow-list
    unless the editor marked the link as leading outside (``external``, links inside texts only).
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return "url.invalid"
    if not host or any(c.isspace() for c in url) or parts.scheme.lower() not in ("http", "https"):
        return "url.invalid"  # javascript:, data:, relative paths and the like
    if parts.scheme.lower() != "https":
        return "url.not-https"
    if parts.username or parts.password or port not in (None, 443):
        return "url.invalid"
    if not host_allowed(host) and not external:
        return "url.not-allowed"
    return None


class NoProjectError(Exception):
    """A command run outside any project. Checking (or writing into) the installed package's own
    folder instead would say "no errors" about files the editor never meant."""


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding pyproject.toml and procedures/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "procedures").is_dir():
            return folder
    from generator.diagnostics.messages import bi

    raise NoProjectError(bi(vi="không tìm thấy dự án (thư mục có pyproject.toml và procedures/) ở đây ({here}) "
                               "hay ở thư mục cha; hãy chuyển vào thư mục dự án (cd …) rồi chạy lại",
                            en="no project found (a folder holding pyproject.toml and procedures/) here ({here}) "
                               "or above; change into the project's folder (cd …) and run it again",
                            here=here))


def load_settings(root: Path | None = None) -> Settings:
    root = root or find_root()
    data: dict[str, Any] = {}  # tomllib gives untyped values: str() and int() below coerce them
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as fh:
            data = tomllib.load(fh).get("tool", {}).get("citizen-guide", {})
    hosts = tuple(str(h) for h in data.get("allowed_hosts", DEFAULT_ALLOWED_HOSTS))
    stale = int(data.get("stale_after_days", 365))
    return Settings(root=root, allowed_hosts=hosts, stale_after_days=stale, extra=dict(data))


def schema_comment_for(settings: Settings, file: Path, schema: Path | None = None) -> str:
    """The first line a file at ``file`` must carry (a procedure's schema unless told)."""
    import os

    rel = os.path.relpath(schema or settings.schema_file, file.resolve().parent)
    return SCHEMA_COMMENT + Path(rel).as_posix()
