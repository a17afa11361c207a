"""Print products: real Chromium PDFs, read back with poppler and decoded with zbar."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

BIRTH_URL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
A4, A3 = (595, 842), (842, 1191)
# Test data for one office, so the commune version has an address and phone to print.
FIXTURE_OFFICE = {"address_vi": "Số 1 Đường Thử Nghiệm", "phone": "02838000000",
                  "hours_vi": "Thứ Hai đến Thứ Sáu, sáng 7 giờ 30 đến 11 giờ 30"}


def guide(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GUIDE_CACHE_DIR": str(cache)}
    # The console script, not `python -m`: the copied generator/schema folder would shadow the package.
    return subprocess.run([str(Path(sys.executable).parent / "guide"), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    base = tmp_path_factory.mktemp("print")
    project = base / "project"
    copy_project(project)
    offices = project / "procedures/tables/offices.csv"
    rows = list(csv.DictReader(offices.open(encoding="utf-8")))
    for row in rows:
        if row["gso_code"] == "26743":
            row.update(FIXTURE_OFFICE)
    with offices.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    cache, out = base / "cache", base / "out"
    runs = {
        "generic": guide(project, cache, "print", "--procedure", "dang-ky-khai-sinh", "--out", str(out)),
        "commune": guide(project, cache, "print", "--commune", "26743", "--procedure", "dang-ky-thuong-tru",
                         "dang-ky-khai-sinh", "--lang", "vi", "--out", str(out)),
        "no-office": guide(project, cache, "print", "--commune", "00025", "--procedure", "dang-ky-khai-sinh",
                           "--lang", "vi", "--out", str(out)),
        "again": guide(project, cache, "print", "--procedure", "dang-ky-khai-sinh", "--out", str(out)),
    }
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
    return out, runs


def pdf_info(path: Path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return pages, (round(float(w)), round(float(h)))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def fonts_embedded(path: Path) -> list[str]:
    """Rows of pdffonts that are NOT embedded (should be none)."""
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
    return [r for r in rows if not re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", r)]


def qr_codes(path: Path, tmp: Path, page: int = 1) -> list[tuple[str, float]]:
    """Decode QR codes on a page rasterised at 150 dpi: (text, symbol width in cm)."""
    from pyzbar.pyzbar import decode

    prefix = tmp / f"{path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-f", str(page), "-l", str(page), str(path), str(prefix)],
                   check=True)
    [pgm] = tmp.glob(f"{prefix.name}*.pgm")
    raw = pgm.read_bytes()
    magic, size, _maxval, pixels = raw.split(b"\n", 3)
    assert magic == b"P5"
    width, height = map(int, size.split())
    return [(s.data.decode(), s.rect.width / 150 * 2.54) for s in decode((pixels, width, height))]


def test_handout_is_a4_with_name_fee_and_qr(printed, tmp_path):
    out, _ = printed
    pdf = out / "chung/dang-ky-khai-sinh/dang-ky-khai-sinh-vi.pdf"
    pages, size = pdf_info(pdf)
    # The birth guide's checklist (late fee, by-post copies) flows onto a second sheet, as the README says.
    assert size == A4 and pages in (1, 2)
    text = pdf_text(pdf)
    assert "Đăng ký khai sinh" in text and "Miễn phí" in text
    assert fonts_embedded(pdf) == []
    [(url, width)] = qr_codes(pdf, tmp_path)
    assert url == BIRTH_URL
    assert BIRTH_URL in text.replace("\n", "").replace(" ", "")  # the URL is printed under the code


def test_bilingual_handout_has_both_languages_on_facing_pages(printed, tmp_path):
    out, _ = printed
    pdf = out / "chung/dang-ky-khai-sinh/dang-ky-khai-sinh-vi-zh.pdf"
    pages, size = pdf_info(pdf)
    assert size == A4 and pages >= 2
    text = pdf_text(pdf)
    assert "Đăng ký khai sinh" in text and "出生登记" in text and "免费" in text
    assert fonts_embedded(pdf) == []
    # Each language starts on its own page: the Chinese half carries the code again.
    found = [u for page in range(2, pages + 1) for u, _ in qr_codes(pdf, tmp_path, page=page)]
    assert BIRTH_URL in found and set(found) == {BIRTH_URL}


def test_a3_poster_has_a_large_code_and_a_trust_line(printed, tmp_path):
    out, _ = printed
    pdf = out / "chung/dang-ky-khai-sinh/dang-ky-khai-sinh-poster-a3-vi.pdf"
    assert pdf_info(pdf) == (1, A3)
    [(url, width)] = qr_codes(pdf, tmp_path)
    assert url == BIRTH_URL and width >= 10.0, width
    text = pdf_text(pdf)
    assert ".gov.vn" in text and "Nếu nghi ngờ" in text


def test_a4_poster_code_is_at_least_6_cm(printed, tmp_path):
    out, _ = printed
    pdf = out / "chung/dang-ky-khai-sinh/dang-ky-khai-sinh-poster-a4-zh.pdf"
    assert pdf_info(pdf) == (1, A4)
    [(url, width)] = qr_codes(pdf, tmp_path)
    assert url == BIRTH_URL and width >= 6.0, width
    assert fonts_embedded(pdf) == []


def test_commune_version_prints_the_office_and_hotline(printed, tmp_path):
    out, _ = printed
    pdf = out / "26743/dang-ky-thuong-tru/dang-ky-thuong-tru-vi.pdf"
    text = pdf_text(pdf)
    for expected in ("Đăng ký thường trú", "Phường Bến Thành", FIXTURE_OFFICE["address_vi"],
                     FIXTURE_OFFICE["phone"], "1022", "20.000 đồng", "10.000 đồng"):
        assert expected in text, expected
    pages, size = pdf_info(pdf)
    assert size == A4 and pages <= 2


def test_commune_without_an_office_row_gets_the_generic_help(printed):
    out, _ = printed
    text = re.sub(r"\s+", " ", pdf_text(out / "00025/dang-ky-khai-sinh/dang-ky-khai-sinh-vi.pdf"))
    assert "Phường Giảng Võ" in text
    assert "Trung tâm Phục vụ hành chính công" in text


def test_long_content_flows_without_losing_anything(printed):
    """Every document and step of the longest handout is in the PDF text, across pages."""
    from generator.build import load_catalog
    from generator.config import load_settings

    out, _ = printed
    catalog = load_catalog(load_settings(ROOT))
    p = catalog.by_slug["dang-ky-thuong-tru"]
    pdf = out / "26743/dang-ky-thuong-tru/dang-ky-thuong-tru-vi.pdf"
    flat = re.sub(r"\s+", " ", pdf_text(pdf))
    for group in p.dossier:
        for d in group.documents:
            assert re.sub(r"\s+", " ", d.name.vi) in flat, d.name.vi
    for step in p.steps:
        assert re.sub(r"\s+", " ", step.title.vi) in flat, step.title.vi


def test_a_second_run_renders_nothing(printed):
    _, runs = printed
    assert "(0 PDF mới, 11 lấy từ bộ nhớ đệm)" in runs["again"].stderr  # Vietnamese: the default language


def test_unknown_commune_or_procedure_is_a_usage_error(printed):
    project = ROOT
    run = guide(project, ROOT / ".cache", "print", "--commune", "99999")
    assert run.returncode == 2 and "không có mã xã 99999" in run.stderr  # Vietnamese: the default language
    run = guide(project, ROOT / ".cache", "print", "--procedure", "no-such-thing")
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_no_browser_gives_one_clear_message(monkeypatch):
    from generator.print import browser

    class NoBundled:
        class chromium:  # noqa: N801 - the shape of Playwright's object
            executable_path = "/nonexistent/chrome"

    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM", ("/nonexistent/chromium",))
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    with pytest.raises(browser.NoBrowserError) as failure:
        browser.executable(NoBundled())
    assert "apt-get install chromium" in str(failure.value)


# Words of print.to_verify in each language (i18n/*.yml), as pdftotext reads them back.
TO_VERIFY = {"vi": "đang được đối chiếu lại với bản ghi chính thức",
             "en": "Some details on this sheet are still being checked",
             "zh": "本资料部分信息仍在与官方记录核对"}


def _flat(text: str, lang: str) -> str:
    """Text with line breaks undone; Chinese has no spaces to keep."""
    return re.sub(r"\s+", "" if lang == "zh" else " ", text)


def test_handout_says_when_details_are_still_being_checked(printed, tmp_path):
    out, _ = printed
    folder = out / "chung/dang-ky-khai-sinh"  # the birth guide has to_verify entries, like the page says
    for lang, words in TO_VERIFY.items():
        assert _flat(words, lang) in _flat(pdf_text(folder / f"dang-ky-khai-sinh-{lang}.pdf"), lang), lang
    both = pdf_text(folder / "dang-ky-khai-sinh-vi-zh.pdf")
    assert TO_VERIFY["vi"] in _flat(both, "vi") and TO_VERIFY["zh"] in _flat(both, "zh")
    # The same guide once everything is checked (no to_verify): no such line on the handout.
    project = copy_project(tmp_path / "project")
    birth = project / "procedures/ho-tich/dang-ky-khai-sinh.yml"
    text = birth.read_text(encoding="utf-8")
    checked = re.sub(r"^to_verify:\n(?:[ -].*\n|\n)*", "", text, flags=re.M)
    assert checked != text
    birth.write_text(checked, encoding="utf-8")
    run = guide(project, tmp_path / "cache", "print", "--procedure", "dang-ky-khai-sinh", "--lang", "vi", "en",
                "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    for lang in ("vi", "en"):
        handout = _flat(pdf_text(tmp_path / f"out/chung/dang-ky-khai-sinh/dang-ky-khai-sinh-{lang}.pdf"), lang)
        assert _flat(TO_VERIFY[lang], lang) not in handout and "1.001193" in handout


def test_handout_and_page_word_each_fee_the_same(printed):
    """One wording (views.py): the PDF prints each fee as the page shows it, the time-limited waiver
    of 1.004222 with its condition and last day included."""
    from generator.build import load_catalog
    from generator.config import load_settings
    from generator.site.pages import PageRenderer
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    out, _ = printed
    project = out.parent / "project"
    catalog = load_catalog(load_settings(project))  # today, as `guide print` ran
    strings, _ = load_strings(project / "i18n")
    pages = PageRenderer(catalog, strings, project / "templates", QRCache(None))
    residence = catalog.by_code["1.004222"]
    view = pages.view(residence, "vi")
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", pages.procedure(residence, "vi").html)).replace(" )", ")")
    pdf = re.sub(r"\s+", " ", pdf_text(out / "26743/dang-ky-thuong-tru/dang-ky-thuong-tru-vi.pdf"))
    lines = [fee for ch in view.channels for fee in ch.fees]
    assert lines
    for fee in lines:
        assert fee.line in page, fee.line
        assert fee.print_line in pdf, fee.print_line
    waiver = [fee for fee in lines if fee.fee.valid_until]
    if residence.channels.online and any(f.valid_until for f in residence.channels.online.fees):
        assert waiver and "28/2/2027" in waiver[0].line, "the waiver holds today: it is printed with its end"
