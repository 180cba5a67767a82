"""Build tests on small fixture projects: bad data or a missing translation fails the build with
a clear message (file, field, language, line) and never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "minimal" / "checklist.yml"
# The message and clause kit's data (hooks/kit.py), and the markers its pages need.
KIT_FIXTURES = [ROOT / "tests" / "fixtures" / "minimal" / name
                for name in ("placeholders.yml", "templates.yml", "clauses.yml")]
# The glossary's terms (hooks/glossary.py): the entry "schemes", used as "Text" on every page.
GLOSSARY_FIXTURE = ROOT / "tests" / "fixtures" / "minimal" / "glossary.yml"
KIT_MARKERS = {"templates": "<!-- template-form -->\n\n<!-- templates -->",
               "clauses": "<!-- clauses -->"}
# The interest calculator (hooks/interest.py): frozen rates, the real worked examples, markers.
INTEREST_FIXTURES = {"rates.yml": ROOT / "tests" / "fixtures" / "interest" / "rates.yml",
                     "interest-examples.yml": ROOT / "data" / "interest-examples.yml"}
INTEREST_MARKERS = {"interest-calculator": "<!-- interest-calculator -->\n\n<!-- interest-rates -->"
                                           "\n\n<!-- interest-examples -->"}
PAGE = """---
description: A page of the fixture project, long enough to count as a real description.
audience: both
---
# {title} {{#{slug}}}

Text of {slug} in {language} with a [link](staged-payments.md#schemes).

## Schemes {{#schemes}}

{markers}
"""
SCHEME_MARKERS = "<!-- schemes-table -->\n\n<!-- scheme-rules -->"


def make_project(tmp_path: Path, languages: tuple[str, ...] = ("en", "ru", "pl")) -> Path:
    """A copy of the real configuration, hooks and theme with tiny pages and the fixture data."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "data").mkdir()
    shutil.copy(FIXTURE_DATA, project / "data" / "checklist.yml")
    for name, interest_file in INTEREST_FIXTURES.items():
        shutil.copy(interest_file, project / "data" / name)
    for kit_file in KIT_FIXTURES:
        shutil.copy(kit_file, project / "data" / kit_file.name)
    shutil.copy(GLOSSARY_FIXTURE, project / "data" / "glossary.yml")
    slugs = [path.stem for path in (ROOT / "docs" / "en").glob("*.md")]
    for language in languages:
        (project / "docs" / language).mkdir(parents=True)
        for slug in slugs:
            markers = {"checklist": "<!-- checklist -->",
                       "staged-payments": SCHEME_MARKERS, **KIT_MARKERS,
                       **INTEREST_MARKERS}.get(slug, "")
            text = PAGE.format(title=f"{slug} {language}", slug=slug, language=language,
                               markers=markers)
            if slug in INTEREST_MARKERS:  # its rendered method cites law: it needs a review date
                text = text.replace("audience: both\n", "audience: both\nreviewed: 2026-12-01\n")
            (project / "docs" / language / f"{slug}.md").write_text(text, encoding="utf-8")
    return project


def build_fails_with(project: Path, tmp_path: Path, *expected: str) -> str:
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in output, output[-3000:]
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output[-3000:]}"
    return output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_project_builds_with_the_checklist_in_every_language(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for folder in ["", "ru/", "pl/"]:
        html = (tmp_path / "site" / folder / "checklist" / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find(id="full-prepayment") and soup.find(id="written-terms")
        assert "<!-- checklist -->" not in html


# One edit to one file of the fixture project, and what the failed build must say about it.
ONE_EDIT_FAILURES = {
    "yaml-syntax-error": ("data/checklist.yml", "start: new-client", "start: [new-client",
                          ["data/checklist.yml:", "YAML syntax error"]),
    "missing-translation-in-data": (
        "data/checklist.yml", ", pl: Znany klient dzieli ryzyko.}", "}",
        ["data/checklist.yml:45: outcomes[1].why: the 'pl' text is missing"]),
    "link-to-a-missing-anchor": (
        "data/checklist.yml", "anchor: schemes", "anchor: shemes",
        ["outcomes[0].links[0].anchor: the page 'staged-payments'", "has no heading id 'shemes'"]),
    "link-to-a-missing-page": (
        "data/checklist.yml", "      - page: staged-payments\nchecklists",
        "      - page: staged-payment\nchecklists",
        ["outcomes[1].links[0].page: there is no page 'staged-payment'"]),
    "cycle": ("data/checklist.yml", "next: full-prepayment\noutcomes", "next: new-client\noutcomes",
              ["cycle (new-client → paid-on-time → new-client)"]),
    "summary-that-contradicts-the-payments": (
        "data/checklist.yml", 'ru: "50 % до начала, 50 % до сдачи."',
        'ru: "40 % до начала, 60 % до сдачи."',
        ["outcomes[1].summary.ru: does not state the payment '50 % до начала' "
         "(outcomes[1].payments[0])"]),
    "shares-that-do-not-cover-the-fee": (
        "data/checklist.yml", '      - share: "50"\n        when: {en: before delivery',
        '      - share: "40"\n        when: {en: before delivery',
        ["outcomes[1].payments: the shares add up to 90%, not 100%"]),
    "missing-scheme-marker": (
        "docs/pl/staged-payments.md", "<!-- scheme-rules -->", "",
        ["staged-payments.md: the marker <!-- scheme-rules --> is missing"]),
    "glossary-id-not-on-the-glossary-page": (
        "data/glossary.yml", "schemes:", "schemas:",
        ["data/glossary.yml:2: schemas: docs/en/glossary.md has no entry '## … {#schemas}'",
         "docs/en/glossary.md: the entry 'schemes' is not in data/glossary.yml"]),
    "glossary-phrase-under-two-ids": (
        "data/glossary.yml", "  pl: [text]\n",
        "  pl: [text]\nother: {en: [Text], ru: [o], pl: [o]}\n",
        ["data/glossary.yml:6: other.en[0]: the phrase 'Text' is listed under 'schemes' too"]),
    "language-without-glossary-phrases": (
        "data/glossary.yml", "  pl: [text]\n", "",
        ["data/glossary.yml:2: language 'pl' has no phrases; add a 'pl: [...]' list"]),
    "link-to-a-missing-glossary-entry": (
        "docs/ru/why-prepay.md", "[link](staged-payments.md#schemes)", "[link](glossary.md#shemes)",
        ["docs/ru/why-prepay.md: the link '../glossary/#shemes' points at '#shemes', which "
         "docs/ru/glossary.md does not have"]),
    # The interest calculator's rates and worked examples (hooks/interest.py).
    "rates-out-of-order": (
        "data/rates.yml", '{from: "2020-03-19", rate: "0.10"}', '{from: "2020-03-01", rate: "0.10"}',
        ["data/rates.yml:13: series.boe-bank-rate.values[2].from: 2020-03-01 does not come after "
         "the previous value's date (2020-03-11)"]),
    "rate-out-of-range": (
        "data/rates.yml", 'rate: "21.00"', 'rate: "210.00"',
        ["data/rates.yml:122: series.cbr-key-rate.values[27].rate: '210.00' is above 100 per "
         "cent"]),
    "rate-that-is-not-a-number": (
        "data/rates.yml", 'rate: "21.00"', 'rate: "21,00%"',
        ["data/rates.yml:122: series.cbr-key-rate.values[27].rate: '21,00%' is not a rate"]),
    "rates-without-a-source": (
        "data/rates.yml", "    source: https://www.cbr.ru/hd_base/KeyRate/\n", "",
        ["data/rates.yml:90: series.cbr-key-rate: the field 'source' is missing"]),
    "rates-checked-before-their-last-value": (
        "data/rates.yml", "checked_until: 2026-03-22", "checked_until: 2026-01-31",
        ["data/rates.yml:93: series.cbr-key-rate.checked_until: 2026-01-31 is before the last "
         "value's date (2026-02-16)"]),
    "rates-without-checked-until": (
        "data/rates.yml", "    checked_until: 2026-03-31\n", "",
        ["series.nbp-reference-rate: the field 'checked_until' is missing"]),
    "worked-example-with-wrong-days": (
        "data/interest-examples.yml", 'days: "137"', 'days: "136"',
        ["data/interest-examples.yml:", "examples[0].periods[0].days: 2025-04-01 to 2025-08-15 "
         "is 137 days, not 136"]),
    "missing-interest-marker": (
        "docs/ru/interest-calculator.md", "<!-- interest-rates -->", "",
        ["ru/interest-calculator.md: the marker <!-- interest-rates --> is missing"]),
    "eleven-month-names": (
        "mkdocs.yml", "months: [stycznia, lutego, ", "months: [lutego, ",
        ["language 'pl': extra.strings.months must list the 12 month names"]),
    # The message and clause kit (hooks/kit.py): file:line, field path, item id and language.
    "kit-missing-translation": (
        "data/templates.yml", "ru: До срока., pl: Przed terminem.}", "ru: До срока.}",
        ["data/templates.yml:10: templates[0].when: (id 'reminder') the 'pl' text is missing"]),
    "kit-field-another-language-lacks": (
        "data/templates.yml", "{amount} к оплате до {due_date}.", "{amount} к оплате.",
        ["data/templates.yml:20: templates[0].body.ru: (id 'reminder', ru) lacks {due_date}, "
         "which the 'en' text uses"]),
    "kit-field-added-in-one-language": (
        "data/templates.yml", "{amount} do zapłaty", "{amount} w {days_to_pay} dni do zapłaty",
        ["data/templates.yml:24: templates[0].body.pl: (id 'reminder', pl) uses "
         "{days_to_pay}, which the 'en' text lacks"]),
    "kit-undeclared-field": (
        "data/templates.yml", "Hello {client_name}", "Hello {clientname}",
        ["data/templates.yml:16: templates[0].body.en: (id 'reminder', en) names the "
         "undeclared field {clientname}; did you mean {client_name}?"]),
    "kit-unclosed-brace": (
        "data/templates.yml", "{amount} к оплате", "{amount к оплате",
        ["data/templates.yml:20: templates[0].body.ru: (id 'reminder', ru) a '{' opens a field "
         "it never closes"]),
    "kit-stray-closing-brace": (
        "data/clauses.yml", "{days_to_pay} days.", "{days_to_pay} days}.",
        ["data/clauses.yml:5: clauses[0].text.en: (id 'clause-prepayment', en) a '}' closes a "
         "field it never opened"]),
    "kit-html-in-a-text": (
        "data/clauses.yml", "{en: Paid first.", "{en: <b>Paid</b> first.",
        ["data/clauses.yml:8: clauses[0].note.en: (id 'clause-prepayment') contains HTML"]),
    "kit-unknown-group": (
        "data/templates.yml", "group: demands", "group: demand",
        ["data/templates.yml:30: templates[1].group: (id 'uk-demand') 'demand' is not a group; "
         "use one of reminders, demands"]),
    "kit-duplicate-id": (
        "data/templates.yml", "  - id: uk-demand", "  - id: reminder",
        ["data/templates.yml:29: templates[1].id: (id 'reminder') the id 'reminder' is already "
         "used at templates[0].id"]),
    "kit-letter-in-a-second-language": (
        "data/templates.yml", '      en: "Letter before claim: {invoice_number}"\n',
        '      en: "Letter before claim: {invoice_number}"\n      ru: "Претензия {invoice_number}"\n',
        ["data/templates.yml:41: templates[1].subject.ru: (id 'uk-demand') letter_language is "
         "'en', so the subject is written in 'en' only"]),
    "kit-letter-missing-in-its-language": (
        "data/templates.yml", "letter_language: en", "letter_language: pl",
        ["data/templates.yml:29: templates[1]: (id 'uk-demand') the 'pl' texts are missing in "
         "subject, body"]),
    "kit-law-to-a-missing-heading": (
        "data/templates.yml", "law: law.md#schemes", "law: law.md#uk",
        ["data/templates.yml:38: templates[1].law: (id 'uk-demand') the page 'law.md' (en) has "
         "no heading id 'uk'"]),
    "kit-client-page-that-does-not-exist": (
        "data/templates.yml", "client_page: why-prepay.md#schemes", "client_page: why-pay.md",
        ["data/templates.yml:28: templates[0].client_page: (id 'reminder') there is no page "
         "'why-pay.md' in the 'en' site"]),
    "kit-label-missing-in-a-language": (
        "data/placeholders.yml", "{en: amount, ru: сумма, pl: kwota}", "{en: amount, ru: сумма}",
        ["data/placeholders.yml:13: placeholders[3].label: (id 'amount') the 'pl' text is "
         "missing"]),
    "kit-missing-marker": (
        "docs/ru/templates.md", "<!-- templates -->", "",
        ["ru/templates.md: the marker <!-- templates --> is missing"]),
}


@pytest.mark.parametrize("case", ONE_EDIT_FAILURES)
def test_one_bad_edit_fails_the_build_with_a_clear_message(tmp_path: Path, case: str) -> None:
    file, old, new, expected = ONE_EDIT_FAILURES[case]
    project = make_project(tmp_path)
    edit(project / file, old, new)
    build_fails_with(project, tmp_path, *expected)


def test_missing_data_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "data" / "checklist.yml").unlink()
    build_fails_with(project, tmp_path, "data/checklist.yml: the file does not exist")


def test_missing_page_translation(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "ru" / "why-prepay.md").unlink()
    build_fails_with(project, tmp_path, "docs/ru/why-prepay.md is missing: translate "
                                        "docs/en/why-prepay.md into 'ru'")


def test_front_matter_that_is_not_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / "ru" / "index.md", "description: A page",
         "description: Schemes: a page")
    edit(project / "docs" / "pl" / "index.md", "audience: both", "audience: everyone")
    build_fails_with(project, tmp_path,
                     "docs/ru/index.md:2: the front matter is not valid YAML",
                     "docs/pl/index.md: front matter 'audience' must be one of clients, "
                     "freelancers, both; found 'everyone'.")


def test_heading_without_id_and_drifting_ids(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / "pl" / "staged-payments.md", "## Schemes {#schemes}", "## Schematy")
    build_fails_with(project, tmp_path,
                     "docs/pl/staged-payments.md:9: heading 'Schematy' has no explicit id",
                     "docs/pl/staged-payments.md: heading ids ['staged-payments'] differ")


def test_adding_a_language_says_what_is_missing(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "mkdocs.yml", "        - locale: pl\n",
         "        - locale: de\n          name: Deutsch\n          build: true\n"
         "        - locale: pl\n")
    output = build_fails_with(project, tmp_path, "docs/de/index.md is missing",
                              "language 'de' lacks extra.strings.audience_label",
                              "language 'de' lacks site_name")
    assert re.search(r"docs/de/checklist\.md is missing", output)
    (project / "docs" / "de").mkdir()
    for page in (project / "docs" / "en").glob("*.md"):
        shutil.copy(page, project / "docs" / "de" / page.name)
    edit(project / "mkdocs.yml", "          name: Deutsch\n",
         "          name: Deutsch\n          site_name: Pünktlich bezahlt\n"
         "          site_description: Zahlungsbedingungen für Freiberufler und ihre Kunden.\n"
         "          copyright: Keine Rechtsberatung.\n          theme:\n            palette:\n"
         "              - toggle: {name: Dunkel}\n              - toggle: {name: Hell}\n"
         "          extra:\n            strings:\n"
         + "".join(f"              {line}\n" for line in _default_strings(project)))
    # One problem per item of the kit, naming what the item lacks in the new language.
    output = build_fails_with(project, tmp_path,
                              "data/templates.yml:7: templates[0]: (id 'reminder') the 'de' "
                              "texts are missing in title, when, subject, body; add a 'de:' "
                              "entry to each.",
                              "data/clauses.yml:2: clauses[0]: (id 'clause-prepayment') the "
                              "'de' texts are missing in title, text, note, basis")
    assert output.count("the 'de' text") == 7 + 2 + 2 + 1  # labels, groups, templates, clause
    edit(project / "mkdocs.yml", "  - hooks/kit.py\n", "")  # the checklist says the same
    build_fails_with(project, tmp_path, "questions[0].text: the 'de' text is missing")


def _default_strings(project: Path) -> list[str]:
    """The default language's extra.strings block of mkdocs.yml, re-indented by its own lines."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  strings:") + 1
    block = []
    for line in lines[start:]:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    return [line for line in block if line.strip()]


def test_scheme_table_and_rules_come_from_the_data(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for folder, percent in [("", "50%"), ("ru/", "50 %"), ("pl/", "50%")]:
        page = tmp_path / "site" / folder / "staged-payments" / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rows = soup.select(".schemes-table table tbody tr")
        assert [row.th.a["href"] for row in rows] == ["../checklist/#full-prepayment",
                                                      "../checklist/#fifty-fifty"]
        assert percent in rows[1].get_text()
        rules = soup.select(".scheme-rules li a")
        assert {a["href"] for a in rules} == {"../checklist/#full-prepayment",
                                              "../checklist/#fifty-fifty"}
        assert "<!--" not in str(soup.select_one(".md-content"))


@pytest.mark.parametrize("language, citation", [
    ("en", "Late Payment of Commercial Debts (Interest) Act 1998"),
    ("ru", "ГК РФ, ст. 395"),
    ("pl", "art. 394 KC"),
])
def test_a_page_that_cites_law_needs_a_review_date(tmp_path: Path, language: str,
                                                   citation: str) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / language / "why-prepay.md", "with a [link]", f"citing {citation}, a [link]")
    build_fails_with(project, tmp_path,
                     f"docs/{language}/why-prepay.md: the page cites law or a rate",
                     "has no 'reviewed' date")
    for folder in ("en", "ru", "pl"):  # a reviewed page is reviewed in every language
        edit(project / "docs" / folder / "why-prepay.md", "audience: both",
             "audience: both\nreviewed: 2026-12-01")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
