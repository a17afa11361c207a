"""Declaration forms and case questions in real Chromium, on a 360 × 740 phone, in Vietnamese and Chinese.

The forms and questions are the project's own (procedures/forms/, procedures/*/), read through the
same model the site is built from, so these tests follow the content rather than a copy of it.
"""
from __future__ import annotations

import itertools
import json
import subprocess
from urllib.parse import quote

import pytest

from conftest import ROOT
from generator.config import load_settings
from generator.content.flow import asked, combinations, visible_groups
from generator.content.form_model import Form
from generator.content.validate import validate

LANGS = {"vi": "", "zh": "zh/"}
ALL_LANGS = {"vi": "", "en": "en/", "zh": "zh/"}
BIRTH = "thu-tuc/dang-ky-khai-sinh/"
FORM = "to-khai-dang-ky-khai-sinh"
NAME = "Trần Thị Mai Hương"
GOOD_ID = "079305001234"
ADDRESS = "số 12 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh"
# A whole birth declaration as a family fills it in, with addresses of real length.
REAL = {
    "addressee": "Ủy ban nhân dân phường Bến Thành", "requester-name": NAME, "requester-id-number": GOOD_ID,
    "requester-residence": ADDRESS, "relationship": "mother", "child-name": "Trần Minh Khôi",
    "child-birth-date": "5/3/2024", "child-sex": "male", "child-ethnicity": "Hoa", "child-nationality": "Việt Nam",
    "child-birth-place": "Bệnh viện Từ Dũ, số 284 đường Cống Quỳnh, phường Bến Thành, Thành phố Hồ Chí Minh",
    "child-home-town": "xã Tân Hưng, tỉnh Tây Ninh", "mother-name": NAME, "mother-birth-year": "1995",
    "mother-ethnicity": "Kinh", "mother-nationality": "Việt Nam", "mother-residence": ADDRESS,
    "father-name": "Trần Văn Bình", "father-birth-year": "1992", "father-ethnicity": "Hoa",
    "father-nationality": "Việt Nam", "father-residence": ADDRESS, "want-copies": "yes", "copy-count": "2",
}


@pytest.fixture(scope="module")
def content():
    result = validate(load_settings(ROOT))
    return {r.get_entry().procedure.slug: r.get_entry().procedure for r in result.records}, \
        {slug: entry.form for slug, entry in result.forms.items()}


def value_for(field) -> str | list[str]:
    """A valid answer for any field, by its type and rules."""
    if field.type in ("radio", "select"):
        return field.options[0].value
    if field.type == "checkbox":
        return [field.options[0].value]
    return {
        "date": "5/3/2024", "number": str(field.min if field.min is not None else 1),
        "phone": "0912345678", "citizen_id": "001203004567",
        "long_text": "Đăng ký thường trú tại số 12 đường Lê Lợi",
    }.get(field.type, "mai@example.vn" if field.pattern else f"Giá trị {field.id}")


def fill(page, form: Form, overrides: dict[str, str] | None = None) -> dict[str, object]:
    """Fill every field of the form the way a person would; returns what was typed."""
    typed: dict[str, object] = {}
    for field in form.fields():
        value = (overrides or {}).get(field.id, value_for(field))
        base = f"#f-{form.slug}-{field.id}"
        if field.type == "date":
            day, month, year = str(value).split("/")
            page.fill(base, day)
            page.fill(base + "-month", month)
            page.fill(base + "-year", year)
        elif field.type == "select":
            page.select_option(base, str(value))
        elif field.type in ("radio", "checkbox"):
            for v in ([value] if isinstance(value, str) else value):
                first = field.options[0].value == v
                page.check(base if first else f"{base}-{v}")
        else:
            page.fill(base, str(value))
        typed[field.id] = value
    return typed


def draft(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem('cg:form:{FORM}') || '{{}}'"))


def open_birth(open_page, lang, query=""):
    """The birth page with its form open, as a resident opens it: a tap on the form's button (the
    form starts closed, so the guide stays short; a saved draft opens it by itself)."""
    page = open_page(ALL_LANGS[lang] + BIRTH + query)
    page.wait_for_selector(f"[data-cg-form='{FORM}'] form:not([hidden])", state="attached")
    toggle = page.locator(f"details:has([data-cg-form='{FORM}'])")
    if not toggle.evaluate("d => d.open"):
        toggle.locator("summary").click()
    page.wait_for_selector(f"[data-cg-form='{FORM}'] form:not([hidden])")
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_bad_identity_number_is_summarised_then_the_draft_survives_a_reload(open_page, content, lang):
    from generator.content.strings import load_strings

    strings, _ = load_strings(ROOT / "i18n")
    form = content[1][FORM]
    page = open_birth(open_page, lang)
    fill(page, form, {"requester-name": NAME, "requester-id-number": "07930500123"})  # 11 digits
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    summary = page.locator(f"[data-cg-form='{FORM}'] [data-cg-errors]")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    assert summary.locator("h4").inner_text() == strings[lang]["form.error_title"]
    links = summary.locator("a")
    assert links.count() == 1
    field = next(f for f in form.fields() if f.id == "requester-id-number")
    label = field.label.get(lang) or field.label.vi
    assert links.first.inner_text() == strings[lang]["form.citizen_id"].format(label=label)
    assert links.first.get_attribute("href") == f"#f-{FORM}-requester-id-number"
    links.first.click()
    assert page.evaluate("document.activeElement.id") == f"f-{FORM}-requester-id-number"
    inline = page.locator(f"#f-{FORM}-requester-id-number-error")
    assert inline.is_visible() and label in inline.inner_text()
    assert page.get_attribute(f"#f-{FORM}-requester-id-number", "aria-invalid") == "true"
    assert page.title().startswith(strings[lang]["form.error_prefix"])

    page.fill(f"#f-{FORM}-requester-id-number", GOOD_ID)
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    assert not summary.is_visible()
    assert page.locator(f"[data-cg-form='{FORM}'] [data-cg-answers]").is_visible()
    assert NAME in page.locator(f"[data-cg-form='{FORM}'] .cg-summary").inner_text()

    page.reload()
    page.wait_for_selector(f"[data-cg-form='{FORM}'] form:not([hidden])")
    assert page.input_value(f"#f-{FORM}-requester-name") == NAME
    assert page.input_value(f"#f-{FORM}-requester-id-number") == GOOD_ID
    assert page.input_value(f"#f-{FORM}-child-birth-date-year") == "2024"
    assert draft(page)["requester-name"] == NAME


@pytest.mark.parametrize("lang", LANGS)
def test_delete_my_data_removes_the_draft(open_page, content, lang):
    page = open_birth(open_page, lang)
    fill(page, content[1][FORM], {"requester-name": NAME})
    assert draft(page)
    page.click(f"[data-cg-form='{FORM}'] form [data-cg-delete]")
    assert draft(page) == {}
    assert page.input_value(f"#f-{FORM}-requester-name") == ""
    page.reload()
    # no draft left, so the form stays folded behind its button: its fields are there, and empty
    page.wait_for_selector(f"[data-cg-form='{FORM}'] form:not([hidden])", state="attached")
    assert page.locator(f"details:has([data-cg-form='{FORM}'])").evaluate("d => !d.open")
    assert page.input_value(f"#f-{FORM}-requester-name") == ""
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cg:form:'))") == []


@pytest.mark.parametrize("lang", LANGS)
def test_print_filled_form_puts_the_answers_on_the_official_a4_layout(open_page, content, tmp_path, lang):
    form = content[1][FORM]
    page = open_birth(open_page, lang)
    fill(page, form, {"requester-name": NAME, "requester-id-number": GOOD_ID,
                      "child-name": "Trần Minh Khôi", "child-birth-date": "5/3/2024"})
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click(f"[data-cg-form='{FORM}'] [data-cg-print-form]")
    assert page.evaluate("window.__printed") == 1
    pdf = tmp_path / "form.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert form.paper.title in text
    for value in (NAME, "Trần Minh Khôi", "05/03/2024"):
        assert value in text, value
    assert GOOD_ID in "".join(text.split())  # one digit per printed box
    assert "Đăng ký khai sinh" not in text.split(form.paper.title)[0]  # only the form, not the guide page
    if lang == "zh":
        assert (next(f for f in form.fields() if f.id == "child-name").label.zh) in text


def pdf_pages(pdf) -> list[str]:
    """The text of each page of a PDF."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True).stdout for n in range(1, count + 1)]


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_chinese_characters_on_the_declaration_are_refused_in_the_page_language(open_page, content, lang):
    """A Hoa grandparent who follows a Chinese hint types 华族; the counter refuses 'Dân tộc: 华族'."""
    from generator.content.strings import load_strings

    strings = load_strings(ROOT / "i18n")[0][lang]
    form = content[1][FORM]
    page = open_birth(open_page, lang)
    box = page.locator(f"[data-cg-form='{FORM}']")
    note = box.locator(".cg-lang-note")
    if lang == "vi":
        assert note.count() == 0
    else:  # the English and Chinese forms say first that the declaration is filled in Vietnamese
        assert note.is_visible()
        assert note.inner_text() == f"{strings['form.in_vietnamese_title']} {strings['form.in_vietnamese']}"
        assert note.bounding_box()["y"] < box.locator("form").bounding_box()["y"]
    fill(page, form, {**REAL, "child-nationality": "越南", "father-ethnicity": "华族"})
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    summary = box.locator("[data-cg-errors]")
    assert summary.is_visible()
    fields = {f.id: f for f in form.fields()}
    expected = {fid: strings["form.not_vietnamese"].format(label=fields[fid].label.get(lang) or fields[fid].label.vi,
                                                           chars=chars)
                for fid, chars in (("child-nationality", "越 南"), ("father-ethnicity", "华 族"))}
    assert [a.inner_text() for a in summary.locator("a").all()] == list(expected.values())
    for fid, message in expected.items():
        inline = page.locator(f"#f-{FORM}-{fid}-error")
        assert inline.is_visible()
        assert squeezed(inline.inner_text()) == squeezed(f"{strings['form.error_prefix']} {message}")
        assert page.get_attribute(f"#f-{FORM}-{fid}", "aria-invalid") == "true"
    assert page.title().startswith(strings["form.error_prefix"])

    page.fill(f"#f-{FORM}-child-nationality", "Việt Nam")  # written the Vietnamese way, as the hints show
    page.fill(f"#f-{FORM}-father-ethnicity", "Hoa")
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    assert not summary.is_visible()
    assert box.locator("[data-cg-answers]").is_visible()


def test_the_browser_refuses_exactly_what_the_python_rule_refuses(open_page, content):
    """forms.js and generator/content/form_model.py read one character list; the same answers pass and fail."""
    import unicodedata

    from generator.content.form_model import foreign_characters

    page = open_birth(open_page, "vi")
    fill(page, content[1][FORM], REAL)
    samples = ["Trần Minh Khôi", unicodedata.normalize("NFD", "Nguyễn Thị Ánh"), "O'Brien-Lê (Đức)",
               "Hoa", "华族", "Việt Nam。", "Hoa，Kinh", "Ｈoa", "Hoa\u3000Kinh", "Müller", "Иван", "Khôi 😀"]
    for sample in samples:
        if page.locator(f"[data-cg-form='{FORM}'] [data-cg-answers]").is_visible():
            page.click(f"[data-cg-form='{FORM}'] [data-cg-back]")
        page.fill(f"#f-{FORM}-child-name", sample)
        page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
        inline = page.locator(f"#f-{FORM}-child-name-error")
        refused = foreign_characters(sample)
        assert inline.is_visible() == bool(refused), sample
        if refused:
            shown = " ".join(f"U+{ord(c):04X}" if c.isspace() else c for c in refused)
            assert inline.inner_text().rstrip().endswith(shown), (sample, inline.inner_text())


def test_the_printed_birth_declaration_fits_one_page_in_every_language(open_page, content, tmp_path):
    """The official birth declaration is one A4 page. With the small translations of the English and
    Chinese pages it must stay one page, and the signature never stands alone on a page of its own."""
    form = content[1][FORM]
    pages = {}
    for lang in ALL_LANGS:
        page = open_birth(open_page, lang)
        fill(page, form, REAL)
        page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
        page.evaluate("() => { window.print = () => {}; }")
        page.click(f"[data-cg-form='{FORM}'] [data-cg-print-form]")
        pdf = tmp_path / f"{lang}.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages[lang] = pdf_pages(pdf)
    counts = {lang: len(texts) for lang, texts in pages.items()}
    assert counts == {"vi": 1, "en": 1, "zh": 1}, counts
    signature = form.paper.signatures[0].vi.split("\n")[0]
    for lang, texts in pages.items():
        last = squeezed(texts[-1])
        assert squeezed(signature) in last, lang
        # the signature shares its page with the pledge, the date line and answers of the form
        for part in (" ".join(form.paper.pledge.vi.split()[:8]), "ngày …… tháng", REAL["father-name"]):
            assert squeezed(part) in last, (lang, part)


@pytest.mark.parametrize("lang", LANGS)
def test_no_request_carries_what_was_typed(open_page, content, tmp_path, lang):
    form = content[1][FORM]
    page = open_birth(open_page, lang)
    bodies: list[str] = []
    page.on("request", lambda r: bodies.append(r.url + " " + (r.post_data or "")))
    typed = fill(page, form, {"requester-name": NAME, "requester-id-number": GOOD_ID})
    page.press(f"#f-{FORM}-requester-name", "Enter")  # the Enter key must not submit anywhere
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")
    page.evaluate("() => { window.print = () => {}; }")
    page.click(f"[data-cg-form='{FORM}'] [data-cg-print-form]")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.get_attribute(f"[data-cg-form='{FORM}'] form", "method") == "dialog"
    words = {str(v) for v in typed.values() if isinstance(v, str) and len(str(v)) >= 4}
    words |= {quote(w) for w in words} | {quote(w).replace("%20", "+") for w in words}
    leaks = [b for b in bodies for w in words if w in b]
    assert leaks == []
    assert any("forms.js" in b for b in bodies)  # the recording saw the page's own requests


@pytest.mark.parametrize("lang", LANGS)
def test_form_has_no_accessibility_violations(open_page, content, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = open_birth(open_page, lang)
    page.fill(f"#f-{FORM}-requester-id-number", "123")
    page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")  # with the error summary showing
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    for state in ("errors", "answers"):
        results = Axe().run(page, context={"include": [[f"[data-cg-form='{FORM}']"], [".cg-questions"]]},
                            options=options)
        assert results.violations_count == 0, results.generate_report()
        if state == "errors":
            fill(page, content[1][FORM])
            page.click(f"[data-cg-form='{FORM}'] [data-cg-check]")


@pytest.mark.parametrize("lang", LANGS)
def test_answers_narrow_the_checklist_and_show_all_is_one_tap(open_page, content, lang):
    birth = content[0]["dang-ky-khai-sinh"]
    page = open_birth(open_page, lang)
    groups = page.locator("[data-cg-group]")
    assert groups.count() == len(birth.dossier)
    assert all(groups.nth(i).is_visible() for i in range(groups.count()))
    question = birth.questions[0]
    answer = question.options[0].value
    page.check(f"#q-{question.id}-{answer}")
    expected = visible_groups(birth, {question.id: [answer]})
    assert len(expected) < len(birth.dossier)
    shown = [g.get_attribute("data-cg-group") for g in groups.all() if g.is_visible()]
    assert shown == expected
    assert f"{question.id}={answer}" in page.url
    page.click(".cg-questions [data-cg-toggle]")
    assert all(groups.nth(i).is_visible() for i in range(groups.count()))
    hidden_one = next(g.id for g in birth.dossier if g.id not in expected)
    assert page.locator(f"[data-cg-group='{hidden_one}'] .cg-other-case").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_a_pre_answered_link_opens_with_the_checklist_narrowed(open_page, content, lang):
    birth = content[0]["dang-ky-khai-sinh"]
    question = birth.questions[0]
    answer = question.options[-1].value
    page = open_birth(open_page, lang, f"?{question.id}={answer}")
    assert page.is_checked(f"#q-{question.id}-{answer}")
    shown = [g.get_attribute("data-cg-group") for g in page.locator("[data-cg-group]").all() if g.is_visible()]
    assert shown == visible_groups(birth, {question.id: [answer]})
    share = page.get_attribute(".cg-questions [data-cg-share]", "href")
    assert share.endswith(f"?{question.id}={answer}")


def test_every_answer_combination_shows_the_same_groups_as_the_generator(open_page, content):
    """Walk every branch of every shipped question flow (smart-answers style) in the browser."""
    procedures = [p for p in content[0].values() if p.questions]
    assert len(procedures) >= 3
    for p in procedures:
        seen: set[str] = set()
        page = open_page(f"thu-tuc/{p.slug}/")
        page.wait_for_selector(".cg-questions:not([hidden])")
        for answers in combinations(p):
            shown = page.evaluate("""(answers) => {
                document.querySelectorAll('.cg-questions input').forEach(i => {
                    i.checked = (answers[i.name] || []).indexOf(i.value) !== -1;
                });
                document.querySelector('.cg-questions input').dispatchEvent(new Event('change'));
                return document.querySelector('[data-cg-questions]').getAttribute('data-cg-visible');
            }""", {k: list(v) for k, v in answers.items()})
            assert shown.split() == visible_groups(p, answers), (p.slug, answers)
            seen.update(shown.split())
        # Every group is shown for some answers in the browser: none is hidden for good.
        assert seen == {g.id for g in p.dossier}, p.slug


def test_without_javascript_the_page_is_a_printable_blank_form(browser, site_url, content, tmp_path):
    form = content[1][FORM]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + BIRTH)
    assert page.locator(f"[data-cg-paper='{FORM}']").is_visible()
    assert page.locator(f"[data-cg-form='{FORM}'] [data-cg-nojs]").first.is_visible()
    assert not page.locator(f"[data-cg-form='{FORM}'] form").is_visible()
    assert all(g.is_visible() for g in page.locator("[data-cg-group]").all())  # nothing narrowed
    pdf = tmp_path / "blank.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert form.paper.title in text
    for field in itertools.islice(form.fields(), 1, 6):
        assert (field.print.label or field.label.vi) in text
    context.close()


def test_forms_with_unconfirmed_details_say_so_and_documents_link_to_them(site_dir, content):
    from generator.content.strings import load_strings

    strings, _ = load_strings(ROOT / "i18n")
    html = (site_dir / BIRTH / "index.html").read_text(encoding="utf-8")
    block = html.split(f'data-cg-form="{FORM}"', 1)[1].split("data-cg-fill", 1)[0]
    assert bool(content[1][FORM].to_verify) == (strings["vi"]["form.to_verify"] in block)
    assert f'href="#form-{FORM}"' in html  # the document in the checklist points to its form
    for slug in content[1]:
        users = [p for p in content[0].values()
                 if any(d.fill_in == slug for g in p.dossier for d in g.documents)]
        assert users, f"form {slug} is used by no procedure"


def test_checkbox_questions_and_ask_when_behave_alike_in_browser_and_generator(browser, tmp_path):
    """The shipped flows use radio questions only; this walks a checkbox one asked after an answer."""
    import functools
    import http.server
    import threading

    from conftest import QuietHandler, base_yaml, copy_project
    from generator.build import build
    from test_flow import FLOW, procedure

    project = copy_project(tmp_path / "project")
    text = base_yaml().split("\n", 1)[1].replace("dossier:\n", FLOW.split("dossier:\n", 1)[0] + "dossier:\n", 1)
    text = text.replace(text[text.index("dossier:\n"):text.index("steps:\n")], "dossier:\n" + FLOW.split("dossier:\n", 1)[1])
    (project / "procedures" / "ho-tich" / "sample.yml").write_text(
        "# yaml-language-server: $schema=../../generator/schema/procedure.schema.json\n" + text, encoding="utf-8")
    build(load_settings(project), project / "site", with_print=False)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    p = procedure()
    try:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/thu-tuc/sample/")
        page.wait_for_selector(".cg-questions:not([hidden])")
        assert page.get_attribute("[data-cg-question='giay-to'] input", "type") == "checkbox"
        for answers in combinations(p):
            state = page.evaluate("""(answers) => {
                document.querySelectorAll('.cg-questions input').forEach(i => {
                    i.checked = (answers[i.name] || []).indexOf(i.value) !== -1;
                });
                document.querySelector('.cg-questions input').dispatchEvent(new Event('change'));
                return [document.querySelector('[data-cg-questions]').getAttribute('data-cg-visible'),
                        [...document.querySelectorAll('[data-cg-question]')].filter(f => !f.hidden)
                            .map(f => f.getAttribute('data-cg-question'))];
            }""", {k: list(v) for k, v in answers.items()})
            assert state[0].split() == visible_groups(p, answers), answers
            assert set(state[1]) == asked(p, answers), answers
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/thu-tuc/sample/"
                  "?noi-sinh=nuoc-ngoai&giay-to=ho-chieu&giay-to=giay-sinh")
        page.wait_for_selector(".cg-questions:not([hidden])")
        assert page.is_checked("#q-giay-to-ho-chieu") and page.is_checked("#q-giay-to-giay-sinh")
        assert page.get_attribute("[data-cg-questions]", "data-cg-visible").split() == ["all", "abroad", "passport"]
        page.close()
    finally:
        server.shutdown()
