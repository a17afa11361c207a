"""One small invalid file per error code: assert the code, the line and the column.

Each case changes the valid base fixture (see conftest.BASE) in one place.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import base_yaml
from generator.diagnostics.errors import CODES


def sub(old: str, new: str, slug: str = "sample"):
    def change() -> str:
        text = base_yaml(slug)
        assert old in text, old
        return text.replace(old, new, 1)
    return change


DEEP = "related: " + "[" * 60 + "]" * 60

# code -> (how to make the file, line, column)
CASES: dict[str, tuple] = {
    "yaml.duplicate-key": (sub("field: ho-tich\n", "field: ho-tich\nlevel: province\n"), 8, 1),
    "yaml.ambiguous-bool": (sub("decision: 1/QĐ-TEST", "decision: no"), 43, 13),
    "yaml.sexagesimal": (sub("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
                             "processing_time: {value: 1:30, unit: hour}\n    fees:\n      - amount: 8000"), 14, 30),
    "yaml.leading-zero": (sub("amount: 8000", "amount: 07000"), 16, 17),
    "yaml.alias": (sub("  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}",
                       "  - &who {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n  - *who"), 11, 5),
    "yaml.too-deep": (sub('related: ["1.001193"]', DEEP), 39, 50),
    "yaml.tag": (sub("decision: 1/QĐ-TEST", "decision: !!python/object:os.system ls"), 43, 13),
    "yaml.key": (sub("level: commune", "? [a, b]\n: commune\nlevel: commune"), 6, 3),
    "yaml.syntax": (sub("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                        "result: {vi: Giấy xác nhận, en: A certificate"), 34, 12),
    "yaml.tab": (sub("    availability: full", "\tavailability: full"), 13, 1),
    "yaml.invisible": (sub("level: commune", "\u00a0level: commune"), 6, 1),  # a pasted non-breaking space
    "yaml.encoding": (lambda: base_yaml().encode("utf-8").replace(b"A sample", b"A \xff sample"), 5, 39),
    "yaml.empty": (lambda: "# only a comment\n", 1, 1),
    "yaml.multi-document": (lambda: base_yaml() + "---\ncode: x\n", 46, 1),
    "file.too-large": (lambda: base_yaml() + "#" * 600_000 + "\n", 1, 1),
    "file.schema-comment": (lambda: base_yaml().split("\n", 1)[1], 1, 1),
    "file.slug-mismatch": (sub("slug: sample", "slug: other-name"), 3, 7),
    "schema.required": (sub("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}\n", ""), 2, 1),
    "schema.unknown-key": (sub("result:", "reslt:"), 33, 1),
    "schema.type": (sub("amount: 8000", 'amount: "8.000đ"'), 16, 17),
    "schema.enum": (sub("level: commune", "level: district"), 6, 8),
    "schema.pattern": (sub('code: "9.000001"', 'code: "9.0001"'), 2, 7),
    "schema.range": (sub("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
                         "processing_time: {value: 0, unit: working_day}\n    fees:\n      - amount: 8000"), 14, 30),
    "schema.length": (sub("applicants:\n  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}",
                          "applicants: []"), 9, 13),
    "schema.date": (sub("reviewed: 2026-11-01", "reviewed: 2026-02-30"), 44, 11),
    "time.unit-missing": (sub("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
                              "processing_time: {value: 1}\n    fees:\n      - amount: 8000"), 14, 22),
    "time.unclear": (sub("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
                         "processing_time: {unit: hour}\n    fees:\n      - amount: 8000"), 14, 22),
    "fee.unclear": (sub("      - amount: 8000", "      - uncertain: true"), 16, 9),
    "channel.none": (lambda: re.sub(r"channels:\n.*?\ndossier:", "channels: {}\ndossier:",
                                    base_yaml(), flags=re.S), 11, 11),
    "ref.duplicate-code": (sub('code: "9.000001"', 'code: "1.001193"'), 2, 7),
    "ref.duplicate-slug": (sub('code: "9.000001"', 'code: "9.000001"', slug="dang-ky-khai-sinh"), 3, 7),
    "ref.unknown-procedure": (sub('related: ["1.001193"]', 'related: ["1.001193", "1.999999"]'), 39, 23),
    "ref.self": (sub('related: ["1.001193"]', 'related: ["9.000001"]'), 39, 11),
    "ref.unknown-field": (sub("field: ho-tich", "field: ho-tic"), 7, 8),
    "ref.unknown-life-event": (sub("life_events: [birth]", "life_events: [bith]"), 40, 15),
    "ref.unknown-pointer": (lambda: base_yaml() + "to_verify:\n  - {pointer: /fees, note: check}\n", 46, 15),
    "step.unknown-channel": (sub("channels: [in_person]", "channels: [postal]"), 32, 16),
    "url.invalid": (sub("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                        "online_url: dichvucong.gov.vn/abc"), 38, 13),
    "url.not-https": (sub("online_url: https://", "online_url: http://"), 38, 13),
    "url.not-allowed": (sub("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                            "online_url: https://bit.ly/abc"), 38, 13),
    "date.future": (sub("reviewed: 2026-11-01", "reviewed: 2027-01-01"), 44, 11),
    "date.stale": (sub("reviewed: 2026-11-01", "reviewed: 2024-01-01"), 44, 11),
    "publish.not-yet": (lambda: base_yaml() + "valid_from: 2027-01-01\n", 45, 13),
    "publish.ended": (lambda: base_yaml() + "valid_until: 2026-01-01\n", 45, 14),
    "date.order": (lambda: base_yaml() + "valid_from: 2026-05-01\nvalid_until: 2026-01-01\n", 46, 14),
    "review.todo": (sub("level: commune", "level: commune  # TODO(review): kiểm tra cấp"), 6, 19),
    "i18n.missing": (sub("name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}",
                         "name: {vi: Thủ tục mẫu, en: Sample procedure}"), 4, 7),
    # Glossary, old portal addresses and time-limited fee rules (more in test_glossary.py)
    "i18n.glossary": (sub("name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}",
                          "name: {vi: Chứng thực mẫu, en: Sample certification, zh: 示例证明}"), 4, 58),
    "i18n.glossary-avoid": (sub("zh: 证明书}", "zh: 公证书}"), 33, 52),
    "url.old-portal": (sub("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                           "online_url: https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html"
                           "?ma_thu_tuc=1.001193"), 38, 13),
    "fee.dates": (sub("      - amount: 0\n", "      - amount: 0\n        valid_from: 2026-05-01\n"
                      "        valid_until: 2026-01-01\n"), 23, 9),
    "fee.expired": (sub("      - amount: 0\n", "      - amount: 0\n        valid_until: 2026-01-01\n"), 24, 22),
    # Text that would be lost or changed without a word (more in test_silent_losses.py)
    "yaml.comment-in-text": (sub("result: {vi: Giấy xác nhận, en: A certificate, zh: 证明书}",
                                 "result:\n  vi: Giấy xác nhận #bản chính\n  en: A certificate"), 34, 21),
    "text.nfd": (sub("name: {vi: Thủ tục mẫu", "name: {vi: Thu\u0309 tục mẫu"), 4, 14),
    "text.repeated": (sub("  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n",
                          "  - {vi: Mọi công dân, en: Any citizen, zh: 所有公民}\n  - {vi: Mọi công dân}\n"), 11, 5),
    # From the editors' review (more in test_editor_review.py)
    "value.empty": (sub("      - amount: 8000", "      - amount:"), 16, 9),
    "text.placeholder": (sub("result: {vi: Giấy xác nhận,", "result: {vi: Chưa nhập kết quả.,"), 33, 14),
    "text.invisible": (sub("name: {vi: Thủ tục mẫu", "name: {vi: Thủ\u200b tục mẫu"), 4, 15),
    "url.portal-home": (sub("online_url: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/sample",
                            "online_url: https://dichvucong.gov.vn"), 38, 13),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_line_and_column(code, write, check_files):
    make, line, column = CASES[code]
    slug = "dang-ky-khai-sinh" if code == "ref.duplicate-slug" else "sample"
    path = write(f"{slug}.yml", make())
    found = [(i.code, i.line, i.column) for i in check_files(path)]
    assert (code, line, column) in found, found


def test_unknown_key_suggests_the_right_one(write, check_files):
    path = write("sample.yml", CASES["schema.unknown-key"][0]())
    [issue] = [i for i in check_files(path) if i.code == "schema.unknown-key"]
    assert issue.pointer == "/reslt"
    assert "did you mean 'result'" in issue.hint


def test_fee_written_as_text_gets_a_plain_hint(write, check_files):
    path = write("sample.yml", CASES["schema.type"][0]())
    [issue] = [i for i in check_files(path) if i.code == "schema.type"]
    assert issue.pointer == "/channels/in_person/fees/0/amount"
    assert "8000" in issue.hint


def test_file_read_error_is_positioned(tmp_path, check_files):
    folder = tmp_path / "drafts"
    (folder / "broken.yml").mkdir(parents=True)  # a folder where a file should be
    assert [(i.code, i.line) for i in check_files(folder)] == [("file.read", 1)]


def test_field_must_match_folder(tmp_path, settings, check_files):
    wrong = settings.procedures / "cu-tru" / "sample.yml"
    wrong.write_text(base_yaml().replace("$schema=" + str(Path(base_yaml().split("=", 1)[1].split("\n")[0])),
                                         "$schema=../../generator/schema/procedure.schema.json"),
                     encoding="utf-8")
    try:
        found = [(i.code, i.line, i.column) for i in check_files(wrong)]
    finally:
        wrong.unlink()
    assert ("file.field-mismatch", 7, 8) in found


def test_every_code_has_a_case():
    from test_form_codes import CASES as FORM_CASES  # forms and questions

    covered = set(CASES) | set(FORM_CASES) | {
        "file.read", "file.field-mismatch", "url.content-link",  # test_security.py
        "i18n.key-missing", "i18n.key-type",  # see test_strings.py
        "portal.json", "portal.shape",  # see test_portal_records.py
        "portal.map", "fee.dates",  # see test_portal_pages.py, test_fees.py
        "search.terms", "search.unknown-code"}  # see test_search_terms.py
    table_codes = {c for c in CODES if c.startswith("table.")}  # see test_tables.py
    drift_codes = {c for c in CODES if c.startswith("drift.")}  # see test_drift.py
    # translation.* (the translator's CSV) and i18n.outdated (needs the freshness record): test_translations_csv.py
    translation_codes = {c for c in CODES if c.startswith("translation.")} | {"i18n.outdated"}
    assert set(CODES) - covered - table_codes - drift_codes - translation_codes == set()


def test_reviewed_today_is_not_future(write, check_files):
    path = write("sample.yml", sub("reviewed: 2026-11-01", "reviewed: 2026-11-24")())
    assert check_files(path, today=dt.date(2026, 11, 24)) == []


@pytest.mark.parametrize("change, code, hint", [
    (("amount: 8000", "amount: 20.000"), "schema.type", "write 20000, not 20.000"),
    (("reviewed: 2026-11-01", 'reviewed: "2026-11-01"'), "schema.date", "remove the quotes"),
    (("processing_time: {value: 1, unit: working_day}\n    fees:\n      - amount: 8000",
      "processing_time: {value: 1:30, unit: hour}\n    fees:\n      - amount: 8000"),
     "yaml.sexagesimal", "a duration is a number of hours"),
])
def test_hints_for_the_mistakes_editors_make_most(write, check_files, change, code, hint):
    path = write("sample.yml", sub(*change)())
    [issue] = [i for i in check_files(path) if i.code == code]
    assert hint in issue.hint
