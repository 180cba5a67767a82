"""The message and clause kit in Chromium (issue 10): the form fills every template as one types,
dates in each letter's own language, Copy puts the filled subject and body on the clipboard,
"Remember on this device" keeps the values and unticking removes them, each clause copies, and
without JavaScript every template shows with its [labels] and no form."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from browser_fixtures import recording_tab
from conftest import ROOT, Site
from kit import Kit, load_kit
from project import page_address
from test_site import DEFAULT, LANGUAGES

PHONE = {"width": 360, "height": 740}
STORAGE_KEY = "paid-on-time:kit"
VALUES = {"your_name": "Ada Nowak", "client_name": "Acme Ltd", "invoice_number": "INV-2026-017",
          "amount": "£4,800", "due_date": "2026-12-15", "days_to_pay": "14",
          "new_date": "2027-01-05", "project": "Site redesign"}
DUE_DATE = {"en": "15 December 2026", "ru": "15 декабря 2026 г.", "pl": "15 grudnia 2026 r."}


@pytest.fixture(scope="module")
def kit() -> Kit:
    return load_kit(ROOT, LANGUAGES)


def address(served_site: str, language: str, slug: str) -> str:
    return served_site + page_address("" if language == DEFAULT else f"{language}/", slug)


@pytest.fixture()
def tab(browser) -> Iterator:
    """A phone-sized tab that may use the clipboard and records the page's errors."""
    yield from recording_tab(browser, viewport=PHONE)


def fill(tab, values: dict[str, str]) -> None:
    tab.locator(".kit-form__more summary").click()
    for name, value in values.items():
        tab.locator(f"[data-kit-input='{name}']").fill(value)


def field_texts(tab, name: str) -> list[str]:
    return tab.eval_on_selector_all(f".kit-field[data-field='{name}']",
                                    "fields => fields.map(field => field.textContent)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_fills_every_template_and_copy_takes_the_filled_text(
        tab, served_site: str, kit: Kit, language: str) -> None:
    tab.goto(address(served_site, language, "templates"))
    expect(tab.locator("form[data-kit-form]")).to_be_visible()
    fill(tab, VALUES)
    shown = 0
    for name, value in VALUES.items():
        texts = field_texts(tab, name)
        shown += bool(texts)
        if not name.endswith("_date"):
            assert set(texts) <= {value}, (language, name, texts)
    assert shown >= 6, "the templates use few of the form's fields"
    # A date reads in the letter's language, whatever the page's.
    letters = tab.eval_on_selector_all(
        ".kit-field[data-field='due_date']",
        "fields => fields.map(f => [f.closest('[data-kit-letter]').dataset.kitLetter, f.textContent])")
    # (before the sentence's own full stop, "2026 г." and "2026 r." keep only one)
    assert letters and all(text in (DUE_DATE[letter], DUE_DATE[letter].rstrip("."))
                           for letter, text in letters), letters
    # Every template's copy: the subject label of its letter, the subject, a blank line, the body.
    for template in kit.templates:
        section = tab.locator(f"section[aria-labelledby='{template.id}']")
        section.locator("[data-kit-copy]").click()
        expect(section.locator("[data-kit-status]")).not_to_be_empty()
        copied = tab.evaluate("navigator.clipboard.readText()")
        label = section.locator("[data-kit-letter]").get_attribute("data-subject-label")
        subject = section.locator("[data-kit-subject]").text_content()
        assert copied.startswith(f"{label} {subject}\n\n"), (template.id, copied[:80])
        assert "{" not in copied and "}" not in copied, template.id
        assert " г.." not in copied and " r.." not in copied, (template.id, "double full stop")
        for name in VALUES:
            assert f"[{next(p.label[language] for p in kit.placeholders if p.id == name)}]" \
                not in copied, (template.id, name)
    assert tab.errors == []


def test_an_emptied_field_shows_its_label_again(tab, served_site: str, kit: Kit) -> None:
    tab.goto(address(served_site, "pl", "templates"))
    label = next(p.label["pl"] for p in kit.placeholders if p.id == "client_name")
    field = tab.locator("[data-kit-input='client_name']")
    field.fill("Kowalski sp. z o.o.")
    assert set(field_texts(tab, "client_name")) == {"Kowalski sp. z o.o."}
    field.fill("")
    assert set(field_texts(tab, "client_name")) == {f"[{label}]"}


def test_values_are_kept_only_while_remember_is_ticked(tab, served_site: str) -> None:
    url = address(served_site, "en", "templates")
    tab.goto(url)
    tab.locator("[data-kit-input='client_name']").fill("Acme Ltd")
    assert tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    tab.locator("[data-kit-remember]").check()
    expect(tab.locator("[data-kit-form-status]")).not_to_be_empty()
    assert json.loads(tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")) == {
        "client_name": "Acme Ltd"}
    tab.goto(address(served_site, "ru", "templates"))  # the same values in every language
    expect(tab.locator("[data-kit-input='client_name']")).to_have_value("Acme Ltd")
    expect(tab.locator("[data-kit-remember]")).to_be_checked()
    assert set(field_texts(tab, "client_name")) == {"Acme Ltd"}
    tab.locator("[data-kit-remember]").uncheck()
    assert tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    tab.goto(url)
    expect(tab.locator("[data-kit-input='client_name']")).to_have_value("")
    assert tab.errors == []


def test_nothing_is_sent_when_the_form_is_submitted(tab, served_site: str) -> None:
    url = address(served_site, "en", "templates")
    tab.goto(url)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    field = tab.locator("[data-kit-input='client_name']")
    field.fill("Acme Ltd")
    field.press("Enter")
    tab.wait_for_timeout(300)
    assert tab.url == url and not any("Acme" in request for request in requests), requests


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_clause_copies_its_text(tab, served_site: str, kit: Kit, language: str) -> None:
    tab.goto(address(served_site, language, "clauses"))
    for clause in kit.clauses:
        section = tab.locator(f"section[aria-labelledby='{clause.id}']")
        section.locator("[data-kit-copy]").click()
        expect(section.locator("[data-kit-status]")).not_to_be_empty()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied == section.locator("[data-kit-body]").text_content()
        assert "{" not in copied
    assert tab.errors == []


@pytest.mark.parametrize("slug", ["templates", "clauses"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_every_item_shows_and_no_form(browser, served_site: str, site: Site,
                                                         kit: Kit, slug: str,
                                                         language: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(address(served_site, language, slug))
        items = kit.templates if slug == "templates" else kit.clauses
        for item in items:
            section = page.locator(f"section[aria-labelledby='{item.id}']")
            expect(section.locator("[data-kit-body]")).to_be_visible()
            expect(section.locator(".kit-actions")).to_be_hidden()
        if slug == "templates":
            expect(page.locator("form[data-kit-form]")).to_be_hidden()
        assert page.locator(".kit-field").first.inner_text().startswith("[")
        # Nothing is wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


@pytest.mark.parametrize("slug", ["templates", "clauses"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kit_passes_axe_with_touch_sized_controls_on_a_phone(
        browser, served_site: str, language: str, scheme: str, slug: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    tab = context.new_page()
    try:
        tab.goto(address(served_site, language, slug))
        if slug == "templates":
            fill(tab, {"client_name": "Acme Ltd", "due_date": "2026-12-15"})
            tab.locator("[data-kit-remember]").check()
        tab.locator("[data-kit-copy]").first.click()
        results = Axe().run(tab)
        assert results.violations_count == 0, results.generate_report()
        small = tab.evaluate("""() => [...document.querySelectorAll(
                '.kit input, .kit button, .kit summary, .kit-form input, .kit-form button,'
                + ' .kit-form summary, .kit-form__remember')]
            .filter(e => e.checkVisibility() && e.type !== 'checkbox')
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width < 24 || r.height < 24).length""")
        assert small == 0, f"{small} controls are smaller than 24 × 24 px"
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
