#!/usr/bin/env bash
# Installs what pip cannot: a Chromium for Playwright (when its own browser
# is not installed and cannot be downloaded), Noto fonts for Vietnamese and
# Chinese, and the small tools tests use to read PDFs and QR codes.
# Safe to run again: it only installs what is missing.
set -euo pipefail

PY="${1:-.venv/bin/python}"
need=()
have_bundled=0
if [ -x "$PY" ] && "$PY" - <<'PYCODE' 2>/dev/null; then have_bundled=1; fi
import os, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    sys.exit(0 if os.path.exists(p.chromium.executable_path) else 1)
PYCODE
if [ "$have_bundled" = 0 ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
fc-list 2>/dev/null | grep -q "NotoSans-Regular" || need+=(fonts-noto-core)
fc-list 2>/dev/null | grep -q "NotoSansCJK" || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v fc-list >/dev/null || need+=(fontconfig)
command -v git >/dev/null || need+=(git)  # guide check --changed and its tests

if [ ${#need[@]} -eq 0 ]; then
    echo "system packages: nothing to install"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
        echo "Please install as root: apt-get install ${need[*]}" >&2; exit 1
    fi
fi
echo "system packages: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
