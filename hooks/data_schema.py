"""The typed reading of the project's per-language data files, shared by the hooks that render
them (``hooks/checklist.py``, ``hooks/kit.py``). Not a hook itself.

:class:`DataReader` turns what :func:`data_files.read_data_file` parsed into typed values,
collecting every problem with file, line and field path instead of stopping at the first: a
mapping's fields, a non-empty list, an id, a text in every configured language (plain, no HTML)
and a link into the guidance. :func:`site_page` describes a rendered page (address, title, the
ids on it with their headings' words) so that links in the data can be checked against the site
being built.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from data_files import Lines, Problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<[A-Za-z!/]")


LocalizedText = dict[str, str]


@dataclass(frozen=True)
class Link:
    """A link into the guidance: a page slug and, optionally, a heading id on that page."""

    page: str
    anchor: str | None
    path: str


@dataclass(frozen=True)
class SitePage:
    """What a data file's links need to know of one built page: its address, title and ids."""

    url: str
    title: str
    anchors: dict[str, str]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: building tens of thousands of small objects
    otherwise sets it off again and again (about a third of the load time) for no garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class DataReader:
    """Turns the parsed YAML into typed classes, collecting every problem on the way."""

    def __init__(self, source: str, lines: Lines, languages: list[str]) -> None:
        self.source = source
        self.lines = lines
        self.languages = languages
        self.problems: list[Problem] = []
        # With ``group_missing``, texts missing in a language are kept here as (field path,
        # language) until :meth:`report_missing` names them one item at a time.
        self.group_missing = False
        self.missing: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.source, self.lines(path), path, message))

    def mapping(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict | None:
        if not isinstance(value, dict):
            found = "nothing (the file is empty)" if value is None and not path else \
                type(value).__name__
            subject = f"'{path}'" if path else "the file"
            self.problem(path, f"{subject} must be a mapping with the fields "
                               f"{', '.join(sorted(required))}; found {found}.")
            return None
        for key in sorted(required - value.keys()):
            self.problem(path, f"the field '{key}' is missing; add it.")
        for key in sorted(value.keys() - required - optional):
            self.problem(f"{path}.{key}" if path else str(key),
                         f"unknown field '{key}'; expected one of "
                         f"{', '.join(sorted(required | optional))}.")
        return value

    def sequence(self, value: Any, path: str) -> list:
        if not isinstance(value, list) or not value:
            self.problem(path, "must be a non-empty list.")
            return []
        return value

    def identifier(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(path, f"{value!r} is not a valid id; use lower-case words joined by "
                               "hyphens, like 'new-client'.")
            return str(value)
        return value

    def text(self, value: Any, path: str, languages: list[str] | None = None) -> LocalizedText:
        """A text in every configured language (or in ``languages`` only), plain, non-empty."""
        languages = self.languages if languages is None else languages
        if value is None and path not in self.lines:
            return {}  # a missing field: mapping() has reported it
        if not isinstance(value, dict):
            self.problem(path, "must be a text in every language, like "
                               f"{{{', '.join(f'{lang}: …' for lang in languages)}}}.")
            return {}
        for key in value.keys() - set(self.languages):
            self.problem(f"{path}.{key}", f"'{key}' is not a configured language "
                                          f"({', '.join(self.languages)}); if it is part of a "
                                          "text, put the whole text in quotes.")
        for language in languages:
            if language not in value:
                self.missing_text(path, language)
                continue
            text = value[language]
            where = f"{path}.{language}"
            if not isinstance(text, str) or not text.strip():
                self.problem(where, "must be a non-empty text.")
            elif HTML_TAG.search(text):
                self.problem(where, "contains HTML; write plain text (the page escapes "
                                    "nothing on purpose, so markup is refused).")
        return {language: str(text) for language, text in value.items()}

    def missing_text(self, path: str, language: str) -> None:
        """Report that the text at ``path`` lacks ``language`` (or keep it for grouping)."""
        if self.group_missing:
            self.missing.append((path, language))
        else:
            self.problem(path, f"the '{language}' text is missing; add a '{language}:' entry.")

    def report_missing(self, items: dict[str, str]) -> None:
        """Turn the kept missing texts into one problem per item and language: ``items`` maps
        an item's path (``templates[3]``) to its id; a field outside every item stands alone."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for path, language in self.missing:
            item = path[:path.index("]") + 1] if "]" in path else path
            grouped.setdefault((item if item in items else path, language), []).append(path)
        self.missing = []
        for (item, language), paths in grouped.items():
            if len(paths) == 1:
                self.problem(paths[0], f"the '{language}' text is missing; add a "
                                       f"'{language}:' entry.")
                continue
            fields = ", ".join(path[len(item) + 1:] for path in paths)
            self.problem(item, f"(id '{items[item]}') the '{language}' texts are missing in "
                               f"{fields}; add a '{language}:' entry to each.")

    def link(self, value: Any, path: str) -> Link | None:
        mapping = self.mapping(value, path, {"page"}, {"anchor"})
        if mapping is None:
            return None
        anchor = mapping.get("anchor")
        return Link(page=str(mapping.get("page", "")),
                    anchor=str(anchor) if anchor is not None else None,
                    path=path)


class _IdCollector(HTMLParser):
    """Collects every element id in order (``ids``) and the text of each (``anchors``:
    a heading's words, or for any other element its id)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.anchors: dict[str, str] = {}
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        identifier = dict(attrs).get("id")
        if identifier:
            self.ids.append(identifier)
        if identifier and tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._open.append((tag, identifier, []))
        elif identifier:
            self.anchors.setdefault(identifier, identifier)

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, identifier, parts = self._open.pop()
            self.anchors[identifier] = "".join(parts).replace("¶", "").strip()


def site_page(url: str, title: str, html: str) -> SitePage:
    """Describe a rendered page by its address, title and element ids with their texts."""
    collector = _IdCollector()
    collector.feed(html)
    return SitePage(url=url, title=title, anchors=collector.anchors)


def element_ids_in(html_text: str) -> list[str]:
    """Every element id of an HTML text, in order, repeats included."""
    collector = _IdCollector()
    collector.feed(html_text)
    collector.close()
    return collector.ids
