"""The ``guide`` command."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.editors import editor_commands

from generator.diagnostics import report
from generator.build import ContentError, build, check
from generator.config import NoProjectError, Settings, find_root, load_settings
from generator.content.schema_file import stale_schemas, write_schemas
from generator.diagnostics.messages import Bi, add_lang_option, bi, lang_of, localize, message_lang
from generator.content.model import LANGS
from generator.content.validate import UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE = 141  # the reader went away (`guide check | head`): as if stopped by SIGPIPE, like other Unix tools


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide", description="Build the citizen guide.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="validate procedures and tables")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                   help="files or folders (default: the whole project)")
    p.add_argument("--format", choices=report.FORMATS, default="text")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--changed", nargs="?", const="", default=None, metavar="BASE",
                   help="only files changed against a git base (default: origin/main or main), "
                        "plus the cross-checks that involve them")
    add_lang_option(p)

    p = sub.add_parser("build", help="validate, then build the site into site/")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    p.add_argument("--site-url", default="", help="public address, for canonical links and JSON-LD")
    p.add_argument("--drafts", action="store_true",
                   help="also publish files with # TODO(review), each page marked as a draft "
                        "(pull-request previews only)")

    p = sub.add_parser("serve", help="build, serve on localhost and rebuild when content changes")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")

    p = sub.add_parser("print", help="handouts, QR posters and loudspeaker scripts for one commune")
    p.add_argument("--commune", metavar="GSO_CODE", help="5-digit commune code (default: generic version)")
    p.add_argument("--procedure", nargs="+", metavar="SLUG", help="only these procedures (default: all)")
    p.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS), help="languages (default: all)")
    p.add_argument("--out", type=Path, default=Path("print"), help="output folder (default: print/)")
    p.add_argument("--wav", action="store_true", help="also speak the scripts to WAV with espeak-ng")

    editor_commands.add_parsers(sub)

    p = sub.add_parser("links", help="check that every link and anchor in the built site resolves")
    p.add_argument("--site", type=Path, default=None, help="built site (default: site/)")
    p.add_argument("--online", action="store_true",
                   help="also request every external URL (needs a network; never run in CI)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per external URL")

    p = sub.add_parser("schema", help="regenerate generator/schema/*.json from the model")
    p.add_argument("--check", action="store_true", help="only report whether the files are stale")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except NoProjectError:  # run from elsewhere on a project's files: their project
        if not args.paths:
            raise
        first = args.paths[0].resolve()
        settings = load_settings(find_root(first if first.is_dir() else first.parent))
    lang = lang_of(args)
    paths = args.paths
    if args.changed is not None:
        from generator.editors.changes import GitError, changed_files, deletions

        try:
            changed = changed_files(settings.root, args.changed or None)
            gone = deletions(settings, args.changed or None)  # and the unchanged files that name them
        except GitError as exc:
            raise UsageError(bi(vi="--changed: {exc}", en="--changed: {exc}", exc=exc)) from None
        for deleted in gone:
            print(localize(deleted.note(), lang), file=sys.stderr)
        paths = sorted({p for p in changed if _content_file(p, settings)} | {p for d in gone for p in d.referrers})
        if not paths:
            print(localize(bi(vi="Xong: không có thủ tục, tờ khai, danh mục hay bảng nào thay đổi.",
                              en="OK: no procedure, form, taxonomy or table changed.") if not gone else
                           bi(vi="Xong: không còn tệp nào cần kiểm tra lại.", en="OK: no other file to check again."),
                           lang), file=sys.stderr)
            if args.format == "github":
                from generator.diagnostics.pull_request import write_step_summary

                write_step_summary([], "guide check --changed", nothing=True)
            return EXIT_OK
    validation = check(settings, paths)
    issues = validation.issues
    if issues or args.format == "text":
        out = report.render(issues, args.format, lang)
        if out:
            print(out)
    if args.format == "text":
        print(report.summary(issues, validation.files, lang), file=sys.stderr)
    if args.format == "github":  # the whole list, in Vietnamese, on the run's page (when in a workflow)
        from generator.diagnostics.pull_request import write_step_summary

        write_step_summary(issues, "guide check")
    failed = validation.errors or (args.strict and validation.warnings)
    return EXIT_CONTENT if failed else EXIT_OK


_NOT_BUILT = bi(vi="Trang web chưa được dựng; thư mục site/ cũ vẫn giữ nguyên.",
                en="The site was not built; the previous site/ is unchanged.")


def _report_content_error(exc: ContentError) -> int:
    lang = message_lang()  # build, serve and print: GUIDE_LANG, else Vietnamese
    print(report.as_text(exc.validation.issues, lang))
    print(report.summary(exc.validation.issues, exc.validation.files, lang), file=sys.stderr)
    print(localize(_NOT_BUILT, lang), file=sys.stderr)
    return EXIT_CONTENT


def cmd_build(args: argparse.Namespace) -> int:
    from generator.print.browser import NoBrowserError

    try:
        result = build(load_settings(), args.out, args.site_url, drafts=args.drafts)
    except ContentError as exc:
        return _report_content_error(exc)
    except NoBrowserError as exc:
        print(f"guide: {exc}\n{localize(_NOT_BUILT, lang_of(args))}", file=sys.stderr)
        return EXIT_CONTENT
    print(localize(bi(vi="Đã dựng {n} trang vào {out}", en="Built {n} pages into {out}", n=result.pages,
                      out=result.out), message_lang()), file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.engine import CONFIG_FILE, serve

    settings = load_settings()
    out = (args.out or settings.root / "site").resolve()

    def rebuild() -> None:
        try:
            build(settings, out)
            print(localize(bi(vi="đã dựng lại", en="rebuilt"), message_lang()), file=sys.stderr)
        except ContentError as exc:
            _report_content_error(exc)

    rebuild()
    if not out.exists():
        return EXIT_CONTENT
    watch = [settings.procedures, settings.root / "templates", settings.root / "i18n",
             settings.root / CONFIG_FILE]
    serve(out, rebuild, watch, port=args.port)
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from generator.print import print_run
    from generator.print.browser import NoBrowserError
    from generator.build import load_catalog
    from generator.content.strings import load_strings

    settings = load_settings()
    try:
        catalog = load_catalog(settings)
    except ContentError as exc:
        return _report_content_error(exc)
    try:
        commune = print_run.commune_for(catalog, args.commune)
        procedures = print_run.select(catalog, args.procedure)
    except print_run.PrintUsageError as exc:
        raise UsageError(exc.args[0]) from None
    strings, _ = load_strings(settings.root / "i18n")
    out = args.out / (args.commune or "chung")
    try:
        result = print_run.run(catalog, strings, settings.root / "templates", settings.cache_dir, out,
                               commune, procedures, tuple(args.lang), wav=args.wav)
    except NoBrowserError as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    files = sum(len(v) for v in result.files.values())
    print(localize(bi(vi="Đã ghi {files} tệp cho {who} vào {out} ({rendered} PDF mới, {cached} lấy từ bộ nhớ đệm)",
                      en="Wrote {files} files for {who} into {out} ({rendered} PDFs rendered, {cached} from cache)",
                      files=files, who=commune.name or bi(vi="bản chung", en="the generic version"), out=out,
                      rendered=result.stats.rendered, cached=result.stats.cached), message_lang()), file=sys.stderr)
    return EXIT_OK


def _content_file(path: Path, settings: Settings) -> bool:
    if not path.resolve().is_relative_to(settings.procedures.resolve()):
        return False
    return path.suffix in (".yml", ".yaml", ".csv", ".json")


def cmd_links(args: argparse.Namespace) -> int:
    from generator.site.links import main_links

    settings = load_settings()
    return main_links(args.site or settings.root / "site", args.online, args.timeout)


def cmd_schema(args: argparse.Namespace) -> int:
    folder = load_settings().schema_file.parent
    if args.check:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{path}: stale; run `guide schema`", file=sys.stderr)
        return EXIT_CONTENT if stale else EXIT_OK
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "print": cmd_print,
            "schema": cmd_schema, "links": cmd_links, **editor_commands.COMMANDS}


def _internal_error(exc: Exception) -> Bi:
    return bi(vi="guide: lỗi bên trong chương trình: {error}\nĐây là lỗi của chương trình, không phải của nội dung "
                 "bạn viết. Hãy báo cho nhóm phát triển; đặt GUIDE_DEBUG=1 để xem chi tiết.",
              en="guide: internal error: {error}\nThis is a bug in the generator, not in your content. "
                 "Please report it; set GUIDE_DEBUG=1 to see details.", error=f"{type(exc).__name__}: {exc}")


def _silence_broken_pipe() -> None:
    """The reader of our output (``guide check | head``) has gone: write nothing more, and let the
    interpreter's final flush go to /dev/null instead of raising BrokenPipeError again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits with 2 on usage errors
    lang = lang_of(args)
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader that left (`| head`) shows up here, not at interpreter exit
        return status
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_PIPE
    except (UsageError, NoProjectError) as exc:
        prefix = "guide: lỗi: " if lang == "vi" else "guide: error: "
        print(prefix + localize(exc.args[0] if exc.args else "", lang), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - editors must never see a traceback
        if os.environ.get("GUIDE_DEBUG"):
            raise
        print(localize(_internal_error(exc), lang), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
