"""Files changed against a git base, so `guide check --changed` answers in seconds."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(RuntimeError):
    pass


def _git(root: Path, *args: str) -> str:
    try:
        run = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from exc
    if run.returncode != 0:
        raise GitError(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "git failed")
    return run.stdout


def default_base(root: Path) -> str:
    for candidate in ("origin/main", "main", "origin/master", "master"):
        try:
            _git(root, "rev-parse", "--verify", "--quiet", candidate)
            return candidate
        except GitError:
            continue
    return "HEAD"


def changed_files(root: Path, base: str | None = None) -> list[Path]:
    """Files that differ from the merge base with ``base``: committed, staged, unstaged or new."""
    base = base or default_base(root)
    try:
        merge_base = _git(root, "merge-base", base, "HEAD").strip()
    except GitError:
        merge_base = base  # e.g. HEAD itself
    names = set(_git(root, "diff", "--name-only", "--diff-filter=ACMR", merge_base).split())
    names |= set(_git(root, "ls-files", "--others", "--exclude-standard").split())
    return sorted(root / n for n in names if (root / n).is_file())
