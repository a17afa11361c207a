"""QR codes as SVG, cached by a hash of everything that shapes them."""
from __future__ import annotations

import hashlib
import io
import os
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

LEVELS = {"M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q}
QUIET_ZONE = 4  # modules; the minimum the QR standard asks for


@lru_cache(maxsize=1)
def _qrcode_version() -> str:
    return version("qrcode")  # reads package metadata from disk: once, not once per code


def domain_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _svg(url: str, level: str) -> str:
    code = qrcode.QRCode(error_correction=LEVELS[level], border=QUIET_ZONE, box_size=10,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    svg = out.getvalue().decode("utf-8")
    # Strip the XML declaration so the SVG can sit inline in HTML; keep a white
    # background so the code still scans on a dark theme or coloured paper.
    svg = svg.split("?>", 1)[-1].strip()
    return svg.replace("<path ", '<rect width="100%" height="100%" fill="#fff"/><path ', 1)


def inline_svg(svg: str, label: str, css_class: str = "cg-qr-svg") -> str:
    """The SVG ready to sit inside HTML: sized by CSS, announced to screen readers."""
    from markupsafe import escape

    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    return svg.replace("<svg ", f'<svg class="{css_class}" role="img" aria-label="{escape(label)}" ', 1)


class QRCache:
    """Makes each distinct code once; a second run with nothing changed makes none."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.made = 0
        self._memory: dict[str, str] = {}

    def key(self, url: str, level: str) -> str:
        raw = f"svg-path|{level}|{QUIET_ZONE}|{_qrcode_version()}|{url}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def svg(self, url: str, level: str = "M") -> str:
        key = self.key(url, level)
        if key in self._memory:
            return self._memory[key]
        path = self.folder / f"{key}.svg" if self.folder else None
        if path is not None and path.is_file():
            svg = path.read_text(encoding="utf-8")
        else:
            svg = _svg(url, level)
            self.made += 1
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")  # pages render in several processes
                tmp.write_text(svg, encoding="utf-8")
                tmp.replace(path)
        self._memory[key] = svg
        return svg
