"""What a pull request shows: annotation order and grouping, the Vietnamese step summary,
the workflow, `guide build --drafts` and the preview a reviewer opens from a folder."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import ROOT, TODAY, base_yaml, copy_project

GUIDE_BIN = str(Path(sys.executable).parent / "guide")
NEW = "procedures/ho-tich/dang-ky-thu-nghiem.yml"
ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def guide(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # The console script, not `python -m`: the copied generator/schema folder would shadow the package.
    return subprocess.run([GUIDE_BIN, *args], cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def parse(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    """(level, properties, message) of each workflow command, messages unescaped."""
    out = []
    for line in stdout.splitlines():
        m = ANNOTATION.match(line)
        assert m, f"not a workflow command: {line}"
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        props = {k: v.replace("%3A", ":").replace("%2C", ",").replace("%25", "%") for k, v in props.items()}
        message = m.group(3).replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        out.append((m.group(1), props, message))
    return out


@pytest.fixture(scope="module")
def new_procedure(tmp_path_factory):
    """A copied project with one new procedure made by `guide new`, as an editor's pull request adds it."""
    project = copy_project(tmp_path_factory.mktemp("pr") / "project")
    run = guide(project, "new", "--code", "9.000901", "--field", "ho-tich", "--name", "Đăng ký thử nghiệm",
                "--level", "commune")
    assert run.returncode == 0, run.stderr
    return project


def test_a_new_procedure_shows_its_review_marks_and_one_notice_for_translations(new_procedure, tmp_path):
    project = new_procedure
    every = json.loads(guide(project, "check", "--format", "json", NEW).stdout)
    todo = sorted(i["line"] for i in every if i["code"] == "review.todo")
    missing = [i for i in every if i["code"] == "i18n.missing"]
    assert len(todo) > 10 and len(missing) > 20, "the case this is about: more of each than GitHub shows"
    summary = tmp_path / "summary.md"
    run = guide(project, "check", "--format", "github", NEW, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.returncode == 0, run.stderr
    found = parse(run.stdout)
    levels = Counter(level for level, _, _ in found)
    # Before: 0 errors, one warning per problem (11 marks + 22 translations), in file order, so
    # GitHub's first 10 warnings were mostly translations. Now: the first 10 warnings are review marks,
    # the rest of the marks are one notice, the translations one notice.
    assert levels == {"warning": 10, "notice": 2}, levels
    warnings = [props for level, props, _ in found if level == "warning"]
    assert all(p["title"] == "review.todo" for p in warnings)
    assert [int(p["line"]) for p in warnings] == todo[:10]
    [(_, more, more_text)] = [f for f in found if f[0] == "notice" and f[1]["title"].startswith("review.todo")]
    assert more["title"] == f"review.todo ×{len(todo) - 10}" and more["line"] == str(todo[10])
    assert [int(n) for n in re.findall(r"dòng (\d+)", more_text)] == todo[10:]
    [(_, notice, text)] = [f for f in found if f[0] == "notice" and f[1]["title"].startswith("i18n.missing")]
    assert notice["file"] == NEW and notice["title"] == f"i18n.missing ×{len(missing)}"
    assert notice["line"] == str(min(i["line"] for i in missing))
    assert text.startswith(f"Thiếu {len(missing)} bản dịch")
    for pointer in {i["pointer"] for i in missing}:  # every place is named in the one notice
        assert re.search(rf"[:,] {re.escape(pointer)}(,|$)", text, flags=re.M), pointer
    # The step summary, in Vietnamese, lists every problem with its file:line:column.
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## Kết quả `guide check`")
    assert f"**0** lỗi, **{len(every)}** cảnh báo" in md
    assert f"| `{NEW}` | `review.todo` | cảnh báo | {len(todo)} |" in md
    assert f"| `{NEW}` | `i18n.missing` | cảnh báo | {len(missing)} |" in md
    for i in every:
        assert f"`{i['file']}:{i['line']}:{i['column']}` `{i['code']}`" in md, i
    assert md.index("Chú thích TODO(review)") < md.index("Thiếu bản dịch")


def test_errors_come_first_and_are_never_folded(tmp_path):
    text = base_yaml()
    text = text.replace("name: {vi: Thủ tục mẫu, en: Sample procedure, zh: 示例手续}",
                        "name: {vi: Thủ tục mẫu}  # TODO(review): kiểm tra tên")
    # More errors than GitHub shows, all below the review mark: related procedures that do not exist.
    unknown = ", ".join(f'"9.1000{n:02d}"' for n in range(13))
    text = text.replace('related: ["1.001193"]', f"related: [{unknown}]")
    path = tmp_path / "sample.yml"
    path.write_text(text, encoding="utf-8")
    run = guide(ROOT, "check", "--format", "github", str(path), env={"GITHUB_STEP_SUMMARY": ""})
    assert run.returncode == 1
    found = parse(run.stdout)
    levels = [level for level, _, _ in found]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index), levels
    assert levels.count("error") == 13, "each error its own annotation, even past GitHub's 10"
    [todo] = [props for level, props, _ in found if level == "warning"]
    assert todo["title"] == "review.todo" and todo["line"] == "4"
    assert [props["title"] for level, props, _ in found if level == "notice"] == ["i18n.missing ×2"]


def test_no_step_summary_outside_a_workflow_or_in_text_format(tmp_path):
    path = tmp_path / "sample.yml"
    path.write_text(base_yaml(), encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert guide(ROOT, "check", str(path), env={"GITHUB_STEP_SUMMARY": str(summary)}).returncode == 0
    assert not summary.exists(), "the text format is for people at a terminal"
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    run = subprocess.run([GUIDE_BIN, "check", "--format", "github", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and not summary.exists()
    summary.write_text("## an earlier step\n", encoding="utf-8")
    assert guide(ROOT, "check", "--format", "github", str(path),
                 env={"GITHUB_STEP_SUMMARY": str(summary)}).returncode == 0
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## an earlier step\n"), "appended, never replacing other steps' summaries"
    assert "Không có lỗi hay cảnh báo nào." in md


def test_drift_writes_its_differences_to_the_step_summary(tmp_path):
    guide_file = tmp_path / "ho-tich" / "dang-ky-khai-sinh.yml"
    guide_file.parent.mkdir()
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(ROOT / "procedures/portal/records/1.001193.json", records)
    text = (ROOT / "procedures/ho-tich/dang-ky-khai-sinh.yml").read_text(encoding="utf-8")
    guide_file.write_text(text.replace("  vi: Đăng ký khai sinh\n", "  vi: Đăng ký khai tử\n", 1), encoding="utf-8")
    line = guide_file.read_text(encoding="utf-8").split("\n").index("  vi: Đăng ký khai tử") + 1
    summary = tmp_path / "summary.md"
    run = guide(ROOT, "drift", str(guide_file), "--portal", str(records), "--format", "github",
                env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.returncode == 1
    assert [(level, p["title"]) for level, p, _ in parse(run.stdout)] == [("error", "drift.name /name/vi")]
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## Kết quả `guide drift`") and "**1** lỗi" in md
    assert re.search(rf"`{re.escape(str(guide_file))}:{line}:7` `drift.name` `/name/vi`: .*Đăng ký khai tử", md)


def test_links_in_the_step_summary_point_at_the_pull_requests_commit():
    from generator.diagnostics.errors import make_issue
    from generator.diagnostics.pull_request import summary_markdown

    issue = make_issue("date.stale", "procedures/ho-tich/x.yml", 40, 11, "/reviewed", days=400, limit=365)
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
    md = summary_markdown([issue], "guide check", env)
    assert "[`procedures/ho-tich/x.yml:40:11`](https://github.com/o/r/blob/abc/procedures/ho-tich/x.yml#L40)" in md
    assert "`procedures/ho-tich/x.yml:40:11`" in summary_markdown([issue], "guide check", {})


# --- the workflow --------------------------------------------------------------------------------

def test_workflow_cancels_superseded_runs_caches_and_uploads_an_openable_preview():
    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    cached = {s["with"]["path"]: s["with"]["key"] for s in steps if s.get("uses", "").startswith("actions/cache")}
    assert ".cache" in cached and "hashFiles(" in cached[".cache"]
    assert "~/.cache/ms-playwright" in cached and "playwright" in cached["~/.cache/ms-playwright"]
    assert "guide check --format github --changed" in runs and "guide drift --format github" in runs
    assert "guide build --drafts --out preview-site" in runs
    assert "python -m generator.editors.preview preview-site preview" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "preview"
    # Nothing else builds with drafts: the real site never has them.
    for path in [ROOT / "Makefile", *ROOT.glob(".ci/*")]:
        assert "--drafts" not in path.read_text(encoding="utf-8"), path


# --- drafts and the preview ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(new_procedure, tmp_path_factory):
    """The same project built twice: as the real site, and as the pull-request preview (--drafts)."""
    from generator.build import build
    from generator.config import load_settings
    from generator.editors.preview import write_preview

    settings = load_settings(new_procedure)
    out = tmp_path_factory.mktemp("sites")
    build(settings, out / "site", today=TODAY, with_print=False)
    build(settings, out / "drafts", today=TODAY, with_print=False, drafts=True)
    drafts = write_preview(out / "drafts", out / "preview")
    return out, drafts


BANNER = {"": "BẢN NHÁP — chưa được kiểm tra", "en/": "DRAFT — not yet reviewed", "zh/": "草稿——尚未审核"}


def test_drafts_are_only_in_the_drafts_build_each_page_under_a_banner(built):
    out, _ = built
    for prefix, banner in BANNER.items():
        page = out / "drafts" / prefix / "thu-tuc/dang-ky-thu-nghiem/index.html"
        html = page.read_text(encoding="utf-8")
        assert f'<div class="cg-draft" role="note"' in html and banner in html
        assert html.index(banner) < html.index("<h1")
        assert not (out / "site" / prefix / "thu-tuc/dang-ky-thu-nghiem").exists()
        reviewed = (out / "drafts" / prefix / "thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
        assert "cg-draft" not in reviewed, "a reviewed guide is never marked"
    for html in (out / "site").rglob("*.html"):  # the real site: no draft, no banner, anywhere
        text = html.read_text(encoding="utf-8")
        assert "cg-draft" not in text and "dang-ky-thu-nghiem" not in text, html
    assert not list((out / "drafts").rglob("in/dang-ky-thu-nghiem*")), "no print products for a draft"


def test_build_has_a_drafts_option():
    from generator.cli import _parser

    assert _parser().parse_args(["build", "--drafts"]).drafts is True
    assert _parser().parse_args(["build"]).drafts is False


def test_the_preview_opens_from_the_folder(built, browser):
    out, drafts = built
    top = out / "preview"
    assert (top / "index.html").is_file() and not (top / "offline").exists()
    assert sorted(drafts) == sorted(f"{p}thu-tuc/dang-ky-thu-nghiem/index.html" for p in BANNER)
    readme = (top / "README.txt").read_text(encoding="utf-8")
    assert "index.html" in readme and "thu-tuc/dang-ky-thu-nghiem/index.html" in readme
    for html in top.rglob("*.html"):  # every folder link is made into its index.html
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src)="(?!https?:|tel:|mailto:|#|data:)[^"]*/"', text), html
        assert not re.search(r'(?:href|src)="\.{1,2}(/\.\.)*"', text), html
    # The offline packs share the rewriting: the logo's link home ("../..") opens index.html there too.
    import zipfile

    with zipfile.ZipFile(out / "drafts/offline/citizen-guide-vi.zip") as pack:
        html = pack.read("citizen-guide-vi/thu-tuc/dang-ky-khai-sinh/index.html").decode("utf-8")
    assert 'href="../../index.html"' in html and not re.search(r'href="\.{1,2}(/\.\.)*"', html)
    page = browser.new_page()
    try:
        page.goto((top / "index.html").as_uri())
        page.goto((top / "thu-tuc/dang-ky-thu-nghiem/index.html").as_uri())
        assert page.locator(".cg-draft").inner_text().startswith(BANNER[""])
        english = page.locator('a[hreflang="en"]').first.get_attribute("href")  # the language menu
        page.goto(urljoin(page.url, english))
        assert page.url == (top / "en/thu-tuc/dang-ky-thu-nghiem/index.html").as_uri()
        assert BANNER["en/"] in page.locator(".cg-draft").inner_text()
        page.goto((top / "tim-kiem/index.html").as_uri())  # search works from file:// and finds the draft
        page.fill("#cg-q", "thu nghiem")
        page.press("#cg-q", "Enter")
        page.wait_for_selector(".cg-search__results a")
        hrefs = [a.get_attribute("href") for a in page.locator(".cg-search__results a").all()]
        assert (top / "thu-tuc/dang-ky-thu-nghiem/index.html").as_uri() in hrefs
    finally:
        page.close()
