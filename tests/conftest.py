from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.errors import Issue
from generator.validate import validate

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)
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
