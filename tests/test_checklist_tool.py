"""The checklist as a guided tool (issue 12): one question at a time, chosen answers marked and
changeable, the address following each step (Back, reload, a shared #outcome), a recap of the
answers, the proposal kit in every language with copy buttons, and the whole tree on the page
without JavaScript. The script is loaded on the checklist page only."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from checklist import (ChecklistData, Link, Outcome, client_link, load_checklist,
                       proposal_kits)
from browser_fixtures import recording_tab
from conftest import ROOT, Site
from project import page_address
from test_site import DEFAULT, LANGUAGES, PAGES

PHONE = {"width": 375, "height": 740}
SCRIPT = "assets/javascripts/checklist.js"
COPIED = {"en": "Copied to the clipboard.", "ru": "Скопировано в буфер обмена.",
          "pl": "Skopiowano do schowka."}
# A path through the tree (answer ids) and the outcome it reaches.
PATH = ["work-type-project", "new-client-yes", "client-abroad-no", "terms-contract",
        "size-medium"]
PATH_OUTCOME = "fifty-fifty"
CHOSEN = ".checklist-answers [aria-current]"


@pytest.fixture(scope="module")
def data() -> ChecklistData:
    return load_checklist(ROOT / "data" / "checklist.yml", LANGUAGES)


def checklist_address(served_site: str, language: str) -> str:
    return served_site + page_address("" if language == DEFAULT else f"{language}/", "checklist")


@pytest.fixture()
def tab(browser) -> Iterator:
    """A browser tab that may use the clipboard and records the page's errors."""
    yield from recording_tab(browser)


def visible(tab, selector: str) -> list[str]:
    """The ids of the matching elements a reader can see (questions, or outcomes by heading)."""
    return tab.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .filter(e => e.checkVisibility())
        .map(e => e.id || e.getAttribute('aria-labelledby'))""", selector)


def progress(tab) -> str:
    return tab.locator(".checklist-progress").inner_text()


# --------------------------------------------------------------------------------------------
# Without a browser


def test_every_question_has_its_own_wording(data: ChecklistData) -> None:
    for language in LANGUAGES:
        texts = [question.text[language] for question in data.questions]
        assert len(set(texts)) == len(texts), f"{language}: two questions read the same"


def test_the_client_link_prefers_a_page_for_clients() -> None:
    links = [Link("staged-payments", "schemes", ""), Link("why-prepay", "what-you-get", ""),
             Link("overdue-payments", None, "")]
    outcome = Outcome(id="o", title={}, payments=[], fits={}, receives={}, summary={}, why={},
                      links=links, path="")
    audiences = {"staged-payments": "both", "why-prepay": "clients",
                 "overdue-payments": "freelancers"}
    assert client_link(outcome, audiences) == links[1]
    assert client_link(outcome, {**audiences, "why-prepay": "freelancers"}) == links[0]
    assert client_link(outcome, {}) == links[0]


def test_proposal_kits_give_each_language_its_own_address(data: ChecklistData) -> None:
    audiences = {"why-prepay": "clients", "staged-payments": "both"}
    paths = {slug: "" if slug == "index" else f"{slug}/" for slug in PAGES}
    languages = [("en", "English", ""), ("ru", "Русский", "ru/"), ("pl", "Polski", "pl/")]
    kits = proposal_kits(data, "ru", audiences, paths, languages, "https://x.example/site")
    kit = kits["fifty-fifty"]
    assert [(page.language, page.name, page.address) for page in kit.client_pages] == [
        ("en", "English", "https://x.example/site/why-prepay/#mutual-commitment"),
        ("ru", "Русский", "https://x.example/site/ru/why-prepay/#mutual-commitment"),
        ("pl", "Polski", "https://x.example/site/pl/why-prepay/#mutual-commitment")]
    assert kit.recommendation == "https://x.example/site/ru/checklist/#fifty-fifty"
    assert set(kits) == {outcome.id for outcome in data.outcomes}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_outcome_offers_its_sentence_in_every_language(site: Site, data: ChecklistData,
                                                            language: str) -> None:
    soup = site.soup(language, "checklist")
    for outcome in data.outcomes:
        kit = soup.select_one(f'section[aria-labelledby="{outcome.id}"] .checklist-kit')
        texts = kit.select("[data-kit-text]")
        assert [text["lang"] for text in texts] == LANGUAGES
        for text in texts:
            sentence = text.select_one("[data-kit-sentence]").get_text(strip=True)
            assert sentence == outcome.summary[text["lang"]]
            address = text.select_one("a[data-kit-address]")["href"]
            prefix = "" if text["lang"] == DEFAULT else f"{text['lang']}/"
            assert address.startswith(site.url + prefix) and "#" in address, address
            assert ("hidden" in text.attrs) == (text["lang"] != language)
        assert kit.select_one("[data-kit-copy-link]")["data-kit-copy-link"] == (
            f"{site.url}{site.address(language, 'checklist')}#{outcome.id}")


def test_the_script_is_loaded_on_the_checklist_page_only(site: Site) -> None:
    for language in LANGUAGES:
        for slug in PAGES:
            scripts = [script["src"] for script in site.soup(language, slug).find_all("script")
                       if script.get("src", "").endswith(SCRIPT)]
            assert len(scripts) == (1 if slug == "checklist" else 0), (language, slug, scripts)


# --------------------------------------------------------------------------------------------
# In a browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_path_leads_one_question_at_a_time_to_its_outcome(
        tab, served_site: str, data: ChecklistData, language: str) -> None:
    """Follows every answer of every question by clicking, and Back to try the next one."""
    questions = {question.id: question for question in data.questions}
    reached = set()

    def explore(step: str, path: list[str]) -> None:
        for answer in questions[step].answers:
            assert visible(tab, ".checklist-question") == [step], (language, path)
            assert re.search(rf"\b{len(path) + 1}\b", progress(tab)), progress(tab)
            tab.locator(f"#{answer.id}").click()
            assert tab.evaluate("location.hash") == f"#{answer.next}"
            if answer.next in questions:
                assert answer.next not in path, f"{language}: a cycle {path}"
                explore(answer.next, path + [step])
            else:
                reached.add(answer.next)
                assert visible(tab, ".checklist-question") == []
                assert visible(tab, ".checklist-outcome") == [answer.next], (language, path)
                assert tab.evaluate("document.activeElement.id") == answer.next, "focus moves"
                assert tab.locator(".checklist-recap li").count() == len(path) + 1
                assert tab.locator(CHOSEN).count() == len(path) + 1
            tab.go_back()

    tab.goto(checklist_address(served_site, language))
    explore(data.start, [])
    assert reached == {outcome.id for outcome in data.outcomes}
    assert not tab.errors, tab.errors


def test_progress_counts_the_longest_way_left(tab, served_site: str) -> None:
    tab.goto(checklist_address(served_site, "en"))
    assert progress(tab).startswith("Question 1 of up to 5")
    tab.locator("#work-type-project").click()
    tab.locator("#new-client-yes").click()
    assert progress(tab).startswith("Question 3 of up to 5")
    tab.locator("#client-abroad-yes").click()
    assert progress(tab).startswith("Question 4 of up to 4")


def test_a_changed_answer_drops_the_later_ones(tab, served_site: str) -> None:
    tab.goto(checklist_address(served_site, "en"))
    for answer in PATH:
        tab.locator(f"#{answer}").click()
    recap = tab.locator(".checklist-recap li")
    assert recap.count() == len(PATH)
    recap.nth(1).locator("a").click()  # change the answer to "Is this a new client?"
    assert tab.evaluate("location.hash") == "#new-client"
    assert tab.locator("#new-client-yes").get_attribute("aria-current") == "true"
    assert tab.locator(CHOSEN).count() == len(PATH), "the later answers are kept"
    tab.locator("#new-client-no").click()
    assert visible(tab, ".checklist-question") == ["paid-on-time"]
    assert progress(tab).startswith("Question 3")
    chosen = tab.evaluate("(selector) => [...document.querySelectorAll(selector)].map(e => e.id)",
                          CHOSEN)
    assert chosen == ["work-type-project", "new-client-no"]


def test_the_same_answer_again_keeps_the_later_ones(tab, served_site: str) -> None:
    tab.goto(checklist_address(served_site, "en"))
    for answer in PATH:
        tab.locator(f"#{answer}").click()
    tab.locator(f'section[aria-labelledby="{PATH_OUTCOME}"] .checklist-outcome__again a').click()
    assert visible(tab, ".checklist-question") == ["work-type"]
    tab.locator(f"#{PATH[0]}").click()
    assert tab.locator(CHOSEN).count() == len(PATH)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_outcome_address_opens_that_outcome(tab, served_site: str, data: ChecklistData,
                                               language: str) -> None:
    tab.goto(checklist_address(served_site, language) + f"#{PATH_OUTCOME}")
    assert visible(tab, ".checklist-outcome") == [PATH_OUTCOME]
    assert visible(tab, ".checklist-question") == []
    assert tab.locator(f"h3#{PATH_OUTCOME}").is_visible()
    assert tab.locator(".checklist-recap").is_hidden(), "no answers to recap"
    tab.locator("[data-checklist-all]").click()
    assert len(visible(tab, ".checklist-outcome")) == len(data.outcomes)
    tab.locator("[data-checklist-all]").click()
    assert visible(tab, ".checklist-outcome") == [PATH_OUTCOME]
    assert not tab.errors, tab.errors


def test_back_and_reload_keep_the_answers(tab, served_site: str) -> None:
    url = checklist_address(served_site, "en")
    tab.goto(url)
    for answer in PATH[:3]:
        tab.locator(f"#{answer}").click()
    assert visible(tab, ".checklist-question") == ["terms-in-writing"]
    tab.go_back()
    assert tab.evaluate("location.hash") == "#client-abroad"
    assert visible(tab, ".checklist-question") == ["client-abroad"]
    assert tab.locator("#client-abroad-no").get_attribute("aria-current") == "true"
    tab.go_forward()
    assert visible(tab, ".checklist-question") == ["terms-in-writing"]
    tab.reload()
    assert visible(tab, ".checklist-question") == ["terms-in-writing"]
    assert tab.locator(CHOSEN).count() == 3
    for answer in PATH[3:]:
        tab.locator(f"#{answer}").click()
    tab.reload()
    assert visible(tab, ".checklist-outcome") == [PATH_OUTCOME]
    assert tab.locator(".checklist-recap li").count() == len(PATH)
    tab.go_back()
    assert visible(tab, ".checklist-question") == ["project-size"]
    assert not tab.errors, tab.errors


def test_a_question_address_without_answers_starts_from_the_first(tab, served_site: str) -> None:
    tab.goto(checklist_address(served_site, "en") + "#project-size")
    assert visible(tab, ".checklist-question") == ["work-type"]
    assert tab.evaluate("location.hash") == "#work-type"


def test_the_kit_copies_a_polish_sentence_and_link_from_the_english_page(
        tab, served_site: str, site: Site, data: ChecklistData) -> None:
    tab.goto(checklist_address(served_site, "en"))
    for answer in PATH:
        tab.locator(f"#{answer}").click()
    kit = tab.locator(f'section[aria-labelledby="{PATH_OUTCOME}"] .checklist-kit')
    kit.get_by_label("Polski").check()
    polish = kit.locator('[data-kit-text][lang="pl"]')
    assert polish.is_visible() and kit.locator('[data-kit-text][lang="en"]').is_hidden()
    status = kit.locator("[role=status]")
    kit.locator("[data-kit-copy]").click()
    expect(status).to_have_text(COPIED["en"])
    copied = tab.evaluate("navigator.clipboard.readText()")
    summary = next(o for o in data.outcomes if o.id == PATH_OUTCOME).summary["pl"]
    assert copied == f"{summary}\n{site.url}pl/why-prepay/#mutual-commitment"
    kit.locator("[data-kit-copy-link]").click()
    expect(status).to_have_text(COPIED["en"])
    assert tab.evaluate("navigator.clipboard.readText()") == (
        f"{site.url}checklist/#{PATH_OUTCOME}")
    assert not tab.errors, tab.errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kit_works_by_keyboard_and_confirms_in_the_pages_language(
        tab, served_site: str, site: Site, language: str) -> None:
    tab.goto(checklist_address(served_site, language) + f"#{PATH_OUTCOME}")
    kit = tab.locator(f'section[aria-labelledby="{PATH_OUTCOME}"] .checklist-kit')
    radio = kit.locator('input[type=radio]:checked')
    radio.focus()
    tab.keyboard.press("ArrowRight")  # the next language in the group
    chosen = kit.locator("input[type=radio]:checked").get_attribute("value")
    assert chosen != language
    button = kit.locator("[data-kit-copy]")
    button.focus()
    tab.keyboard.press("Enter")
    expect(kit.locator("[role=status]")).to_have_text(COPIED[language])
    assert button.evaluate("b => b === document.activeElement"), "the focus stays on the button"
    copied = tab.evaluate("navigator.clipboard.readText()")
    prefix = "" if chosen == DEFAULT else f"{chosen}/"
    assert copied.splitlines()[1].startswith(site.url + prefix), copied
    kit.locator("[data-kit-copy-link]").focus()
    tab.keyboard.press("Space")
    expect(kit.locator("[role=status]")).to_have_text(COPIED[language])
    assert tab.evaluate("navigator.clipboard.readText()").endswith(
        f"{site.address(language, 'checklist')}#{PATH_OUTCOME}")


def test_copying_without_the_clipboard_api_still_works(browser, served_site: str) -> None:
    """On a plain-http address the Clipboard API is missing; a selected text field copies."""
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    tab = context.new_page()
    tab.goto(checklist_address(served_site, "en") + f"#{PATH_OUTCOME}")
    kit = tab.locator(f'section[aria-labelledby="{PATH_OUTCOME}"] .checklist-kit')
    kit.locator("[data-kit-copy]").click()
    expect(kit.locator("[role=status]")).to_have_text(COPIED["en"])
    assert tab.locator(".checklist-copy-field").count() == 0
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_outcome_with_its_kit_passes_axe_and_fits_a_phone(
        browser, served_site: str, language: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    tab = context.new_page()
    tab.goto(checklist_address(served_site, language))
    for answer in PATH:
        tab.locator(f"#{answer}").click()
    tab.locator('.is-current input[type=radio]:not(:checked)').first.check()
    results = Axe().run(tab)
    width = tab.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert results.violations_count == 0, results.generate_report()
    assert width <= PHONE["width"], f"{language}: the outcome is {width}px wide"


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_whole_tree_is_on_the_page(browser, served_site: str,
                                                          data: ChecklistData,
                                                          language: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(checklist_address(served_site, language) + f"#{PATH_OUTCOME}")
    assert len(visible(tab, ".checklist-question")) == len(data.questions)
    assert len(visible(tab, ".checklist-outcome")) == len(data.outcomes)
    for hidden in [".checklist-progress", ".checklist-recap", ".checklist-kit__languages",
                   ".checklist-kit__actions", ".checklist-outcomes__all"]:
        assert tab.locator(hidden).first.is_hidden(), f"{hidden} needs the script"
    sentences = tab.locator(f'section[aria-labelledby="{PATH_OUTCOME}"] [data-kit-text]')
    shown = [sentences.nth(i).get_attribute("lang") for i in range(sentences.count())
             if sentences.nth(i).is_visible()]
    assert shown == [language]
    context.close()
