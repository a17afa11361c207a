"""A procedure page a person can read on a phone, and "Print this page" that prints a handout.

The birth page in real Chromium, in the three languages: at most half as long as it was on a
360 px phone, with the form folded behind its button; two A4 sheets when printed; nothing
sideways at 180 px (a 360 px phone at 200 % zoom), with the form open.
"""
from __future__ import annotations

import subprocess

import pytest

from conftest import DESKTOP, MOBILE, ROOT
from generator.content.strings import load_strings

LANGS = {"vi": "", "en": "en/", "zh": "zh/"}
BIRTH = "thu-tuc/dang-ky-khai-sinh/"
FORM = "to-khai-dang-ky-khai-sinh"
# document.documentElement.scrollHeight of the birth page at 360 × 740 before this work: measured on
# 1 December 2026 on commit 26247ef (the form open on the page, the steps after it, three channel
# cards, the QR code on phones). The page must now take at most half of that.
BEFORE = {"vi": 17245, "en": 18655, "zh": 14866}
TINY = {"width": 180, "height": 740}  # 360 px at 200 % zoom


@pytest.fixture(scope="module")
def strings():
    return load_strings(ROOT / "i18n")[0]


def settled(page):
    page.wait_for_load_state("networkidle")
    return page


def squeezed(text: str) -> str:
    """Without white space: a PDF's text breaks lines where the page does, Chinese within words."""
    return "".join(text.split())


def pdf_page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@pytest.mark.parametrize("lang", LANGS)
def test_the_birth_page_is_at_most_half_as_long_on_a_phone(open_page, strings, lang):
    page = settled(open_page(LANGS[lang] + BIRTH, MOBILE))
    assert page.locator("[data-cg-form-toggle]").evaluate("d => !d.open"), "the form starts closed"
    assert not page.locator(f"#f-{FORM}-requester-name").is_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= BEFORE[lang] / 2, f"{lang}: {height} px, more than half of {BEFORE[lang]}"

    # under the summary: the essentials, then the links to the parts of the page, each to a heading
    essentials = page.locator(".cg-essentials")
    assert essentials.locator("li").count() == 3
    text = essentials.inner_text()
    for key in ("proc.fee", "proc.time", "proc.ways"):
        assert strings[lang][key] in text
    assert page.locator(".cg-lead").bounding_box()["y"] < essentials.bounding_box()["y"] \
        < page.locator(".cg-jump").bounding_box()["y"] < page.locator("h2#who").bounding_box()["y"]
    targets = page.eval_on_selector_all(".cg-jump a", "els => els.map(a => a.getAttribute('href'))")
    assert targets[:3] == ["#channels", "#documents", "#steps"]
    for target in targets:
        assert page.locator(target).count() == 1, target
    # the steps come right after the documents, then the form's button
    order = page.eval_on_selector_all(".cg-page h2[id]", "els => els.map(h => h.id)")
    assert order[order.index("documents") + 1:order.index("documents") + 3] == ["steps", "forms"]
    # each fact once: one time and one fee block for the three channels, no "Whole procedure" label
    ways = page.locator(".cg-compare")
    assert ways.locator(".cg-channel").count() == 3
    assert ways.locator(".cg-channel .cg-fee").count() == 0, "a fee every channel shares is not in the cards"
    assert ways.inner_text().count(strings[lang]["unit.working_day.one"]) == 1
    assert ways.locator(".cg-channel--in_person .cg-avail").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_channel_cards_stack_on_a_phone_and_sit_side_by_side_on_a_desktop(open_page, lang):
    def lefts(viewport):
        page = settled(open_page(LANGS[lang] + BIRTH, viewport))
        return [round(c.bounding_box()["x"]) for c in page.locator(".cg-channel").all()]

    assert len(set(lefts(MOBILE))) == 1, "one column on a phone"
    assert len(set(lefts(DESKTOP))) > 1, "side by side on a wide screen"


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_code_is_for_wide_screens_and_paper_a_phone_gets_the_button(open_page, lang):
    phone = settled(open_page(LANGS[lang] + BIRTH, MOBILE))
    assert not phone.locator(".cg-qr").is_visible()
    assert phone.locator(".cg-online .cg-button--primary").is_visible()
    phone.emulate_media(media="print")
    assert phone.locator(".cg-qr").is_visible(), "printed, the code is there to scan"
    desktop = settled(open_page(LANGS[lang] + BIRTH, DESKTOP))
    assert desktop.locator(".cg-qr").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_print_this_page_prints_at_most_two_a4_sheets_of_guide(open_page, strings, tmp_path, lang):
    page = settled(open_page(LANGS[lang] + BIRTH, MOBILE))
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name=strings[lang]["proc.print"]).click()
    assert page.evaluate("window.__printed") == 1, "the button prints the page"
    page.emulate_media(media="print")
    pdf = tmp_path / f"{lang}.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf_page_count(pdf) <= 2
    text = squeezed(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    # the guide: its name, papers and steps, and the address the QR code opens ...
    for part in (page.locator("h1").inner_text(), page.locator(".cg-docs label").first.inner_text(),
                 page.locator(".cg-steps label").last.inner_text(), "dichvucong.gov.vn"):
        assert squeezed(part) in text, part
    # ... and none of what is only for the screen: links to parts, the form, the phone's button
    for key in ("proc.on_this_page", "form.open", "form.check", "proc.online_button", "proc.print"):
        assert squeezed(strings[lang][key]) not in text, key


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_scrolls_sideways_at_180_px_with_the_form_open(open_page, lang):
    page = settled(open_page(LANGS[lang] + BIRTH, TINY))
    page.locator("[data-cg-form-toggle] > summary").click()
    assert page.locator(f"#f-{FORM}-child-birth-date-year").is_visible()
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"scrolls sideways: {width}"
    day, year = (page.locator(f"#f-{FORM}-child-birth-date{s}").bounding_box() for s in ("", "-year"))
    assert year["x"] + year["width"] <= TINY["width"]
    assert year["y"] > day["y"], "the date boxes wrap rather than push the page wider"


def test_the_form_opens_from_the_checklist_link_and_for_a_saved_draft(open_page):
    page = settled(open_page(BIRTH, MOBILE))
    toggle = page.locator("[data-cg-form-toggle]")
    assert toggle.evaluate("d => !d.open")
    page.locator(f".cg-fill-link[href='#form-{FORM}']").click()
    assert toggle.evaluate("d => d.open")
    page.fill(f"#f-{FORM}-requester-name", "Trần Thị Mai")
    page.reload()
    settled(page)
    assert toggle.evaluate("d => d.open"), "a resident's draft opens the form again"
    assert page.input_value(f"#f-{FORM}-requester-name") == "Trần Thị Mai"


@pytest.fixture(scope="module")
def birth_form():
    from generator.config import load_settings
    from generator.content.validate import validate

    return validate(load_settings(ROOT)).forms[FORM].form


@pytest.mark.parametrize("lang", LANGS)
def test_check_your_answers_brings_its_heading_into_view(open_page, strings, birth_form, lang):
    from test_forms_browser import REAL, fill  # a whole declaration, typed as a family would

    page = settled(open_page(LANGS[lang] + BIRTH, MOBILE))
    page.locator("[data-cg-form-toggle] > summary").click()
    fill(page, birth_form, REAL)
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    heading = page.locator(f"[data-cg-form='{FORM}'] [data-cg-answers] h4")
    assert heading.inner_text() == strings[lang]["form.check_title"]
    box = heading.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= MOBILE["height"] / 2, box
    # on screen, not under the site's sticky header
    seen = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('h4') !== null",
                         [box["x"] + 4, box["y"] + box["height"] / 2])
    assert seen, box
