"""Glossary terms linked where they are used (hooks/glossary.py): the linker on HTML snippets,
the checks of data/glossary.yml, and the built site's glossary links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site
from test_localisation import LANGUAGES

import glossary
from glossary import GlossaryError, TermMatcher, link_terms, load_glossary, tokenize

FIXED_IDS = """advance deposit prepayment staged-payments milestone retainer payment-term invoice
e-invoicing overdue-invoice acceptance deemed-acceptance scope-of-work statutory-interest
reference-rate contractual-penalty recovery-compensation reminder formal-demand
letter-before-claim pre-action-protocol small-claims payment-order european-small-claims
european-payment-order limitation-period acknowledgment-of-debt debt-collection debt-register
bad-debt-relief reverse-charge bank-charges escrow licence transfer-of-rights
acceleration-clause client-withdrawal governing-law choice-of-court sole-trader self-employed
consumer""".split()
CONTENT_PAGES = ["index", "why-prepay", "staged-payments", "overdue-payments",
                 "international-clients", "checklist", "law", "interest-calculator", "templates",
                 "clauses"]
EN = TermMatcher({"advance": ("advance", "advance payment"), "deposit": ("deposit",),
                  "invoice": ("invoice",), "e-invoicing": ("e-invoicing",),
                  "payment-term": ("payment terms",)})
RU = TermMatcher({"advance": ("аванс", "аванса"), "acceptance": ("приёмка",)})
PL = TermMatcher({"prepayment": ("przedpłata", "przedpłatą"), "advance": ("zaliczka",)})


def links(html_text: str) -> list[tuple[str, str]]:
    """Each glossary link of an HTML text as (target, text)."""
    soup = BeautifulSoup(html_text, "html.parser")
    return [(link["href"], link.get_text()) for link in soup.select("a.glossary-term")]


# --------------------------------------------------------------------------------------------
# The linker


def test_first_use_only_and_each_term_once() -> None:
    html_text = "<p>An advance, a deposit.</p><p>Another advance and deposit.</p>"
    result = link_terms(html_text, EN, "../glossary/", "en")
    assert links(result) == [("../glossary/#advance", "advance"),
                             ("../glossary/#deposit", "deposit")]
    assert BeautifulSoup(result, "html.parser").get_text() == \
        BeautifulSoup(html_text, "html.parser").get_text()


def test_link_markup_has_the_class_and_no_title() -> None:
    result = link_terms("<p>deposit</p>", EN, "glossary/", "en")
    assert result == '<p><a class="glossary-term" href="glossary/#deposit">deposit</a></p>'


def test_longest_phrase_wins_and_case_is_ignored() -> None:
    result = link_terms("<p>The Advance Payment is due.</p>", EN, "g/", "en")
    assert links(result) == [("g/#advance", "Advance Payment")]


def test_a_phrase_matches_across_a_line_break() -> None:
    assert links(link_terms("<p>our payment\nterms</p>", EN, "g/", "en")) == [
        ("g/#payment-term", "payment\nterms")]


@pytest.mark.parametrize("matcher, language, html_text, expected", [
    (RU, "ru", "<p>авансовый платёж и аванса</p>", [("g/#advance", "аванса")]),
    (RU, "ru", "<p>переаванс, аванс.</p>", [("g/#advance", "аванс")]),
    (RU, "ru", "<p>приемка работ</p>", [("g/#acceptance", "приемка")]),  # ё written as е
    (PL, "pl", "<p>przedpłatowy, przedpłatą.</p>", [("g/#prepayment", "przedpłatą")]),
    (PL, "pl", "<p>Zaliczkowa zaliczka</p>", [("g/#advance", "zaliczka")]),
    (EN, "en", "<p>e-invoicing and the invoice</p>", [("g/#e-invoicing", "e-invoicing"),
                                                     ("g/#invoice", "invoice")]),
    (EN, "en", "<p>e-invoicing, then e-invoicing</p>", [("g/#e-invoicing", "e-invoicing")]),
])
def test_whole_words_only(matcher: TermMatcher, language: str, html_text: str,
                          expected: list[tuple[str, str]]) -> None:
    assert links(link_terms(html_text, matcher, "g/", language)) == expected


@pytest.mark.parametrize("context", [
    "<h2 id='x'>deposit</h2>", "<h3>deposit</h3>", "<a href='x'>deposit</a>",
    "<code>deposit</code>", "<pre><code>deposit</code></pre>", "<button>deposit</button>",
    "<label>deposit <input type='checkbox'></label>",
    "<details><summary>deposit</summary></details>",
    "<table><thead><tr><th>deposit</th></tr></thead></table>",
    "<div class='admonition note'><p class='admonition-title'>deposit</p></div>",
    "<p><em lang='pl'>deposit</em></p>", "<p class='page-intro__audience'>deposit</p>",
    "<aside class='page-intro__legal'><p>deposit</p></aside>",
    "<p><span class='kit-field'>deposit</span></p>",
    "<div data-checklist='x'><p>deposit</p></div>", "<p><span data-kit-text>deposit</span></p>",
    "<p><abbr title='x'>deposit</abbr></p>",
])
def test_never_inside_skipped_contexts(context: str) -> None:
    result = link_terms(context + "<p>A deposit.</p>", EN, "g/", "en")
    assert links(result) == [("g/#deposit", "deposit")]
    assert BeautifulSoup(result, "html.parser").select_one("p:last-child a.glossary-term")


def test_material_components_and_own_language_are_not_skipped() -> None:
    html_text = "<div data-md-component='content'><p lang='en-GB'>A deposit.</p></div>"
    assert links(link_terms(html_text, EN, "g/", "en")) == [("g/#deposit", "deposit")]


def test_only_inside_the_scope() -> None:
    html_text = ("<nav><p>deposit</p></nav><article class='md-content__inner md-typeset'>"
                 "<p>deposit</p></article><footer>advance</footer>")
    result = link_terms(html_text, EN, "g/", "en", "md-content__inner")
    assert links(result) == [("g/#deposit", "deposit")]
    assert "<nav><p>deposit</p></nav>" in result and "<footer>advance</footer>" in result


def test_character_references_are_kept() -> None:
    html_text = "<p>Fish &amp; deposit&nbsp;payment &lt;advance&gt;</p>"
    result = link_terms(html_text, EN, "g/", "en")
    assert result == ('<p>Fish &amp; <a class="glossary-term" href="g/#deposit">deposit</a>'
                      '&nbsp;payment &lt;<a class="glossary-term" href="g/#advance">advance</a>'
                      '&gt;</p>')


def test_tokens_give_a_page_back_byte_for_byte() -> None:
    page = ("<!doctype html><html><head><script>if (a < b && c) {}</script></head>"
            "<body><!-- note --><p class=x>Text &amp; more<br/>line</p><![CDATA[x]]></body>"
            "</html>\n")
    assert "".join(token.raw for token in tokenize(page)) == page


# --------------------------------------------------------------------------------------------
# The data


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, languages: list[str]) -> str:
    with pytest.raises(GlossaryError) as error:
        load_glossary(path, languages)
    return str(error.value)


def test_the_real_data_has_every_fixed_id_in_every_language() -> None:
    data = load_glossary(ROOT / "data" / "glossary.yml", LANGUAGES)
    assert sorted(data.ids) == sorted(FIXED_IDS)
    for language in LANGUAGES:
        assert set(data.phrases[language]) == set(FIXED_IDS), language


def test_a_missing_language_in_one_entry_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "advance: {en: [advance], ru: [аванс], pl: [zaliczka]}\n"
                           "deposit: {en: [deposit], ru: [задаток]}\n")
    assert "glossary.yml:2: deposit: the 'pl' phrases are missing" in problems(
        path, ["en", "ru", "pl"])


def test_a_new_language_without_phrases_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "advance: {en: [advance]}\ndeposit: {en: [deposit]}\n")
    message = problems(path, ["en", "de"])
    assert "1 problem(s)" in message
    assert "language 'de' has no phrases; add a 'de: [...]' list" in message


@pytest.mark.parametrize("text, expected", [
    ("advance: {en: [advance, deposit]}\ndeposit: {en: [Deposit]}\n",
     "deposit.en[0]: the phrase 'Deposit' is listed under 'advance' too"),
    ("advance: {en: [advance, Advance]}\n", "advance.en[1]: 'Advance' is listed twice"),
    ("advance: {en: []}\n", "advance.en: must be a non-empty list of phrases"),
    ("advance: {en: [a <b>]}\n", "contains '<', '>' or '&'"),
    ("Advance: {en: [advance]}\n", "'Advance' is not a valid id"),
    ("advance: {en: [advance], de: [Vorschuss]}\n", "advance.de: 'de' is not a configured"),
    ("- advance\n", "the file must map each glossary id to its phrases"),
])
def test_bad_data_is_named(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in problems(write(tmp_path, text), ["en"])


def test_entries_must_match_the_glossary_page_both_ways(tmp_path: Path) -> None:
    data = load_glossary(write(tmp_path, "advance: {en: [advance]}\ndeposit: {en: [deposit]}\n"),
                         ["en"])
    found = [str(problem) for problem in glossary.validate_entries(
        data, "en", "docs/en/glossary.md", ["short-answer", "advance", "escrow"])]
    assert found == [
        "data/glossary.yml:2: deposit: docs/en/glossary.md has no entry '## … {#deposit}' "
        "(language 'en'); add the entry there or remove the id here.",
        "docs/en/glossary.md: the entry 'escrow' is not in data/glossary.yml; add 'escrow:' "
        "there with its phrases in every language, or remove the heading."]


@pytest.mark.parametrize("url, href, broken", [
    ("ru/law/", "../glossary/#avans", True),
    ("ru/law/", "../glossary/#advance", False),
    ("ru/", "glossary/#avans", True),
    ("ru/law/", "../why-prepay/#avans", False),
    ("ru/law/", "https://example.org/ru/glossary/#avans", False),
    ("ru/law/", "#avans", False),
])
def test_links_to_missing_glossary_entries_are_named(url: str, href: str, broken: bool) -> None:
    found = glossary.validate_glossary_links(
        [("docs/ru/law.md", url, f"<p><a href='{href}'>x</a></p>")], "ru/glossary/",
        {"advance"}, "docs/ru/glossary.md")
    assert bool(found) is broken
    if broken:
        assert str(found[0]).startswith(f"docs/ru/law.md: the link '{href}' points at '#avans'")


# --------------------------------------------------------------------------------------------
# The built site


def glossary_links(site: Site, language: str, slug: str) -> list[tuple[str, str]]:
    """Each glossary link of a built page as (absolute target, text)."""
    base = site.url + site.address(language, slug)
    return [(urljoin(base, link["href"]), link.get_text())
            for link in site.soup(language, slug).select("a.glossary-term")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_links_resolve_to_entries_of_the_same_language(site: Site,
                                                                 language: str) -> None:
    entries = {heading["id"] for heading in site.soup(language, "glossary").find_all("h2", id=True)}
    page = site.url + site.address(language, "glossary")
    for slug in CONTENT_PAGES:
        targets = [target for target, _ in glossary_links(site, language, slug)]
        for target in targets:
            address, _, fragment = target.partition("#")
            assert address == page and fragment in entries, f"{language}/{slug}: {target}"
        assert len(targets) == len(set(targets)), f"{language}/{slug}: a term linked twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_glossary_links_on_the_glossary_itself(site: Site, language: str) -> None:
    assert not glossary_links(site, language, "glossary")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", CONTENT_PAGES)
def test_every_content_page_links_a_term(site: Site, language: str, slug: str) -> None:
    assert glossary_links(site, language, slug), f"{language}/{slug}: no glossary term linked"


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_links_stay_out_of_skipped_contexts(site: Site, language: str) -> None:
    skipped = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "th", "summary", "label",
               "button", ".admonition-title", "[class^='page-intro']", ".kit-field",
               "[data-checklist]", "[lang]:not([lang^='" + language + "'])"]
    for slug in CONTENT_PAGES:
        soup = site.soup(language, slug)
        for context in skipped:
            inside = soup.select(f"{context} a.glossary-term")
            assert not inside, f"{language}/{slug}: {inside[0].get_text()!r} inside {context}"
        assert len(soup.select("a.glossary-term")) == len(
            soup.select("article.md-content__inner a.glossary-term"))

def test_the_tokenizer_gives_a_built_page_back(site: Site) -> None:
    page = site.page_path("ru", "why-prepay").read_text(encoding="utf-8")
    assert "".join(token.raw for token in tokenize(page)) == page
