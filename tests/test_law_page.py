"""The late-payment law page and the glossary (issue 9), read from the built site with a real
parser: the fixed sections, a sourced Sources list in every jurisdiction, enough official sources,
the at-a-glance table, the review date and legal note, and the glossary's entries."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import Tag

from conftest import Site
from test_localisation import LANGUAGES

JURISDICTIONS = ["uk", "eu", "de", "fr", "pl", "ru", "us", "cross-border"]
HEADINGS = (["h2:short-answer", "h2:at-a-glance"]
            + [f"h2:{jurisdiction}" for jurisdiction in JURISDICTIONS[:6]]
            + ["h2:us", "h3:us-freelancer-laws", "h2:cross-border", "h3:european-small-claims",
               "h3:european-payment-order", "h3:enforcement-abroad",
               "h3:choice-of-law-and-court"])
SOURCES_LABEL = {"en": "Sources", "ru": "Источники", "pl": "Źródła"}
MIN_SOURCE_LINKS, MIN_SOURCE_HOSTS, MIN_SECTION_SOURCES = 30, 10, 2
MIN_GLOSSARY_ENTRIES = 30
NOT_TERMS = {"short-answer"}


def article(site: Site, language: str, slug: str) -> Tag:
    return site.soup(language, slug).select_one("article.md-content__inner")


def external_links(site: Site, element: Tag) -> list[str]:
    """The addresses of links in ``element`` that lead off the site."""
    own = urlsplit(site.url).netloc
    return [link["href"] for link in element.find_all("a", href=True)
            if urlsplit(link["href"]).scheme in {"http", "https"}
            and urlsplit(link["href"]).netloc != own]


def section(page: Tag, identifier: str) -> list[Tag]:
    """The elements of an H2 section: everything after the heading up to the next H2."""
    heading = page.find("h2", id=identifier)
    assert heading is not None, f"no section #{identifier}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return parts


def sources_links(site: Site, parts: list[Tag], label: str) -> list[str]:
    """The external links of a section's Sources point: the block (paragraph or list item)
    that starts with the bold label, and a list that directly follows it."""
    for index, part in enumerate(parts):
        for strong in part.find_all("strong"):
            if not strong.get_text(strip=True).startswith(label):
                continue
            block = strong.find_parent(["p", "li"]) or part
            links = external_links(site, block)
            following = parts[index + 1] if index + 1 < len(parts) else None
            if block is part and following is not None and following.name in {"ul", "ol"}:
                links += external_links(site, following)
            return links
    return []


@pytest.mark.parametrize("language", LANGUAGES)
def test_law_has_the_fixed_headings_and_no_others(site: Site, language: str) -> None:
    page = article(site, language, "law")
    found = [f"{heading.name}:{heading.get('id')}"
             for heading in page.find_all(["h2", "h3", "h4", "h5", "h6"])]
    assert found == HEADINGS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_jurisdiction_has_its_sources(site: Site, language: str, jurisdiction: str) -> None:
    page = article(site, language, "law")
    links = sources_links(site, section(page, jurisdiction), SOURCES_LABEL[language])
    assert len(links) >= MIN_SECTION_SOURCES, (
        f"{language}/law #{jurisdiction}: a '**{SOURCES_LABEL[language]}.**' point with at "
        f"least {MIN_SECTION_SOURCES} links to official texts is needed; found {links}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_law_cites_enough_sources_on_enough_sites(site: Site, language: str) -> None:
    links = external_links(site, article(site, language, "law"))
    hosts = {urlsplit(link).netloc.removeprefix("www.") for link in links}
    assert len(links) >= MIN_SOURCE_LINKS, f"{language}: {len(links)} source links"
    assert len(hosts) >= MIN_SOURCE_HOSTS, f"{language}: {len(hosts)} sites: {sorted(hosts)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_a_glance_has_one_row_per_jurisdiction_linking_to_it(site: Site,
                                                                 language: str) -> None:
    tables = [table for part in section(article(site, language, "law"), "at-a-glance")
              for table in ([part] if part.name == "table" else part.find_all("table"))]
    assert len(tables) == 1, "the at-a-glance section holds one comparison table"
    rows = tables[0].select("tbody tr")
    targets = [[link["href"] for link in row.find_all(["td", "th"])[0].find_all("a", href=True)]
               for row in rows]
    assert targets == [[f"#{jurisdiction}"] for jurisdiction in JURISDICTIONS]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["law", "glossary"])
def test_review_date_and_legal_note(site: Site, language: str, slug: str) -> None:
    note = article(site, language, slug).select_one(".page-intro__legal")
    assert note is not None, f"{language}/{slug}: no legal note"
    assert note.find("time", datetime=True), f"{language}/{slug}: no review date"


def glossary_entries(site: Site, language: str) -> set[str]:
    return {heading["id"] for heading in article(site, language, "glossary").find_all("h2", id=True)
            if heading["id"] not in NOT_TERMS}


def test_glossary_has_the_same_entries_in_every_language(site: Site) -> None:
    entries = {language: glossary_entries(site, language) for language in LANGUAGES}
    first = entries[LANGUAGES[0]]
    assert len(first) >= MIN_GLOSSARY_ENTRIES, f"{len(first)} glossary entries"
    for language, found in entries.items():
        assert found == first, f"{language}: differs by {sorted(found ^ first)}"

