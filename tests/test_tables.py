"""Offices, provinces and communes tables, validated with frictionless."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from generator.content.tables import check_tables

TABLES = ROOT / "procedures" / "tables"
HEADER = ("gso_code,name_vi,name_en,name_zh,province_code,address_vi,address_en,address_zh,phone,"
          "hours_vi,hours_en,hours_zh,counter_vi,counter_en,counter_zh,volunteers_vi,volunteers_en,"
          "volunteers_zh,source")
GOOD = "00004,Phường Ba Đình,Ba Dinh Ward,巴亭坊,01" + "," * 14


@pytest.fixture
def tables(tmp_path):
    folder = tmp_path / "tables"
    shutil.copytree(TABLES, folder)

    def with_offices(*rows: str, header: str = HEADER):
        (folder / "offices.csv").write_text("\n".join([header, GOOD, *rows]) + "\n", encoding="utf-8")
        return [(i.code, i.file.rsplit("/", 1)[-1], i.line, i.column)
                for i in check_tables(folder, tmp_path)]

    return with_offices


def test_shipped_tables_are_valid():
    assert check_tables(TABLES, ROOT) == []


@pytest.mark.parametrize("row, expected", [
    (",Phường X,,,79" + "," * 14, ("table.required", "offices.csv", 3, 1)),
    ("26740,Phường Sài Gòn,,,79,,,,0251 3847 29" + "," * 10, ("table.pattern", "offices.csv", 3, 9)),
    ("00004,Phường Ba Đình,,,01" + "," * 14, ("table.unique", "offices.csv", 3, 1)),
    ("26740,Phường Sài Gòn,,,79" + "," * 15, ("table.row", "offices.csv", 3, 20)),
    ("99999,Phường Giả,,,79" + "," * 14, ("table.unknown-commune", "offices.csv", 3, 1)),
    ("26740,Phường Sài Gòn,,,00" + "," * 14, ("table.unknown-province", "offices.csv", 3, 5)),
    ("26740,Phường Sài Gòn,,,01" + "," * 14, ("table.province-mismatch", "offices.csv", 3, 5)),
])
def test_row_problems_are_positioned(tables, row, expected):
    assert expected in tables(row)


def test_renamed_column_is_a_header_problem(tables):
    found = tables(header=HEADER.replace("phone", "telephone"))
    assert ("table.header", "offices.csv", 1, 9) in found


def test_broken_package_descriptor(tmp_path):
    folder = tmp_path / "tables"
    shutil.copytree(TABLES, folder)
    (folder / "datapackage.json").write_text("{ not json", encoding="utf-8")
    assert [i.code for i in check_tables(folder, tmp_path)] == ["table.package"]


def test_csv_that_is_not_utf8(tmp_path):
    folder = tmp_path / "tables"
    shutil.copytree(TABLES, folder)
    (folder / "offices.csv").write_bytes((HEADER + "\n").encode() + GOOD.encode("utf-8")
                                         .replace("Ba Đình".encode(), b"Ba \xd0\xff"))
    codes = [i.code for i in check_tables(folder, tmp_path)]
    assert codes and all(c.startswith("table.") for c in codes)


def test_a_cached_table_check_reports_the_same_and_an_edit_is_seen(tmp_path, monkeypatch):
    """validate() keeps the tables' issues in the check cache, keyed by the bytes of every table file."""
    from conftest import copy_project
    from generator.config import load_settings
    from generator.content.validate import validate

    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    offices = root / "procedures" / "tables" / "offices.csv"
    offices.write_text(offices.read_text(encoding="utf-8") + "26740,Phường Sài Gòn,,,00" + "," * 14 + "\n",
                       encoding="utf-8")

    def table_issues():
        return [(i.code, i.line) for i in validate(load_settings(root)).issues if i.code.startswith("table.")]

    first = table_issues()
    assert any(code == "table.unknown-province" for code, _ in first)
    assert table_issues() == first, "from the cache: the same issues"
    offices.write_text(offices.read_text(encoding="utf-8").rsplit("26740,", 1)[0], encoding="utf-8")
    assert table_issues() == [], "the fixed table is checked again, not served from the cache"
