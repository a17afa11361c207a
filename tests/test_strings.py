"""Interface strings: every key in every language, and the Localizer's fallbacks."""
from __future__ import annotations

import datetime as dt
import shutil

from conftest import ROOT
from generator.content.model import Text
from generator.content.strings import Localizer, load_strings


def test_every_key_exists_in_every_language():
    strings, issues = load_strings(ROOT / "i18n")
    assert issues == []
    assert set(strings["vi"]) == set(strings["en"]) == set(strings["zh"])


def test_placeholders_match_across_languages():
    import re
    strings, _ = load_strings(ROOT / "i18n")
    for key, vi in strings["vi"].items():
        wanted = sorted(re.findall(r"\{(\w+)\}", vi))
        for lang in ("en", "zh"):
            assert sorted(re.findall(r"\{(\w+)\}", strings[lang][key])) == wanted, (lang, key)


def test_missing_and_non_text_keys_are_positioned(tmp_path):
    folder = tmp_path / "i18n"
    shutil.copytree(ROOT / "i18n", folder)
    en = folder / "en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace("nav.home: Home\n", "nav.home: no\n")
                  .replace("nav.search: Search\n", ""), encoding="utf-8")
    _, issues = load_strings(folder)
    found = {(i.code, i.file, i.pointer) for i in issues}
    assert ("i18n.key-missing", "i18n/en.yml", "/nav.search") in found
    assert any(i.code == "yaml.ambiguous-bool" for i in issues)
    (folder / "zh.yml").write_text("nav.home: ''\n", encoding="utf-8")
    _, issues = load_strings(folder)
    [typed] = [i for i in issues if i.code == "i18n.key-type"]
    assert (typed.file, typed.line, typed.column) == ("i18n/zh.yml", 1, 11)


def test_untranslated_text_falls_back_visibly():
    strings, _ = load_strings(ROOT / "i18n")
    text = Text(vi="Đăng ký khai sinh", en="Birth registration")
    assert Localizer("en", strings).text(text).missing is False
    shown = Localizer("zh", strings).text(text)
    assert (shown.text, shown.missing) == ("Đăng ký khai sinh", True)


def test_numbers_and_dates_follow_the_language():
    strings, _ = load_strings(ROOT / "i18n")
    day = dt.date(2026, 7, 1)
    assert Localizer("vi", strings).money(200000) == "200.000"
    assert Localizer("en", strings).money(200000) == "200,000"
    assert Localizer("vi", strings).date(day) == "1/7/2026"
    assert Localizer("zh", strings).date(day) == "2026年7月1日"
    assert Localizer("en", strings).plural("proc.copies", 2) == "2 copies"
