"""Print products: real Chromium PDFs, read back with poppler and decoded with zbar."""
from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
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


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True).stdout


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
    # The time was never missing: pdftotext gave "1 ngày làm\nviệc" when the cell wrapped. The time
    # column now keeps a short time on one line, and the text is compared with line breaks undone.
    assert "1 ngày làm việc" in _flat(text, "vi")
    assert fonts_embedded(pdf) == []
    [(url, width)] = qr_codes(pdf, tmp_path)
    assert url == BIRTH_URL
    # The URL is printed under the code. -raw: pdftotext's default mode joins "thu-tuc-" at a line's end
    # with the next line as a hyphenated word, and drops the hyphen.
    assert BIRTH_URL in pdf_text(pdf, "-raw").replace("\n", "").replace(" ", "")


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
    text = _flat(pdf_text(pdf), "vi")  # the side column is narrow: the address may take two lines
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


# --- handouts in 11 pt, posters with fee and time, scripts naming papers ------------------------

LANGS = ("vi", "en", "zh")


def text_sizes(path: Path) -> list[tuple[str, float]]:
    """Each run of text in the PDF with its font size in points, as pdftohtml reads it: the size the
    font is set at (its Tf and matrix), not a glyph's height, so tone marks, Chinese glyphs or a
    font's ascent change nothing. At -zoom 3 it is given in thirds of a point, rounded down."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "3", str(path)],
                         capture_output=True, text=True, check=True).stdout
    fonts: dict[str, float] = {}
    runs = []
    for page in re.findall(r"<page .*?</page>", xml, flags=re.S):  # a font is declared where first used
        fonts.update({font: int(size) / 3 for font, size in re.findall(r'<fontspec id="(\d+)" size="(\d+)"', page)})
        for font, body in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', page):
            runs.append((html.unescape(re.sub(r"<[^>]+>", "", body)), fonts[font]))
    return runs


def _same(text: str, lang: str) -> str:
    """Text to compare with pdftohtml's: ligatures ("ﬃ") and full-width forms folded, lines undone."""
    return _flat(unicodedata.normalize("NFKC", text), lang)


@pytest.fixture(scope="module")
def birth_views(printed):
    """The birth guide and its view per language, as `guide print` made them (views.py words it all)."""
    from generator.build import load_catalog
    from generator.config import load_settings
    from generator.content.strings import load_strings
    from generator.site.views import Views

    project = printed[0].parent / "project"
    catalog = load_catalog(load_settings(project))
    strings, _ = load_strings(project / "i18n")
    views = Views(catalog, strings)
    p = catalog.by_slug["dang-ky-khai-sinh"]
    return p, {lang: views.procedure(p, lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_handout_body_text_is_at_least_11_pt(printed, birth_views, lang):
    out, _ = printed
    p, views = birth_views
    L = views[lang].L
    runs = [(_same(text, lang), size) for text, size in text_sizes(out / f"chung/dang-ky-khai-sinh/dang-ky-khai-sinh-{lang}.pdf")]
    body = ([L.plain(a) for a in p.applicants] + [L.plain(d.name) for g in p.dossier for d in g.documents]
            + [L.plain(s.title) for s in p.steps] + [row.time for row in views[lang].channel_rows])
    for text in body:
        start = _same(text, lang)[:8 if lang == "zh" else 24]  # on the item's first line ("1. " before a step)
        sizes = [size for run, size in runs if start in run]
        assert sizes and min(sizes) >= 11, (text, sizes)
    chars: Counter[float] = Counter()
    for run, size in runs:
        chars[size] += len(run)
    assert max(chars, key=lambda size: chars[size]) >= 11, chars  # most of the sheet is body text
    # Notes, counts and the footer are smaller but readable; only the address under the code, there
    # to be typed if the code will not scan, is set smaller still.
    small = [(run, size) for run, size in runs if size < 9 and run not in _same(p.online_url or "", lang)]
    assert small == [], small


@pytest.mark.parametrize("lang", LANGS)
def test_handout_says_the_time_as_the_view_words_it(printed, birth_views, lang):
    out, _ = printed
    _, views = birth_views
    text = _flat(pdf_text(out / f"chung/dang-ky-khai-sinh/dang-ky-khai-sinh-{lang}.pdf"), lang)
    for ch in views[lang].channels:
        assert _flat(ch.time.line, lang) in text, ch.time.line


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", ["a4", "a3"])
def test_poster_says_what_it_costs_and_how_long_it_takes(printed, birth_views, tmp_path, lang, size):
    out, _ = printed
    p, views = birth_views
    view = views[lang]
    pdf = out / f"chung/dang-ky-khai-sinh/dang-ky-khai-sinh-poster-{size}-{lang}.pdf"
    assert pdf_info(pdf) == (1, A4 if size == "a4" else A3)
    [(url, width)] = qr_codes(pdf, tmp_path)
    assert url == BIRTH_URL and width >= (6.0 if size == "a4" else 10.0), width
    text = _flat(pdf_text(pdf), lang)
    online = next(ch for ch in view.channels if ch.name == "online")
    own = view.facts.channel("online")
    assert own is not None
    standing = next(fee for fee in online.fees if fee.fee is own.standing)
    assert _flat(online.time.line, lang) in text  # "1 ngày làm việc", "1 working day", "1 个工作日"
    assert _flat(standing.print_line, lang) in text  # "Miễn phí (khi đăng ký trong vòng 60 ngày …)"
    assert _flat(view.L.t("print.poster.time"), lang) in text and _flat(view.L.t("print.poster.fee"), lang) in text
    if len(online.fees) > 1 + len(own.limited):  # the late fee is on the handout; the poster says there is more
        assert _flat(view.L.t("print.poster.other_fees"), lang) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_poster_in_another_language_gives_the_vietnamese_name_and_says_the_portal_is_vietnamese(
        printed, birth_views, lang):
    out, _ = printed
    p, views = birth_views
    L = views[lang].L
    text = _flat(pdf_text(out / f"chung/dang-ky-khai-sinh/dang-ky-khai-sinh-poster-a4-{lang}.pdf"), lang)
    assert _flat(L.plain(p.name), lang) in text and _flat(p.name.vi, lang) in text  # 出生登记 and Đăng ký khai sinh
    note = L.t("print.poster.portal_vi", name=p.name.vi)
    assert "越南文" in note if lang == "zh" else "Vietnamese" in note
    assert _flat(note, lang) in text
    vi = _flat(pdf_text(out / "chung/dang-ky-khai-sinh/dang-ky-khai-sinh-poster-a4-vi.pdf"), "vi")
    assert _flat(views["vi"].L.t("print.poster.portal_vi", name=p.name.vi), "vi") not in vi  # not on the Vietnamese one


def test_loudspeaker_scripts_name_the_papers(printed, birth_views):
    """Scripts are read in Vietnamese over the commune's loudspeakers: one short and one long per
    procedure (no English or Chinese ones), and both say which papers to bring."""
    out, _ = printed
    p, _ = birth_views
    folder = out / "chung/dang-ky-khai-sinh"
    assert sorted(f.name for f in folder.glob("*.txt")) == ["dang-ky-khai-sinh-loa-dai.txt", "dang-ky-khai-sinh-loa-ngan.txt"]
    short, long = ((folder / f"dang-ky-khai-sinh-loa-{v}.txt").read_text(encoding="utf-8").lower() for v in ("ngan", "dai"))
    main = [d for g in p.dossier if g.id == "all" for d in g.documents if d.required]
    assert main
    for script in (short, long):
        assert "giấy tờ" in script and "tờ khai đăng ký khai sinh" in script and "giấy chứng sinh" in script
    assert all(" ".join(d.name.vi.lower().split()[:4]) in long for d in main)
