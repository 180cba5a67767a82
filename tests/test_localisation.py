"""Localised, not translated: dates in the reader's format, foreign passages marked with their
own language, the legal note on every page that states law, and the scheme table drawn from the
same data as the checklist."""

from __future__ import annotations

import datetime
import re

import pytest
from mkdocs.utils.meta import get_data

from conftest import ROOT, Site
from project import i18n_languages, load_mkdocs_config

import checklist
from pages import legal_citation

CONFIG = load_mkdocs_config()
ENTRIES = i18n_languages(CONFIG)
LANGUAGES = [entry["locale"] for entry in ENTRIES]
DEFAULT = next(entry["locale"] for entry in ENTRIES if entry.get("default"))
PAGES = sorted(path.stem for path in (ROOT / "docs" / DEFAULT).glob("*.md"))
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Letters that only one of the site's languages uses: text in them on a page of another
# language must carry that language's lang attribute.
OWN_LETTERS = {"ru": re.compile(r"[А-Яа-яЁё]"), "pl": re.compile(r"[ĄĆĘŁŃŚŹŻąćęłńśźż]")}
# Words the content brief (../shared/CONTENT.md) and the expert reviews rule out, with the reason.
DISCOURAGED = {
    "en": {r"(?<!independent )\bcontractors?\b": "say 'freelancers and studios' (CONTENT.md)"},
    "ru": {r"(?<!не )(?<!счёт )(?<!«)эскроу": "«безопасная сделка на платформе»: эскроу in Russian "
                                         "law is a bank account (ГК РФ, ст. 860.7), «счёт "
                                         "эскроу»; a word in «quotes» is only named"},
    "pl": {r"\bpretensj\w*": "'pretensja' is a grudge in Polish: 'przedsądowe wezwanie do zapłaty'",
           r"\bpozw\w* o zniesławienie": "zniesławienie is private prosecution (art. 212 k.k.); "
                                          "the civil route is dobra osobiste (art. 23–24 KC)"},
}


def strings(language: str) -> dict:
    entry = next(entry for entry in ENTRIES if entry["locale"] == language)
    return CONFIG["extra"]["strings"] if entry.get("default") else entry["extra"]["strings"]


def front_matter(language: str, slug: str) -> dict:
    return get_data((ROOT / "docs" / language / f"{slug}.md").read_text(encoding="utf-8"))[1]


def long_date(language: str, date: datetime.date) -> str:
    texts = strings(language)
    return texts["date"].format(day=date.day, month=texts["months"][date.month - 1],
                                year=date.year)


@pytest.mark.parametrize("language, expected", [
    ("en", "22 November 2026"), ("ru", "22 ноября 2026 г."), ("pl", "22 listopada 2026 r.")])
def test_dates_follow_the_readers_conventions(language: str, expected: str) -> None:
    assert long_date(language, datetime.date(2026, 11, 22)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_the_legal_note_shows_the_review_date_in_the_readers_format(
        site: Site, language: str, slug: str) -> None:
    reviewed = front_matter(language, slug).get("reviewed")
    note = site.soup(language, slug).select_one("article .page-intro__legal")
    if reviewed is None:
        assert note is None
        return
    assert note is not None, f"{language}/{slug}: the legal note is missing"
    time = note.find("time")
    assert time["datetime"] == reviewed.isoformat()
    assert time.get_text(" ", strip=True) == long_date(language, reviewed)
    assert not ISO_DATE.search(note.get_text()), note.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_a_page_that_states_law_carries_the_note(site: Site, language: str, slug: str) -> None:
    soup = site.soup(language, slug)
    body = soup.select_one("article")
    if legal_citation(str(body)):
        assert body.select_one(".page-intro__legal"), f"{language}/{slug} cites law, no note"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_passages_in_another_language_carry_their_lang(site: Site, language: str,
                                                        slug: str) -> None:
    body = site.soup(language, slug).select_one("article")
    unmarked = []
    for text in body.find_all(string=True):
        for other, letters in OWN_LETTERS.items():
            if other == language or not letters.search(text):
                continue
            declared = next((parent.get("lang") for parent in text.parents
                             if parent.get("lang")), language)
            if declared != other:
                unmarked.append(f"{other}: {text.strip()[:60]!r}")
    assert not unmarked, (f"{language}/{slug}: mark these with *…*{{lang=…}}:\n  "
                          + "\n  ".join(unmarked))


@pytest.mark.parametrize("language", LANGUAGES)
def test_scheme_table_and_rules_match_the_checklist(site: Site, language: str) -> None:
    data = checklist.load_checklist(ROOT / "data" / "checklist.yml", LANGUAGES)
    soup = site.soup(language, "staged-payments")
    rows = soup.select(".schemes-table table tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        outcome.title[language] for outcome in data.outcomes]
    percent = strings(language)["checklist"]["percent"]
    for row, outcome in zip(rows, data.outcomes):
        payments = [item.get_text(" ", strip=True) for item in row.select("td li")]
        assert payments == [checklist.payment_phrase(payment, language, percent)
                            for payment in outcome.payments]
    rule_targets = {a["href"].split("#")[1] for a in soup.select(".scheme-rules a")}
    assert rule_targets == {outcome.id for outcome in data.outcomes}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_the_brief_rules_out(site: Site, language: str) -> None:
    found = []
    for slug in PAGES:
        text = site.soup(language, slug).select_one("article").get_text(" ")
        for pattern, reason in DISCOURAGED.get(language, {}).items():
            for match in re.finditer(pattern, text, re.IGNORECASE):
                found.append(f"{language}/{slug}: '{match.group(0)}' — {reason}")
    assert not found, "\n".join(found)


def test_no_python_object_leaks_into_a_page(site: Site) -> None:
    """A template that names a dict method by mistake (``strings.section_link.copy``) prints
    "<built-in method copy of dict object at 0x…>" into the page; none may."""
    leaks = [f"{path.relative_to(site.root)}: {match.group(0)}"
             for path in sorted(site.root.rglob("*.html"))
             for match in re.finditer(r"built-in method|object at 0x[0-9a-f]+",
                                      path.read_text(encoding="utf-8"))]
    assert not leaks, "\n".join(leaks[:20])
