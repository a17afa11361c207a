"""Find and start Chromium for Playwright: its bundled build if installed, else Debian's."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
INSTALL_HINT = (
    "No Chromium found for Playwright. Install one with `make system-deps` "
    "(Debian: apt-get install chromium fonts-noto-core fonts-noto-cjk), "
    "or `python -m playwright install chromium` where downloads are allowed."
)
# Offline by design: no update checks, no telemetry, no field trials.
ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


class NoBrowserError(RuntimeError):
    pass


def executable(playwright: Any) -> str | None:
    """The bundled Chromium when it is installed; otherwise a system one; None if neither."""
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - Playwright raises plain errors for a missing browser
        bundled = ""
    if bundled and Path(bundled).is_file():
        return None  # let Playwright use its own
    for candidate in (os.environ.get("CHROMIUM_PATH", ""), *SYSTEM_CHROMIUM, shutil.which("chromium") or ""):
        if candidate and Path(candidate).is_file():
            return candidate
    raise NoBrowserError(INSTALL_HINT)


def launch_options(playwright: Any, fonts_config: Path | None = None) -> dict[str, Any]:
    """Options for chromium.launch, for the sync and the async API alike.

    ``fonts_config`` is a fontconfig file for this browser alone (the PDF renderer's fonts,
    generator/print/pdf_fonts.py); pages for people use the system's fonts.
    """
    args = list(ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    options: dict[str, Any] = {"executable_path": executable(playwright), "args": args, "headless": True}
    if fonts_config is not None:
        options["env"] = {**os.environ, "FONTCONFIG_FILE": str(fonts_config)}
    return options


def launch(playwright: Any, **options: Any) -> Any:
    return playwright.chromium.launch(**launch_options(playwright), **options)
