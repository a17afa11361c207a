"""The shipped content: complete, translated, and true to the national records (FACTS.md)."""
from __future__ import annotations

import csv

import pytest

from conftest import ROOT, TODAY
from generator.build import load_catalog
from generator.config import load_settings

FACTS_URLS = {
    "1.001193": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    "1.000894": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe",
    "1.004222": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2",
    "2.000815": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-8e22-77ef-819f-e49460350904",
    "3.000333": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bd79-75fb-a4c6-ba1bf85d20ad",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(load_settings(ROOT), TODAY)


def test_at_least_twelve_procedures(catalog):
    assert len(catalog.procedures) >= 12


def test_the_common_commune_procedures_are_there(catalog):
    names = {p.name.vi.lower() for p in catalog.procedures}
    for wanted in ("đăng ký khai sinh", "đăng ký khai tử", "đăng ký kết hôn", "đăng ký thường trú",
                   "đăng ký tạm trú", "chứng thực bản sao từ bản chính"):
        assert any(wanted in n for n in names), wanted
    assert any("tình trạng hôn nhân" in n for n in names)
    assert any("chữ ký" in n for n in names)
    assert any("lý lịch tư pháp" in n for n in names)


def test_portal_addresses_match_the_records(catalog):
    for code, url in FACTS_URLS.items():
        assert catalog.by_code[code].online_url == url
        assert catalog.by_code[code].source.url == url


def _channel_fees(p, channel):
    return [f.amount for f in getattr(p.channels, channel).fees]


def test_birth_and_marriage_are_free_in_one_working_day(catalog):
    for code in ("1.001193", "1.000894"):
        p = catalog.by_code[code]
        for name, channel in p.channels.items():
            assert channel.processing_time.value == 1 and channel.processing_time.unit == "working_day"
            assert channel.fees[0].amount == 0, (code, name)
        assert {n for n, _ in p.channels.items()} == {"in_person", "online", "postal"}


def test_permanent_residence_fees_differ_by_channel(catalog):
    p = catalog.by_code["1.004222"]
    assert _channel_fees(p, "online") == [10000]
    assert _channel_fees(p, "in_person") == [20000]
    for _, channel in p.channels.items():
        assert (channel.processing_time.value, channel.processing_time.unit) == (7, "working_day")
        assert channel.fees[0].exemptions, "residents care most about exemptions"


def test_certified_copy_fee_scale(catalog):
    fees = catalog.by_code["2.000815"].channels.in_person.fees
    assert [f.amount for f in fees] == [2000, 1000]
    assert any(f.max_amount == 200000 for f in fees)
    assert catalog.by_code["2.000815"].channels.in_person.processing_time.note is not None


def test_criminal_record_fee_contradiction_is_flagged(catalog):
    p = catalog.by_code["3.000333"]
    assert p.level == "province"
    for _, channel in p.channels.items():
        fee = channel.fees[0]
        assert fee.uncertain and fee.note is not None
        assert "244/2016" in fee.note.vi


def test_every_text_is_translated(catalog):
    from generator.crosscheck import walk_texts
    for p in catalog.procedures:
        for pointer, text in walk_texts(p):
            assert text.en and text.zh, (p.slug, pointer)


def test_every_procedure_file_starts_with_the_schema_line():
    for path in (ROOT / "procedures").glob("*/*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), path


def test_offices_are_real_post_2025_communes():
    tables = ROOT / "procedures" / "tables"
    communes = {r["code"]: r for r in csv.DictReader((tables / "communes-2025.csv").open(encoding="utf-8"))}
    offices = list(csv.DictReader((tables / "offices.csv").open(encoding="utf-8")))
    assert len(communes) == 3321
    assert len(offices) >= 8
    for row in offices:
        assert communes[row["gso_code"]]["name_vi"] == row["name_vi"]
        assert communes[row["gso_code"]]["province_code"] == row["province_code"]


def test_hotline_is_data(catalog):
    assert catalog.hotline("79") == "1022"
