from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.diagnostics.errors import Issue
from generator.content.validate import validate

ROOT = Path(__file__).resolve().parent.parent
# One cache of QR codes and PDFs for every build in the test run, project copies included:
# the cache key covers everything that shapes an output, so sharing it is safe.
os.environ.setdefault("GUIDE_CACHE_DIR", str(ROOT / ".cache"))
TODAY = dt.date(2026, 12, 1)  # on or after every shipped reviewed: date
SCHEMA = ROOT / "generator" / "schema" / "procedure.schema.json"

# A small valid procedure. Line numbers matter: tests assert positions in it.
BASE = """\
# yaml-language-server: $schema={schema}
code: "9.000001"
slug: {slug}
name: {{vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}}
summary: {{vi: Mẫu để kiểm thử., en: A sample for tests., zh: 测试用示例。}}
level: commune
field: ho-tich
agency: {{vi: Ủy ban nhân dân xã, en: Commune People's Committee, zh: 乡人民委员会}}
applicants:
  - {{vi: Mọi công dân, en: Any citizen, zh: 所有公民}}
channels:
  in_person:
    availability: full
    processing_time: {{value: 1, unit: working_day}}
    fees:
      - amount: 8000
        exemptions:
          - {{vi: Người thuộc hộ nghèo, en: People from poor households, zh: 贫困户}}
  online:
    availability: partial
    processing_time: {{value: 1, unit: working_day}}
    fees:
      - amount: 0
dossier:
  - id: all
    case: {{vi: Mọi trường hợp, en: Everyone, zh: 所有情况}}
    documents:
      - name: {{vi: Tờ khai, en: Form, zh: 申报表}}
        originals: 1
steps:
  - title: {{vi: Nộp hồ sơ, en: Hand in the papers, zh: 递交材料}}
    channels: [in_person]
result: {{vi: Giấy xác nhận, en: A certificate, zh: 证明书}}
legal_basis:
  - number: 60/2014/QH13
    title: {{vi: Luật Hộ tịch, en: Law on Civil Status, zh: 户籍法}}
    date: 2014-11-20
online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample
related: ["1.001193"]
life_events: [birth]
source:
  url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample
  decision: 1/QĐ-TEST
reviewed: 2026-11-01
"""


# Portal records a project copy keeps besides those of the guides: a plain portal page, a printable
# one, and a land procedure. All 228 would make every copied build ten times slower.
PORTAL_SAMPLE = ("1.003583", "1.013316", "1.115593")


def _guide_codes() -> set[str]:
    """Codes of the guides and of the procedures they name as related (which must exist)."""
    import yaml

    codes: set[str] = set()
    for path in (ROOT / "procedures").glob("*/*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "code" in data and "dossier" in data:
            codes |= {str(data["code"]), *map(str, data.get("related") or [])}
    return codes


def copy_project(dest: Path, all_records: bool = False) -> Path:
    """A throwaway copy of the project's content and configuration, for tests that change it."""
    import shutil

    keep = _guide_codes() | set(PORTAL_SAMPLE)

    def skip(folder: str, names: list[str]) -> list[str]:
        if all_records or not folder.endswith("records"):
            return []
        return [n for n in names if Path(n).stem not in keep]

    for name in ("procedures", "templates", "i18n", "generator/schema"):
        shutil.copytree(ROOT / name, dest / name, ignore=skip)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def tree_digest(folder: Path) -> str:
    """One hash over every file name and byte below ``folder``."""
    import hashlib

    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def base_yaml(slug: str = "sample") -> str:
    return BASE.format(schema=SCHEMA, slug=slug)


@pytest.fixture
def settings():
    return load_settings(ROOT)


@pytest.fixture
def check_files(settings):
    def run(*paths: Path, today: dt.date = TODAY) -> list[Issue]:
        return validate(settings, list(paths), today).issues

    return run


@pytest.fixture
def write(tmp_path):
    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


# --- The built site, served on localhost, and a real Chromium ----------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    from generator.build import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(load_settings(ROOT), out)
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site_dir):
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from generator.print.browser import launch

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


MOBILE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def open_page(browser, site_url):
    """Open a site page in a fresh context; records every request it makes."""
    contexts = []

    def go(path: str, viewport=MOBILE, context=None):
        ctx = context or browser.new_context(viewport=viewport, service_workers="block")
        if context is None:
            contexts.append(ctx)
        page = ctx.new_page()
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(site_url + path)
        return page

    yield go
    for ctx in contexts:
        ctx.close()
