"""Editors' workflow: new, --changed against a real git repository, translations, freshness, validity."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

BIRTH = "procedures/ho-tich/dang-ky-khai-sinh.yml"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    copy_project(root)
    return root


def guide(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # The console script, not `python -m`: the copied generator/schema folder would shadow the package.
    return subprocess.run([str(Path(sys.executable).parent / "guide"), *args], cwd=project, input=stdin,
                          capture_output=True, text=True, timeout=300, env={**os.environ})


def git(project: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True,
                          text=True).stdout


# --- guide new -----------------------------------------------------------------

def test_new_writes_a_valid_skeleton_with_vietnamese_comments(project):
    run = guide(project, "new", "--code", "9.000123", "--field", "cu-tru", "--name", "Tách hộ thử nghiệm",
                "--level", "commune")  # not "Tách hộ": procedures/cu-tru/tach-ho.yml is a shipped guide now
    assert run.returncode == 0, run.stderr
    path = project / "procedures/cu-tru/tach-ho-thu-nghiem.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schema/procedure.schema.json")
    assert "# Cách nộp: in_person (trực tiếp)" in text
    check = guide(project, "check", "--format", "json", "procedures/cu-tru/tach-ho-thu-nghiem.yml")
    assert check.returncode == 0, check.stdout
    codes = {i["code"] for i in json.loads(check.stdout)}
    assert codes <= {"review.todo", "i18n.missing"} and "review.todo" in codes


def test_new_refuses_to_overwrite_or_reuse_a_code_or_slug(project):
    before = (project / BIRTH).read_bytes()
    same_code = guide(project, "new", "--code", "1.001193", "--field", "ho-tich", "--name", "Khác",
                      "--level", "commune", "--lang", "en")
    assert same_code.returncode == 2 and "already exists" in same_code.stderr
    same_slug = guide(project, "new", "--code", "9.000124", "--field", "ho-tich", "--name", "Đăng ký khai sinh",
                      "--level", "commune", "--lang", "en")
    assert same_slug.returncode == 2 and "slug dang-ky-khai-sinh already exists" in same_slug.stderr
    assert (project / BIRTH).read_bytes() == before


def test_new_without_a_terminal_needs_flags(project):
    run = guide(project, "new", "--code", "9.000125", "--lang", "en", stdin="")
    assert run.returncode == 2 and "--name is required" in run.stderr


# --- guide check --changed -----------------------------------------------------

def test_changed_checks_only_what_changed_with_catalog_wide_cross_checks(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    git(project, "checkout", "-q", "-b", "edit")
    birth = project / BIRTH
    birth.write_text(birth.read_text(encoding="utf-8").replace("level: commune", "level: district"),
                     encoding="utf-8")
    git(project, "commit", "-qam", "break birth registration")
    newcomer = project / "procedures/cu-tru/ban-sao.yml"  # untracked: reuses an unchanged file's code
    newcomer.write_text((project / "procedures/cu-tru/dang-ky-tam-tru.yml").read_text(encoding="utf-8")
                        .replace("slug: dang-ky-tam-tru", "slug: ban-sao"), encoding="utf-8")
    # an unchanged file that is broken must not be reported
    other = project / "procedures/cu-tru/khai-bao-tam-vang.yml"
    run = guide(project, "check", "--changed", "main", "--format", "json")
    assert run.returncode == 1
    found = {(Path(i["file"]).name, i["code"]) for i in json.loads(run.stdout)}
    assert ("dang-ky-khai-sinh.yml", "schema.enum") in found
    assert ("ban-sao.yml", "ref.duplicate-code") in found
    assert not any(name == other.name for name, _ in found)
    assert {name for name, _ in found} == {"dang-ky-khai-sinh.yml", "ban-sao.yml"}


def test_changed_with_nothing_changed_is_quick_and_clean(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    run = guide(project, "check", "--changed", "--lang", "en")
    assert run.returncode == 0 and "no procedure" in run.stderr


# --- translations ----------------------------------------------------------------

def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))  # the export starts with a BOM, for Excel


def test_i18n_status_finds_missing_and_outdated_and_the_csv_round_trips(project):
    birth = project / BIRTH
    original = birth.read_text(encoding="utf-8")
    edited = (original
              .replace("  zh: 出生登记\n", "", 1)  # a missing translation (block style)
              .replace("issuer: {vi: Quốc hội, en: National Assembly, zh: 国会}",
                       "issuer: {vi: Quốc hội, en: National Assembly}")  # missing (flow style)
              )
    summary_vi = ("Đăng ký cho trẻ mới sinh để được cấp Giấy khai sinh. "
                  "Cha hoặc mẹ nên làm trong vòng 60 ngày kể từ ngày sinh.")
    assert summary_vi in edited
    edited = edited.replace(summary_vi, "Đăng ký cho trẻ mới sinh để được cấp Giấy khai sinh.")  # now outdated
    birth.write_text(edited, encoding="utf-8")

    status = guide(project, "i18n-status", "--lang", "en")
    assert "zh: 2 missing, 1 outdated" in status.stdout
    assert "en: 0 missing, 1 outdated" in status.stdout

    exported = guide(project, "i18n-status", "--format", "csv").stdout
    rows = _rows(exported)
    assert {(r["pointer"], r["lang"], r["status"]) for r in rows} >= {
        ("/name", "zh", "missing"), ("/legal_basis/0/issuer", "zh", "missing"), ("/summary", "en", "outdated")}
    answers = {("/name", "zh"): "出生登记", ("/legal_basis/0/issuer", "zh"): "国会",
               ("/summary", "en"): "Register a newborn child to get a birth certificate.",
               ("/summary", "zh"): "为新生儿办理登记，领取出生证。"}
    for r in rows:
        r["translation"] = answers.get((r["pointer"], r["lang"]), "")
    filled = io.StringIO()
    writer = csv.DictWriter(filled, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (project / "todo.csv").write_text(filled.getvalue(), encoding="utf-8")

    imported = guide(project, "i18n-import", "todo.csv")
    assert imported.returncode == 0, imported.stderr
    after = birth.read_text(encoding="utf-8")
    expected = (edited
                .replace("  en: Birth registration\n", "  en: Birth registration\n  zh: 出生登记\n", 1)
                .replace("issuer: {vi: Quốc hội, en: National Assembly}",
                         "issuer: {vi: Quốc hội, en: National Assembly, zh: 国会}")
                .replace("  en: Register a newborn child to get a birth certificate. A parent should do it within "
                         "60 days of the birth.",
                         "  en: Register a newborn child to get a birth certificate.")
                .replace("  zh: 为新生儿办理登记，领取出生证。父母应在孩子出生后60天内办理。",
                         "  zh: 为新生儿办理登记，领取出生证。"))
    assert after == expected, "only the merged strings change; comments and layout stay byte-identical"
    status = guide(project, "i18n-status", "--lang", "en")
    assert "zh: 0 missing, 0 outdated" in status.stdout and "en: 0 missing, 0 outdated" in status.stdout
    assert guide(project, "check", BIRTH, "--strict").returncode == 0


def test_i18n_status_and_import_cover_declaration_forms(project):
    form = project / "procedures/forms/ct01.yml"
    original = form.read_text(encoding="utf-8")
    # The Chinese help of the first field, whatever its wording today.
    line = re.search(r"^          zh: 用越南文.*\n", original, flags=re.M).group(0)
    form.write_text(original.replace(line, "", 1), encoding="utf-8")
    rows = _rows(guide(project, "i18n-status", "--format", "csv").stdout)
    assert [(r["file"], r["code"], r["pointer"], r["lang"], r["status"]) for r in rows] == [
        ("procedures/forms/ct01.yml", "form:ct01", "/sections/0/fields/0/help", "zh", "missing")]
    rows[0]["translation"] = line.split("zh: ", 1)[1].strip()
    filled = io.StringIO()
    writer = csv.DictWriter(filled, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (project / "todo.csv").write_text(filled.getvalue(), encoding="utf-8")
    assert guide(project, "i18n-import", "todo.csv").returncode == 0
    text = rows[0]["translation"]  # has commas, so the importer quotes it; it reads back the same
    assert form.read_text(encoding="utf-8") == original.replace(line, f'          zh: "{text}"\n', 1)
    assert guide(project, "check", "procedures/forms/ct01.yml").returncode == 0
    assert "zh: 0 missing, 0 outdated" in guide(project, "i18n-status", "--lang", "en").stdout


def test_i18n_import_reports_rows_it_cannot_place(project):
    (project / "bad.csv").write_text("file,code,pointer,lang,status,vi,current,translation\n"
                                     f"{BIRTH},1.001193,/nope,zh,missing,x,,y\n", encoding="utf-8")
    run = guide(project, "i18n-import", "bad.csv")
    assert run.returncode == 1 and "bad.csv:2:3: error[translation.pointer] /2/pointer" in run.stderr


# --- freshness and validity ---------------------------------------------------------

def test_stale_lists_old_reviews_and_replaced_legal_basis(project):
    birth = project / BIRTH
    text = re.sub(r"^reviewed: .*$", "reviewed: 2024-01-10", birth.read_text(encoding="utf-8"), count=1, flags=re.M)
    birth.write_text(text
                     .replace("    date: 2019-11-29\n", "    date: 2019-11-29\n    replaced_by: 99/2026/TT-BTC\n"),
                     encoding="utf-8")
    run = guide(project, "stale", "--days", "365", "--lang", "en")
    assert run.returncode == 0
    line = next(x for x in run.stdout.splitlines() if "1.001193" in x)
    assert "reviewed" in line and "2024-01-10" in line
    assert "85/2019/TT-BTC was replaced by 99/2026/TT-BTC" in line
    # The birth guide, and every guide that already names a replaced legal basis (they need review too).
    due = {p for p in _guides(project) if "replaced_by:" in p.read_text(encoding="utf-8")} | {project / BIRTH}
    assert f"{len(due)} of {len(_guides(project))} procedures need review" in run.stdout


def _guides(project: Path) -> list[Path]:
    return [p for p in project.glob("procedures/*/*.yml") if p.parent.name != "forms"]


def test_validity_dates_gate_publication(project):
    from generator.build import load_catalog
    from generator.config import load_settings

    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    birth, death = project / BIRTH, project / "procedures/ho-tich/dang-ky-khai-tu.yml"
    birth.write_text(birth.read_text(encoding="utf-8") + f"valid_from: {future}\n", encoding="utf-8")
    death.write_text(death.read_text(encoding="utf-8") + f"valid_until: {past}\n", encoding="utf-8")
    check = guide(project, "check", "--format", "json")
    assert check.returncode == 0
    found = {(Path(i["file"]).name, i["code"]) for i in json.loads(check.stdout)}
    assert ("dang-ky-khai-sinh.yml", "publish.not-yet") in found
    assert ("dang-ky-khai-tu.yml", "publish.ended") in found
    catalog = load_catalog(load_settings(project))
    assert "1.001193" not in catalog.by_code and "1.000656" not in catalog.by_code
    assert len(catalog.guides) == len(_guides(project)) - 2
    assert all("1.001193" not in [r.code for r in catalog.related(p)] for p in catalog.procedures)


def test_github_workflow_checks_pull_requests_and_uploads_a_preview():
    workflow = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "pull_request" in workflow
    assert "guide check --format github" in workflow
    assert "--changed" in workflow
    assert "upload-artifact" in workflow and "guide build" in workflow


def test_a_draft_with_todo_review_notes_is_not_published(project):
    from generator.build import load_catalog
    from generator.config import load_settings

    assert guide(project, "new", "--code", "9.000126", "--field", "ho-tich", "--name", "Thủ tục nháp",
                 "--level", "commune").returncode == 0
    catalog = load_catalog(load_settings(project))
    assert "9.000126" not in catalog.by_code and len(catalog.guides) == len(_guides(project)) - 1
