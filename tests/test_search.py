"""Search in the page's own language, in a real browser (partials/search-language.html).

A word typed in the search box finds the pages whose text has that form of the word, in Russian
and Polish too, Polish diacritics included; other forms of the word are found through its stem
("zaliczkę" finds "Zaliczka", "odsetek" finds "odsetki", "umów" finds "umowa"), a Polish word
typed without diacritics finds the word with them; every result is a page of the language being
read; and the page about the query comes first, before the overview pages (home, checklist).
Expectations of what is found are read from the built site's search index, so those tests follow
the text; the expected first results are chosen by hand (RANKING).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from project import load_mkdocs_config

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Every query of the search issue, and Polish forms that end in a diacritic (lunr's trimmer cut
# that letter off in the index and not in the query, so such forms were never found).
FORMS_IN_TEXT = [
    ("ru", "предоплатой"), ("ru", "предоплаты"), ("ru", "просроченный"), ("ru", "претензию"),
    ("ru", "этапам"),
    ("pl", "przedpłata"), ("pl", "przedpłaty"), ("pl", "płatności"), ("pl", "wezwanie"),
    ("pl", "odsetki"), ("pl", "przedpłatę"), ("pl", "fakturę"), ("pl", "część"),
    ("en", "prepayment"), ("en", "invoices"),
]

# A query, and the beginning shared by the other forms of its word that it must find too.
OTHER_FORMS = [
    ("pl", "zaliczkę", "zaliczk"),    # not in the text: "Zaliczka i zadatek…"
    ("pl", "płatność", "płatnoś"),    # płatności, płatnością, płatnościach
    ("ru", "предоплату", "предоплат"),  # предоплата, предоплатой, предоплаты
    ("ru", "счет", "счет"),           # "ё" read as "е": счёт, счёта, счетов
    ("ru", "платёж", "платеж"),       # платежа, платежей: the stress moves off the "ё"
    ("en", "invoices", "invoic"),     # invoice
]

# A term quoted in every language (card payments across borders).
SHARED_TERM = "SWIFT"

# A query that is a page's topic, and that page: it must be the first result, listed before the
# overview pages (mkdocs.yml: extra.search.overviews), which mention every topic in passing.
RANKING = [
    ("en", "invoice", "staged-payments"),            # "Invoices for each payment"
    ("en", "prepayment", "why-prepay"),
    ("en", "late", "overdue-payments"),
    ("en", "abroad", "international-clients"),
    ("ru", "счёт", "staged-payments"),               # «Счёт, чек и акт на каждый платёж»
    ("ru", "претензия", "overdue-payments"),
    ("ru", "предоплата", "why-prepay"),
    # Only the glossary has "faktura" in a heading (staged-payments: "Dokumenty do każdej
    # wpłaty"), so its entry, which links to that section, comes first.
    ("pl", "faktury", "glossary"),
    ("pl", "odsetek", "overdue-payments"),           # the text says "odsetki"
    ("pl", "przedplata", "why-prepay"),              # typed without "ł"
    # The reference and tool pages still come first for the words only their titles have.
    ("en", "calculator", "interest-calculator"),
    ("en", "glossary", "glossary"),
    ("ru", "шаблоны", "templates"),
    ("pl", "klauzule", "clauses"),
]

# Polish forms whose stem changes or that are typed without diacritics, and the word written as
# the text has it: the query finds every page the word finds.
POLISH_VARIANTS = [("odsetek", "odsetki"), ("umów", "umowa"), ("przedplata", "przedpłata"),
                   ("platnosc", "płatność")]

PLAIN_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")


@dataclass
class SearchRun:
    """What one search in the browser showed and did."""

    pages: list[str]                   # result pages, as paths from the site root: "ru/why-prepay/"
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def language_root(site: Site, language: str) -> str:
    """A language's folder from the site root: '' for the default language, 'ru/' for Russian."""
    return "" if language == site.default else f"{language}/"


def language_of(site: Site, path: str) -> str:
    """The language of a page, from its path from the site root."""
    folder = path.split("/", 1)[0]
    return folder if folder in site.languages and folder != site.default else site.default


def fold(word: str) -> str:
    """As the search reads Russian: "ё" is "е"."""
    return word.lower().replace("ё", "е")


def search_index(root: Path) -> dict:
    """The built site's search index: its configuration and its documents."""
    return json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))


@cache
def index_words(root: Path) -> dict[str, set[str]]:
    """Every page of the built site (path from the site root) with the words of its title, text
    and sections, split as the search index splits them."""
    index = search_index(root)
    separator = re.compile(index["config"]["separator"])
    words: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = BeautifulSoup(f"{doc['title']} {doc['text']}", "html.parser").get_text(" ")
        page = doc["location"].split("#", 1)[0]
        words.setdefault(page, set()).update(fold(w) for w in separator.split(text) if w)
    return words


def pages_with(site: Site, language: str, matches: Callable[[str], bool]) -> set[str]:
    """The pages of a language with a word for which ``matches(word)`` is true."""
    return {page for page, words in index_words(site.root).items()
            if language_of(site, page) == language and any(matches(w) for w in words)}


def search(browser: Browser, base_url: str, site: Site, language: str, query: str) -> SearchRun:
    """Open the language's home page, type the query into Material's search box and return the
    result pages once the results for that query are shown."""
    context = browser.new_context()
    tab = context.new_page()
    own_host = urlparse(base_url).netloc
    run = SearchRun(pages=[])
    tab.on("console", lambda m: run.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda error: run.console_errors.append(str(error)))
    tab.on("request", lambda r: run.requests.append(r.url))
    tab.on("request", lambda r: run.foreign_requests.append(r.url)
           if urlparse(r.url).netloc not in (own_host, "") and not r.url.startswith("data:") else None)
    try:
        tab.goto(base_url + language_root(site, language))
        box = tab.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material searches on key-up; fill() and typed non-ASCII text send none
        tab.wait_for_function("""() => {
            const none = JSON.parse(document.getElementById("__config").textContent)
                .translations["search.result.none"];
            return document.querySelector(".md-search-result__item") !== null
                || document.querySelector(".md-search-result__meta").textContent.trim() === none;
        }""")
        # Material shows ten results, then more as the list is scrolled
        shown = 0
        while (now := tab.locator("li.md-search-result__item").count()) != shown:
            shown = now
            tab.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
            tab.wait_for_timeout(100)
        hrefs = tab.eval_on_selector_all("li.md-search-result__item > a:first-child",
                                         "links => links.map(link => link.href)")
        base_path = urlparse(base_url).path
        run.pages = [urlparse(href).path.removeprefix(base_path) for href in hrefs]
    finally:
        context.close()
    return run


def test_the_index_keeps_words_whole_and_unstemmed(site: Site) -> None:
    """Punctuation splits words and letters never do; the browser stems the words, in the index
    it builds from search_index.json and in the query."""
    config = search_index(site.root)["config"]
    separator = re.compile(config["separator"])
    words = [w for w in separator.split("«Счёт», przedpłatę; zaliczkę (ŻÓŁĆ) — invoices.") if w]
    assert words == ["Счёт", "przedpłatę", "zaliczkę", "ŻÓŁĆ", "invoices"]
    assert "stemmer" not in config["pipeline"] and "trimmer" not in config["pipeline"]


@pytest.mark.parametrize("language,query", FORMS_IN_TEXT)
def test_a_form_in_the_text_finds_its_pages_in_the_page_language(
        browser: Browser, served_site: str, site: Site, language: str, query: str) -> None:
    expected = pages_with(site, language, lambda word: word == fold(query))
    assert expected, f"no {language} page has '{query}' any more: choose a word the text has"
    run = search(browser, served_site, site, language, query)
    missed = expected - set(run.pages)
    assert not missed, f"'{query}' on /{language_root(site, language)}: pages with it not found {sorted(missed)}; got {run.pages}"
    foreign = [page for page in run.pages if language_of(site, page) != language]
    assert not foreign, f"'{query}' on /{language_root(site, language)}: results in other languages {foreign}"


@pytest.mark.parametrize("language,query,stem", OTHER_FORMS)
def test_a_query_finds_the_other_forms_of_its_word(
        browser: Browser, served_site: str, site: Site, language: str, query: str, stem: str) -> None:
    expected = pages_with(site, language, lambda word: word.startswith(stem))
    assert expected, f"no {language} page has a word beginning '{stem}': choose another word"
    run = search(browser, served_site, site, language, query)
    missed = expected - set(run.pages)
    assert not missed, f"'{query}' on /{language_root(site, language)}: pages with '{stem}…' not found {sorted(missed)}; got {run.pages}"


def test_every_overview_page_is_in_the_built_site(site: Site) -> None:
    """extra.search.overviews names pages as nav does; a misspelt name would rank nothing."""
    names = load_mkdocs_config()["extra"]["search"]["overviews"]
    for language in site.languages:
        html = (site.root / site.address(language, "index") / "index.html").read_text(encoding="utf-8")
        overviews = json.loads(json.loads(re.search(r'set\("overviews", (".*?")\)', html).group(1)))
        expected = [site.address(language, Path(name).stem) for name in names]
        assert sorted(overviews) == sorted(expected), \
            f"mkdocs.yml extra.search.overviews {names}: /{language_root(site, language)} ranks {overviews}"


@pytest.mark.parametrize("language,query,slug", RANKING)
def test_the_page_about_the_query_comes_first(
        browser: Browser, served_site: str, site: Site, language: str, query: str, slug: str) -> None:
    run = search(browser, served_site, site, language, query)
    expected = site.address(language, slug)
    assert run.pages and run.pages[0] == expected, \
        f"'{query}' on /{language_root(site, language)}: expected {expected} first, got {run.pages}"
    overviews = [site.address(language, Path(name).stem)
                 for name in load_mkdocs_config()["extra"]["search"]["overviews"]]
    assert all(run.pages.index(page) > 0 for page in overviews
               if page in run.pages and page != expected), run.pages


@pytest.mark.parametrize("query,written", POLISH_VARIANTS)
def test_polish_variants_find_the_pages_of_the_written_word(
        browser: Browser, served_site: str, site: Site, query: str, written: str) -> None:
    expected = pages_with(site, "pl", lambda word: word == written)
    assert expected, f"no Polish page has '{written}' any more: choose a word the text has"
    run = search(browser, served_site, site, "pl", query)
    missed = expected - set(run.pages)
    assert not missed, f"'{query}' on /pl/: pages with '{written}' not found {sorted(missed)}; got {run.pages}"


def test_results_are_only_in_the_page_language(browser: Browser, served_site: str, site: Site) -> None:
    """A term quoted on pages of every language finds, in each language, that language's pages."""
    for language in site.languages:
        expected = pages_with(site, language, lambda word: word == fold(SHARED_TERM))
        assert expected, f"no {language} page has '{SHARED_TERM}' any more: choose a term every language quotes"
        run = search(browser, served_site, site, language, SHARED_TERM)
        foreign = [page for page in run.pages if language_of(site, page) != language]
        assert not foreign, f"'{SHARED_TERM}' on /{language_root(site, language)}: results in other languages {foreign}"
        assert expected <= set(run.pages), f"'{SHARED_TERM}' on /{language_root(site, language)}: {run.pages}, expected {sorted(expected)}"


def test_search_logs_no_error_and_asks_no_other_host(browser: Browser, served_site: str, site: Site) -> None:
    for language, query in [("ru", "претензию"), ("pl", "zaliczkę"), ("en", "invoices")]:
        run = search(browser, served_site, site, language, query)
        assert run.console_errors == [], f"/{language_root(site, language)}: console errors {run.console_errors}"
        assert run.foreign_requests == [], f"/{language_root(site, language)}: requests {run.foreign_requests}"
        assert any("/workers/search-language.js?" in url for url in run.requests), \
            "the page did not start workers/search-language.js: is partials/search-language.html included from main.html?"


def test_polish_stems_are_prefixes_of_their_words(browser: Browser, served_site: str, site: Site) -> None:
    """The Polish stemmer reads plain letters ("ł" as "l"), only cuts endings (so the form typed
    is always found), keeps three letters at least, and gives the forms of a word one stem."""
    words = sorted(set().union(*(words for page, words in index_words(site.root).items()
                                 if language_of(site, page) == "pl")))
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(served_site)
        tab.add_script_tag(url=served_site + "assets/javascripts/workers/polish-stemmer.js")
        stems = tab.evaluate("words => words.map(word => self.stemPolish(word))", words)
        families = tab.evaluate("groups => groups.map(group => group.map(word => self.stemPolish(word)))", [
            ["przedpłata", "przedpłaty", "przedpłatę", "przedpłatą", "przedplata", "przedplate"],
            ["płatność", "płatności", "płatnością", "płatnościach", "platnosc", "platnosci"],
            ["wezwanie", "wezwania", "wezwaniu", "wezwań", "wezwan"],
            ["faktura", "faktury", "fakturę", "fakturach", "fakturze"],
            ["zaliczka", "zaliczki", "zaliczkę", "zaliczką", "zaliczek"],
            ["odsetki", "odsetek", "odsetkach", "odsetkami"],
            ["umowa", "umowy", "umowę", "umową", "umowie"],
        ])
        umow = tab.evaluate("self.stemPolish('umów')")
    finally:
        context.close()
    bad = [(w, s) for w, s in zip(words, stems)
           if not (w.translate(PLAIN_POLISH).startswith(s) and (len(s) >= 3 or s == w.translate(PLAIN_POLISH)))]
    assert not bad, f"stems that are not a prefix of three letters or more: {bad[:10]}"
    for family in families:
        assert len(set(family)) == 1, f"forms of one word with different stems: {family}"
    assert umow == "umow", "'umów' (the genitive plural of 'umowa') should read as 'umow'"


def test_material_requests_are_adjusted_only_while_the_page_starts(
        browser: Browser, served_site: str, site: Site) -> None:
    """partials/material-requests.html: a first visit fetches no search index and no sitemap,
    and asks no other host; once the page has loaded, XMLHttpRequest is the browser's own class;
    opening search fetches the index."""
    for language in site.languages:
        context = browser.new_context()
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        try:
            tab.goto(served_site + site.address(language, "staged-payments"))
            tab.wait_for_load_state("networkidle")
            on_load = list(requests)
            native = tab.evaluate("/\\[native code\\]/.test(String(XMLHttpRequest))")
            with tab.expect_request(lambda request: request.url.endswith("/search/search_index.json")):
                tab.locator("input.md-search__input").focus()
        finally:
            context.close()
        where = f"/{language_root(site, language)}staged-payments/"
        assert not [url for url in on_load if url.endswith("search_index.json")], f"{where}: {on_load}"
        sitemaps = {url for url in on_load if url.endswith("sitemap.xml")}
        assert not sitemaps, f"{where}: sitemaps requested {sitemaps}"
        foreign = [url for url in on_load if not url.startswith(served_site)]
        assert not foreign, f"{where}: requests to other hosts {foreign}"
        assert native, f"{where}: XMLHttpRequest is still replaced after the page loaded"
