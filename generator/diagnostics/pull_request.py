"""What a pull request shows: workflow annotations, and a step summary in Vietnamese.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops
the rest silently. A new procedure has a dozen `TODO(review)` marks and two dozen
missing translations, so printing issues in file order hid the marks behind
translations. Here errors and review marks come first, the other warnings fill what
is left, missing translations become one notice per file, and warnings beyond the
limit are folded into one notice per file and code. The step summary
($GITHUB_STEP_SUMMARY) lists everything, so nothing depends on the limit.
"""
# No `from __future__ import annotations` here: it binds the name `annotations`, which is this module's
# main function, and type checkers then take `annotations` for the __future__ feature.
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Mapping

from generator.diagnostics.errors import Issue
from generator.diagnostics.messages import DEFAULT_LANG, Bi, bi, localize

LIMIT = 10  # annotations of one level that GitHub shows per step
GROUPED = "i18n.missing"  # always one notice per file
FIRST = "review.todo"  # what an editor must act on, right after errors
SUMMARY_MAX = 900_000  # GitHub refuses a step summary over 1 MiB

# The heads of folded notices, in the run's language (annotations follow `--lang`).
HEADS = {
    "missing": Bi("Thiếu {n} bản dịch; trang sẽ hiện tiếng Việt kèm thông báo",
                  "{n} missing translations; the pages show the Vietnamese with a notice"),
    "more": Bi("Còn {n} mục nữa cùng loại mà GitHub không hiện; xem danh sách đầy đủ trong tóm tắt của bước này",
               "{n} more of this kind that GitHub does not show; the step summary lists them all"),
}
# The step summary is always Vietnamese: the editors are Vietnamese commune staff.
TEXTS = {
    "title": "Kết quả `{command}`",
    "clean": "Không có lỗi hay cảnh báo nào.",
    "nothing": "Không có tệp nội dung nào thay đổi, không có gì để kiểm tra.",
    "totals": "**{errors}** lỗi, **{warnings}** cảnh báo, **{notes}** ghi chú trong **{files}** tệp.",
    "by-file": "Theo tệp và mã",
    "th": "| Tệp | Mã | Mức | Số lượng |\n|---|---|---|---:|",
    "errors": "Lỗi (phải sửa)",
    "todo": "Chú thích TODO(review) cần xem lại",
    "warnings": "Cảnh báo khác",
    "missing-head": "Thiếu bản dịch",
    "notes": "Ghi chú",
    "hint": "gợi ý",
    "cut": "… danh sách quá dài, đã cắt bớt; xem toàn bộ trong nhật ký (log) của bước này.",
    "error": "lỗi", "warning": "cảnh báo", "info": "ghi chú",
}


# ---------------------------------------------------------------- annotations

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, file: str, line: int, column: int | None, title: str, message: str) -> str:
    props = f"file={_escape_property(file)},line={line}"
    if column is not None:
        props += f",col={column}"
    return f"::{level} {props},title={_escape_property(title)}::{_escape_data(message)}"


def _one(issue: Issue) -> str:
    level = {"error": "error", "warning": "warning"}.get(issue.severity, "notice")
    message = issue.message + (f"\n{issue.hint}" if issue.hint else "")
    title = issue.code + (" " + issue.pointer if issue.pointer else "")
    return _command(level, issue.file, issue.line, issue.column, title, message)


def _folded(issues: list[Issue], head: Bi, lang: str) -> str:
    """One notice for several issues of one file and code: how many, and where each is."""
    by_message: dict[str, list[str]] = defaultdict(list)
    line_word = localize(bi(vi="dòng", en="line"), lang)
    for i in issues:
        by_message[i.message].append(i.pointer or f"{line_word} {i.line}")
    lines = [localize(head, lang).format(n=len(issues))]
    lines += [f"{message} ({len(where)}): {', '.join(where)}" for message, where in by_message.items()]
    first = issues[0]
    return _command("notice", first.file, first.line, None, f"{first.code} ×{len(issues)}", "\n".join(lines))


def _per_file(issues: list[Issue]) -> dict[tuple[str, str], list[Issue]]:
    groups: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for i in issues:
        groups[(i.file, i.code)].append(i)
    return groups


def annotations(issues: Iterable[Issue], lang: str = DEFAULT_LANG) -> str:
    """Workflow commands in the order that keeps what matters inside GitHub's limits.

    ``issues`` carry their message and hint in ``lang`` already (``Issue.in_lang``).
    """
    issues = sorted(issues, key=Issue.sort_key)
    errors = [i for i in issues if i.severity == "error"]
    warnings = ([i for i in issues if i.severity == "warning" and i.code == FIRST]
                + [i for i in issues if i.severity == "warning" and i.code not in (FIRST, GROUPED)])
    shown, overflow = warnings[:LIMIT], warnings[LIMIT:]
    notes = [i for i in issues if i.severity not in ("error", "warning") and i.code != GROUPED]
    lines = [_one(i) for i in errors + shown]
    lines += [_folded(group, HEADS["more"], lang) for group in _per_file(overflow).values()]
    lines += [_folded(group, HEADS["missing"], lang) for group in
              _per_file([i for i in issues if i.code == GROUPED]).values()]
    lines += [_one(i) for i in notes]
    return "\n".join(lines)


# ---------------------------------------------------------------- step summary

def _md(text: str) -> str:
    """Text that Markdown shows as written (no HTML, no table breaks, no accidental code)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("`", "'").replace("\n", " "))


def _link(issue: Issue, env: Mapping[str, str]) -> str:
    where = f"{issue.file}:{issue.line}:{issue.column}"
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if server and repo and sha and not Path(issue.file).is_absolute():
        return f"[`{where}`]({server}/{repo}/blob/{sha}/{issue.file}#L{issue.line})"
    return f"`{where}`"


def _item(issue: Issue, env: Mapping[str, str]) -> str:
    pointer = f" `{_md(issue.pointer)}`" if issue.pointer else ""
    said = issue.hint_text("vi")
    hint = f" — _{TEXTS['hint']}: {_md(said)}_" if said else ""
    return f"- {_link(issue, env)} `{issue.code}`{pointer}: {_md(issue.text('vi'))}{hint}"


def _section(title: str, issues: list[Issue], env: Mapping[str, str], folded: bool = False) -> list[str]:
    if not issues:
        return []
    body = [_item(i, env) for i in issues]
    if folded:  # long and rarely urgent: collapsed, one click away
        return ["", f"<details><summary>{title} ({len(issues)})</summary>", "", *body, "", "</details>"]
    return ["", f"### {title} ({len(issues)})", "", *body]


def summary_markdown(issues: list[Issue], command: str, env: Mapping[str, str] | None = None,
                     nothing: bool = False) -> str:
    """Everything found, in Vietnamese: totals, a table per file and code, then each problem."""
    env = os.environ if env is None else env
    out = [f"## {TEXTS['title'].format(command=command)}", ""]
    if nothing:
        return "\n".join(out + [TEXTS["nothing"], ""])
    issues = sorted(issues, key=Issue.sort_key)
    count = Counter(i.severity for i in issues)
    out.append(TEXTS["totals"].format(errors=count["error"], warnings=count["warning"],
                                      notes=len(issues) - count["error"] - count["warning"],
                                      files=len({i.file for i in issues})))
    if not issues:
        return "\n".join(out + ["", TEXTS["clean"], ""])
    out += ["", f"### {TEXTS['by-file']}", "", TEXTS["th"]]
    table = Counter((i.file, i.code, i.severity) for i in issues)
    out += [f"| `{_md(f)}` | `{c}` | {TEXTS.get(s, s)} | {n} |" for (f, c, s), n in sorted(table.items())]
    warnings = [i for i in issues if i.severity == "warning"]
    out += _section(TEXTS["errors"], [i for i in issues if i.severity == "error"], env)
    out += _section(TEXTS["todo"], [i for i in warnings if i.code == FIRST], env)
    out += _section(TEXTS["warnings"], [i for i in warnings if i.code not in (FIRST, GROUPED)], env)
    out += _section(TEXTS["missing-head"], [i for i in warnings if i.code == GROUPED], env, folded=True)
    out += _section(TEXTS["notes"], [i for i in issues if i.severity not in ("error", "warning")], env,
                    folded=True)
    text = "\n".join(out) + "\n"
    if len(text.encode("utf-8")) > SUMMARY_MAX:
        text = text.encode("utf-8")[:SUMMARY_MAX].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        text += f"\n\n{TEXTS['cut']}\n"
    return text


def write_step_summary(issues: list[Issue], command: str, env: Mapping[str, str] | None = None,
                       nothing: bool = False) -> Path | None:
    """Append the summary to $GITHUB_STEP_SUMMARY when it is set (in a workflow); else do nothing."""
    env = os.environ if env is None else env
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as fh:  # other steps' summaries stay: append, never replace
        fh.write(summary_markdown(issues, command, env, nothing) + "\n")
    return path
