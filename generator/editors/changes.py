"""Files changed against a git base, so `guide check --changed` answers in seconds."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.checked_file import display
from generator.config import Settings
from generator.diagnostics.messages import Bi, bi


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


def _merge_base(root: Path, base: str | None) -> str:
    base = base or default_base(root)
    try:
        return _git(root, "merge-base", base, "HEAD").strip()
    except GitError:
        return base  # e.g. HEAD itself


def changed_files(root: Path, base: str | None = None) -> list[Path]:
    """Files that differ from the merge base with ``base``: committed, staged, unstaged or new."""
    merge_base = _merge_base(root, base)
    # -z: names exactly as stored, NUL-separated. Without it git quotes and escapes any name with
    # non-ASCII letters ("procedures/ho-tich/\304\221\304\203ng-k\303\275.yml"), which then
    # matches no file, so a new "đăng-ký.yml" was silently not checked; splitting on spaces broke
    # names with spaces the same way.
    names = _names(_git(root, "diff", "--name-only", "-z", "--diff-filter=ACMR", merge_base))
    names |= _names(_git(root, "ls-files", "-z", "--others", "--exclude-standard"))
    return sorted(root / n for n in names if (root / n).is_file())


def _names(output: str) -> set[str]:
    return {n for n in output.split("\0") if n}


# --- deleted files ----------------------------------------------------------------------------
# A deleted guide leaves the files that name its code (related:, superseded_by:) pointing at
# nothing, and a deleted form the procedures that fill it in; those files did not change, so
# `--changed` alone would say "no change". They are checked again, and the deletion is told.

_CODE = re.compile(r"^code:[ \t]*[\"']?([0-9][0-9.]*)", re.M)


@dataclass
class Deletion:
    path: Path
    code: str | None = None  # a procedure's code, from its last committed text
    form: str | None = None  # a form's slug
    referrers: list[Path] = field(default_factory=list)
    portal_page: bool = False  # the code still has a portal record: links to it now lead to the portal page

    def note(self) -> Bi:
        names = ", ".join(display(p) for p in self.referrers)
        if self.form:
            what = bi(vi="{file} (tờ khai {slug}) đã bị xóa", en="{file} (form {slug}) was deleted",
                      file=display(self.path), slug=self.form)
            if not self.referrers:
                return what + bi(vi="; không thủ tục nào dùng tờ khai này.", en="; no procedure uses this form.")
            return what + bi(vi="; kiểm tra lại {n} thủ tục dùng tờ khai này: {names}",
                             en="; checking again the {n} procedure(s) that use it: {names}",
                             n=len(self.referrers), names=names)
        what = bi(vi="{file} đã bị xóa (mã {code})", en="{file} was deleted (code {code})",
                  file=display(self.path), code=self.code or "?")
        if not self.referrers:
            return what + bi(vi="; không tệp nào khác nhắc tới mã này.", en="; no other file names this code.")
        portal = (bi(vi="; các liên kết tới mã này giờ dẫn tới trang bản ghi của Cổng, không còn hướng dẫn",
                     en="; links to this code now lead to the portal record's page, no longer a guide")
                  if self.portal_page else "")
        return what + bi(vi="; kiểm tra lại {n} tệp nhắc tới mã này: {names}",
                         en="; checking again the {n} file(s) that name this code: {names}",
                         n=len(self.referrers), names=names) + portal


def deletions(settings: Settings, base: str | None = None) -> list[Deletion]:
    """Procedure and form files deleted since the merge base with ``base``, each with the files naming it."""
    from generator.upstream.portal_pages import commune_codes
    from generator.content.validate import NOT_PROCEDURES, project_procedures

    root = settings.root
    merge_base = _merge_base(root, base)
    names = _names(_git(root, "diff", "--name-only", "-z", "--diff-filter=D", merge_base))
    found: list[Deletion] = []
    for name in sorted(names):
        path = root / name
        if path.exists() or path.suffix not in (".yml", ".yaml"):
            continue
        try:
            kind = path.resolve().relative_to(settings.procedures.resolve()).parts
        except ValueError:
            continue
        if len(kind) != 2 or (kind[0] in NOT_PROCEDURES and kind[0] != "forms"):
            continue
        if kind[0] == "forms":
            found.append(Deletion(path, form=path.stem))
            continue
        try:
            old = _git(root, "show", f"{merge_base}:{name}")
        except GitError:
            old = ""
        m = _CODE.search(old)
        found.append(Deletion(path, code=m.group(1) if m else None))
    if not found:
        return found
    portal = commune_codes(settings.portal)
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in project_procedures(settings)}
    for gone in found:
        if gone.form:
            pattern = re.compile(rf"fill_in:[ \t]*[\"']?{re.escape(gone.form)}[\"']?[ \t]*(#.*)?$", re.M)
        elif gone.code:
            pattern = re.compile(rf"(?<![0-9.]){re.escape(gone.code)}(?![0-9])")
            gone.portal_page = gone.code in portal
        else:
            continue
        gone.referrers = sorted(p for p, text in texts.items() if pattern.search(text))
    return found
