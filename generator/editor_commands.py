"""Commands for editors: new, import, stale, i18n-status, i18n-import, drift (wired up in cli.py)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.config import load_settings
from generator.validate import UsageError, validate

EXIT_OK, EXIT_CONTENT = 0, 1


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    p.add_argument("--mark-current", action="store_true",
                   help="record today's translations as up to date with their Vietnamese")

    p = sub.add_parser("i18n-import", help="merge a translator's CSV back into the YAML")
    p.add_argument("file", type=Path, metavar="FILE.csv")

    from generator.drift import add_parser as add_drift_parser

    add_drift_parser(sub)  # guide drift: differences from the national portal records


def _entries(settings):  # type: ignore[no-untyped-def]
    validation = validate(settings)
    return validation.entries


def _ask(label: str, current: str | None, choices: tuple[str, ...] = ()) -> str:
    if current:
        return current
    if not sys.stdin.isatty():
        raise UsageError(f"--{label} is required when not run interactively")
    hint = f" ({'/'.join(choices)})" if choices else ""
    while True:
        answer = input(f"{label}{hint}: ").strip()
        if answer and (not choices or answer in choices):
            return answer


def cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold import NewProcedure, ScaffoldError, create, slugify
    from generator.validate import read_taxonomy

    settings = load_settings()
    taxonomy, _ = read_taxonomy(settings)
    fields = list(taxonomy.fields) if taxonomy else []
    code = _ask("code", args.code)
    name = _ask("name", args.name)
    field = _ask("field", args.field, tuple(fields))
    level = _ask("level", args.level, ("commune", "province", "central"))
    slug = args.slug or slugify(name)
    try:
        path = create(NewProcedure(code, field, slug, name, level), settings, fields)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    print(f"Created {path}. Fill it in, then run `guide check`.", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from generator.import_run import import_paths
    from generator.report import as_text
    from generator.validate import display, read_taxonomy

    settings = load_settings()
    taxonomy, _ = read_taxonomy(settings)
    out = args.out or settings.procedures
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    try:
        run = import_paths(args.paths, out, taxonomy.fields if taxonomy else {}, slug=args.slug)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for _, target, result in run.written:
        print(f"wrote {display(target)}  ({len(result.todos)} TODO)")
    for target, other in run.same_code:
        print(f"note: {display(target)} has the same code as {other}; `guide check` reports ref.duplicate-code "
              "until one of them goes", file=sys.stderr)
    for issue in run.failed:
        print(as_text([issue]).rstrip("\n"), file=sys.stderr)
    print(f"Imported {len(run.written)}, failed {len(run.failed)}; {run.todo_marks} TODO(review) marks, "
          f"{run.verbatim_fees} fees kept verbatim for review. Review every TODO(review) comment, "
          "then run `guide check`.", file=sys.stderr)
    return EXIT_CONTENT if run.failed else EXIT_OK


def cmd_stale(args: argparse.Namespace) -> int:
    from generator.freshness import as_text, find_stale

    settings = load_settings()
    days = args.days if args.days is not None else settings.stale_after_days
    entries = _entries(settings)
    print(as_text(find_stale(entries, dt.date.today(), days), len(entries), days))
    return EXIT_OK


def cmd_i18n_status(args: argparse.Namespace) -> int:
    from generator import translations as tr

    settings = load_settings()
    validation = validate(settings)
    entries = tr.translatables(validation.entries, list(validation.forms.values()))
    lock = tr.read_lock(settings.root)
    if args.mark_current:
        tr.write_lock(settings.root, tr.lock_current(entries, lock))
        print(f"Recorded current translations in {tr.lock_path(settings.root)}", file=sys.stderr)
        return EXIT_OK
    found = tr.gaps(entries, lock)
    sys.stdout.write(tr.as_csv(found) if args.format == "csv" else tr.summary(entries, found) + "\n")
    return EXIT_OK


def cmd_i18n_import(args: argparse.Namespace) -> int:
    from generator import translations as tr

    settings = load_settings()
    try:
        csv_text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    merged, problems = tr.apply_csv(csv_text, settings.root)
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    print(f"Merged {merged} translations. Run `guide check` to review the result.", file=sys.stderr)
    return EXIT_CONTENT if problems else EXIT_OK


def cmd_drift(args: argparse.Namespace) -> int:
    from generator.drift import cmd_drift as run_drift

    return run_drift(args)


COMMANDS = {"new": cmd_new, "import": cmd_import, "stale": cmd_stale,
            "i18n-status": cmd_i18n_status, "i18n-import": cmd_i18n_import, "drift": cmd_drift}
