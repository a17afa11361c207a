"""Noto Sans CJK SC with TrueType outlines, for the PDF renderer; made once per machine.

Chromium's PDF backend (Skia) embeds a font as a subset only when its outlines are TrueType.
Debian's Noto Sans CJK (fonts-noto-cjk) has CFF outlines, so every Chinese glyph went into the
PDF as a Type 3 drawing: a Chinese handout cost three times the CPU of a Vietnamese one, weighed
470 KB against 140 KB, and its text was a set of pictures to some readers. Here the SC faces are
taken out of Debian's collection, cut to the characters a Chinese guide uses (everything but the
Han ideographs, and the 6,763 ideographs of GB 2312: every one our texts use today), given
TrueType outlines (fontTools, cu2qu), and saved in the PDF cache with a fontconfig file that puts
them before the collection. A rarer ideograph still prints, from the collection's other faces.

The result depends only on the source files, the character set and the versions here, so its
``fingerprint`` is known before anything is converted: a run whose PDFs are all cached converts
nothing. Without fontTools or the source fonts, ``prepare`` returns None and Chromium uses the
system fonts as before.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CONVERTER_VERSION = "cjk-ttf-1"  # bump when the conversion below changes its output
FAMILY = "Noto Sans CJK SC"
WEIGHTS = {"Regular": "weight=regular", "Bold": "weight=bold"}
SYSTEM_CONFIG = "/etc/fonts/fonts.conf"


@dataclass(frozen=True)
class Source:
    weight: str
    file: str
    index: int
    stat: str  # size and mtime: a font upgrade makes another fingerprint


@dataclass(frozen=True)
class PrintFonts:
    config: Path  # FONTCONFIG_FILE for the PDF browser
    fingerprint: str


def _fc_match(pattern: str, config: Path | None = None) -> list[str]:
    env = {**os.environ, "FONTCONFIG_FILE": str(config)} if config else None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{fontformat}", pattern], capture_output=True,
                             text=True, timeout=30, env=env).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return out.split("\n")


@lru_cache(maxsize=1)
def sources() -> tuple[Source, ...]:
    """Debian's SC faces, when they have CFF outlines (nothing to do otherwise)."""
    found = []
    for weight, style in WEIGHTS.items():
        parts = _fc_match(f"{FAMILY}:{style}")
        if len(parts) != 3 or parts[2] != "CFF" or not Path(parts[0]).is_file():
            return ()
        st = Path(parts[0]).stat()
        found.append(Source(weight, parts[0], int(parts[1] or 0), f"{st.st_size}:{int(st.st_mtime)}"))
    return tuple(found)


def _versions() -> str | None:
    try:
        import fontTools
    except ImportError:
        return None
    return f"{CONVERTER_VERSION}|fontTools {fontTools.version}"


def fingerprint() -> str | None:
    """What the converted fonts will be, without converting; None when there is nothing to convert."""
    versions, found = _versions(), sources()
    if versions is None or not found:
        return None
    raw = "|".join([versions, *(f"{s.weight}={s.file}:{s.index}:{s.stat}" for s in found)])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def gb2312() -> set[int]:
    """The 7,445 characters of GB 2312, from Python's own codec."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return found


def _keep(code: int, gb: set[int]) -> bool:
    """Latin (Vietnamese included), Greek, Cyrillic, punctuation and symbols, CJK punctuation and
    full-width forms, and GB 2312; not the other ideographs, kana, Hangul or bopomofo."""
    return code < 0x2E80 or 0x3000 <= code <= 0x303F or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF \
        or code in gb


def _convert(file: str, index: int, target: Path) -> None:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(file, fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    # fontTools' default features, less the Japanese, Korean and Traditional forms (locl) and
    # vertical writing: each would double the glyphs, and a print job is horizontal Simplified Chinese.
    options.layout_features = [f for f in options.layout_features if f != "locl" and not f.startswith("v")]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    cmap = font.getBestCmap()
    gb = gb2312()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for c in cmap if _keep(c, gb)])
    subsetter.subset(font)

    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))  # TrueType winds the other way
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]  # a CFF-only table
    font["glyf"], font["loca"] = glyf, newTable("loca")
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: CID fonts have none
    font.save(str(target))


def _config(folder: Path) -> str:
    system = os.environ.get("FONTCONFIG_FILE") or SYSTEM_CONFIG
    return f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Made by the pdf_fonts module of citizen-guide for the PDF browser: our TrueType {FAMILY} in place of the CFF one. -->
<fontconfig>
  <include ignore_missing="yes">{system}</include>
  <dir>{folder}</dir>
  <cachedir>{folder / "fc-cache"}</cachedir>
  <selectfont>
    <rejectfont>
      <pattern>
        <patelt name="family"><string>{FAMILY}</string></patelt>
        <patelt name="fontformat"><string>CFF</string></patelt>
      </pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
"""


_made: dict[str, Path] = {}  # fingerprint -> a fonts.conf this process made or found, for other caches


def prepare(cache: Path) -> PrintFonts | None:
    """The converted fonts in ``cache/fonts/<fingerprint>/``, made now if missing; None to use the
    system fonts (no fontTools, no CFF source, or fontconfig does not pick the result)."""
    key = fingerprint()
    if key is None:
        return None
    folder = cache / "fonts" / key
    config = folder / "fonts.conf"
    # Fonts made for another cache serve too: earlier in this run (tests use many caches), or in
    # the project's cache (GUIDE_CACHE_DIR).
    shared = os.environ.get("GUIDE_CACHE_DIR")
    for other in (_made.get(key), Path(shared) / "pdf" / "fonts" / key / "fonts.conf" if shared else None):
        if not config.is_file() and other is not None and other.is_file():
            config, folder = other, other.parent
    if not config.is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=folder.parent))
        try:
            # The two weights in parallel, each in a process of its own: some ten seconds of pure Python.
            runs = [subprocess.Popen([sys.executable, "-m", "generator.print.pdf_fonts", s.file, str(s.index),
                                      str(work / f"NotoSansCJKsc-{s.weight}.ttf")]) for s in sources()]
            if any(run.wait() != 0 for run in runs):
                raise RuntimeError("converting Noto Sans CJK SC failed (see above)")
            (work / "fonts.conf").write_text(_config(folder), encoding="utf-8")
            work.chmod(0o755)  # mkdtemp makes it private; it is a cache like any other
            try:
                work.rename(folder)  # whole or not at all; another process may have won the race
            except OSError:
                if not config.is_file():
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
    chosen = [_fc_match(f"{FAMILY}:{style}", config) for style in WEIGHTS.values()]
    if not all(len(c) == 3 and Path(c[0]).parent == folder for c in chosen):
        return None
    _made[key] = config
    return PrintFonts(config, key)


if __name__ == "__main__":  # one weight, for prepare(): python -m generator.print.pdf_fonts FILE INDEX TARGET
    _convert(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
