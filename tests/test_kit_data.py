"""The message and clause kit's data (issue 10) without a build: the real files load with the
ids the pages promise, and the reader finds every kind of problem with file, line, id and
language — the fixture-project builds in test_build_errors.py show the same through MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from data_files import Problem
from kit import (CLAUSES_FILE, MAX_LISTED, PLACEHOLDERS_FILE, TEMPLATES_FILE, Kit, KitError,
                 brace_problems, form_fields, load_kit, segments, table_of_contents)
from test_site import LANGUAGES

FIXTURES = ROOT / "tests" / "fixtures" / "minimal"
DECLARED = ["your_name", "client_name", "project", "invoice_number", "invoice_date", "amount",
            "due_date", "days_to_pay", "new_date", "interest", "compensation", "acceptance_days",
            "notice_days", "client_page"]
TEMPLATE_IDS = {
    "reminders": ["reminder-before-due", "reminder-due-today", "reminder-few-days-late",
                  "reminder-two-weeks-late", "honest-impact", "warning-before-pause",
                  "pause-notice", "interest-claim"],
    "demands": ["uk-letter-before-claim", "uk-letter-of-claim", "pl-wezwanie-do-zaplaty",
                "ru-pretenziya", "demand-abroad"],
    "agreements": ["payment-plan", "reply-payment-not-a-problem", "reply-paid-when-paid",
                   "reply-files-first"],
    "proposals": ["proposal-full-prepayment", "proposal-fifty-fifty",
                  "proposal-thirty-forty-thirty", "proposal-prepaid-stages",
                  "proposal-retainer-in-advance"],
}
CLAUSE_IDS = ["clause-full-prepayment", "clause-fifty-fifty", "clause-thirty-forty-thirty",
              "clause-prepaid-stages", "clause-retainer", "licence-per-stage",
              "transfer-on-payment", "acceptance-deemed", "late-payment-interest",
              "pause-after-notice", "currency-and-bank-fees", "governing-law-and-court",
              "client-withdrawal", "instalments-acceleration"]
LETTER_LANGUAGES = {"uk-letter-before-claim": "en", "uk-letter-of-claim": "en",
                    "pl-wezwanie-do-zaplaty": "pl", "ru-pretenziya": "ru"}


@pytest.fixture(scope="module")
def kit() -> Kit:
    return load_kit(ROOT, LANGUAGES)


def fixture_project(tmp_path: Path) -> Path:
    """The fixture kit's three files in a data/ folder of their own."""
    (tmp_path / "data").mkdir()
    for name in (PLACEHOLDERS_FILE, TEMPLATES_FILE, CLAUSES_FILE):
        shutil.copy(FIXTURES / Path(name).name, tmp_path / name)
    return tmp_path


def problems_after(tmp_path: Path, file: str, old: str, new: str,
                   languages: list[str] = LANGUAGES) -> list[str]:
    root = fixture_project(tmp_path)
    text = (root / file).read_text(encoding="utf-8")
    assert old in text, old
    (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KitError) as error:
        load_kit(root, languages)
    return [str(problem) for problem in error.value.problems]


# --------------------------------------------------------------------------------------------
# The real data


def test_the_declared_fields_are_the_agreed_list(kit: Kit) -> None:
    assert [placeholder.id for placeholder in kit.placeholders] == DECLARED
    assert [p.id for p in kit.placeholders if p.kind == "link"] == ["client_page"]


def test_the_groups_are_the_agreed_ones(kit: Kit) -> None:
    assert [group.id for group in kit.groups] == list(TEMPLATE_IDS)


def test_every_promised_template_is_there_in_its_group(kit: Kit) -> None:
    """23 templates (issue 10 asks for at least 16), each in the group the pages promise."""
    found = {group: [t.id for t in kit.templates if t.group == group] for group in TEMPLATE_IDS}
    for group, ids in TEMPLATE_IDS.items():
        assert sorted(found[group]) == sorted(ids), group
    assert len(kit.templates) >= 16


def test_every_promised_clause_is_there(kit: Kit) -> None:
    assert sorted(clause.id for clause in kit.clauses) == sorted(CLAUSE_IDS)
    assert len(kit.clauses) >= 12


def test_country_demands_are_written_in_their_country_language(kit: Kit) -> None:
    letters = {t.id: t.letter_language for t in kit.templates if t.letter_language}
    assert letters == LETTER_LANGUAGES
    for template in kit.templates:
        if template.id in LETTER_LANGUAGES:
            assert set(template.body) == {LETTER_LANGUAGES[template.id]}
            assert template.law, f"{template.id} names no section of the law page"


def test_proposals_point_the_client_to_a_page(kit: Kit) -> None:
    for template in kit.templates:
        if template.group == "proposals":
            assert template.client_page, template.id
            assert "{client_page}" in template.body[LANGUAGES[0]], template.id


def test_the_form_offers_every_field_but_links_first_fields_first(kit: Kit) -> None:
    fields = form_fields(kit, "pl")
    assert [field.id for field in fields if field.first] == [
        "your_name", "client_name", "invoice_number", "amount", "due_date", "days_to_pay",
        "new_date"]
    assert "client_page" not in {field.id for field in fields}
    assert {field.input_type for field in fields if field.id.endswith("_date")} == {"date"}


# --------------------------------------------------------------------------------------------
# Fields in braces


def test_segments_split_words_and_fields() -> None:
    assert segments("Hello {client_name},\n{amount} due") == [
        ("text", "Hello "), ("field", "client_name"), ("text", ",\n"), ("field", "amount"),
        ("text", " due")]


@pytest.mark.parametrize("text, expected", [
    ("pay {amount", "a '{' opens a field it never closes"),
    ("pay amount}", "a '}' closes a field it never opened"),
    ("{{amount}}", "a '{' opens a field it never closes"),
    ("{Amount}", "'{Amount}' is not a field"),
    ("{amout}", "names the undeclared field {amout}; did you mean {amount}?"),
])
def test_brace_problems(text: str, expected: str) -> None:
    used, problems = brace_problems(text, ["amount", "client_name"])
    assert any(expected in problem for problem in problems), problems


def test_good_braces_name_their_fields() -> None:
    assert brace_problems("{amount} for {client_name}", ["amount", "client_name"]) == (
        {"amount", "client_name"}, [])


# --------------------------------------------------------------------------------------------
# Problems, found in one pass and named


def test_the_fixture_kit_loads(tmp_path: Path) -> None:
    kit = load_kit(fixture_project(tmp_path), LANGUAGES)
    assert [t.id for t in kit.templates] == ["reminder", "uk-demand"]


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    text = (root / TEMPLATES_FILE).read_text(encoding="utf-8")
    text = text.replace("group: demands", "group: demand").replace("{amount} к оплате",
                                                                    "{amount к оплате")
    (root / TEMPLATES_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as error:
        load_kit(root, LANGUAGES)
    message = str(error.value)
    assert "templates[1].group" in message and "templates[0].body.ru" in message


def test_a_field_in_the_clause_text_must_be_in_every_language(tmp_path: Path) -> None:
    problems = problems_after(tmp_path, CLAUSES_FILE, "в течение {days_to_pay} дней",
                              "в течение 10 дней")
    assert any("data/clauses.yml:6: clauses[0].text.ru: (id 'clause-prepayment', ru) lacks "
               "{days_to_pay}" in problem for problem in problems), problems


def test_client_page_field_needs_a_client_page(tmp_path: Path) -> None:
    problems = problems_after(tmp_path, TEMPLATES_FILE, "    client_page: why-prepay.md#schemes\n",
                              "")
    assert any("uses {client_page} but the item has no client_page" in p for p in problems)


def test_a_letter_language_that_is_not_a_site_language(tmp_path: Path) -> None:
    problems = problems_after(tmp_path, TEMPLATES_FILE, "letter_language: en",
                              "letter_language: de")
    assert any("templates[1].letter_language: (id 'uk-demand') 'de' is not a site language"
               in problem for problem in problems), problems


def test_a_new_language_gets_one_problem_per_item(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    with pytest.raises(KitError) as error:
        load_kit(root, [*LANGUAGES, "de"])
    messages = [str(problem) for problem in error.value.problems]
    assert len(messages) == 7 + 2 + 2 + 1  # labels, groups, templates, clause
    assert ("data/templates.yml:7: templates[0]: (id 'reminder') the 'de' texts are missing in "
            "title, when, subject, body; add a 'de:' entry to each.") in messages


def test_a_long_list_of_problems_is_cut_and_counted() -> None:
    problems = [Problem("data/templates.yml", line, f"templates[{line}]", "wrong")
                for line in range(1, 101)]
    message = str(KitError(problems))
    assert message.startswith("The message and clause kit has 100 problem(s):")
    assert message.count("wrong") == MAX_LISTED
    assert message.endswith(f"… and {100 - MAX_LISTED} more problem(s) not listed.")


# --------------------------------------------------------------------------------------------
# The table of contents of a rendered page


def test_table_of_contents_nests_the_headings() -> None:
    page = ('<h1 id="templates">Templates</h1><h2 id="short-answer">Short'
            '<a class="headerlink" href="#short-answer">¶</a></h2><h2 id="reminders">R &amp; R</h2>'
            '<h3 id="reminder-before-due">Before <em>due</em></h3><h2 id="demands">D</h2>')
    toc = table_of_contents(page)
    assert [token["id"] for token in toc] == ["templates"]
    children = toc[0]["children"]
    assert [(t["id"], t["name"]) for t in children] == [
        ("short-answer", "Short"), ("reminders", "R &amp; R"), ("demands", "D")]
    assert [(t["id"], t["name"]) for t in children[1]["children"]] == [
        ("reminder-before-due", "Before due")]
