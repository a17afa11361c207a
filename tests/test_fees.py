"""Time-limited fee rules: shown with their end date while in force, gone after it."""
from __future__ import annotations

import datetime as dt

import yaml

from conftest import ROOT, base_yaml
from generator.content import fees
from generator.site import views
from generator.content.model import Procedure
from generator.content.strings import Localizer, load_strings

WAIVER = {"amount": 0, "valid_from": dt.date(2026, 8, 15), "valid_until": dt.date(2027, 2, 28),
          "condition": {"vi": "nộp trực tuyến bằng tài khoản VNeID mức 2",
                        "en": "you apply online with a level-2 VNeID account",
                        "zh": "使用二级VNeID账户在网上申请"},
          "note": {"vi": "Thông tư 117/2026/TT-BTC.", "en": "Circular 117/2026/TT-BTC.",
                   "zh": "第117/2026/TT-BTC号通知。"}}
STRINGS, _ = load_strings(ROOT / "i18n")


def sample() -> Procedure:
    data = yaml.safe_load(base_yaml())
    data["channels"]["online"]["fees"] = [{"amount": 10000}, WAIVER]
    return Procedure.model_validate(data, strict=False)


def _online(p: Procedure) -> list:
    assert p.channels.online is not None
    return p.channels.online.fees


def test_rule_counts_only_between_its_dates():
    p = sample()
    assert [f.amount for f in _online(fees.in_force(p, dt.date(2026, 12, 1)))] == [0, 10000]
    assert [f.amount for f in _online(fees.in_force(p, dt.date(2027, 2, 28)))] == [0, 10000]
    assert [f.amount for f in _online(fees.in_force(p, dt.date(2027, 3, 1)))] == [10000]
    assert [f.amount for f in _online(fees.in_force(p, dt.date(2026, 8, 14)))] == [10000]
    unchanged = fees.in_force(p, dt.date(2027, 3, 1)).channels.in_person
    assert unchanged == p.channels.in_person


def test_wording_names_the_condition_and_the_last_day():
    waiver = _online(sample())[1]

    def line(fee, lang):
        return views.fee_view(fee, Localizer(lang, STRINGS), shared=False).print_line

    assert line(waiver, "vi") == \
        "Miễn phí (khi nộp trực tuyến bằng tài khoản VNeID mức 2, áp dụng đến hết ngày 28/2/2027)"
    assert line(waiver, "en") == "Free (if you apply online with a level-2 VNeID account, until 28 February 2027)"
    assert "2027年2月28日" in line(waiver, "zh")
    assert views.fee_when(_online(sample())[0], Localizer("vi", STRINGS)) == ""


def test_page_shows_the_rule_until_its_end_and_then_the_normal_fee():
    from generator.content.catalog import Catalog
    from generator.content.model import Taxonomy
    from generator.site.pages import PageRenderer
    from generator.print.qr import QRCache
    from generator.content.tables import read_tables

    taxonomy = Taxonomy.model_validate(yaml.safe_load((ROOT / "procedures" / "taxonomy.yml").read_text("utf-8")),
                                       strict=False)
    tables = read_tables(ROOT / "procedures" / "tables")
    for today, shown in ((dt.date(2026, 12, 1), True), (dt.date(2027, 3, 1), False)):
        catalog = Catalog.create([sample()], taxonomy, tables, today=today)
        page = PageRenderer(catalog, STRINGS, ROOT / "templates", QRCache(None)).procedure(
            catalog.by_code["9.000001"], "en")
        online = page.html.split('id="ch-online"')[1].split("</section>")[0]
        assert ("until 28 February 2027" in online) is shown
        assert ("level-2 VNeID" in online) is shown
        assert "10,000 đồng" in online


def test_loudspeaker_script_reads_the_condition_and_end_date():
    from generator.print.broadcast import broadcast_scripts

    long = [s for s in broadcast_scripts(fees.in_force(sample(), dt.date(2026, 12, 1)), None, None, None)
            if s.version == "long"][0]
    assert "khi nộp trực tuyến bằng tài khoản VNeID mức hai" in long.text or \
        "khi nộp trực tuyến bằng tài khoản VNeID mức 2" in long.text
    assert "áp dụng đến hết ngày hai mươi tám tháng hai năm" in long.text


def test_dates_in_the_wrong_order_are_refused(check_files, write):
    text = base_yaml().replace("      - amount: 0\n", "      - amount: 0\n        valid_from: 2027-01-01\n"
                                                       "        valid_until: 2026-01-01\n", 1)
    issues = check_files(write("ho-tich/sample.yml", text))
    assert [i.code for i in issues if i.severity == "error"] == ["fee.dates"]
