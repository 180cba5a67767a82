"""Build tests on small fixture projects: bad data or a missing translation fails the build with
a clear message (file, field, language, line) and never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "minimal" / "checklist.yml"
PAGE = """---
description: A page of the fixture project, long enough to count as a real description.
audience: both
---
# {title} {{#{slug}}}

Text of {slug} in {language} with a [link](staged-payments.md#schemes).

## Schemes {{#schemes}}

{markers}
"""
SCHEME_MARKERS = "<!-- schemes-table -->\n\n<!-- scheme-rules -->"


def make_project(tmp_path: Path, languages: tuple[str, ...] = ("en", "ru", "pl")) -> Path:
    """A copy of the real configuration, hooks and theme with tiny pages and the fixture data."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "data").mkdir()
    shutil.copy(FIXTURE_DATA, project / "data" / "checklist.yml")
    slugs = [path.stem for path in (ROOT / "docs" / "en").glob("*.md")]
    for language in languages:
        (project / "docs" / language).mkdir(parents=True)
        for slug in slugs:
            markers = {"checklist": "<!-- checklist -->",
                       "staged-payments": SCHEME_MARKERS}.get(slug, "")
            text = PAGE.format(title=f"{slug} {language}", slug=slug, language=language,
                               markers=markers)
            (project / "docs" / language / f"{slug}.md").write_text(text, encoding="utf-8")
    return project


def build_fails_with(project: Path, tmp_path: Path, *expected: str) -> str:
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in output, output[-3000:]
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output[-3000:]}"
    return output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_project_builds_with_the_checklist_in_every_language(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for folder in ["", "ru/", "pl/"]:
        html = (tmp_path / "site" / folder / "checklist" / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find(id="full-prepayment") and soup.find(id="written-terms")
        assert "<!-- checklist -->" not in html


# One edit to one file of the fixture project, and what the failed build must say about it.
ONE_EDIT_FAILURES = {
    "yaml-syntax-error": ("data/checklist.yml", "start: new-client", "start: [new-client",
                          ["data/checklist.yml:", "YAML syntax error"]),
    "missing-translation-in-data": (
        "data/checklist.yml", ", pl: Znany klient dzieli ryzyko.}", "}",
        ["data/checklist.yml:45: outcomes[1].why: the 'pl' text is missing"]),
    "link-to-a-missing-anchor": (
        "data/checklist.yml", "anchor: schemes", "anchor: shemes",
        ["outcomes[0].links[0].anchor: the page 'staged-payments'", "has no heading id 'shemes'"]),
    "link-to-a-missing-page": (
        "data/checklist.yml", "      - page: staged-payments\nchecklists",
        "      - page: staged-payment\nchecklists",
        ["outcomes[1].links[0].page: there is no page 'staged-payment'"]),
    "cycle": ("data/checklist.yml", "next: full-prepayment\noutcomes", "next: new-client\noutcomes",
              ["cycle (new-client → paid-on-time → new-client)"]),
    "summary-that-contradicts-the-payments": (
        "data/checklist.yml", 'ru: "50 % до начала, 50 % до сдачи."',
        'ru: "40 % до начала, 60 % до сдачи."',
        ["outcomes[1].summary.ru: does not state the payment '50 % до начала' "
         "(outcomes[1].payments[0])"]),
    "shares-that-do-not-cover-the-fee": (
        "data/checklist.yml", '      - share: "50"\n        when: {en: before delivery',
        '      - share: "40"\n        when: {en: before delivery',
        ["outcomes[1].payments: the shares add up to 90%, not 100%"]),
    "missing-scheme-marker": (
        "docs/pl/staged-payments.md", "<!-- scheme-rules -->", "",
        ["staged-payments.md: the marker <!-- scheme-rules --> is missing"]),
    "eleven-month-names": (
        "mkdocs.yml", "months: [stycznia, lutego, ", "months: [lutego, ",
        ["language 'pl': extra.strings.months must list the 12 month names"]),
}


@pytest.mark.parametrize("case", ONE_EDIT_FAILURES)
def test_one_bad_edit_fails_the_build_with_a_clear_message(tmp_path: Path, case: str) -> None:
    file, old, new, expected = ONE_EDIT_FAILURES[case]
    project = make_project(tmp_path)
    edit(project / file, old, new)
    build_fails_with(project, tmp_path, *expected)


def test_missing_data_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "data" / "checklist.yml").unlink()
    build_fails_with(project, tmp_path, "data/checklist.yml: the file does not exist")


def test_missing_page_translation(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "ru" / "why-prepay.md").unlink()
    build_fails_with(project, tmp_path, "docs/ru/why-prepay.md is missing: translate "
                                        "docs/en/why-prepay.md into 'ru'")


def test_front_matter_that_is_not_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / "ru" / "index.md", "description: A page",
         "description: Schemes: a page")
    edit(project / "docs" / "pl" / "index.md", "audience: both", "audience: everyone")
    build_fails_with(project, tmp_path,
                     "docs/ru/index.md:2: the front matter is not valid YAML",
                     "docs/pl/index.md: front matter 'audience' must be one of clients, "
                     "freelancers, both; found 'everyone'.")


def test_heading_without_id_and_drifting_ids(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / "pl" / "staged-payments.md", "## Schemes {#schemes}", "## Schematy")
    build_fails_with(project, tmp_path,
                     "docs/pl/staged-payments.md:9: heading 'Schematy' has no explicit id",
                     "docs/pl/staged-payments.md: heading ids ['staged-payments'] differ")


def test_adding_a_language_says_what_is_missing(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit(project / "mkdocs.yml", "        - locale: pl\n",
         "        - locale: de\n          name: Deutsch\n          build: true\n"
         "        - locale: pl\n")
    output = build_fails_with(project, tmp_path, "docs/de/index.md is missing",
                              "language 'de' lacks extra.strings.audience_label",
                              "language 'de' lacks site_name")
    assert re.search(r"docs/de/checklist\.md is missing", output)
    (project / "docs" / "de").mkdir()
    for page in (project / "docs" / "en").glob("*.md"):
        shutil.copy(page, project / "docs" / "de" / page.name)
    edit(project / "mkdocs.yml", "          name: Deutsch\n",
         "          name: Deutsch\n          site_name: Pünktlich bezahlt\n"
         "          site_description: Zahlungsbedingungen für Freiberufler und ihre Kunden.\n"
         "          copyright: Keine Rechtsberatung.\n          theme:\n            palette:\n"
         "              - toggle: {name: Dunkel}\n              - toggle: {name: Hell}\n"
         "          extra:\n            strings:\n"
         + "".join(f"              {line}\n" for line in _default_strings(project)))
    build_fails_with(project, tmp_path, "questions[0].text: the 'de' text is missing")


def _default_strings(project: Path) -> list[str]:
    """The default language's extra.strings block of mkdocs.yml, re-indented by its own lines."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  strings:") + 1
    block = []
    for line in lines[start:]:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    return [line for line in block if line.strip()]


def test_scheme_table_and_rules_come_from_the_data(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for folder, percent in [("", "50%"), ("ru/", "50 %"), ("pl/", "50%")]:
        page = tmp_path / "site" / folder / "staged-payments" / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rows = soup.select(".schemes-table table tbody tr")
        assert [row.th.a["href"] for row in rows] == ["../checklist/#full-prepayment",
                                                      "../checklist/#fifty-fifty"]
        assert percent in rows[1].get_text()
        rules = soup.select(".scheme-rules li a")
        assert {a["href"] for a in rules} == {"../checklist/#full-prepayment",
                                              "../checklist/#fifty-fifty"}
        assert "<!--" not in str(soup.select_one(".md-content"))


@pytest.mark.parametrize("language, citation", [
    ("en", "Late Payment of Commercial Debts (Interest) Act 1998"),
    ("ru", "ГК РФ, ст. 395"),
    ("pl", "art. 394 KC"),
])
def test_a_page_that_cites_law_needs_a_review_date(tmp_path: Path, language: str,
                                                   citation: str) -> None:
    project = make_project(tmp_path)
    edit(project / "docs" / language / "why-prepay.md", "with a [link]", f"citing {citation}, a [link]")
    build_fails_with(project, tmp_path,
                     f"docs/{language}/why-prepay.md: the page cites law or a rate",
                     "has no 'reviewed' date")
    for folder in ("en", "ru", "pl"):  # a reviewed page is reviewed in every language
        edit(project / "docs" / folder / "why-prepay.md", "audience: both",
             "audience: both\nreviewed: 2026-12-01")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
