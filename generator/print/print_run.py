"""A print run: handouts, posters and loudspeaker scripts for one commune, or the generic set.

Used by `guide print` and by the build, which makes the generic set for the site.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.site import routes
from generator.print.broadcast import PACE_SYLLABLES_PER_MINUTE, TARGETS, Script, broadcast_scripts, write_wav
from generator.content.catalog import Catalog
from generator.diagnostics.messages import bi, localize, message_lang
from generator.content.model import LANGS, Procedure
from generator.print.pdf import RenderStats, render_pdfs
from generator.print.print_docs import Commune, PrintDocuments
from generator.print.qr import QRCache
from generator.site.routes import Route


class PrintUsageError(ValueError):
    """An unknown commune code or procedure slug on the command line."""


@dataclass
class PrintResult:
    # slug -> where each product lies on the site; below the output folder at route.within(PRINT_ROOT)
    files: dict[str, list[Route]] = field(default_factory=dict)
    stats: RenderStats = field(default_factory=RenderStats)
    wav: int = 0


def select(catalog: Catalog, slugs: list[str] | None) -> list[Procedure]:
    if not slugs:
        return list(catalog.printed)
    unknown = [s for s in slugs if s not in catalog.by_slug]
    if unknown:
        raise PrintUsageError(bi(vi="không có thủ tục: {slugs} (xem tên trong danh sách A–Z)",
                                 en="unknown procedure: {slugs} (see the A–Z list for slugs)", slugs=", ".join(unknown)))
    chosen = [catalog.by_slug[s] for s in slugs]
    if thin := [p.slug for p in chosen if p not in catalog.printed]:
        raise PrintUsageError(bi(vi="không in được cho {slugs}: bản ghi của Cổng thiếu thông tin (thời hạn, lệ phí "
                                    "hoặc giấy tờ); hãy viết hướng dẫn cho thủ tục này trước",
                                 en="no print products for {slugs}: the portal's record leaves facts out (a time, "
                                    "a fee or the documents); write a guide for it first", slugs=", ".join(thin)))
    return chosen


def commune_for(catalog: Catalog, code: str | None) -> Commune:
    if not code:
        return Commune.generic()
    try:
        return Commune.of(catalog, code)
    except KeyError:
        raise PrintUsageError(bi(vi="không có mã xã {code}: dùng mã 5 chữ số trong procedures/tables/communes-2025.csv",
                                 en="unknown commune code {code}: use a 5-digit GSO code from "
                                    "procedures/tables/communes-2025.csv", code=code)) from None


def _script_file(p: Procedure, script: Script) -> str:
    """A header for the reader (version, estimated time, pace), then the text to read."""
    minutes, seconds = divmod(round(script.seconds), 60)
    low, high = TARGETS[script.version]
    title = "BẢN NGẮN" if script.version == "short" else "BẢN DÀI"
    return (f"BÀI PHÁT THANH – {title} – {p.name.vi} ({p.code})\n"
            f"Thời lượng ước tính: {minutes} phút {seconds:02d} giây, đọc chậm và rõ khoảng "
            f"{PACE_SYLLABLES_PER_MINUTE} tiếng mỗi phút (khoảng cho phép {low:.0f}–{high:.0f} giây).\n"
            f"{'-' * 60}\n\n{script.text}\n")


def write_scripts(procedures: list[Procedure], commune: Commune, out: Path,
                  wav: bool) -> tuple[dict[str, list[Route]], int]:
    files: dict[str, list[Route]] = {}
    made = 0
    for p in procedures:
        for script in broadcast_scripts(p, commune.name, commune.office, commune.hotline):
            route = routes.script(p.slug, script.version)
            target = out / route.within(routes.PRINT_ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_script_file(p, script), encoding="utf-8")
            files.setdefault(p.slug, []).append(route)
            if wav and write_wav(script.text, target.with_suffix(".wav")):
                made += 1
    return files, made


def run(catalog: Catalog, strings: dict[str, dict[str, str]], templates: Path, cache: Path, out: Path,
        commune: Commune, procedures: list[Procedure], langs: tuple[str, ...] = LANGS,
        wav: bool = False) -> PrintResult:
    """Guides get every product; a portal page (the record's Vietnamese text, not a plain guide) gets
    its Vietnamese handout and posters only: no translations to print and no script to read aloud."""
    docs = PrintDocuments(catalog, strings, templates, QRCache(cache / "qr"))
    guides = [p for p in procedures if p.code not in catalog.portal]
    portal = [p for p in procedures if p.code in catalog.portal]
    jobs = docs.jobs(guides, langs, commune)
    if routes.DEFAULT_LANG in langs:
        jobs += docs.jobs(portal, (routes.DEFAULT_LANG,), commune)
    result = PrintResult(stats=render_pdfs(jobs, out, cache / "pdf"))
    for job in jobs:
        result.files.setdefault(job.slug, []).append(job.route)
    if routes.DEFAULT_LANG in langs:  # scripts are Vietnamese: read aloud at the commune
        scripts, result.wav = write_scripts(guides, commune, out, wav)
        for slug, paths in scripts.items():
            result.files.setdefault(slug, []).extend(paths)
        if wav and result.wav == 0:
            print(localize(bi(vi="chưa cài espeak-ng nên không tạo tệp WAV để nghe thử (cài bằng apt-get install "
                                 "espeak-ng).",
                              en="espeak-ng is not installed: no WAV listening aids were made "
                                 "(apt-get install espeak-ng to get them)."), message_lang()), file=sys.stderr)
    return result
