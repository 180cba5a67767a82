"""The interest calculator page in every language (issue 11): the built HTML (the form's ids,
the embedded rates, the script on this page only, the rate tables and worked examples in the
page's formats) and, in Chromium, the form itself — typed in each language's number format,
read back from #calc-result's data attributes — with its errors, its assumed rate, axe in both
colour schemes and a 360 px wide screen."""

from __future__ import annotations

import json

import pytest

import interest
from browser_fixtures import recording_tab
from conftest import ROOT, Site
from project import page_address
from test_site import DEFAULT, LANGUAGES

SLUG = "interest-calculator"
FIELDS = ["calc-country", "calc-amount", "calc-due", "calc-paid", "calc-exchange-rate",
          "calc-assumed-rate"]
# The issue's case: 10,000 due 2025-03-31, paid 2025-08-15 — interest and compensation.
ISSUE_CASE = {"uk": ("478.56", "100.00"), "eu": ("405.90", "40.00"), "pl": ("584.86", "70.00"),
              "ru": ("759.18", "0.00")}
# The amount as a reader of each language types it.
TYPED_AMOUNT = {"en": "10,000.00", "ru": "10 000,00", "pl": "10000,00"}
# How each language writes £10,000.00 and 12.75 per cent in the UK example.
EXAMPLE_TEXT = {"en": ("£10,000.00", "12.75%"), "ru": ("10\u00a0000,00\u00a0£", "12,75\u00a0%"),
                "pl": ("10\u00a0000,00\u00a0£", "12,75%")}
SETTINGS = {"en": {"decimal": ".", "group": ",", "group_from": 4},
            "pl": {"decimal": ",", "group": " ", "group_from": 5}}


def address(language: str) -> str:
    return page_address("" if language == DEFAULT else f"{language}/", SLUG)


@pytest.mark.parametrize("plain,language,expected", [
    ("1234.56", "en", "1,234.56"), ("1234567.5", "en", "1,234,567.5"), ("999", "en", "999"),
    ("5000", "pl", "5000"), ("12000", "pl", "12 000"), ("1234.56", "pl", "1234,56")])
def test_numbers_in_the_languages_format(plain: str, language: str, expected: str) -> None:
    assert interest.format_number(plain, SETTINGS[language]) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_the_form_tables_and_examples(site: Site, language: str) -> None:
    soup = site.soup(language, SLUG)
    article = soup.select_one("article")
    html = str(article)
    assert "<!-- interest" not in html
    for field in FIELDS:
        element = soup.find(id=field)
        assert element is not None, field
        assert soup.find("label", attrs={"for": field}), f"{field} has no label"
        assert f"{field}-error" in element["aria-describedby"].split()
    assert [o["value"] for o in soup.select("#calc-country option")] == ["uk", "eu", "pl", "ru"]
    result = soup.find(id="calc-result")
    assert result.has_attr("data-interest") and result.has_attr("data-compensation")
    data = json.loads(soup.find(id="interest-data").string)
    rates = interest.load_rates(ROOT / "data" / "rates.yml")
    assert data["rates"] == {series.id: {"checked_until": series.checked_until,
                                         "values": [{"from": v.start, "rate": v.rate}
                                                    for v in series.values]}
                             for series in rates.values()}
    for series in rates.values():
        table = soup.find(id=f"rates-{series.id}")
        assert table.find("a", href=series.source)
        assert len(table.select("tbody tr")) == len(series.values)
    examples = soup.select(".interest-example")
    assert [e["id"] for e in examples] == ["example-uk", "example-eu", "example-pl", "example-ru"]
    amount, rate = EXAMPLE_TEXT[language]
    assert amount in examples[0].get_text() and rate in examples[0].get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demand_links_reach_their_templates(site: Site, language: str) -> None:
    soup = site.soup(language, SLUG)
    links = soup.select("#calc-demand a[data-demand-country]")
    assert [link["data-demand-country"] for link in links] == ["uk", "eu", "pl", "ru"]
    templates = site.soup(language, "templates")
    for link in links:
        page, _, anchor = link["href"].partition("#")
        assert page == "../templates/"
        assert templates.find(id=anchor), f"templates has no id '{anchor}'"


def test_the_script_is_on_the_calculator_page_only(site: Site) -> None:
    for page in site.root.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        on_calculator = page.parent.name == SLUG
        assert ("interest.js" in text) == on_calculator, page


# --------------------------------------------------------------------------------------------
# In the browser


@pytest.fixture()
def tab(browser, served_site: str):
    """A fresh tab that records script and console errors."""
    yield from recording_tab(browser, console_errors=True)


def fill(page, country: str, amount: str, due: str, paid: str) -> None:
    page.select_option("#calc-country", country)
    page.fill("#calc-amount", amount)
    page.fill("#calc-due", due)
    page.fill("#calc-paid", paid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_gives_the_issue_case_in_every_language(tab, served_site: str,
                                                         language: str) -> None:
    tab.goto(served_site + address(language))
    assert tab.input_value("#calc-paid"), "the payment date defaults to today"
    result = tab.locator("#calc-result")
    for country, (interest_due, compensation) in ISSUE_CASE.items():
        fill(tab, country, TYPED_AMOUNT[language], "2025-03-31", "2025-08-15")
        assert result.get_attribute("data-interest") == interest_due, country
        assert result.get_attribute("data-compensation") == compensation, country
        assert "NaN" not in result.inner_text()
        assert tab.locator("#calc-result tbody tr").count() == {"uk": 1, "eu": 2, "pl": 2,
                                                                "ru": 3}[country]
        assert tab.locator(f'[data-demand-country="{country}"]').is_visible()
    assert tab.locator("#calc-demand-text").inner_text().strip()
    for country in ISSUE_CASE:  # paid early: nothing owed, no demand to make
        fill(tab, country, TYPED_AMOUNT[language], "2025-03-31", "2025-03-01")
        assert result.get_attribute("data-interest") == "0.00"
        assert result.get_attribute("data-compensation") == "0.00"
        assert not tab.locator("#calc-demand").is_visible()
    assert tab.errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invalid_field_is_named_and_the_result_never_says_nan(tab, served_site: str,
                                                                 language: str) -> None:
    tab.goto(served_site + address(language))
    fill(tab, "uk", "ten pounds", "2025-03-31", "2025-08-15")
    amount = tab.locator("#calc-amount")
    assert amount.get_attribute("aria-invalid") == "true"
    assert tab.locator("#calc-amount-error").is_visible()
    assert tab.locator("#calc-amount-error").inner_text().strip()
    assert tab.locator("#calc-result").get_attribute("data-interest") == ""
    assert "NaN" not in tab.locator("article").inner_text()
    tab.fill("#calc-amount", "999,99" if language != "en" else "999.99")
    assert amount.get_attribute("aria-invalid") is None
    assert tab.locator("#calc-result").get_attribute("data-compensation") == "40.00"


@pytest.mark.parametrize("language", LANGUAGES)
def test_polish_rules_are_not_applied_before_2020(tab, served_site: str, language: str) -> None:
    """Poland's +10 points and 40/70/100 euro date from 1 January 2020; earlier debts differ."""
    tab.goto(served_site + address(language))
    fill(tab, "pl", "10000", "2019-12-31", "2020-03-01")
    assert tab.locator("#calc-due").get_attribute("aria-invalid") == "true"
    assert "2020" in tab.locator("#calc-due-error").inner_text()
    assert tab.locator("#calc-result").get_attribute("data-interest") == ""
    tab.fill("#calc-due", "2020-01-01")
    assert tab.locator("#calc-result").get_attribute("data-interest") != ""
    assert tab.errors == []


def test_the_demand_sentence_is_copied(browser, served_site: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + address("ru"))
    fill(page, "ru", "10 000", "2025-03-31", "2025-08-15")
    sentence = page.locator("#calc-demand-text").inner_text()
    page.click("#calc-copy")
    page.wait_for_function("document.getElementById('calc-copy-status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied == sentence
    assert sentence.startswith("Проценты по ст. 395 ГК РФ на сумму "
                               "10\u00a0000,00\u00a0₽")
    assert "759,18\u00a0₽" in sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_page_says_how_to_work_it_out(browser, served_site: str,
                                                             language: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + address(language))
    visible = {selector: page.locator(selector).first.is_visible()
               for selector in ["#calc-no-script", "#calc-amount", "#example-ru table",
                                "#method-uk", "#rates-cbr-key-rate summary"]}
    context.close()
    assert visible == {"#calc-no-script": True, "#calc-amount": False, "#example-ru table": True,
                       "#method-uk": True, "#rates-cbr-key-rate summary": True}


def test_after_the_table_ends_the_reader_gives_the_rate(tab, served_site: str) -> None:
    tab.goto(served_site + address("en"))
    rates = interest.load_rates(ROOT / "data" / "rates.yml")
    last = rates["cbr-key-rate"].values[-1].rate
    fill(tab, "ru", "100000", "2026-03-01", "2026-12-31")
    assumed = tab.locator("#calc-assumed-rate")
    assert tab.locator("#calc-assumed").is_visible()
    assert float(assumed.input_value()) == float(last)
    first = tab.locator("#calc-result").get_attribute("data-interest")
    assert tab.locator("#calc-result").get_by_text("(assumed)").count() >= 1
    assumed.fill("5")
    assert tab.locator("#calc-result").get_attribute("data-interest") != first


def test_polish_compensation_in_zloty_with_an_exchange_rate(tab, served_site: str) -> None:
    tab.goto(served_site + address("pl"))
    fill(tab, "pl", "10000,00", "2025-03-31", "2025-08-15")
    assert tab.locator("#calc-exchange").is_visible()
    tab.fill("#calc-exchange-rate", "4,2345")
    text = tab.locator("#calc-result").inner_text()
    assert "296,42\u00a0zł" in text and "70,00\u00a0€" in text
    assert tab.locator("#calc-result").get_attribute("data-compensation") == "70.00"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_filled_calculator_passes_axe(browser, served_site: str, language: str,
                                      scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + address(language), wait_until="networkidle")
    fill(page, "pl", "x", "2025-03-31", "2025-08-15")  # an error message on show
    page.fill("#calc-amount", "10000")
    page.fill("#calc-due", "2026-03-01")
    page.fill("#calc-paid", "2026-12-31")  # the assumed-rate field on show
    page.fill("#calc-amount", "x")
    results = Axe().run(page)
    page.fill("#calc-amount", "10000")
    results_filled = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()
    assert results_filled.violations_count == 0, results_filled.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filled_calculator_fits_a_360_pixel_screen(browser, served_site: str,
                                                       language: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(served_site + address(language), wait_until="networkidle")
    fill(page, "ru", "1234567,89", "2022-01-01", "2025-08-15")
    width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate("""() => [...document.querySelectorAll('.interest, .interest *')]
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && r.right > 361
                              && !e.closest('.md-typeset__scrollwrap'); })
        .map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5)""")
    context.close()
    assert width <= 360 and not too_wide, (width, too_wide)
