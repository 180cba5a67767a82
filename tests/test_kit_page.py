"""The real site's templates and clauses pages (issue 10), read with an HTML parser: every item
in every language under its own id and in the table of contents, fields shown as [labels] in the
page's language, no brace left, a country's letter marked with its language, the client page's
address in the letter's language, a labelled form that starts hidden, the form's script on the
templates page only, and the checklist's outcomes linking to their paragraph and clause."""

from __future__ import annotations

import pytest

from conftest import ROOT, Site
from kit import Kit, load_kit
from test_site import CONFIG, DEFAULT, LANGUAGE_ENTRIES, LANGUAGES, PAGES

FORM_SCRIPT = "assets/javascripts/templates.js"
COPY_SCRIPT = "assets/javascripts/kit-copy.js"


@pytest.fixture(scope="module")
def kit() -> Kit:
    return load_kit(ROOT, LANGUAGES)


def letter_blocks(site: Site, language: str, slug: str) -> list:
    return site.soup(language, slug).select("[data-kit-letter]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_and_group_is_a_heading_in_the_toc(site: Site, kit: Kit,
                                                          language: str) -> None:
    soup = site.soup(language, "templates")
    toc = {a["href"] for a in soup.select(".md-sidebar--secondary a[href^='#']")}
    for group in kit.groups:
        assert soup.find("h2", id=group.id), (language, group.id)
        assert f"#{group.id}" in toc
    for template in kit.templates:
        heading = soup.find("h3", id=template.id)
        assert heading and template.title[language] in heading.get_text(), (language, template.id)
        assert heading.find_previous("h2")["id"] == template.group
        assert f"#{template.id}" in toc, (language, template.id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_clause_is_a_heading_in_the_toc(site: Site, kit: Kit, language: str) -> None:
    soup = site.soup(language, "clauses")
    toc = {a["href"] for a in soup.select(".md-sidebar--secondary a[href^='#']")}
    for clause in kit.clauses:
        assert soup.find("h2", id=clause.id), (language, clause.id)
        assert f"#{clause.id}" in toc


@pytest.mark.parametrize("slug", ["templates", "clauses"])
def test_the_same_ids_in_every_language(site: Site, slug: str) -> None:
    def ids(language: str) -> list[str]:
        return [tag["id"] for tag in site.soup(language, slug).select("article [id]")]
    for language in LANGUAGES:
        assert ids(language) == ids(DEFAULT), language


@pytest.mark.parametrize("slug", ["templates", "clauses"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_fields_show_their_label_in_the_page_language(site: Site, kit: Kit, slug: str,
                                                      language: str) -> None:
    labels = {placeholder.id: placeholder.label[language] for placeholder in kit.placeholders}
    fields = site.soup(language, slug).select(".kit-field[data-field]")
    assert fields
    for field in fields:
        assert field.get_text() == f"[{labels[field['data-field']]}]", field
        letter = field.find_parent(attrs={"data-kit-letter": True})
        assert field.get("lang", language) == language
        assert ("lang" in field.attrs) == (letter["data-kit-letter"] != language)


@pytest.mark.parametrize("slug", ["templates", "clauses"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_brace_is_left_in_the_texts(site: Site, slug: str, language: str) -> None:
    for block in letter_blocks(site, language, slug):
        text = block.get_text()
        assert "{" not in text and "}" not in text, text[:200]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_letter_carries_its_language(site: Site, kit: Kit, language: str) -> None:
    soup = site.soup(language, "templates")
    for template in kit.templates:
        block = soup.find(id=template.id).find_parent("section").select_one("[data-kit-letter]")
        letter = template.letter_language or language
        assert block["data-kit-letter"] == letter
        assert block.get("lang") == (letter if letter != language else None), template.id
        strings = site_strings(language=letter)
        assert block.select_one(".kit-letter__subject .kit-label").get_text() == strings["subject"]
        assert block["data-subject-label"] == strings["subject"]


def site_strings(language: str) -> dict:
    """A language's extra.strings.kit from mkdocs.yml."""
    if language == DEFAULT:
        return CONFIG["extra"]["strings"]["kit"]
    entry = next(entry for entry in LANGUAGE_ENTRIES if entry["locale"] == language)
    return entry["extra"]["strings"]["kit"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_client_page_is_an_address_in_the_letter_language(site: Site, kit: Kit,
                                                              language: str) -> None:
    soup = site.soup(language, "templates")
    for template in kit.templates:
        if not template.client_page:
            continue
        links = soup.find(id=template.id).find_parent("section").select("[data-kit-body] a")
        page, _, anchor = template.client_page.partition("#")
        letter = template.letter_language or language
        expected = site.url + site.address(letter, page.removesuffix(".md")) + (
            f"#{anchor}" if anchor else "")
        assert [link["href"] for link in links] == [expected], template.id
        assert links[0].get_text() == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_demands_link_their_legal_basis(site: Site, kit: Kit, language: str) -> None:
    soup = site.soup(language, "templates")
    for template in kit.templates:
        if template.law:
            link = soup.find(id=template.id).find_parent("section").select_one(".kit-law a")
            page, _, anchor = template.law.partition("#")
            assert link["href"].startswith(f"../{page.removesuffix('.md')}/"), link
            assert link["href"].endswith(f"#{anchor}" if anchor else "/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_labelled_and_starts_hidden(site: Site, language: str) -> None:
    soup = site.soup(language, "templates")
    form = soup.select_one("form[data-kit-form]")
    assert form is not None and "hidden" in form.attrs
    inputs = form.select("input")
    assert len(inputs) >= 8
    for element in inputs:
        if element.get("type") == "checkbox":
            assert element.find_parent("label").get_text(strip=True)
        else:
            label = soup.find("label", attrs={"for": element["id"]})
            assert label and label.get_text(strip=True), element
    assert form.select_one("details summary").get_text(strip=True)


def test_the_form_script_loads_on_the_templates_page_only(site: Site) -> None:
    for language in LANGUAGES:
        for slug in PAGES:
            sources = [script["src"] for script in site.soup(language, slug).find_all("script")
                       if script.get("src")]
            form = [src for src in sources if src.endswith(FORM_SCRIPT)]
            copy = [src for src in sources if src.endswith(COPY_SCRIPT)]
            assert len(form) == (slug == "templates"), (language, slug)
            assert len(copy) == (slug in ("templates", "clauses")), (language, slug)


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_outcomes_link_to_their_paragraph_and_clause(site: Site, language: str) -> None:
    soup = site.soup(language, "checklist")
    outcomes = soup.select(".checklist-outcome")
    assert outcomes
    for outcome in outcomes:
        hrefs = [a["href"] for a in outcome.select("ul a[href]")]
        identifier = outcome["aria-labelledby"]
        assert f"../templates/#proposal-{identifier}" in hrefs, (language, identifier, hrefs)
        assert any(href.startswith("../clauses/#clause-") for href in hrefs), hrefs
