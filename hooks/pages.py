"""Stop the build when a page source is broken or the languages drift apart.

Every page of the default language must exist in every other language with the same heading
ids (FastAPI-style explicit ids such as ``## Staged payments {#schemes}``), every heading must
carry an explicit id (a generated Cyrillic slug would be ``_1``), every page's front matter must
parse and say who the page is for, and every language must define the interface strings the
default language defines under ``extra.strings``, in the shape the templates need. A page
that cites law or a rate must carry a review date. MkDocs itself would silently show a broken
front matter as text, so this check reads the Markdown sources once, when the configuration loads.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from site_languages import SiteLanguage, builds_default_language, read_site_languages

HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)
AUDIENCES = ("clients", "freelancers", "both")
# What makes a page state law or figures, in any of the site's languages: an article, section or
# paragraph number, a named act, code or EU instrument, or a rate in per cent. Such a page must
# carry a review date (front matter `reviewed`), which shows the legal note with that date.
LEGAL_CITATION = re.compile(
    r"\b(?:arts?|articles?|ss?|sections?|ст|стать[а-яё]*|пп?|ч|ust|pkt)\.?\s*\d"
    r"|§\s*\d"
    r"|\b(?:Act|Directive|Regulation|Convention)\s+(?:\d|of\b|\(|\d{4})"
    r"|\b\d{4}/\d+/(?:EU|EC|UE|WE)\b|\bDz\.\s?U\.|\bM\.P\."
    r"|\b(?:ГК|АПК|ГПК|НК|УК|КоАП)\s+РФ\b|\b(?:k\.c\.|k\.p\.c\.|k\.k\.|KC|KPC|pr\. aut\.)"
    r"|\b(?:rate|stop[ay]|ставк[а-я]*)\b[^.!?]{0,60}?\d+(?:[.,]\d+)?\s?%",
    re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
DESCRIPTION_LENGTH = range(50, 171)


def heading_ids(markdown: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Return the explicit heading ids of a Markdown text, in order, and the headings without one.

    Headings without an id come as ``(line number, heading text)``; fenced code is skipped.
    """
    ids: list[str] = []
    missing: list[tuple[int, str]] = []
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        heading = HEADING.match(line)
        if in_fence or not heading:
            continue
        explicit = EXPLICIT_ID.search(heading["text"])
        if explicit:
            ids.append(explicit["id"])
        else:
            missing.append((number, heading["text"]))
    return ids, missing


def front_matter_problems(markdown: str, name: str) -> list[str]:
    """Check a page's front matter: valid YAML with a description, an audience, a review date."""
    match = FRONT_MATTER.match(markdown)
    if not match:
        return [f"{name}:1: no front matter; start the page with '---', 'description: …', "
                f"'audience: {' | '.join(AUDIENCES)}' and '---'."]
    try:
        meta = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [f"{name}:{line}: the front matter is not valid YAML "
                f"({getattr(error, 'problem', error)}); put a text that holds ': ' in quotes."]
    if not isinstance(meta, dict):
        return [f"{name}:2: the front matter must be 'key: value' lines."]
    problems = []
    description = meta.get("description")
    if not isinstance(description, str) or len(description) not in DESCRIPTION_LENGTH:
        problems.append(f"{name}: front matter 'description' must be one sentence of "
                        f"{DESCRIPTION_LENGTH.start}–{DESCRIPTION_LENGTH.stop - 1} characters "
                        "in the page's language (used by search engines and link previews).")
    if meta.get("audience") not in AUDIENCES:
        problems.append(f"{name}: front matter 'audience' must be one of {', '.join(AUDIENCES)}; "
                        f"found {meta.get('audience')!r}.")
    if "reviewed" in meta and not isinstance(meta["reviewed"], datetime.date):
        problems.append(f"{name}: front matter 'reviewed' must be a date like 2026-11-22.")
    return problems


def legal_citation(html: str) -> str | None:
    """Where a page's HTML first cites law or a rate (40 characters of text from there; tags
    ignored), or None if it cites none."""
    text = " ".join(TAG.sub(" ", html).split())
    match = LEGAL_CITATION.search(text)
    return text[match.start():match.start() + 40] if match else None


def review_date_problem(html: str, meta: dict, name: str) -> str | None:
    """Why a page that cites law or a rate cannot be published without a review date, or None."""
    citation = legal_citation(html)
    if citation is None or meta.get("reviewed"):
        return None
    return (f"{name}: the page cites law or a rate ('{citation.strip()}') but its front matter "
            "has no 'reviewed' date; check every legal statement against its source and add "
            "'reviewed: YYYY-MM-DD', so the page shows the legal note with that date.")


def find_malformed_strings(strings_by_language: dict[str, dict]) -> list[str]:
    """List interface strings whose shape the templates rely on and that are wrong: the twelve
    month names, the date pattern and the per-cent pattern."""
    problems = []
    for locale, strings in strings_by_language.items():
        where = f"mkdocs.yml: language '{locale}': extra.strings"
        months = strings.get("months")
        if months is not None and (not isinstance(months, list) or len(months) != 12):
            problems.append(f"{where}.months must list the 12 month names as dates use them "
                            "(e.g. 'listopada' in Polish).")
        for key, fields in (("date", ("{day}", "{month}", "{year}")),
                            ("checklist.percent", ("{share}",))):
            value = strings
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value is not None and not (isinstance(value, str)
                                          and all(field in value for field in fields)):
                problems.append(f"{where}.{key} must be a text with {', '.join(fields)}, "
                                f"like '{' '.join(fields)}'; found {value!r}.")
    return problems


def _pages(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*.md"))}


def find_translation_problems(docs_dir: Path, languages: list[SiteLanguage]) -> list[str]:
    """List every way the language folders under ``docs_dir`` differ from the default language."""
    source = next(language for language in languages if language.default)
    source_pages = _pages(docs_dir / source.locale)
    problems: list[str] = []
    for language in languages:
        folder = docs_dir / language.locale
        pages = _pages(folder)
        for name in sorted(source_pages.keys() - pages.keys()):
            problems.append(
                f"docs/{language.locale}/{name} is missing: translate docs/{source.locale}/{name} "
                f"into '{language.locale}' (same file name, same heading ids)."
            )
        for name in sorted(pages.keys() - source_pages.keys()):
            problems.append(
                f"docs/{language.locale}/{name} has no source page: add docs/{source.locale}/{name} "
                "or remove it."
            )
        for name in sorted(pages.keys()):
            problems += front_matter_problems(pages[name].read_text(encoding="utf-8"),
                                              f"docs/{language.locale}/{name}")
        for name in sorted(pages.keys() & source_pages.keys()):
            ids, missing = heading_ids(pages[name].read_text(encoding="utf-8"))
            for line, text in missing:
                problems.append(
                    f"docs/{language.locale}/{name}:{line}: heading '{text}' has no explicit id; "
                    "write it as '## Heading {#stable-id}' with the id the other languages use."
                )
            expected, _ = heading_ids(source_pages[name].read_text(encoding="utf-8"))
            if language is not source and ids != expected:
                problems.append(
                    f"docs/{language.locale}/{name}: heading ids {ids} differ from "
                    f"docs/{source.locale}/{name} {expected}; use the same ids in the same order."
                )
    return problems


def find_missing_strings(strings_by_language: dict[str, dict], source_locale: str) -> list[str]:
    """List interface strings (``extra.strings``) that a language lacks, as dotted key paths."""

    def keys(tree: dict, prefix: str = "") -> set[str]:
        found: set[str] = set()
        for key, value in tree.items():
            path = f"{prefix}{key}"
            found |= keys(value, f"{path}.") if isinstance(value, dict) else {path}
        return found

    expected = keys(strings_by_language.get(source_locale, {}))
    return [
        f"mkdocs.yml: language '{locale}' lacks extra.strings.{key}; add it under the "
        f"'{locale}' entry of the i18n plugin's languages."
        for locale, strings in strings_by_language.items()
        for key in sorted(expected - keys(strings))
    ]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail the build, with every problem listed, when a page or a translation needs mending."""
    if not builds_default_language(config):
        return config  # the plugin rebuilds once per language; checking once is enough
    languages = read_site_languages(config)
    source = next(language for language in languages if language.default)
    problems = find_translation_problems(Path(config.docs_dir), languages)
    strings = {lang.locale: lang.strings for lang in languages}
    problems += find_missing_strings(strings, source.locale)
    problems += find_malformed_strings(strings)
    if problems:
        raise PluginError("The pages need mending:\n  " + "\n  ".join(problems))
    return config


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Refuse a page that cites law or a rate without a review date (rendered content, so the
    checklist's data-built text counts too)."""
    problem = review_date_problem(page.content or "", page.meta, f"docs/{page.file.src_uri}")
    if problem:
        raise PluginError(problem)
    return context
