"""`guide serve` rebuilds when a procedure file changes."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_after_a_yaml_edit(tmp_path):
    project = tmp_path / "project"
    copy_project(project)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/thu-tuc/dang-ky-khai-sinh/"
    # The console script, not `python -m`: the copied generator/schema folder in the
    # project would otherwise shadow the installed package on sys.path.
    guide = Path(sys.executable).parent / "guide"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(guide), "serve", "--port", str(port)], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        started = _wait_for(lambda: "Đăng ký khai sinh" in (_fetch(url) or ""), 120)
        assert started, (tmp_path / "serve.log").read_text()
        birth = project / "procedures/ho-tich/dang-ky-khai-sinh.yml"
        birth.write_text(birth.read_text(encoding="utf-8").replace("  vi: Đăng ký khai sinh\n",
                                                                   "  vi: Đăng ký khai sinh cho trẻ\n"),
                         encoding="utf-8")
        assert _wait_for(lambda: "Đăng ký khai sinh cho trẻ" in (_fetch(url) or ""), 120), "no rebuild"
        assert "livereload" in (_fetch(url) or ""), "open pages reload themselves"
    finally:
        server.terminate()
        server.wait(timeout=30)
