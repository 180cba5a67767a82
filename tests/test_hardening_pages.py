"""Hardening of the page checks (issue 13, hooks/pages.py): front matter schema, headings of
every Markdown style, HTML in pages, page encodings and what a new language must bring.

Each bad input is one edit to a fixture project (make_project): the build must fail with exit 1,
a message naming the file and the field, no traceback, and nothing written outside the output
folder; each good input must build."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build
from test_build_errors import build_fails_with, edit, make_project

from pages import check_page

EXTENSIONS = ["toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list",
              "footnotes", "md_in_html", "pymdownx.details", "pymdownx.superfences"]
FRONT = "audience: both"
HEADING = "## Schemes {#schemes}"
TEXT = "with a [link]"


def files_under(folder: Path, outside: Path) -> set[Path]:
    """Every file under ``folder`` except those in the output folder ``outside``."""
    return {path for path in folder.rglob("*") if outside not in path.parents and path != outside}


def fails_cleanly(project: Path, tmp_path: Path, *expected: str) -> str:
    """The build fails with the messages, no traceback, and writes nothing outside site/."""
    before = files_under(tmp_path, tmp_path / "site")
    output = build_fails_with(project, tmp_path, *expected)
    assert files_under(tmp_path, tmp_path / "site") == before
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))
    return output


def builds(project: Path, tmp_path: Path) -> Path:
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "site"


# One edit to one page of the fixture project, and what the failed build must say about it.
PAGE_FAILURES = {
    "misspelt-key-drops-the-legal-note": (
        "docs/ru/why-prepay.md", FRONT, f"{FRONT}\nreviwed: 2026-12-01",
        ["docs/ru/why-prepay.md: front matter key 'reviwed' is unknown; did you mean "
         "'reviewed'?"]),
    "impossible-date": (
        "docs/pl/why-prepay.md", FRONT, f"{FRONT}\nreviewed: 2026-13-45",
        ["docs/pl/why-prepay.md:4: front matter 'reviewed': '2026-13-45' is not a real date"]),
    "date-and-time": (
        "docs/en/index.md", FRONT, f"{FRONT}\nreviewed: 2026-12-01 10:00:00",
        ["docs/en/index.md: front matter 'reviewed' must be a date like 2026-11-22"]),
    "title-as-a-number": (
        "docs/en/why-prepay.md", FRONT, f"{FRONT}\ntitle: 123",
        ["docs/en/why-prepay.md: front matter 'title' must be a plain text", "found 123"]),
    "markup-in-the-title": (
        "docs/pl/why-prepay.md", FRONT, f'{FRONT}\ntitle: "<script>alert(1)</script>"',
        ["docs/pl/why-prepay.md: front matter 'title' must be a plain text without '<' or '>'"]),
    "markup-in-a-site-name": (
        "mkdocs.yml", "site_name: Zapłata na czas", "site_name: <b>Zapłata</b>",
        ["mkdocs.yml: language 'pl': site_name must be plain text without '<' or '>'"]),
    "audience-as-a-list": (
        "docs/ru/index.md", FRONT, "audience: [both]",
        ["docs/ru/index.md:3: front matter 'audience' must be a single value"]),
    "missing-description": (
        "docs/pl/checklist.md",
        "description: A page of the fixture project, long enough to count as a real "
        "description.\n", "",
        ["docs/pl/checklist.md: front matter 'description' must be one sentence",
         "it is missing"]),
    "repeated-key": (
        "docs/en/index.md", FRONT, f"{FRONT}\naudience: clients",
        ["docs/en/index.md:4: front matter 'audience' appears twice (first on line 3)"]),
    "alias-bomb": (
        "docs/en/index.md", FRONT,
        FRONT + "\ntitle: &a [x, x]\n" + "".join(f"t{n}: &a{n} [*a, *a, *a, *a]\n"
                                                 for n in range(30)),
        ["docs/en/index.md:4: the front matter may not use YAML anchors or aliases"]),
    "deep-nesting": (
        "docs/en/index.md", FRONT, FRONT + "\ntitle: " + "[" * 5000 + "]" * 5000,
        ["docs/en/index.md:4: front matter values are single values"]),
    "python-tag": (
        "docs/ru/index.md", FRONT, f"{FRONT}\ntitle: !!python/name:os.system",
        ["docs/ru/index.md:4: front matter 'title' cannot be read"]),
    "reviewed-in-english-only": (
        "docs/en/staged-payments.md", FRONT, f"{FRONT}\nreviewed: 2026-12-01",
        ["docs/ru/staged-payments.md: front matter lacks 'reviewed', which "
         "docs/en/staged-payments.md has",
         "docs/pl/staged-payments.md: front matter lacks 'reviewed'"]),
    "setext-heading-without-id": (
        "docs/ru/staged-payments.md", HEADING, "Схемы\n-----",
        ["docs/ru/staged-payments.md:9: heading 'Схемы' has no explicit id"]),
    "heading-in-an-admonition-without-id": (
        "docs/pl/why-prepay.md", TEXT, f"{TEXT}\n\n!!! note\n    ### Uwaga\n\n    Tekst.\n\n",
        ["docs/pl/why-prepay.md:10: heading 'Uwaga' has no explicit id"]),
    "heading-in-collapsible-details-without-id": (
        "docs/en/why-prepay.md", TEXT, f"{TEXT}\n\n??? note \"More\"\n    #### Detail\n\n",
        ["docs/en/why-prepay.md:10: heading 'Detail' has no explicit id"]),
    "heading-without-a-space": (
        "docs/en/index.md", HEADING, "##Schemes",
        ["docs/en/index.md:9: heading 'Schemes' has no explicit id"]),
    "heading-id-that-is-not-a-slug": (
        "docs/en/index.md", HEADING, "## Schemes {#Схемы}",
        ["docs/en/index.md:9: heading id 'Схемы' is not a slug"]),
    "heading-id-used-twice": (
        "docs/ru/index.md", HEADING, f"## Again {{#schemes}}\n\n{HEADING}",
        ["docs/ru/index.md:11: heading id 'schemes' is used twice on the page"]),
    "raw-script": (
        "docs/en/why-prepay.md", TEXT, f"{TEXT}\n\n<script>alert(document.domain)</script>\n",
        ["docs/en/why-prepay.md:9: raw HTML '<script>alert(document.domain)</script>' is not "
         "allowed"]),
    "inline-html": (
        "docs/ru/why-prepay.md", TEXT, f'<img src=x onerror="alert(1)"> {TEXT}',
        ["docs/ru/why-prepay.md:7: raw HTML '<img src=x onerror=\"alert(1)\">' is not allowed"]),
    "html-block-opened-for-markdown": (
        "docs/pl/index.md", TEXT, f"{TEXT}\n\n<div markdown>\n**Tekst**\n</div>\n",
        ["docs/pl/index.md:9: raw HTML '<div>' is not allowed"]),
    "anchor-span-with-text": (
        "docs/en/index.md", TEXT, f'<span id="old">old</span> {TEXT}',
        ["docs/en/index.md: '<span id=\"old\">' must be closed at once"]),
    "event-handler-through-attr-list": (
        "docs/en/index.md", TEXT, f'*Text*{{onclick="alert(1)"}} {TEXT}',
        ["docs/en/index.md: the attribute 'onclick' on <em> runs script"]),
    "script-link": (
        "docs/pl/index.md", TEXT, f"[kliknij](javascript:alert(1)) {TEXT}",
        ["docs/pl/index.md: the address 'javascript:alert(1)' uses 'javascript:'"]),
}


@pytest.mark.parametrize("case", PAGE_FAILURES)
def test_one_bad_page_edit_fails_the_build_with_a_clear_message(tmp_path: Path,
                                                                case: str) -> None:
    file, old, new, expected = PAGE_FAILURES[case]
    project = make_project(tmp_path)
    edit(project / file, old, new)
    started = time.monotonic()
    fails_cleanly(project, tmp_path, *expected)
    assert time.monotonic() - started < 60


# Headings Markdown accepts with an explicit id, the same in every language: the build passes.
ACCEPTED_HEADINGS = {
    "closing-hashes": "## Schemes {#schemes} ##",
    "setext": "Schemes {#schemes}\n-------",
    "attribute-list-with-a-class": "## Schemes { #schemes .wide }",
}


@pytest.mark.parametrize("case", ACCEPTED_HEADINGS)
def test_headings_that_markdown_accepts_with_an_id(tmp_path: Path, case: str) -> None:
    project = make_project(tmp_path)
    for language in ("en", "ru", "pl"):
        edit(project / "docs" / language / "staged-payments.md", HEADING,
             ACCEPTED_HEADINGS[case])
    site = builds(project, tmp_path)
    soup = BeautifulSoup((site / "pl" / "staged-payments" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one("h2#schemes")


def test_an_old_anchor_and_a_heading_in_an_admonition(tmp_path: Path) -> None:
    """The one HTML a page may hold, and a heading nested in an admonition with its id."""
    project = make_project(tmp_path)
    for language in ("en", "ru", "pl"):
        edit(project / "docs" / language / "staged-payments.md", HEADING,
             f'{HEADING}\n<span id="old-schemes"></span>\n\n!!! note\n    ### Note {{#note}}\n')
    site = builds(project, tmp_path)
    soup = BeautifulSoup((site / "ru" / "staged-payments" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert soup.find(id="old-schemes") and soup.select_one(".admonition h3#note")


def test_a_page_in_another_encoding_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "docs" / "pl" / "index.md"
    text = page.read_text(encoding="utf-8").replace("Text of", "Zażółć gęślą jaźń:")
    page.write_bytes(text.encode("iso-8859-2"))
    fails_cleanly(project, tmp_path,
                  "docs/pl/index.md:7: byte 0xbf is not UTF-8", "save it as UTF-8")


def test_a_byte_order_mark_and_windows_line_ends_are_read_as_mkdocs_reads_them(
        tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "docs" / "ru" / "index.md"
    text = page.read_text(encoding="utf-8").replace("\n", "\r\n")
    page.write_bytes("\ufeff".encode() + text.encode())
    site = builds(project, tmp_path)
    soup = BeautifulSoup((site / "ru" / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("A page of")


def test_a_new_language_must_bring_its_own_names_and_labels(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "mkdocs.yml", "        - locale: pl\n",
         "        - locale: de\n          name: Deutsch\n          build: true\n"
         "          site_name: Pünktlich bezahlt\n          theme:\n            palette:\n"
         "              - toggle: {name: Dunkel}\n"
         "        - locale: pl\n")
    output = fails_cleanly(
        project, tmp_path,
        "mkdocs.yml: language 'de' lacks site_description; add it under the 'de' entry",
        "mkdocs.yml: language 'de' lacks copyright",
        "mkdocs.yml: language 'de' lacks theme.palette[1].toggle.name",
        "mkdocs.yml: language 'de' lacks extra.strings.legal_note")
    assert "lacks site_name" not in output and "palette[0]" not in output


def test_the_real_pages_pass_the_checks() -> None:
    """Every page of the real site passes check_page on its own (a unit test of the core)."""
    root = Path(__file__).resolve().parent.parent / "docs"
    for path in sorted(root.glob("*/*.md")):
        name = path.relative_to(root.parent).as_posix()
        check = check_page(path, name, EXTENSIONS, {})
        assert check.problems == [], check.problems
        assert check.keys and {"description", "audience"} <= check.keys
        assert check.ids and check.ids[0] == path.stem.replace("index", "home")
