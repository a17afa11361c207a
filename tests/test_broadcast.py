"""Loudspeaker scripts: numbers read as words, and every shipped procedure fitting its time slot."""
from __future__ import annotations

import re
import shutil
import wave

import pytest

from generator.print.broadcast import (
    GENERIC_COUNTER,
    PACE_SYLLABLES_PER_MINUTE,
    TARGETS,
    Script,
    broadcast_scripts,
    count_syllables,
    estimate_seconds,
    number_words,
    speakable,
    spoken_phone,
    without_asides,
    write_wav,
)
from generator.build import load_catalog
from generator.config import load_settings


@pytest.mark.parametrize("n, words", [
    (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (9, "chín"), (10, "mười"),
    (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (19, "mười chín"),
    (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"),
    (31, "ba mươi mốt"), (44, "bốn mươi tư"), (55, "năm mươi lăm"), (60, "sáu mươi"), (99, "chín mươi chín"),
    (100, "một trăm"), (101, "một trăm linh một"), (104, "một trăm linh bốn"), (105, "một trăm linh năm"),
    (110, "một trăm mười"), (111, "một trăm mười một"), (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"), (125, "một trăm hai mươi lăm"), (500, "năm trăm"),
    (999, "chín trăm chín mươi chín"), (1000, "một nghìn"), (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"), (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"), (1050, "một nghìn không trăm năm mươi"),
    (1100, "một nghìn một trăm"), (1500, "một nghìn năm trăm"), (2000, "hai nghìn"),
    (2025, "hai nghìn không trăm hai mươi lăm"), (7000, "bảy nghìn"), (8000, "tám nghìn"),
    (10_000, "mười nghìn"), (15_000, "mười lăm nghìn"), (20_000, "hai mươi nghìn"),
    (21_000, "hai mươi mốt nghìn"), (25_000, "hai mươi lăm nghìn"), (100_000, "một trăm nghìn"),
    (105_000, "một trăm linh năm nghìn"), (200_000, "hai trăm nghìn"),
    (1_000_000, "một triệu"), (1_000_005, "một triệu không trăm linh năm"),
    (1_001_000, "một triệu không trăm linh một nghìn"), (1_500_000, "một triệu năm trăm nghìn"),
    (5_020_000, "năm triệu không trăm hai mươi nghìn"), (100_000_000, "một trăm triệu"),
    (1_000_000_000, "một tỷ"), (2_000_000_015, "hai tỷ không trăm mười lăm"),
    (999_999_999_999, "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
                      "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
])
def test_number_words(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize("n", [-1, 10**12])
def test_number_words_out_of_range(n):
    with pytest.raises(ValueError):
        number_words(n)


@pytest.mark.parametrize("number, spoken", [
    ("1022", "một không hai hai"),
    ("113", "một một ba"),
    ("02838293000", "không hai tám, ba tám hai chín, ba không không không"),
    ("0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"),
    ("18001234", "một tám không không, một hai ba bốn"),
    ("1900123456", "một chín không không, một hai ba, bốn năm sáu"),
    ("0251 3847 290", "không hai năm một, ba tám bốn bảy, hai chín không"),
    ("+84 912 345 678", "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám"),
])
def test_spoken_phone(number, spoken):
    assert spoken_phone(number) == spoken


def test_spoken_phone_needs_digits():
    with pytest.raises(ValueError):
        spoken_phone("không có")


def test_estimate_seconds():
    assert estimate_seconds("") == 0
    words = " ".join(["một"] * PACE_SYLLABLES_PER_MINUTE)
    assert estimate_seconds(words) == pytest.approx(60)
    assert estimate_seconds(words + ".") > estimate_seconds(words + ",") > estimate_seconds(words)


@pytest.mark.parametrize("text, spoken", [
    ("Lệ phí 20.000 đồng", "Lệ phí hai mươi nghìn đồng"),
    ("Trong 7 ngày làm việc", "Trong bảy ngày làm việc"),
    ("Tờ khai (mẫu CT01)", "Tờ khai, mẫu xê tê không một"),
    ("Sáng 7:30–11:30", "Sáng bảy giờ ba mươi đến mười một giờ ba mươi"),
    ("Không dưới 8 m² mỗi người", "Không dưới tám mét vuông mỗi người"),
    ("Trang thứ 1 và thứ 4", "Trang thứ nhất và thứ tư"),
    ("Bạn nộp ở đây. Xem tại https://dichvucong.gov.vn/abc", "Bà con nộp ở đây. Xem tại"),
    ("Thu theo Thông tư 281/2016/TT-BTC. Miễn phí.", "Miễn phí."),
    ("Theo Nghị định 23/2015/NĐ-CP, bạn nhận ngay trong ngày.", "Bà con nhận ngay trong ngày."),
    ("Người phải khai báo (xem phần điều kiện)", "Người phải khai báo"),
    ("Áp dụng từ 1/7/2025.", "Áp dụng từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm."),
    ("Nhà số 12/3", "Nhà số mười hai trên ba"),
])
def test_speakable(text, spoken):
    assert speakable(text) == spoken


# --------------------------------------------------- the shipped catalog --

CATALOG = load_catalog(load_settings())
BEN_THANH = CATALOG.tables.offices["26743"]
# Test data only, not a real office: the shipped rows have no phone, address or
# hours yet, and the scripts must handle them when editors add them.
FULL_ROW = dict(BEN_THANH, phone="02838293000", address_vi="Số 92 Nam Kỳ Khởi Nghĩa",
                hours_vi="Sáng 7:30–11:30, chiều 13:00–17:00, thứ Hai đến thứ Sáu")
PLACES = {
    "office": ("Phường Bến Thành", BEN_THANH, CATALOG.hotline(BEN_THANH["province_code"])),
    "no-office": ("Xã Tân Lập", None, None),
    "full-row": ("Phường Bến Thành", FULL_ROW, CATALOG.hotline("79")),
    "full-row-no-hotline": ("Phường Bến Thành", FULL_ROW, None),
}
PROCEDURES = {p.slug: p for p in CATALOG.guides}  # portal pages get no script


def _scripts(slug: str, place: str) -> dict[str, Script]:
    return {s.version: s for s in broadcast_scripts(PROCEDURES[slug], *PLACES[place])}


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def test_catalog_has_what_the_tests_assume():
    assert len(PROCEDURES) >= 30
    assert BEN_THANH["province_code"] == "79" and CATALOG.hotline("79") == "1022"


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_scripts_say_the_key_facts_and_fit_their_slot(slug, place):
    commune, office, hotline = PLACES[place]
    procedure = PROCEDURES[slug]
    scripts = broadcast_scripts(procedure, commune, office, hotline)
    assert [s.version for s in scripts] == ["short", "long"]
    counter = office["counter_vi"] if office else GENERIC_COUNTER
    for script in scripts:
        text = script.text
        lo, hi = TARGETS[script.version]
        assert lo <= script.seconds <= hi, (script.version, script.seconds)
        assert script.seconds == round(estimate_seconds(text), 1)
        assert script.syllables == count_syllables(text)
        assert speakable(procedure.name.vi).lower() in text.lower()
        assert counter in text
        assert "Xin nhắc lại" in text
        assert "http" not in text and "www" not in text.lower()
        assert not re.search(r"\d", text), re.findall(r"\S*\d\S*", text)
        assert not re.search(r"[|•*#\n]", text)  # no tables, bullets or markup: one flow of speech
        last = _last_sentence(text)
        assert counter in last
        if hotline:
            assert spoken_phone(hotline) in last
        if office and office.get("phone"):
            assert spoken_phone(office["phone"]) in text
        if office is None:
            assert "trong giờ hành chính" in text  # no hours known: none are made up
        # the recap comes after everything else but the help sentence
        assert text.index("Xin nhắc lại") > len(text) / 2


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_long_script_has_detail(slug):
    procedure = PROCEDURES[slug]
    short, long = broadcast_scripts(procedure, *PLACES["office"])
    assert long.seconds > short.seconds
    assert "Bước một" in long.text
    if any(g.id == "all" for g in procedure.dossier):
        assert "Giấy tờ cần chuẩn bị" in long.text
    if procedure.channels.online and procedure.channels.in_person:
        for script in (short, long):
            assert "nên làm trực tuyến" in script.text and "không bắt buộc" in script.text


# ------------------------------------------------------- papers to bring --

def _shown_to_everyone(procedure):
    """The dossier groups the page shows to everyone: those without applies_when."""
    return [g for g in procedure.dossier if not g.applies_when]


def _named(paper, text: str) -> bool:
    """The paper is named: the first words of its name, with or without its bracketed asides
    (a script may leave out "(theo mẫu)" or a trailing example)."""
    def opening(name: str) -> str:
        return " ".join(speakable(name).split()[:4]).rstrip(",;:.").lower()
    return any(opening(name) in text.lower() for name in (paper.name.vi, without_asides(paper.name.vi)))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_long_script_names_the_main_papers_of_every_group_shown_to_everyone(slug, place):
    # Residents' review: say what to bring. Every required paper of every group without
    # applies_when (for all, shown at the counter, or a case the page shows to all).
    procedure = PROCEDURES[slug]
    long = _scripts(slug, place)["long"].text
    missing = [d.name.vi for g in _shown_to_everyone(procedure) for d in g.documents
               if d.required and not _named(d, long)]
    assert not missing, missing


ONLY_CASES = sorted(slug for slug, p in PROCEDURES.items() if p.dossier and all(g.applies_when for g in p.dossier))


def test_some_guides_have_papers_only_for_cases():
    """The case the next test is about: tách hộ, gia hạn tạm trú... once named no paper at all."""
    assert {"tach-ho", "gia-han-tam-tru"} <= set(ONLY_CASES)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("slug", ONLY_CASES)
def test_when_every_group_is_for_a_case_the_long_script_names_each_cases_papers(slug, place):
    long = _scripts(slug, place)["long"].text
    missing = [d.name.vi for g in PROCEDURES[slug].dossier for d in g.documents if d.required and not _named(d, long)]
    assert not missing, missing


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_short_script_names_the_first_main_paper(slug, place):
    procedure = PROCEDURES[slug]
    short = _scripts(slug, place)["short"].text
    main = [d for g in _shown_to_everyone(procedure) if not speakable(g.case.vi).startswith("Nếu")
            for d in g.documents if d.required]
    said = re.search(r"Giấy tờ (?:chính cần chuẩn bị|cần chuẩn bị|chính|cần có): ([^.]*)\.", short)
    if not main:  # nothing everyone brings: it depends on the case, and a paper is still named
        assert said is None and "Giấy tờ cần chuẩn bị tùy trường hợp" in short, short
        cases = [d for g in procedure.dossier for d in g.documents if d.required]
        assert not cases or any(_named(d, short) or (d.name.vi.startswith("Tờ khai") and "tờ khai" in short)
                                for d in cases), short
        return
    assert said, short
    first = main[0]
    # a form may be read by its code or as "tờ khai theo mẫu": the procedure was just named
    assert _named(first, said[1]) or (first.name.vi.startswith("Tờ khai") and said[1].startswith("tờ khai")), said[1]
    if len(main) > 2 or said[1].count(";") + 1 < len(main):
        assert said[0].startswith("Giấy tờ chính")  # not every main paper: "the main ones"


def test_uncertain_amounts_are_never_read_anywhere():
    for procedure in PROCEDURES.values():
        fees = [f for _, c in procedure.channels.items() for f in c.fees]
        certain = {f.amount for f in fees if not f.uncertain}
        doubtful = {f.amount for f in fees if f.uncertain and f.amount} - certain
        for script in broadcast_scripts(procedure, *PLACES["full-row"]):
            for amount in doubtful:
                assert f"{number_words(amount)} đồng" not in script.text, (procedure.slug, amount)


def test_a_time_limited_fee_rule_is_read_with_its_last_day():
    # A waiver ("miễn phí khi nộp trực tuyến ...") is never read as the standing fee, even in
    # the fewest words: its condition always comes with the day it ends.
    checked = 0
    for slug, procedure in PROCEDURES.items():
        rules = [f for _, c in procedure.channels.items() for f in c.fees if f.valid_until and f.condition]
        for script in _scripts(slug, "full-row").values():
            for sentence in re.split(r"(?<=[.!?])\s+", script.text):
                for rule in rules:
                    amount = "miễn phí" if rule.amount == 0 else f"{number_words(rule.amount or 0)} đồng"
                    last = speakable(rule.condition.vi).split()[-1]  # "... VNeID mức (độ) hai"
                    if re.search(rf"{amount} khi [^;.]*\b{last}\b", sentence):
                        checked += 1
                        assert "đến hết" in sentence, sentence
    if any(f.valid_until for p in PROCEDURES.values() for _, c in p.channels.items() for f in c.fees):
        assert checked


def test_the_one_stop_centre_is_the_counter():
    # "Trung tâm Phục vụ hành chính công của xã, phường" is the counter: its name, hours and phone are read.
    slugs = [s for s, p in PROCEDURES.items() if p.channels.in_person and p.channels.in_person.where
             and p.channels.in_person.where.vi.startswith("Trung tâm Phục vụ hành chính công")]
    assert slugs
    for slug in slugs:
        scripts = _scripts(slug, "full-row")
        assert f"Bà con đến {FULL_ROW['counter_vi']}" in scripts["short"].text
        assert speakable(FULL_ROW["hours_vi"]).lower() in scripts["long"].text.lower()
        assert "Số điện thoại: " + spoken_phone(FULL_ROW["phone"]) in scripts["long"].text


def test_time_and_fees_are_read_as_words():
    scripts = _scripts("dang-ky-thuong-tru", "office")
    for script in scripts.values():
        assert "bảy ngày làm việc" in script.text
        assert "hai mươi nghìn đồng" in script.text and "mười nghìn đồng" in script.text
    assert "được miễn lệ phí" in scripts["long"].text  # exemptions in the long version


def test_free_procedure_says_free():
    for script in _scripts("dang-ky-khai-sinh", "office").values():
        assert "miễn phí" in script.text


def test_uncertain_fee_is_never_stated():
    # The file records 200.000 đồng but marks it uncertain: listeners are sent to ask.
    for script in _scripts("cap-phieu-ly-lich-tu-phap", "office").values():
        assert "hai trăm nghìn" not in script.text
        assert "hỏi" in script.text


def test_missing_fee_amount_sends_listeners_to_ask():
    for script in _scripts("xac-nhan-tinh-trang-hon-nhan", "no-office").values():
        assert "hỏi tại quầy trước khi nộp" in script.text or "hỏi cán bộ tại quầy trước khi nộp" in script.text


def test_online_with_a_visit_says_so():
    # Marriage can be filed online, but both people must still come to sign.
    for script in _scripts("dang-ky-ket-hon", "office").values():
        assert "vẫn phải cùng đến" in script.text


def test_office_facts_are_used_when_present():
    long = _scripts("dang-ky-khai-sinh", "full-row")["long"].text
    assert speakable(FULL_ROW["hours_vi"]).lower() in long.lower()
    assert "số chín mươi hai Nam Kỳ Khởi Nghĩa" in long
    assert long.count(spoken_phone(FULL_ROW["phone"])) >= 2  # said, then repeated


def test_police_procedure_keeps_the_counter_phone_with_the_counter():
    # Residence is registered with the police; the phone in the table is the counter's.
    short = _scripts("dang-ky-tam-tru", "full-row")["short"].text
    assert "Bà con đến Công an xã, phường" in short
    assert f"{FULL_ROW['counter_vi']}, hoặc gọi số {spoken_phone(FULL_ROW['phone'])}" in short


def test_write_wav(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    script = _scripts("dang-ky-khai-sinh", "office")["short"]
    path = tmp_path / "khai-sinh.wav"
    assert write_wav(script.text, path) is True
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(str(path)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    # espeak-ng is set to the broadcast pace, so the audio is about as long as estimated
    assert 0.7 * script.seconds < seconds < 1.3 * script.seconds


def test_write_wav_without_espeak(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no espeak-ng on it
    path = tmp_path / "out.wav"
    assert write_wav("Kính thưa bà con.", path) is False
    assert not path.exists()
