"""Build the decision checklist page from ``data/checklist.yml``.

The data holds a decision tree (questions whose answers lead to another question or to a
recommended payment scheme) and three checklists. This hook loads it with line numbers, checks it
completely (structure, texts in every configured language, ids, the tree, links into the built
site) and renders it through ``overrides/partials/checklist.html`` in place of the marker
``<!-- checklist -->`` on each language's ``checklist.md``.

The core is plain functions — :func:`load_checklist`, :func:`validate_links`,
:func:`resolve_links` and :func:`render_checklist` — that know nothing of MkDocs; the ``on_*``
functions at the end are the thin layer MkDocs calls. Any problem stops the build with a
:class:`ChecklistError` that lists every problem with file, line, field path and a fix.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from site_languages import current_language, page_slug, read_site_languages

DATA_FILE = "data/checklist.yml"
PAGE_NAME = "checklist"
MARKER = "<!-- checklist -->"
TEMPLATE = "partials/checklist.html"
SCHEMES_PAGE = "staged-payments"
SCHEME_MARKERS = {"<!-- schemes-table -->": "partials/schemes-table.html",
                  "<!-- scheme-rules -->": "partials/scheme-rules.html"}
NULLS = {"", "~", "null", "Null", "NULL"}


class TextLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """Parses YAML into nodes with libyaml (when PyYAML has it) and guesses no types: every
    scalar is text, so "Yes" and "30" stay labels. The resolver steps, which the parser calls
    for each of tens of thousands of nodes, are reduced to constants."""

    TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
            yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self.TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<[A-Za-z!/]")

LocalizedText = dict[str, str]


# --------------------------------------------------------------------------------------------
# The data, as typed classes


@dataclass(frozen=True)
class Link:
    """A link into the guidance: a page slug and, optionally, a heading id on that page."""

    page: str
    anchor: str | None
    path: str


@dataclass(frozen=True)
class Answer:
    """One answer to a question; ``next`` is the id of a question or of an outcome."""

    id: str
    label: LocalizedText
    next: str
    path: str


@dataclass(frozen=True)
class Question:
    """A question of the decision tree."""

    id: str
    text: LocalizedText
    hint: LocalizedText | None
    answers: list[Answer]


@dataclass(frozen=True)
class Payment:
    """One payment of a scheme: its share of the fee in per cent and when it falls due."""

    share: int
    when: LocalizedText
    path: str


@dataclass(frozen=True)
class Outcome:
    """A recommended payment scheme: its payments, when it fits, what the client receives at
    each step, the sentence for a proposal, the reasons and links to the guidance."""

    id: str
    title: LocalizedText
    payments: list[Payment]
    fits: LocalizedText
    receives: LocalizedText
    summary: LocalizedText
    why: LocalizedText
    links: list[Link]
    path: str


@dataclass(frozen=True)
class Item:
    """One thing to do, with a short reason and an optional link."""

    id: str
    text: LocalizedText
    why: LocalizedText
    link: Link | None


@dataclass(frozen=True)
class Checklist:
    """A titled list of items, such as "Before the start"."""

    id: str
    title: LocalizedText
    items: list[Item]


@dataclass(frozen=True)
class ChecklistData:
    """The whole data file, validated."""

    source: str
    start: str
    questions: list[Question]
    outcomes: list[Outcome]
    checklists: list[Checklist]
    lines: "Lines" = field(repr=False, compare=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and how to mend it."""

    source: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ChecklistError(Exception):
    """The checklist data cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "\n  ".join(str(problem) for problem in problems)
        super().__init__(f"The checklist data has {len(problems)} problem(s):\n  {listed}")


@dataclass(frozen=True)
class SitePage:
    """What the checklist needs to know of one built page: its address, title and ids."""

    url: str
    title: str
    anchors: dict[str, str]


# --------------------------------------------------------------------------------------------
# Loading


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: building tens of thousands of small objects
    otherwise sets it off again and again (about a third of the load time) for no garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _to_python(node: yaml.Node) -> tuple[Any, bool]:
    """Turn a YAML node into plain values; also say whether any mapping repeats a key.

    Every scalar stays text (``Yes`` and ``30`` are labels here, not a boolean and a number);
    an empty or unquoted null value is None.
    """
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        repeated = False
        for key_node, value_node in node.value:
            key = str(key_node.value)
            repeated = repeated or key in mapping
            mapping[key], inner = _to_python(value_node)
            repeated = repeated or inner
        return mapping, repeated
    if isinstance(node, yaml.SequenceNode):
        items = [_to_python(item) for item in node.value]
        return [value for value, _ in items], any(inner for _, inner in items)
    return (None if node.style is None and node.value in NULLS else str(node.value)), False


class Lines:
    """The line of every field path (like ``outcomes[2].why``) in a parsed file. Worked out from
    the YAML nodes only when a message first asks, so a valid file costs nothing here."""

    def __init__(self, root: yaml.Node | None, source: str) -> None:
        self.root = root
        self.source = source
        self._lines: dict[str, int] | None = None
        self.repeated_keys: list[Problem] = []

    def _walk(self, node: yaml.Node, path: str) -> None:
        assert self._lines is not None
        self._lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = f"{path}.{key}" if path else key
                if key in seen:
                    self.repeated_keys.append(Problem(self.source, key_node.start_mark.line + 1,
                                                      child, f"the key '{key}' appears twice; "
                                                             "keep one."))
                seen.add(key)
                self._lines[child] = key_node.start_mark.line + 1
                self._walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item_node in enumerate(node.value):
                self._walk(item_node, f"{path}[{index}]")

    def _map(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = {}
            if self.root is not None:
                self._walk(self.root, "")
        return self._lines

    def __contains__(self, path: str) -> bool:
        return path in self._map()

    def __call__(self, path: str) -> int | None:
        """The line of ``path``, or of the nearest enclosing field that has one."""
        lines = self._map()
        while path:
            if path in lines:
                return lines[path]
            path = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
        return lines.get("")


def read_yaml(path: Path, source: str) -> tuple[Any, Lines]:
    """Parse a YAML file safely; return its data and the lines of its field paths."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChecklistError([Problem(source, None, "", "the file does not exist; create it "
                                      "(see README, 'The decision checklist').")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ChecklistError([Problem(source, None, "", f"cannot be read ({error}); save it "
                                      "as UTF-8 text.")]) from None
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise ChecklistError([Problem(source, line, "", f"YAML syntax error{column}: {reason}; "
                                      "fix the indentation or quote the text.")]) from None
    finally:
        loader.dispose()
    lines = Lines(node, source)
    data, repeated = _to_python(node) if node is not None else (None, False)
    if repeated:
        lines("")  # walks the nodes, noting each repeated key with its path and line
        raise ChecklistError(lines.repeated_keys)
    return data, lines


class _Reader:
    """Turns the parsed YAML into typed classes, collecting every problem on the way."""

    def __init__(self, source: str, lines: Lines, languages: list[str]) -> None:
        self.source = source
        self.lines = lines
        self.languages = languages
        self.problems: list[Problem] = []

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

    def text(self, value: Any, path: str) -> LocalizedText:
        if value is None and path not in self.lines:
            return {}  # a missing field: mapping() has reported it
        if not isinstance(value, dict):
            self.problem(path, "must be a text in every language, like "
                               f"{{{', '.join(f'{lang}: …' for lang in self.languages)}}}.")
            return {}
        for key in value.keys() - set(self.languages):
            self.problem(f"{path}.{key}", f"'{key}' is not a configured language "
                                          f"({', '.join(self.languages)}); if it is part of a "
                                          "text, put the whole text in quotes.")
        for language in self.languages:
            if language not in value:
                self.problem(path, f"the '{language}' text is missing; add a '{language}:' "
                                   "entry.")
                continue
            text = value[language]
            where = f"{path}.{language}"
            if not isinstance(text, str) or not text.strip():
                self.problem(where, "must be a non-empty text.")
            elif HTML_TAG.search(text):
                self.problem(where, "contains HTML; write plain text (the page escapes "
                                    "nothing on purpose, so markup is refused).")
        return {language: str(text) for language, text in value.items()}

    def link(self, value: Any, path: str) -> Link | None:
        mapping = self.mapping(value, path, {"page"}, {"anchor"})
        if mapping is None:
            return None
        anchor = mapping.get("anchor")
        return Link(page=str(mapping.get("page", "")),
                    anchor=str(anchor) if anchor is not None else None,
                    path=path)


def _read_question(reader: _Reader, value: Any, path: str) -> Question | None:
    mapping = reader.mapping(value, path, {"id", "text", "answers"}, {"hint"})
    if mapping is None:
        return None
    answers = []
    for index, answer_value in enumerate(reader.sequence(mapping.get("answers"),
                                                         f"{path}.answers")):
        answer_path = f"{path}.answers[{index}]"
        answer = reader.mapping(answer_value, answer_path, {"id", "label", "next"}, set())
        if answer is None:
            continue
        answers.append(Answer(id=reader.identifier(answer.get("id"), f"{answer_path}.id"),
                              label=reader.text(answer.get("label"), f"{answer_path}.label"),
                              next=str(answer.get("next")), path=f"{answer_path}.next"))
    hint = mapping.get("hint")
    return Question(id=reader.identifier(mapping.get("id"), f"{path}.id"),
                    text=reader.text(mapping.get("text"), f"{path}.text"),
                    hint=reader.text(hint, f"{path}.hint") if hint is not None else None,
                    answers=answers)


def _read_payment(reader: _Reader, value: Any, path: str) -> Payment | None:
    mapping = reader.mapping(value, path, {"share", "when"}, set())
    if mapping is None:
        return None
    share = mapping.get("share")
    if not isinstance(share, str) or not share.isdigit() or not 1 <= int(share) <= 100:
        reader.problem(f"{path}.share", f"{share!r} is not a share of the fee; write a whole "
                                        "number of per cent from 1 to 100, like \"30\".")
        share = "0"
    return Payment(share=int(share), when=reader.text(mapping.get("when"), f"{path}.when"),
                   path=path)


def _read_outcome(reader: _Reader, value: Any, path: str) -> Outcome | None:
    mapping = reader.mapping(value, path, {"id", "title", "payments", "fits", "receives",
                                           "summary", "why", "links"}, set())
    if mapping is None:
        return None
    links = [reader.link(link, f"{path}.links[{index}]")
             for index, link in enumerate(reader.sequence(mapping.get("links"), f"{path}.links"))]
    payments = [payment for index, value in enumerate(reader.sequence(mapping.get("payments"),
                                                                      f"{path}.payments"))
                if (payment := _read_payment(reader, value, f"{path}.payments[{index}]"))]
    total = sum(payment.share for payment in payments)
    if payments and total != 100 and all(payment.share for payment in payments):
        reader.problem(f"{path}.payments", f"the shares add up to {total}%, not 100%; a scheme's "
                                           "payments must cover the whole fee.")
    return Outcome(id=reader.identifier(mapping.get("id"), f"{path}.id"),
                   title=reader.text(mapping.get("title"), f"{path}.title"),
                   payments=payments,
                   fits=reader.text(mapping.get("fits"), f"{path}.fits"),
                   receives=reader.text(mapping.get("receives"), f"{path}.receives"),
                   summary=reader.text(mapping.get("summary"), f"{path}.summary"),
                   why=reader.text(mapping.get("why"), f"{path}.why"),
                   links=[link for link in links if link], path=path)


def _read_checklist(reader: _Reader, value: Any, path: str) -> Checklist | None:
    mapping = reader.mapping(value, path, {"id", "title", "items"}, set())
    if mapping is None:
        return None
    items = []
    for index, item_value in enumerate(reader.sequence(mapping.get("items"), f"{path}.items")):
        item_path = f"{path}.items[{index}]"
        item = reader.mapping(item_value, item_path, {"id", "text", "why"}, {"link"})
        if item is None:
            continue
        link = item.get("link")
        items.append(Item(id=reader.identifier(item.get("id"), f"{item_path}.id"),
                          text=reader.text(item.get("text"), f"{item_path}.text"),
                          why=reader.text(item.get("why"), f"{item_path}.why"),
                          link=reader.link(link, f"{item_path}.link") if link else None))
    return Checklist(id=reader.identifier(mapping.get("id"), f"{path}.id"),
                     title=reader.text(mapping.get("title"), f"{path}.title"), items=items)


def _check_ids(reader: _Reader, data: ChecklistData) -> None:
    """Every id is unique across the file: they all become element ids on one page."""
    seen: dict[str, str] = {}
    places: list[tuple[str, str]] = []
    for q_index, question in enumerate(data.questions):
        places.append((question.id, f"questions[{q_index}].id"))
        places += [(answer.id, f"questions[{q_index}].answers[{a_index}].id")
                   for a_index, answer in enumerate(question.answers)]
    places += [(outcome.id, f"outcomes[{index}].id") for index, outcome in enumerate(data.outcomes)]
    for c_index, checklist in enumerate(data.checklists):
        places.append((checklist.id, f"checklists[{c_index}].id"))
        places += [(item.id, f"checklists[{c_index}].items[{i_index}].id")
                   for i_index, item in enumerate(checklist.items)]
    for identifier, path in places:
        if identifier in seen:
            reader.problem(path, f"the id '{identifier}' is already used at {seen[identifier]}; "
                                 "ids must be unique in the file.")
        else:
            seen[identifier] = path


def _check_tree(reader: _Reader, data: ChecklistData) -> None:
    """The tree starts at a question, every answer leads somewhere, all is reachable, no cycle."""
    questions = {question.id: question for question in data.questions}
    outcomes = {outcome.id for outcome in data.outcomes}
    if data.start not in questions:
        reader.problem("start", f"'{data.start}' is not the id of a question; name the first "
                                "question.")
        return
    for question in data.questions:
        for answer in question.answers:
            if answer.next not in questions and answer.next not in outcomes:
                reader.problem(answer.path, f"'{answer.next}' is neither a question nor an "
                                            "outcome; use the id of one.")
    reached: set[str] = set()
    reported_cycles: set[str] = set()

    def walk(question_id: str, trail: list[str]) -> None:
        if question_id in trail:
            if question_id not in reported_cycles:
                reported_cycles.add(question_id)
                cycle = " → ".join(trail[trail.index(question_id):] + [question_id])
                index = next(i for i, q in enumerate(data.questions) if q.id == question_id)
                reader.problem(f"questions[{index}]", f"the answers lead round in a cycle "
                                                      f"({cycle}); every path must end at an "
                                                      "outcome.")
            return
        if question_id in reached and question_id not in trail:
            return
        reached.add(question_id)
        for answer in questions[question_id].answers:
            if answer.next in questions:
                walk(answer.next, trail + [question_id])
            else:
                reached.add(answer.next)

    walk(data.start, [])
    for index, question in enumerate(data.questions):
        if question.id not in reached:
            reader.problem(f"questions[{index}]", f"no path from '{data.start}' reaches the "
                                                  f"question '{question.id}'; let an answer "
                                                  "lead to it or remove it.")
    for index, outcome in enumerate(data.outcomes):
        if outcome.id not in reached:
            reader.problem(f"outcomes[{index}]", f"no answer leads to the outcome "
                                                 f"'{outcome.id}'; let an answer lead to it or "
                                                 "remove it.")


def load_checklist(path: Path, languages: list[str], source: str | None = None) -> ChecklistData:
    """Load and validate the checklist data for ``languages``; raise ChecklistError if unusable.

    ``source`` is how messages name the file (by default, the path as given).
    """
    with _no_cycle_collection():
        return _load_checklist(path, languages, source)


def _load_checklist(path: Path, languages: list[str], source: str | None) -> ChecklistData:
    source = source or str(path)
    raw, lines = read_yaml(path, source)
    reader = _Reader(source, lines, languages)
    top = reader.mapping(raw, "", {"start", "questions", "outcomes", "checklists"}, set())
    if top is None:
        raise ChecklistError(reader.problems)

    def read_all(key: str, read) -> list:
        return [entry for index, value in enumerate(reader.sequence(top.get(key), key))
                if (entry := read(reader, value, f"{key}[{index}]")) is not None]

    data = ChecklistData(source=source, start=str(top.get("start")),
                         questions=read_all("questions", _read_question),
                         outcomes=read_all("outcomes", _read_outcome),
                         checklists=read_all("checklists", _read_checklist), lines=lines)
    if not reader.problems:
        _check_ids(reader, data)
        _check_tree(reader, data)
    if reader.problems:
        raise ChecklistError(reader.problems)
    return data


def all_links(data: ChecklistData) -> list[Link]:
    """Every link in the data, outcomes' first."""
    links = [link for outcome in data.outcomes for link in outcome.links]
    return links + [item.link for checklist in data.checklists for item in checklist.items
                    if item.link]


def validate_links(data: ChecklistData, site: dict[str, SitePage], language: str) -> None:
    """Check that every link names a built page and an id on it; raise ChecklistError if not."""
    problems = []
    for link in all_links(data):
        page = site.get(link.page)
        if page is None:
            problems.append(Problem(data.source, data.lines(link.path), f"{link.path}.page",
                                    f"there is no page '{link.page}' in the '{language}' site; "
                                    f"use one of: {', '.join(sorted(site))}."))
        elif link.anchor is not None and link.anchor not in page.anchors:
            problems.append(Problem(data.source, data.lines(link.path), f"{link.path}.anchor",
                                    f"the page '{link.page}' ({language}) has no heading id "
                                    f"'{link.anchor}'; use one of: "
                                    f"{', '.join(sorted(page.anchors))}."))
    if problems:
        raise ChecklistError(problems)


def payment_phrase(payment: Payment, language: str, percent: str) -> str:
    """A payment as the texts state it: the share in the language's per-cent format
    (``percent``, such as ``"{share} %"``) followed by when it falls due."""
    return f"{percent.format(share=payment.share)} {payment.when[language]}"


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold()


def validate_payments_stated(data: ChecklistData, language: str, percent: str) -> None:
    """Check that each outcome's sentence for a proposal states every payment of its scheme
    word for word, so that the sentence, the scheme table and the rules cannot drift apart;
    raise ChecklistError if one does not."""
    problems = [
        Problem(data.source, data.lines(f"{outcome.path}.summary.{language}"),
                f"{outcome.path}.summary.{language}",
                f"does not state the payment '{payment_phrase(payment, language, percent)}' "
                f"({payment.path}) word for word; write it into the sentence, or change the "
                "payment if the scheme itself has changed.")
        for outcome in data.outcomes for payment in outcome.payments
        if _plain(payment_phrase(payment, language, percent)) not in _plain(outcome.summary[language])
    ]
    if problems:
        raise ChecklistError(problems)


# --------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class LinkView:
    """A resolved link: an address relative to the checklist page, and its text."""

    url: str
    label: str


def resolve_links(data: ChecklistData, site: dict[str, SitePage],
                  page_url: str) -> dict[Link, LinkView]:
    """Every link of the data as an address relative to ``page_url``, labelled with the target
    section's heading and, in brackets, its page's title, in the language of ``site``."""
    resolved = {}
    page_urls = {slug: get_relative_url(page.url, page_url) for slug, page in site.items()}
    for link in all_links(data):
        target, url = site[link.page], page_urls[link.page]
        resolved[link] = LinkView(url=url, label=target.title) if link.anchor is None else \
            LinkView(url=f"{url}#{link.anchor}",
                     label=f"{target.anchors[link.anchor]} ({target.title})")
    return resolved


def render_checklist(env: Environment, data: ChecklistData, language: str,
                     links: dict[Link, LinkView], strings: dict[str, str]) -> str:
    """Render the checklist in ``language`` with the Jinja partial; all data text is escaped."""
    with _no_cycle_collection():
        return env.get_template(TEMPLATE).render(checklist=data, language=language, links=links,
                                                 strings=strings)


def decision_rules(data: ChecklistData) -> list[tuple[Question, list[Answer]]]:
    """The rules that settle a scheme: each question with its answers that lead straight to an
    outcome (questions with no such answer are left out)."""
    outcomes = {outcome.id for outcome in data.outcomes}
    rules = [(question, [answer for answer in question.answers if answer.next in outcomes])
             for question in data.questions]
    return [(question, answers) for question, answers in rules if answers]


def render_schemes(env: Environment, data: ChecklistData, language: str, checklist_url: str,
                   strings: dict[str, Any]) -> dict[str, str]:
    """The scheme table and the decision rules for the staged-payments page, by marker; links
    to outcomes point at ``checklist_url`` (relative to that page)."""
    context = {"checklist": data, "language": language, "checklist_url": checklist_url,
               "strings": strings, "rules": decision_rules(data),
               "outcomes": {outcome.id: outcome for outcome in data.outcomes}}
    with _no_cycle_collection():
        return {marker: env.get_template(template).render(context)
                for marker, template in SCHEME_MARKERS.items()}


def table_of_contents(data: ChecklistData, language: str,
                      strings: dict[str, str]) -> list[dict[str, Any]]:
    """Table-of-contents entries for the rendered sections (MkDocs' toc token format)."""
    def entry(identifier: str, name: str) -> dict[str, Any]:
        return {"level": 2, "id": identifier, "name": name, "children": []}

    return [entry("decision", strings["decision_heading"]),
            entry("outcomes", strings["outcomes_heading"])] + [
        entry(checklist.id, checklist.title[language]) for checklist in data.checklists]


class _HeadingCollector(HTMLParser):
    """Collects the text of every element that has an id (headings, in practice)."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: dict[str, str] = {}
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        identifier = dict(attrs).get("id")
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
    collector = _HeadingCollector()
    collector.feed(html)
    return SitePage(url=url, title=title, anchors=collector.anchors)


# --------------------------------------------------------------------------------------------
# The MkDocs layer


_loaded: dict[tuple[Path, int, int, tuple[str, ...]], ChecklistData] = {}


def _load_once(path: Path, languages: tuple[str, ...]) -> ChecklistData:
    """Load the data once per build: the i18n plugin asks again for every language, and
    ``mkdocs serve`` again after every edit — only an edited file is read anew."""
    try:
        stat = path.stat()
    except OSError:
        return load_checklist(path, list(languages), source=DATA_FILE)  # reports the missing file
    key = (path, stat.st_mtime_ns, stat.st_size, languages)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_checklist(path, list(languages), source=DATA_FILE)
    return _loaded[key]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once every page of this language is rendered: validate, render, swap in the checklist
    and, on the staged-payments page, the scheme table and rules drawn from the same data."""
    language = current_language(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    pages_by_slug = {page_slug(page.file.src_uri, language): page for page in pages}
    page = pages_by_slug.get(PAGE_NAME)
    if page is None:
        return env
    strings = config.extra["strings"]["checklist"]
    try:
        data = _load_once(Path(config.config_file_path).parent / DATA_FILE,
                          tuple(lang.locale for lang in read_site_languages(config)))
        site = {slug: site_page(page.url, page.title or "", page.content or "")
                for slug, page in pages_by_slug.items()}
        validate_links(data, site, language)
        validate_payments_stated(data, language, strings["percent"])
    except ChecklistError as error:
        raise PluginError(str(error)) from None
    schemes_page = pages_by_slug.get(SCHEMES_PAGE)
    if schemes_page is not None:
        rendered = render_schemes(env, data, language,
                                  get_relative_url(page.url, schemes_page.url), strings)
        _swap_markers(schemes_page, rendered)
    html = render_checklist(env, data, language, resolve_links(data, site, page.url), strings)
    _swap_markers(page, {MARKER: html})
    page.toc = get_toc(table_of_contents(data, language, strings))
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(
        site_page(page.url, page.title or "", html).anchors)
    return env


def _swap_markers(page: Page, rendered: dict[str, str]) -> None:
    """Put rendered HTML in place of each marker on a page; a missing marker stops the build."""
    for marker, html in rendered.items():
        if marker not in (page.content or ""):
            raise PluginError(f"{page.file.src_uri}: the marker {marker} is missing; put it on "
                              "a line of its own where that part of the page belongs.")
        page.content = page.content.replace(marker, html)
