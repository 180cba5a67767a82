"""Hardening of the data (issue 13): the bounded YAML loader of every data file, the checklist's
tree check without recursion, data ids that would collide with the page's own ids, titles in
the table of contents, no duplicate element id on any built page, and the checklist's and the
section links' scripts in a browser."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

import data_files
from checklist import (ChecklistError, element_ids, id_patterns, load_checklist, probe_data,
                       render_checklist, table_of_contents, validate_element_ids)
from conftest import ROOT, Site, build
from data_files import MAX_DEPTH, DataFileError, read_data_file
from test_build_errors import build_fails_with, edit, make_project

LANGUAGES = ["en", "ru", "pl"]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal" / "checklist.yml"
STRINGS = {key: f"[{key}]" for key in ("decision_heading", "decision_intro", "outcomes_heading",
                                        "outcome_label", "summary_label", "read_more",
                                        "start_again", "clear_ticks", "cleared")}
# About a kilobyte that a loader expanding aliases turns into 9**9 strings.
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi"))


def write(tmp_path: Path, text: str | bytes, name: str = "data.yml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        read_data_file(path, "data/x.yml")
    return str(caught.value)


# --------------------------------------------------------------------------------------------
# The shared loader, hooks/data_files.py


def test_every_scalar_stays_text_and_nulls_are_none(tmp_path: Path) -> None:
    data, lines = read_data_file(write(tmp_path, 'a: Yes\nb: 30\nc:\nd: ~\ne: ""\nf: !!int 7\n'
                                                 "g:\n  - {en: x}\n"), "data/x.yml")
    assert data == {"a": "Yes", "b": "30", "c": None, "d": None, "e": "", "f": "7",
                    "g": [{"en": "x"}]}
    assert lines("g[0].en") == 8 and lines("b") == 2 and lines("g[0].missing") == 8


def test_alias_bomb_is_refused_at_its_first_anchor_at_once(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB) < 1200
    started = time.perf_counter()
    message = refused(write(tmp_path, ALIAS_BOMB))
    assert time.perf_counter() - started < 1
    assert message == ("data/x.yml:1: the anchor '&a' is not allowed in data files; write the "
                       "value out in full.")


@pytest.mark.parametrize("text, expected", [
    ("a: &x text\n", "data/x.yml:1: the anchor '&x' is not allowed"),
    ("a: [1]\nb: *x\n", "data/x.yml:2: the alias '*x' is not allowed"),
    ("a: b\n---\na: c\n", "data/x.yml:2: the file holds more than one YAML document"),
    ("? [a]\n: b\n", "data/x.yml:1: a key must be plain text"),
    ("a: b\nc: d\na: e\n", "data/x.yml:3: a: the key 'a' appears twice; keep one."),
    ("a: [b\n", "data/x.yml:2: YAML syntax error, column 1"),
    ("a: \x07\n", "YAML syntax error"),
])
def test_what_the_loader_refuses(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in refused(write(tmp_path, text))


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 200_000])
def test_deep_nesting_is_refused_without_recursion(tmp_path: Path, depth: int) -> None:
    message = refused(write(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"))
    assert f"data/x.yml:1: the data is nested more than {MAX_DEPTH} levels deep" in message


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is the first level
    data, _ = read_data_file(write(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"), "x")
    for _ in range(depth - 1):
        data = data[0] if isinstance(data, list) else data["a"]
    assert data == [[]]


def test_a_file_that_is_not_utf8_is_named_with_line_and_byte(tmp_path: Path) -> None:
    text = "a: b\nc: zażółć\n".encode("iso-8859-2")
    message = refused(write(tmp_path, text))
    assert message == ("data/x.yml:2: byte 0xbf at column 6 is not UTF-8; save the file as "
                       "UTF-8 text.")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    data, _ = read_data_file(write(tmp_path, "\ufeffa: b\n"), "data/x.yml")
    assert data == {"a": "b"}


def test_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_files, "MAX_BYTES", 64)
    assert read_data_file(write(tmp_path, "a: " + "b" * 50 + "\n"), "x")[0] == {"a": "b" * 50}
    message = refused(write(tmp_path, "a: " + "b" * 80 + "\n"))
    assert message == ("data/x.yml: the file is larger than the 64 bytes a data file may have; "
                       "split or shorten it.")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "data/x.yml: the file does not exist" in refused(tmp_path / "none.yml")
    assert "data/x.yml: cannot be read" in refused(tmp_path)


# --------------------------------------------------------------------------------------------
# The checklist hook


def theme_env() -> Environment:
    return Environment(loader=FileSystemLoader(ROOT / "overrides"))


def chain_of_questions(count: int, last_next: str) -> str:
    """The fixture with ``count`` questions in a chain before its own first question."""
    questions = "".join(
        f"  - id: q{index}\n    text: {{en: Q, ru: Q, pl: Q}}\n    answers:\n"
        f"      - id: q{index}-a\n        label: {{en: A, ru: A, pl: A}}\n"
        f"        next: {f'q{index + 1}' if index + 1 < count else last_next}\n"
        for index in range(count))
    return (FIXTURE.read_text(encoding="utf-8").replace("start: new-client", "start: q0")
            .replace("questions:\n", "questions:\n" + questions, 1))


def test_a_long_chain_of_questions_is_checked_without_recursion(tmp_path: Path) -> None:
    data = load_checklist(write(tmp_path, chain_of_questions(5000, "new-client")), LANGUAGES)
    assert len(data.questions) == 5002


def test_a_cycle_at_the_end_of_a_long_chain_is_reported_once(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError) as caught:
        load_checklist(write(tmp_path, chain_of_questions(3000, "q2998")), LANGUAGES,
                       source="data/checklist.yml")
    message = str(caught.value)
    assert "questions[2998]: the answers lead round in a cycle (q2998 → q2999 → q2998)" in message
    assert message.count("cycle") == 1


def test_the_template_says_which_element_ids_it_makes_of_data_ids() -> None:
    env = theme_env()
    patterns = id_patterns(render_checklist(env, probe_data("en"), "en", {}, STRINGS))
    assert patterns == {"question": ("{}",), "answer": ("{}",), "outcome": ("{}",),
                        "checklist": ("{}",), "item": ("{}", "{}-done", "{}-why")}


def test_data_ids_that_collide_are_named() -> None:
    data = load_checklist(FIXTURE, LANGUAGES, source="data/checklist.yml")
    env = theme_env()
    made = element_ids(data, id_patterns(render_checklist(env, probe_data("en"), "en", {},
                                                          STRINGS)))
    assert made["written-terms-why"] == ["checklists[0].items[0].id"]
    page_ids = list(made) + ["checklist", "decision", "written-terms"]
    with pytest.raises(ChecklistError) as caught:
        validate_element_ids(data, made, page_ids, "en/checklist.md")
    message = str(caught.value)
    assert ("checklists[0].items[0].id: makes the element id 'written-terms', which the page "
            "already has (its headings or its templates, en/checklist.md)") in message
    assert "en/checklist.md: the element id 'decision' appears 2 times" not in message
    with pytest.raises(ChecklistError) as caught:
        validate_element_ids(data, made, page_ids + ["decision"], "en/checklist.md")
    assert "en/checklist.md: the element id 'decision' appears 2 times" in str(caught.value)
    validate_element_ids(data, made, list(made) + ["checklist"], "en/checklist.md")


TITLE = "Fees & terms &lt;b&gt; < 1 month"
FIRST_LIST_TITLE = ("title: {en: Before the start,", f'title: {{en: "{TITLE}",')


def test_titles_in_the_table_of_contents_are_escaped(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert FIRST_LIST_TITLE[0] in text
    path = write(tmp_path, text.replace(*FIRST_LIST_TITLE))
    data = load_checklist(path, LANGUAGES)
    names = [entry["name"] for entry in table_of_contents(data, "en", {
        "decision_heading": "Q & A", "outcomes_heading": "Outcomes"})]
    assert names[0] == "Q &amp; A"
    assert names[2] == "Fees &amp; terms &amp;lt;b&amp;gt; &lt; 1 month"


# --------------------------------------------------------------------------------------------
# Fixture projects: the probes of issue 13, built


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def chain_edit(project: Path) -> None:
    (project / "data" / "checklist.yml").write_text(chain_of_questions(2000, "new-client"),
                                                    encoding="utf-8")


def prepend(text: str):
    def change(project: Path) -> None:
        path = project / "data" / "checklist.yml"
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
    return change


def write_redirects(content: str | bytes):
    def change(project: Path) -> None:
        write(project / "data", content, "redirects.yml")
    return change


def recode_checklist(project: Path) -> None:
    path = project / "data" / "checklist.yml"
    path.write_bytes(path.read_bytes().replace("Uzgodnij".encode(), "Uzgódnij".encode("iso-8859-2")))


def replace_in_checklist(*pairs: tuple[str, str]):
    def change(project: Path) -> None:
        for old, new in pairs:
            edit(project / "data" / "checklist.yml", old, new)
    return change


# A change to the fixture project, and what the failed build must say (file, line, field).
DATA_FAILURES = {
    "alias-bomb-in-checklist": (prepend(ALIAS_BOMB), [
        "data/checklist.yml:1: the anchor '&a' is not allowed in data files"]),
    "nested-1000-deep": (prepend("deep: " + "[" * 1000 + "]" * 1000 + "\n"), [
        "data/checklist.yml:1: the data is nested more than 32 levels deep"]),
    "checklist-in-iso-8859-2": (recode_checklist, [
        "data/checklist.yml:53: byte 0xf3 at column 124 is not UTF-8"]),
    "redirects-in-iso-8859-2": (write_redirects("old-page: why-prepay  # zażółć\n"
                                                .encode("iso-8859-2")), [
        "data/redirects.yml:1: byte 0xbf at column 27 is not UTF-8"]),
    "alias-in-redirects": (write_redirects("old-a: &page why-prepay\nold-b: *page\n"), [
        "data/redirects.yml:1: the anchor '&page' is not allowed"]),
    "redirect-without-a-target": (write_redirects("old-page:\n"), [
        "data/redirects.yml:1: old-page: the new address must be a page slug as text"]),
    "redirects-as-a-list": (write_redirects("- why-prepay\n"), [
        "data/redirects.yml:1: write one 'old-slug: new-slug' line per renamed page"]),
    "data-id-decision": (replace_in_checklist(("- id: new-client\n", "- id: decision\n"),
                                              ("start: new-client", "start: decision")), [
        "data/checklist.yml:3: questions[0].id: makes the element id 'decision', which the "
        "page already has", "en/checklist.md"]),
    "data-id-checklist": (replace_in_checklist(("id: written-terms", "id: checklist")), [
        "checklists[0].items[0].id: makes the element id 'checklist', which the page already "
        "has"]),
    "data-id-section-link-strings": (
        replace_in_checklist(("id: written-terms", "id: section-link-strings")), [
            "checklists[0].items[0].id: makes the element id 'section-link-strings', which the "
            "page already has"]),
    "data-id-of-an-items-reason": (
        replace_in_checklist(("- id: paid-on-time-yes", "- id: written-terms-why")), [
            "checklists[0].items[0].id: makes the element id 'written-terms-why', which "
            "questions[1].answers[0].id makes too"]),
}


@pytest.mark.parametrize("case", DATA_FAILURES)
def test_bad_data_fails_the_build_with_a_clear_message(tmp_path: Path, case: str) -> None:
    change, expected = DATA_FAILURES[case]
    project = make_project(tmp_path)
    change(project)
    before = files_under(tmp_path)
    started = time.perf_counter()
    build_fails_with(project, tmp_path, *expected)
    assert time.perf_counter() - started < 60
    allowed = [tmp_path / "site", project / ".cache"]  # the output, and the cards' cache
    written_elsewhere = [path for path in files_under(tmp_path) - before
                         if not any(folder in path.parents for folder in allowed)]
    assert not written_elsewhere


def test_a_chain_of_2000_questions_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    chain_edit(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    soup = BeautifulSoup((tmp_path / "site" / "checklist" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert len(soup.select(".checklist-question")) == 2002


def test_checklist_titles_reach_the_table_of_contents_as_text(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "data" / "checklist.yml", *FIRST_LIST_TITLE)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    soup = BeautifulSoup((tmp_path / "site" / "checklist" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one("h2#before-start").get_text().replace("¶", "").strip() == TITLE
    entry = soup.select_one('.md-nav--secondary a[href="#before-start"]')
    assert entry.get_text(strip=True) == TITLE


# --------------------------------------------------------------------------------------------
# The built site


def test_no_page_of_the_built_site_has_a_duplicate_element_id(site: Site) -> None:
    repeated = {}
    for path in sorted(site.root.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        counts = Counter(element["id"] for element in soup.find_all(id=True))
        if twice := sorted(identifier for identifier, count in counts.items() if count > 1):
            repeated[str(path.relative_to(site.root))] = twice
    assert not repeated, repeated


# --------------------------------------------------------------------------------------------
# The scripts, in a browser


def checklist_address(served_site: str) -> str:
    return served_site + "checklist/"


def test_checklist_ticks_survive_a_full_storage(browser, served_site: str) -> None:
    context = browser.new_context()
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(checklist_address(served_site))
    box = tab.locator(".checklist-item input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    tab.locator("[data-checklist-clear]").click()
    assert not box.is_checked()
    assert tab.locator("[data-checklist-status]").text_content()
    assert not errors, errors
    context.close()


def test_checklist_works_with_storage_blocked(browser, served_site: str) -> None:
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, "localStorage", {
        get: function () { throw new DOMException("Blocked.", "SecurityError"); } });""")
    tab = context.new_page()
    errors: list[str] = []
    # Material's own scripts stumble on blocked storage too; ours must not.
    tab.on("pageerror", lambda error: errors.append(error.stack or "")
           if "checklist.js" in (error.stack or "") else None)
    tab.goto(checklist_address(served_site))
    box = tab.locator(".checklist-item input[type=checkbox]").first
    box.check()
    assert box.is_checked() and not errors, errors
    context.close()


def test_copied_section_link_drops_the_search_parameters(browser, served_site: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    page = served_site + "staged-payments/"
    tab.goto(page + "?h=schemes&q=x#schemes")
    link = tab.locator("h2#schemes a.headerlink")
    assert link.get_attribute("title") == page + "#schemes"
    link.click()
    assert tab.evaluate("navigator.clipboard.readText()") == page + "#schemes"
    context.close()
