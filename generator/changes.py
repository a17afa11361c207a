"""Files changed against a git base, so `guide check --changed` answers in seconds."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(RuntimeError):
    pass


def _git(root: Path, *args: str) -> str:
    try:
        # git prints names as the bytes stored; UTF-8 whatever the locale, and undecodable bytes kept
        # (surrogateescape) so that the Path built from them is the file on disk.
        run = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60,
                             encoding="utf-8", errors="surrogateescape")
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
    # -z: names exactly as stored, NUL-separated. Without it git quotes and escapes any name with
    # non-ASCII letters ("procedures/ho-tich/\304\221\304\203ng-k\303\275.yml"), which then
    # matches no file, so a new "đăng-ký.yml" was silently not checked; splitting on spaces broke
    # names with spaces the same way.
    names = _names(_git(root, "diff", "--name-only", "-z", "--diff-filter=ACMR", merge_base))
    names |= _names(_git(root, "ls-files", "-z", "--others", "--exclude-standard"))
    return sorted(root / n for n in names if (root / n).is_file())


def _names(output: str) -> set[str]:
    return {n for n in output.split("\0") if n}
