"""Build the message kit (``templates``) and the clause kit (``clauses``) pages from data.

``data/placeholders.yml`` declares the fields a text may name in braces (``{client_name}``) with
a label in every language; ``data/templates.yml`` holds the e-mails, formal demands, replies and
proposal paragraphs in groups; ``data/clauses.yml`` the contract clauses. They are read with the
bounded loader of ``hooks/data_files.py`` and the typed reader of ``hooks/data_schema.py`` (the
checklist's), checked completely — texts in every language, the same fields in every language of
an item, declared fields only, balanced braces, plain text, known groups, unique ids, one
language for a country's letter, links to pages and headings that exist — and rendered through
``overrides/partials/kit-*.html`` in place of the markers ``<!-- template-form -->``,
``<!-- templates -->`` and ``<!-- clauses -->`` on each language's page.

The core is plain functions — :func:`load_kit`, :func:`validate_kit_links`,
:func:`template_views`, :func:`clause_views`, :func:`form_fields` and :func:`render_kit` —
that know nothing of MkDocs; the ``on_*`` functions at the end are the thin layer MkDocs calls.
``on_env`` runs before the checklist's (priority 10), so that the checklist's links to a
proposal paragraph or a clause find their headings. Any problem stops the build with a
:class:`KitError` naming file, line, item id, language and field, with a fix.
"""

from __future__ import annotations

import difflib
import html
import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from data_files import DataFileError, Lines, Problem, read_data_file
from data_schema import (DataReader, LocalizedText, SitePage, element_ids_in,
                         no_cycle_collection, site_page)
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from page_markers import swap_markers_or_stop
from site_languages import current_language, page_slug, read_site_languages

PLACEHOLDERS_FILE = "data/placeholders.yml"
TEMPLATES_FILE = "data/templates.yml"
CLAUSES_FILE = "data/clauses.yml"
TEMPLATES_PAGE = "templates"
CLAUSES_PAGE = "clauses"
# Each page's markers and the partial that replaces each.
MARKERS = {
    TEMPLATES_PAGE: {"<!-- template-form -->": "partials/kit-form.html",
                     "<!-- templates -->": "partials/kit-templates.html"},
    CLAUSES_PAGE: {"<!-- clauses -->": "partials/kit-clauses.html"},
}
FORM_SCRIPT = "assets/javascripts/templates.js"
COPY_SCRIPT = "assets/javascripts/kit-copy.js"
KINDS = ("text", "date", "number", "link")
# The form's first fields; the other declared fields (but links) go under "More fields".
FIRST_FIELDS = ("your_name", "client_name", "invoice_number", "amount", "due_date",
                "days_to_pay", "new_date")
INPUT_TYPES = {"text": "text", "date": "date", "number": "number"}
# A field in a text: an id in braces. Anything else in braces, or a lone brace, is refused.
BRACED = re.compile(r"\{([^{}]*)\}")
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# At most this many problems are listed; the rest are counted.
MAX_LISTED = 40


# --------------------------------------------------------------------------------------------
# The data, as typed classes


@dataclass(frozen=True)
class Placeholder:
    """A declared field: its id (``client_name``), kind and label in every language."""

    id: str
    kind: str
    label: LocalizedText


@dataclass(frozen=True)
class Group:
    """A group of templates (reminders, demands, …), shown as a section with its heading."""

    id: str
    title: LocalizedText


@dataclass(frozen=True)
class Template:
    """A message: when to send it, its subject and body (in every language, or in
    ``letter_language`` only for a country's formal demand) and its optional requirements,
    law-page section and page for the client (``{client_page}``)."""

    id: str
    group: str
    title: LocalizedText
    when: LocalizedText
    subject: LocalizedText
    body: LocalizedText
    requirements: LocalizedText | None
    law: str | None
    client_page: str | None
    letter_language: str | None
    path: str


@dataclass(frozen=True)
class Clause:
    """A contract clause: its text, a plain-language note and the law it relies on."""

    id: str
    title: LocalizedText
    text: LocalizedText
    note: LocalizedText
    basis: LocalizedText
    path: str


@dataclass(frozen=True)
class Kit:
    """The three data files, validated; ``lines`` gives the line of a field path by file."""

    placeholders: list[Placeholder]
    groups: list[Group]
    templates: list[Template]
    clauses: list[Clause]
    lines: dict[str, Lines]


class KitError(DataFileError):
    """The kit's data cannot be used; ``problems`` says every reason."""

    subject = "The message and clause kit"
    max_listed = MAX_LISTED


# --------------------------------------------------------------------------------------------
# Fields in braces


Segment = tuple[str, str]  # ("text", words) or ("field", placeholder id)


def segments(text: str) -> list[Segment]:
    """A text split into its words and its fields (assumes :func:`brace_problems` found none)."""
    parts: list[Segment] = []
    position = 0
    for match in BRACED.finditer(text):
        if match.start() > position:
            parts.append(("text", text[position:match.start()]))
        parts.append(("field", match[1]))
        position = match.end()
    if position < len(text):
        parts.append(("text", text[position:]))
    return parts


def brace_problems(text: str, declared: list[str]) -> tuple[set[str], list[str]]:
    """The fields a text names, and what is wrong with its braces: a lone '{' or '}', braces
    round something that is not a field id, an undeclared field."""
    used: set[str] = set()
    problems = []
    for match in BRACED.finditer(text):
        name = match[1]
        if not FIELD_ID.match(name):
            problems.append(f"'{{{name}}}' is not a field; a field is a declared id in braces, "
                            "like {client_name}, and texts hold no other braces.")
        elif name not in declared:
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f"did you mean {{{close[0]}}}? " if close else ""
            problems.append(f"names the undeclared field {{{name}}}; {hint}use one of "
                            f"{', '.join(declared)} or declare it in {PLACEHOLDERS_FILE}.")
        else:
            used.add(name)
    rest = BRACED.sub("", text)
    for brace, reason in (("{", "opens a field it never closes"),
                          ("}", "closes a field it never opened")):
        index = rest.find(brace)
        if index >= 0:
            context = rest[max(0, index - 15):index + 16].replace("\n", " ")
            problems.append(f"a '{brace}' {reason} (near “{context}”); write the field as "
                            "{field_id} or remove the brace.")
    return used, problems


# --------------------------------------------------------------------------------------------
# Loading


def _read_file(path: Path, source: str, languages: list[str]) -> tuple[Any, DataReader]:
    """Parse one data file; a reader that groups texts missing in a language item by item."""
    try:
        raw, lines = read_data_file(path, source)
    except DataFileError as error:
        raise KitError(error.problems) from None
    reader = DataReader(source, lines, languages)
    reader.group_missing = True
    return raw, reader


def _read_placeholders(raw: Any, reader: DataReader) -> list[Placeholder]:
    top = reader.mapping(raw, "", {"placeholders"}, set())
    found = []
    for index, value in enumerate(reader.sequence((top or {}).get("placeholders"),
                                                  "placeholders")):
        path = f"placeholders[{index}]"
        mapping = reader.mapping(value, path, {"id", "kind", "label"}, set())
        if mapping is None:
            continue
        identifier = mapping.get("id")
        if not isinstance(identifier, str) or not FIELD_ID.match(identifier):
            reader.problem(f"{path}.id", f"{identifier!r} is not a field id; use lower-case "
                                         "words joined by '_', like 'client_name'.")
        kind = mapping.get("kind")
        if kind not in KINDS:
            reader.problem(f"{path}.kind", f"{kind!r} is not a kind of field; use one of "
                                           f"{', '.join(KINDS)}.")
        found.append(Placeholder(id=str(identifier), kind=str(kind),
                                 label=reader.text(mapping.get("label"), f"{path}.label")))
    _check_unique(reader, [(p.id, f"placeholders[{i}].id") for i, p in enumerate(found)])
    return found


def _check_unique(reader: DataReader, ids: list[tuple[str, str]]) -> None:
    """Every id once: they all become element ids on one page."""
    seen: dict[str, str] = {}
    for identifier, path in ids:
        if identifier in seen:
            reader.problem(path, f"the id '{identifier}' is already used at {seen[identifier]}; "
                                 "ids must be unique in the file.")
        else:
            seen.setdefault(identifier, path)


def _read_letter(reader: DataReader, mapping: dict, path: str, letter_language: str | None,
                 ) -> tuple[LocalizedText, LocalizedText]:
    """The subject and body: in every language, or only in ``letter_language``."""
    texts = []
    for key in ("subject", "body"):
        value = mapping.get(key)
        if letter_language is not None and isinstance(value, dict):
            for other in [language for language in value if language != letter_language
                          and language in reader.languages]:
                reader.problem(f"{path}.{key}.{other}",
                               f"letter_language is '{letter_language}', so the {key} is "
                               f"written in '{letter_language}' only; remove the '{other}' "
                               "text (say when to use the letter in 'when' instead).")
            value = {language: text for language, text in value.items()
                     if language == letter_language or language not in reader.languages}
        texts.append(reader.text(value, f"{path}.{key}",
                                 [letter_language] if letter_language else None))
    return texts[0], texts[1]


def _read_template(reader: DataReader, value: Any, path: str) -> Template | None:
    mapping = reader.mapping(value, path, {"id", "group", "title", "when", "subject", "body"},
                             {"requirements", "law", "client_page", "letter_language"})
    if mapping is None:
        return None
    letter_language = mapping.get("letter_language")
    if letter_language is not None and letter_language not in reader.languages:
        reader.problem(f"{path}.letter_language",
                       f"{letter_language!r} is not a site language; use one of "
                       f"{', '.join(reader.languages)}, or remove it to write the letter in "
                       "every language.")
        letter_language = None
    title = reader.text(mapping.get("title"), f"{path}.title")
    when = reader.text(mapping.get("when"), f"{path}.when")
    subject, body = _read_letter(reader, mapping, path, letter_language)
    requirements = mapping.get("requirements")
    return Template(
        id=reader.identifier(mapping.get("id"), f"{path}.id"),
        group=str(mapping.get("group")), title=title, when=when, subject=subject, body=body,
        requirements=reader.text(requirements, f"{path}.requirements")
        if requirements is not None else None,
        law=_address(reader, mapping.get("law"), f"{path}.law"),
        client_page=_address(reader, mapping.get("client_page"), f"{path}.client_page"),
        letter_language=letter_language, path=path)


def _address(reader: DataReader, value: Any, path: str) -> str | None:
    """A link to a page of the guide, written as in Markdown: ``law.md`` or ``law.md#uk``."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.match(r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$", value):
        reader.problem(path, f"{value!r} is not a link to a page; write it as in Markdown, "
                             "like law.md#uk.")
        return None
    return value


def _read_clause(reader: DataReader, value: Any, path: str) -> Clause | None:
    mapping = reader.mapping(value, path, {"id", "title", "text", "note", "basis"}, set())
    if mapping is None:
        return None
    return Clause(id=reader.identifier(mapping.get("id"), f"{path}.id"),
                  title=reader.text(mapping.get("title"), f"{path}.title"),
                  text=reader.text(mapping.get("text"), f"{path}.text"),
                  note=reader.text(mapping.get("note"), f"{path}.note"),
                  basis=reader.text(mapping.get("basis"), f"{path}.basis"), path=path)


def _check_fields(reader: DataReader, identifier: str, path: str,
                  texts: dict[str, LocalizedText], declared: list[str],
                  has_client_page: bool) -> None:
    """Braces and fields of an item's texts (``texts`` by field name): each text's braces, and
    the same fields in every language (the first language present is the reference)."""
    used_by_language: dict[str, dict[str, str]] = {}  # language -> field id -> where
    for name, text in texts.items():
        for language, words in text.items():
            if language not in reader.languages:
                continue
            where = f"{path}.{name}.{language}"
            used, problems = brace_problems(words, declared)
            for problem in problems:
                reader.problem(where, f"(id '{identifier}', {language}) {problem}")
            for field in sorted(used):
                used_by_language.setdefault(language, {}).setdefault(field, where)
            if "client_page" in used and not has_client_page:
                reader.problem(where, f"(id '{identifier}', {language}) uses {{client_page}} "
                                      "but the item has no client_page; add one, like "
                                      "client_page: why-prepay.md.")
    languages = [language for language in reader.languages if language in used_by_language
                 or any(language in text for text in texts.values())]
    if len(languages) < 2:
        return
    reference = languages[0]
    expected = used_by_language.get(reference, {})
    for language in languages[1:]:
        used = used_by_language.get(language, {})
        for field in sorted(used.keys() - expected.keys()):
            reader.problem(used[field], f"(id '{identifier}', {language}) uses {{{field}}}, "
                                        f"which the '{reference}' text lacks; every language "
                                        "of an item uses the same fields — add it there or "
                                        "remove it here.")
        for field in sorted(expected.keys() - used.keys()):
            body = next((f"{path}.{name}.{language}" for name in reversed(list(texts))
                         if language in texts[name]), path)
            reader.problem(body, f"(id '{identifier}', {language}) lacks {{{field}}}, which "
                                 f"the '{reference}' text uses ({expected[field]}); every "
                                 "language of an item uses the same fields — add it here or "
                                 "remove it there.")


def load_kit(folder: Path, languages: list[str]) -> Kit:
    """Load and validate the three data files in ``folder`` (the project root) for
    ``languages``; raise KitError listing every problem if they cannot be used."""
    with no_cycle_collection():
        return _load_kit(folder, languages)


def _load_kit(folder: Path, languages: list[str]) -> Kit:
    readers = []
    raw_placeholders, reader = _read_file(folder / PLACEHOLDERS_FILE, PLACEHOLDERS_FILE,
                                          languages)
    readers.append(reader)
    placeholders = _read_placeholders(raw_placeholders, reader)
    declared = [placeholder.id for placeholder in placeholders]

    raw, reader = _read_file(folder / TEMPLATES_FILE, TEMPLATES_FILE, languages)
    readers.append(reader)
    top = reader.mapping(raw, "", {"groups", "templates"}, set()) or {}
    groups = []
    for index, value in enumerate(reader.sequence(top.get("groups"), "groups")):
        mapping = reader.mapping(value, f"groups[{index}]", {"id", "title"}, set())
        if mapping is not None:
            groups.append(Group(id=reader.identifier(mapping.get("id"), f"groups[{index}].id"),
                                title=reader.text(mapping.get("title"),
                                                  f"groups[{index}].title")))
    templates = [template for index, value in enumerate(reader.sequence(top.get("templates"),
                                                                        "templates"))
                 if (template := _read_template(reader, value, f"templates[{index}]"))]
    group_ids = [group.id for group in groups]
    for template in templates:
        if template.group not in group_ids:
            reader.problem(f"{template.path}.group",
                           f"(id '{template.id}') '{template.group}' is not a group; use one of "
                           f"{', '.join(group_ids)}.")
        _check_fields(reader, template.id, template.path,
                      {"subject": template.subject, "body": template.body}, declared,
                      template.client_page is not None)
    _check_unique(reader, [(group.id, f"groups[{index}].id") for index, group in
                           enumerate(groups)] + [(t.id, f"{t.path}.id") for t in templates])
    reader.report_missing({t.path: t.id for t in templates}
                          | {f"groups[{index}]": group.id for index, group in enumerate(groups)})

    raw, reader = _read_file(folder / CLAUSES_FILE, CLAUSES_FILE, languages)
    readers.append(reader)
    top = reader.mapping(raw, "", {"clauses"}, set()) or {}
    clauses = [clause for index, value in enumerate(reader.sequence(top.get("clauses"),
                                                                    "clauses"))
               if (clause := _read_clause(reader, value, f"clauses[{index}]"))]
    for clause in clauses:
        _check_fields(reader, clause.id, clause.path, {"text": clause.text}, declared, False)
    _check_unique(reader, [(clause.id, f"{clause.path}.id") for clause in clauses])
    reader.report_missing({clause.path: clause.id for clause in clauses})

    readers[0].report_missing({f"placeholders[{index}]": placeholder.id
                               for index, placeholder in enumerate(placeholders)})
    items = {TEMPLATES_FILE: {t.path: t.id for t in templates}
             | {f"groups[{index}]": group.id for index, group in enumerate(groups)},
             CLAUSES_FILE: {clause.path: clause.id for clause in clauses},
             PLACEHOLDERS_FILE: {f"placeholders[{index}]": placeholder.id
                                 for index, placeholder in enumerate(placeholders)}}
    problems = [_naming_the_item(problem, items[reader.source]) for reader in readers
                for problem in reader.problems]
    if problems:
        raise KitError(problems)
    return Kit(placeholders=placeholders, groups=groups, templates=templates, clauses=clauses,
               lines={reader.source: reader.lines for reader in readers})


def _naming_the_item(problem: Problem, items: dict[str, str]) -> Problem:
    """The problem with the id of the item it is in, unless its message names it already."""
    item = problem.path[:problem.path.index("]") + 1] if "]" in problem.path else ""
    if item not in items or problem.message.startswith("(id "):
        return problem
    return Problem(problem.source, problem.line, problem.path,
                   f"(id '{items[item]}') {problem.message}")


# --------------------------------------------------------------------------------------------
# Links into the guide


def split_address(address: str) -> tuple[str, str | None]:
    """``law.md#uk`` → (``law``, ``uk``); ``why-prepay.md`` → (``why-prepay``, None)."""
    page, _, anchor = address.partition("#")
    return page.removesuffix(".md"), anchor or None


def validate_kit_links(kit: Kit, site: dict[str, SitePage], language: str) -> None:
    """Check that every ``law`` and ``client_page`` names a built page and a heading id on it;
    raise KitError if not."""
    problems = []
    lines = kit.lines[TEMPLATES_FILE]
    for template in kit.templates:
        for key in ("law", "client_page"):
            address = getattr(template, key)
            if address is None:
                continue
            page, anchor = split_address(address)
            where = f"{template.path}.{key}"
            target = site.get(page)
            if target is None:
                problems.append(Problem(TEMPLATES_FILE, lines(where), where,
                                        f"(id '{template.id}') there is no page '{page}.md' in "
                                        f"the '{language}' site; use one of: "
                                        f"{', '.join(f'{slug}.md' for slug in sorted(site))}."))
            elif anchor is not None and anchor not in target.anchors:
                problems.append(Problem(TEMPLATES_FILE, lines(where), where,
                                        f"(id '{template.id}') the page '{page}.md' "
                                        f"({language}) has no heading id '{anchor}'; use one "
                                        f"of: {', '.join(sorted(target.anchors))}."))
    if problems:
        raise KitError(problems)


# --------------------------------------------------------------------------------------------
# Markdown texts (when, requirements, note, basis)


class _PageLinks(Treeprocessor):
    """Turn a link to ``page.md#anchor`` into the page's address relative to the kit's page;
    an unknown page is noted in ``unknown``."""

    def __init__(self, md: markdown.Markdown, addresses: dict[str, str]) -> None:
        super().__init__(md)
        self.addresses = addresses
        self.unknown: list[str] = []

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if urlsplit(href).scheme or href.startswith("#"):
                continue
            page, anchor = split_address(href)
            if page in self.addresses:
                link.set("href", self.addresses[page] + (f"#{anchor}" if anchor else ""))
            else:
                self.unknown.append(href)


class _PageLinksExtension(Extension):
    def __init__(self, addresses: dict[str, str]) -> None:
        super().__init__()
        self.addresses = addresses

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        self.processor = _PageLinks(md, self.addresses)
        md.treeprocessors.register(self.processor, "kit-page-links", 5)


MarkdownRenderer = Callable[[str], tuple[str, list[str]]]


def markdown_renderer(extensions: list[Any], configs: dict[str, Any],
                      addresses: dict[str, str]) -> MarkdownRenderer:
    """Render a text's Markdown with the site's extensions; return the HTML and the links to
    pages that do not exist. ``addresses`` gives each page slug's address relative to the page
    the text is shown on."""
    links = _PageLinksExtension(addresses)
    converter = markdown.Markdown(extensions=[*extensions, links], extension_configs=configs)

    def render(text: str) -> tuple[str, list[str]]:
        converter.reset()
        links.processor.unknown = []
        return converter.convert(text), list(links.processor.unknown)

    return render


# --------------------------------------------------------------------------------------------
# What the partials show


@dataclass(frozen=True)
class LetterView:
    """A template or clause as its partial shows it in one page language."""

    id: str
    title: str
    letter_language: str  # the language of subject and body (or of the clause text)
    subject: list[Segment]
    body: list[Segment]
    parts: dict[str, str]  # rendered Markdown parts: when, requirements / note, basis
    law: tuple[str, str] | None  # (address relative to the page, label)


@dataclass(frozen=True)
class GroupView:
    """A group of templates, titled in the page's language."""

    id: str
    title: str
    templates: list[LetterView]


@dataclass(frozen=True)
class FormField:
    """An input of the form: a declared field with its label in the page's language."""

    id: str
    label: str
    input_type: str
    first: bool


def form_fields(kit: Kit, language: str) -> list[FormField]:
    """The form's inputs: every declared field but links, the first ones first."""
    fields = [FormField(placeholder.id, placeholder.label[language],
                        INPUT_TYPES[placeholder.kind], placeholder.id in FIRST_FIELDS)
              for placeholder in kit.placeholders if placeholder.kind in INPUT_TYPES]
    return sorted(fields, key=lambda field: not field.first)


def _fill_links(parts: list[Segment], client_address: str | None) -> list[Segment]:
    """``{client_page}`` becomes the client page's absolute address (a "link" segment)."""
    return [("link", client_address or "") if part == ("field", "client_page") else part
            for part in parts]


def _markdown(render: MarkdownRenderer, text: str, source: str, lines: Lines, path: str,
              problems: list[Problem]) -> str:
    rendered, unknown = render(text)
    problems += [Problem(source, lines(path), path, f"links to '{href}', which is not a page of "
                         "the guide; write a page's file name, like law.md#uk, or a full "
                         "https:// address.") for href in unknown]
    return rendered


def template_views(kit: Kit, language: str, render: MarkdownRenderer,
                   site: dict[str, SitePage], page_url: str,
                   client_addresses: Callable[[str, str], str]) -> list[GroupView]:
    """The templates page's groups in ``language``. ``site`` holds the built pages by slug,
    ``page_url`` is the templates page's address, ``client_addresses(address, language)`` the
    absolute address of a page (``why-prepay.md#x``) in a language."""
    problems: list[Problem] = []
    lines = kit.lines[TEMPLATES_FILE]
    views: dict[str, list[LetterView]] = {group.id: [] for group in kit.groups}
    for template in kit.templates:
        letter = template.letter_language or language
        parts = {"when": _markdown(render, template.when[language], TEMPLATES_FILE, lines,
                                   f"{template.path}.when.{language}", problems)}
        if template.requirements:
            parts["requirements"] = _markdown(render, template.requirements[language],
                                              TEMPLATES_FILE, lines,
                                              f"{template.path}.requirements.{language}",
                                              problems)
        law = None
        if template.law:
            page, anchor = split_address(template.law)
            target = site[page]
            address = get_relative_url(target.url, page_url) + (f"#{anchor}" if anchor else "")
            label = f"{target.anchors[anchor]} ({target.title})" if anchor else target.title
            law = (address, label)
        client = client_addresses(template.client_page, letter) if template.client_page else None
        views[template.group].append(LetterView(
            id=template.id, title=template.title[language], letter_language=letter,
            subject=_fill_links(segments(template.subject[letter]), client),
            body=_fill_links(segments(template.body[letter]), client), parts=parts, law=law))
    if problems:
        raise KitError(problems)
    return [GroupView(group.id, group.title[language], views[group.id]) for group in kit.groups]


def clause_views(kit: Kit, language: str, render: MarkdownRenderer) -> list[LetterView]:
    """The clauses page's clauses in ``language``."""
    problems: list[Problem] = []
    lines = kit.lines[CLAUSES_FILE]
    views = [LetterView(
        id=clause.id, title=clause.title[language], letter_language=language, subject=[],
        body=segments(clause.text[language]),
        parts={key: _markdown(render, getattr(clause, key)[language], CLAUSES_FILE, lines,
                              f"{clause.path}.{key}.{language}", problems)
               for key in ("note", "basis")}, law=None)
        for clause in kit.clauses]
    if problems:
        raise KitError(problems)
    return views


def render_kit(env: Environment, template: str, **context: Any) -> str:
    """Render one of the kit's partials; every data text is escaped by the partial."""
    with no_cycle_collection():
        return env.get_template(template).render(**context)


# --------------------------------------------------------------------------------------------
# The page after the swap: its table of contents and its element ids


class _Headings(HTMLParser):
    """Every heading with an id, in order: (level, id, words without the ¶ link)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str]] = []
        self._open: tuple[str, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and found.get("id"):
            self._open = (tag, str(found["id"]), [])
        elif self._open and tag == "a" and "headerlink" in (found.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == "a":
            self._skip -= 1
        elif self._open and tag == self._open[0]:
            level, identifier, words = int(tag[1]), self._open[1], self._open[2]
            self.headings.append((level, identifier, " ".join("".join(words).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._open[2].append(data)


def table_of_contents(page_html: str) -> list[dict[str, Any]]:
    """The page's headings as nested table-of-contents tokens (MkDocs' toc token format)."""
    parser = _Headings()
    parser.feed(page_html)
    parser.close()
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, identifier, words in parser.headings:
        token = {"level": level, "id": identifier, "name": html.escape(words), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def data_ids(kit: Kit, page: str) -> dict[str, tuple[str, str]]:
    """The ids the data gives a page, each with its file and field path."""
    if page == CLAUSES_PAGE:
        return {c.id: (CLAUSES_FILE, f"{c.path}.id") for c in kit.clauses}
    ids = {g.id: (TEMPLATES_FILE, f"groups[{i}].id") for i, g in enumerate(kit.groups)}
    return ids | {t.id: (TEMPLATES_FILE, f"{t.path}.id") for t in kit.templates}


def validate_element_ids(kit: Kit, page: str, source: str, page_ids: list[str]) -> None:
    """Every element id of the complete page once; raise KitError naming the data field
    whose id repeats one of the page's own (its headings or the site's template)."""
    made = data_ids(kit, page)
    problems = []
    for identifier, count in Counter(page_ids).items():
        if count == 1:
            continue
        if identifier in made:
            file, path = made[identifier]
            problems.append(Problem(file, kit.lines[file](path), path,
                                    f"the id '{identifier}' is on the built page {source} "
                                    f"{count} times (a heading or the site's template has it "
                                    "too); choose another id."))
        else:
            problems.append(Problem(source, None, "", f"the element id '{identifier}' appears "
                                                      f"{count} times on the built page; give "
                                                      "each heading or element its own id."))
    if problems:
        raise KitError(problems)


# --------------------------------------------------------------------------------------------
# The MkDocs layer


_loaded: dict[tuple[Any, ...], Kit] = {}
_rendered_into: dict[str, tuple[Kit, str]] = {}  # source file -> (kit, page slug)


def _load_once(root: Path, languages: tuple[str, ...]) -> Kit:
    """Load the data once per build (the i18n plugin asks again for every language, and
    ``mkdocs serve`` after every edit); an edited file is read anew."""
    stamps = []
    for name in (PLACEHOLDERS_FILE, TEMPLATES_FILE, CLAUSES_FILE):
        try:
            stat = (root / name).stat()
        except OSError:
            return load_kit(root, list(languages))  # reports the missing file
        stamps.append((stat.st_mtime_ns, stat.st_size))
    key = (root, tuple(stamps), languages)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_kit(root, list(languages))
    return _loaded[key]


@event_priority(10)  # before the checklist, whose outcomes link to the kit's headings
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once every page of this language is rendered: validate, render and swap in the kit on
    the templates and clauses pages."""
    language = current_language(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    pages_by_slug = {page_slug(page.file.src_uri, language): page for page in pages}
    kit_pages = {slug: pages_by_slug[slug] for slug in MARKERS if slug in pages_by_slug}
    _rendered_into.clear()
    if not kit_pages:
        return env
    site_languages = read_site_languages(config)
    strings = config.extra["strings"]["kit"]
    root = Path(config.config_file_path).parent
    try:
        kit = _load_once(root, tuple(lang.locale for lang in site_languages))
        site = {slug: site_page(page.url, page.title or "", page.content or "")
                for slug, page in pages_by_slug.items()}
        validate_kit_links(kit, site, language)
        folder = next(lang.prefix for lang in site_languages if lang.locale == language)
        paths = {slug: page.url.removeprefix(folder) for slug, page in pages_by_slug.items()}
        folders = {lang.locale: lang.prefix for lang in site_languages}
        base = config.site_url or "/"

        def client_address(address: str, letter: str) -> str:
            page, anchor = split_address(address)
            return urljoin(base, folders[letter] + paths[page]) + (f"#{anchor}" if anchor else "")

        for slug, page in kit_pages.items():
            render = markdown_renderer(
                config.markdown_extensions, config.mdx_configs,
                {other: get_relative_url(target.url, page.url)
                 for other, target in pages_by_slug.items()})
            context: dict[str, Any] = {
                "language": language, "strings": strings,
                "copy_script": get_relative_url(COPY_SCRIPT, page.url),
                "letter_strings": {lang.locale: lang.strings["kit"] for lang in site_languages},
                "labels": {p.id: p.label[language] for p in kit.placeholders}}
            if slug == TEMPLATES_PAGE:
                context |= {
                    "groups": template_views(kit, language, render, site, page.url,
                                             client_address),
                    "fields": form_fields(kit, language),
                    "dates": {lang.locale: {"date": lang.strings["date"],
                                            "months": lang.strings["months"]}
                              for lang in site_languages},
                    "form_script": get_relative_url(FORM_SCRIPT, page.url)}
            else:
                context["clauses"] = clause_views(kit, language, render)
            page.content = swap_markers_or_stop(
                page.content or "",
                {marker: render_kit(env, partial, **context)
                 for marker, partial in MARKERS[slug].items()},
                page.file.src_uri)
            page.toc = get_toc(table_of_contents(page.content or ""))
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(
                element_ids_in(page.content or ""))
            _rendered_into[page.file.src_uri] = (kit, slug)
    except KitError as error:
        raise PluginError(str(error)) from None
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """On a kit page, now complete with the site's template: stop the build if an element id
    is there twice, naming the data id that made it."""
    if page.file.src_uri not in _rendered_into:
        return output
    kit, slug = _rendered_into[page.file.src_uri]
    try:
        validate_element_ids(kit, slug, page.file.src_uri, element_ids_in(output))
    except KitError as error:
        raise PluginError(str(error)) from None
    return output
