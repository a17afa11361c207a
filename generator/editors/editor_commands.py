"""Commands for editors: new, import, stale, i18n-status, i18n-import, drift (wired up in cli.py)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.config import Settings, load_settings
from generator.content.crosscheck import Entry
from generator.diagnostics.messages import add_lang_option, bi, lang_of, localize, os_reason
from generator.content.validate import UsageError, validate

EXIT_OK, EXIT_CONTENT = 0, 1


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a skeleton procedure (asks for what is missing)")
    p.add_argument("--code", help="procedure code, e.g. 1.001193")
    p.add_argument("--field", help="field key from procedures/taxonomy.yml, e.g. ho-tich")
    p.add_argument("--slug", help="file name; default: made from the Vietnamese name")
    p.add_argument("--name", help="Vietnamese name")
    p.add_argument("--level", choices=("commune", "province", "central"), help="level of government")

    p = sub.add_parser("import", help="turn national portal records (JSON files or folders) into draft procedures")
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                   help="a record file (2026 format or the older layout) or a folder of *.json records")
    p.add_argument("--out", type=Path, default=None, help="folder (default: procedures/)")
    p.add_argument("--slug", default=None, help="file name of the draft (only with one record)")

    p = sub.add_parser("stale", help="list procedures to review again")
    p.add_argument("--days", type=int, default=None, help="older than this many days (default: 365)")

    p = sub.add_parser("i18n-status", help="missing and outdated translations")
    p.add_argument("--format", choices=("text", "csv"), default="text")
    p.add_argument("--separator", choices=("comma", "semicolon", "tab"), default="comma",
                   help="between CSV cells (default: comma); semicolon suits Excel set to Vietnamese")
    p.add_argument("--mark-current", action="store_true",
                   help="record today's translations as up to date with their Vietnamese")

    p = sub.add_parser("i18n-import", help="merge a translator's CSV back into the YAML")
    p.add_argument("file", type=Path, metavar="FILE.csv")

    from generator.editors.drift import add_parser as add_drift_parser

    add_drift_parser(sub)  # guide drift: differences from the national portal records
    for name in COMMANDS:  # every editor command speaks Vietnamese, or English with --lang en
        add_lang_option(sub.choices[name])


def _entries(settings: Settings) -> list[Entry]:
    validation = validate(settings)
    return validation.entries


_QUESTIONS = {  # what `guide new` asks for, by option
    "code": bi(vi="Mã thủ tục (ví dụ 1.001193)", en="code"),
    "name": bi(vi="Tên thủ tục (tiếng Việt)", en="name"),
    "field": bi(vi="Lĩnh vực", en="field"),
    "level": bi(vi="Cấp thực hiện", en="level"),
}


def _ask(label: str, current: str | None, choices: tuple[str, ...] = (), lang: str = "vi") -> str:
    if current:
        return current
    if not sys.stdin.isatty():
        raise UsageError(bi(vi="cần có --{label} khi không chạy trực tiếp trên màn hình dòng lệnh",
                            en="--{label} is required when not run interactively", label=label))
    hint = f" ({'/'.join(choices)})" if choices else ""
    while True:
        answer = input(f"{localize(_QUESTIONS.get(label, label), lang)}{hint}: ").strip()
        if answer and (not choices or answer in choices):
            return answer


def cmd_new(args: argparse.Namespace) -> int:
    from generator.editors.scaffold import NewProcedure, ScaffoldError, create, slugify
    from generator.content.validate import read_taxonomy

    lang = lang_of(args)
    settings = load_settings()
    taxonomy, _ = read_taxonomy(settings)
    fields = list(taxonomy.fields) if taxonomy else []
    code = _ask("code", args.code, lang=lang)
    name = _ask("name", args.name, lang=lang)
    field = _ask("field", args.field, tuple(fields), lang=lang)
    level = _ask("level", args.level, ("commune", "province", "central"), lang=lang)
    slug = args.slug or slugify(name)
    try:
        path = create(NewProcedure(code, field, slug, name, level), settings, fields)
    except ScaffoldError as exc:
        raise UsageError(exc.args[0]) from None
    print(localize(bi(vi="Đã tạo {path}. Hãy điền nội dung, rồi chạy `guide check`.",
                      en="Created {path}. Fill it in, then run `guide check`.", path=path), lang), file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from generator.editors.import_run import import_paths
    from generator.diagnostics.report import as_text
    from generator.content.validate import display, read_taxonomy

    lang = lang_of(args)
    settings = load_settings()
    taxonomy, _ = read_taxonomy(settings)
    out = args.out or settings.procedures
    for path in args.paths:
        if not path.exists():
            raise UsageError(bi(vi="{path}: không có tệp hay thư mục này", en="{path}: no such file or folder",
                                path=path))
    try:
        run = import_paths(args.paths, out, taxonomy.fields if taxonomy else {}, slug=args.slug)
    except ValueError as exc:
        raise UsageError(exc.args[0]) from None
    for _, target, result in run.written:
        print(localize(bi(vi="đã ghi {file}  ({n} TODO)", en="wrote {file}  ({n} TODO)", file=display(target),
                          n=len(result.todos)), lang))
    for target, other in run.same_code:
        print(localize(bi(vi="lưu ý: {file} có cùng mã với {other}; `guide check` sẽ báo ref.duplicate-code cho "
                             "đến khi bỏ một trong hai",
                          en="note: {file} has the same code as {other}; `guide check` reports ref.duplicate-code "
                             "until one of them goes", file=display(target), other=other), lang), file=sys.stderr)
    for issue in run.failed:
        print(as_text([issue], lang).rstrip("\n"), file=sys.stderr)
    print(localize(bi(vi="Đã nhập {done}, lỗi {failed}; {todos} dấu TODO(review), {fees} lệ phí giữ nguyên văn để "
                         "xem lại. Hãy xem từng ghi chú TODO(review), rồi chạy `guide check`.",
                      en="Imported {done}, failed {failed}; {todos} TODO(review) marks, {fees} fees kept verbatim "
                         "for review. Review every TODO(review) comment, then run `guide check`.",
                      done=len(run.written), failed=len(run.failed), todos=run.todo_marks,
                      fees=run.verbatim_fees), lang), file=sys.stderr)
    return EXIT_CONTENT if run.failed else EXIT_OK


def cmd_stale(args: argparse.Namespace) -> int:
    from generator.content.freshness import as_text, find_stale

    settings = load_settings()
    days = args.days if args.days is not None else settings.stale_after_days
    entries = _entries(settings)
    print(as_text(find_stale(entries, dt.date.today(), days), len(entries), days, lang_of(args)))
    return EXIT_OK


def cmd_i18n_status(args: argparse.Namespace) -> int:
    from generator.content import translations as tr
    from generator.diagnostics.report import as_text
    from generator.content.translation_lock import LockError

    lang = lang_of(args)
    settings = load_settings()
    validation = validate(settings)
    entries = tr.translatables(validation.entries, list(validation.forms.values()), settings.root)
    try:
        lock = tr.read_lock(settings.root)
    except LockError as exc:
        print(as_text([exc.issue], lang), file=sys.stderr)
        return EXIT_CONTENT
    if args.mark_current:
        tr.write_lock(settings.root, tr.lock_current(entries, lock))
        print(localize(bi(vi="Đã ghi vào {path}: mọi bản dịch hiện có được coi là khớp với câu tiếng Việt hiện tại",
                          en="Recorded current translations in {path}", path=tr.lock_path(settings.root)), lang),
              file=sys.stderr)
        return EXIT_OK
    found = tr.gaps(entries, lock)
    if args.format == "csv":  # bytes: the BOM and CRLF must reach the file exactly as written
        sys.stdout.flush()
        sys.stdout.buffer.write(tr.as_csv(found, tr.SEPARATORS[args.separator]).encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        print(tr.summary(entries, found, lang))
    return EXIT_OK


def cmd_i18n_import(args: argparse.Namespace) -> int:
    from generator.diagnostics.report import as_text
    from generator.editors.translation_import import import_csv

    lang = lang_of(args)
    settings = load_settings()
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(bi(vi="{file}: {why}", en="{file}: {why}", file=args.file, why=os_reason(exc))) from None
    try:
        outcome = import_csv(raw, str(args.file), settings)
    except OSError as exc:  # writing failed before any file was replaced
        print(localize(bi(vi="{csv}: chưa đưa vào bản dịch nào: {why}", en="{csv}: nothing was merged: {why}",
                          csv=args.file, why=os_reason(exc)), lang), file=sys.stderr)
        return EXIT_CONTENT
    if outcome.issues:
        print(as_text(outcome.issues, lang), file=sys.stderr)
        print(localize(bi(vi="Chưa đưa vào bản dịch nào: {csv} có {n} chỗ cần sửa. Không tệp nào bị thay đổi; "
                             "hãy sửa các dòng trên rồi nhập lại cả tệp.",
                          en="Nothing was merged: {n} problem(s) in {csv}. No file was changed; "
                             "correct the rows above and import the whole file again.",
                          n=len(outcome.issues), csv=args.file), lang), file=sys.stderr)
        return EXIT_CONTENT
    print(localize(bi(vi="Đã đưa {merged} bản dịch vào {files} tệp; bỏ qua {skipped} dòng chưa có bản dịch. "
                         "Chạy `guide check` để xem lại kết quả.",
                      en="Merged {merged} translations into {files} file(s); {skipped} row(s) without a "
                         "translation were skipped. Run `guide check` to review the result.",
                      merged=outcome.merged, files=len(outcome.files), skipped=outcome.skipped), lang),
          file=sys.stderr)
    return EXIT_OK


def cmd_drift(args: argparse.Namespace) -> int:
    from generator.editors.drift import cmd_drift as run_drift

    return run_drift(args)


COMMANDS = {"new": cmd_new, "import": cmd_import, "stale": cmd_stale,
            "i18n-status": cmd_i18n_status, "i18n-import": cmd_i18n_import, "drift": cmd_drift}
