"""Unit tests of the checklist hook's core: load, validate, render — and every bad-data case."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

import checklist
from checklist import ChecklistError, SitePage, load_checklist, render_checklist, resolve_links
from conftest import ROOT

LANGUAGES = ["en", "ru", "pl"]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal" / "checklist.yml"
SITE = {
    "index": SitePage(url="", title="Home", anchors={"home": "Home"}),
    "staged-payments": SitePage(url="staged-payments/", title="Staged payments",
                                anchors={"staged-payments": "Staged payments",
                                         "schemes": "Payment schemes compared"}),
    "checklist": SitePage(url="checklist/", title="Checklist", anchors={"checklist": "Checklist"}),
}
STRINGS = {key: f"[{key}]" for key in ("decision_heading", "decision_intro", "outcomes_heading",
                                        "outcome_label", "summary_label", "read_more",
                                        "start_again", "clear_ticks", "cleared")}


def fixture_data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a mapping used twice out twice: data files refuse YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "checklist.yml"
    text = data if isinstance(data, str) else yaml.dump(data, Dumper=_NoAliasDumper,
                                                        allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, languages: list[str] = LANGUAGES) -> str:
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path, languages, source="data/checklist.yml")
    return str(caught.value)


def theme_env() -> Environment:
    return Environment(loader=FileSystemLoader(ROOT / "overrides"))


def test_the_fixture_loads() -> None:
    data = load_checklist(FIXTURE, LANGUAGES)
    assert data.start == "new-client"
    assert [q.id for q in data.questions] == ["new-client", "paid-on-time"]
    assert data.outcomes[0].links[0].anchor == "schemes"
    assert data.checklists[0].items[0].text["pl"] == "Uzgodnij warunki na piśmie."


def test_missing_file(tmp_path: Path) -> None:
    message = problems_of(tmp_path / "nothing.yml")
    assert "data/checklist.yml: the file does not exist" in message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("    answers:\n", "    answers\n  - :\n", 1)
    message = problems_of(write(tmp_path, text))
    assert "YAML syntax error" in message
    assert "data/checklist.yml:7:" in message or "data/checklist.yml:8:" in message


@pytest.mark.parametrize("text,found", [("", "nothing (the file is empty)"),
                                        ("- a\n- b\n", "found list"),
                                        ("just text\n", "found str")])
def test_empty_file_or_wrong_top_level_type(tmp_path: Path, text: str, found: str) -> None:
    message = problems_of(write(tmp_path, text))
    assert "the file must be a mapping with the fields checklists, outcomes, questions, start" in message
    assert found in message


def test_missing_field(tmp_path: Path) -> None:
    data = fixture_data()
    del data["outcomes"][1]["why"]
    message = problems_of(write(tmp_path, data))
    assert "outcomes[1]: the field 'why' is missing; add it." in message


def test_unknown_field_is_named(tmp_path: Path) -> None:
    data = fixture_data()
    data["questions"][0]["titel"] = data["questions"][0]["text"]
    assert "questions[0].titel: unknown field 'titel'" in problems_of(write(tmp_path, data))


def test_missing_language_names_field_language_and_line(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    why = "    why: {en: A known client shares the risk."
    line = text[: text.index(why)].count("\n") + 1
    path = write(tmp_path, text.replace(", pl: Znany klient dzieli ryzyko.}", "}"))
    message = problems_of(path)
    assert f"data/checklist.yml:{line}: outcomes[1].why: the 'pl' text is missing" in message


def test_a_new_configured_language_is_demanded(tmp_path: Path) -> None:
    message = problems_of(FIXTURE, LANGUAGES + ["de"])
    assert "questions[0].text: the 'de' text is missing; add a 'de:' entry." in message


def test_text_split_by_an_unquoted_comma_is_caught(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        'ru: "Клиент, которому вы ещё не выставляли счёт."', "ru: Клиент, которому ещё не")
    message = problems_of(write(tmp_path, text))
    assert "'которому ещё не' is not a configured language" in message
    assert "put the whole text in quotes" in message


def test_empty_text_is_refused(tmp_path: Path) -> None:
    data = fixture_data()
    data["checklists"][0]["items"][0]["why"]["ru"] = "  "
    message = problems_of(write(tmp_path, data))
    assert "checklists[0].items[0].why.ru: must be a non-empty text." in message


def test_duplicate_id(tmp_path: Path) -> None:
    data = fixture_data()
    data["checklists"][0]["items"][0]["id"] = "fifty-fifty"
    message = problems_of(write(tmp_path, data))
    assert ("checklists[0].items[0].id: the id 'fifty-fifty' is already used at outcomes[1].id"
            in message)


def test_duplicate_key(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("start: new-client\n",
                                                       "start: new-client\nstart: other\n")
    message = problems_of(write(tmp_path, text))
    assert "data/checklist.yml:2: start: the key 'start' appears twice" in message


def test_invalid_id(tmp_path: Path) -> None:
    data = fixture_data()
    data["outcomes"][0]["id"] = "Full Prepayment"
    assert "outcomes[0].id: 'Full Prepayment' is not a valid id" in problems_of(write(tmp_path, data))


def test_answer_to_unknown_target(tmp_path: Path) -> None:
    data = fixture_data()
    data["questions"][1]["answers"][0]["next"] = "fifty-fifity"
    message = problems_of(write(tmp_path, data))
    assert ("questions[1].answers[0].next: 'fifty-fifity' is neither a question nor an outcome"
            in message)


def test_start_must_be_a_question(tmp_path: Path) -> None:
    data = fixture_data()
    data["start"] = "full-prepayment"
    assert "start: 'full-prepayment' is not the id of a question" in problems_of(write(tmp_path, data))


def test_unreachable_question_and_outcome(tmp_path: Path) -> None:
    data = fixture_data()
    data["questions"][0]["answers"][1]["next"] = "full-prepayment"
    message = problems_of(write(tmp_path, data))
    assert "questions[1]: no path from 'new-client' reaches the question 'paid-on-time'" in message
    assert "outcomes[1]: no answer leads to the outcome 'fifty-fifty'" in message


def test_cycle(tmp_path: Path) -> None:
    data = fixture_data()
    data["questions"][1]["answers"][1]["next"] = "new-client"
    message = problems_of(write(tmp_path, data))
    assert "the answers lead round in a cycle (new-client → paid-on-time → new-client)" in message


def test_raw_html_is_refused(tmp_path: Path) -> None:
    data = fixture_data()
    data["outcomes"][0]["why"]["en"] = "Safe <script>alert(1)</script>"
    assert "outcomes[0].why.en: contains HTML; write plain text" in problems_of(write(tmp_path, data))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = fixture_data()
    del data["outcomes"][0]["title"]["ru"]
    del data["checklists"][0]["items"][0]["text"]
    message = problems_of(write(tmp_path, data))
    assert "2 problem(s)" in message


def test_link_to_unknown_page_or_anchor() -> None:
    data = load_checklist(FIXTURE, LANGUAGES, source="data/checklist.yml")
    site = {**SITE, "staged-payments": SitePage("staged-payments/", "Staged payments", {})}
    with pytest.raises(ChecklistError) as caught:
        checklist.validate_links(data, site, "ru")
    assert ("outcomes[0].links[0].anchor: the page 'staged-payments' (ru) has no heading id "
            "'schemes'" in str(caught.value))
    with pytest.raises(ChecklistError) as caught:
        checklist.validate_links(data, {"index": SITE["index"]}, "pl")
    assert "outcomes[0].links[0].page: there is no page 'staged-payments' in the 'pl' site" in str(
        caught.value)


def test_site_page_collects_heading_texts() -> None:
    page = checklist.site_page("x/", "X", '<h2 id="a">Alpha<a class="headerlink" href="#a">¶</a>'
                                          '</h2><p id="p">text</p>')
    assert page.anchors == {"a": "Alpha", "p": "p"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_render_gives_every_element_its_data_id(language: str) -> None:
    data = load_checklist(FIXTURE, LANGUAGES)
    links = resolve_links(data, SITE, "checklist/")
    html = render_checklist(theme_env(), data, language, links, STRINGS)
    for identifier in ["new-client", "paid-on-time", "full-prepayment", "fifty-fifty",
                       "before-start", "written-terms", "new-client-yes"]:
        assert f'id="{identifier}"' in html
    assert 'href="#paid-on-time"' in html
    assert 'href="../staged-payments/#schemes"' in html
    assert "Payment schemes compared (Staged payments)" in html
    assert data.checklists[0].items[0].text[language] in html


def test_render_escapes_text() -> None:
    data = load_checklist(FIXTURE, LANGUAGES)
    data.outcomes[0] = dataclasses.replace(data.outcomes[0], why={"en": 'Fish & "chips" <b>'})
    html = render_checklist(theme_env(), data, "en", resolve_links(data, SITE, "checklist/"),
                            STRINGS)
    assert "Fish &amp; &#34;chips&#34; &lt;b&gt;" in html


def test_table_of_contents_lists_the_sections() -> None:
    entries = checklist.table_of_contents(load_checklist(FIXTURE, LANGUAGES), "pl",
                                          {"decision_heading": "D", "outcomes_heading": "O"})
    assert [(e["id"], e["name"]) for e in entries] == [("decision", "D"), ("outcomes", "O"),
                                                       ("before-start", "Przed startem")]


def test_the_real_data_is_valid(languages: list[str]) -> None:
    data = load_checklist(ROOT / "data" / "checklist.yml", languages)
    items = sum(len(group.items) for group in data.checklists)
    assert items >= 25, f"the checklists hold {items} items; at least 25"
    assert [group.id for group in data.checklists] == ["before-start", "during-project",
                                                       "payment-late"]
