"""Build the decision checklist page from ``data/checklist.yml``.

The data holds a decision tree (questions whose answers lead to another question or to a
recommended payment scheme) and three checklists. This hook loads it with line numbers through
the bounded loader of ``hooks/data_files.py``, checks it completely (structure, texts in every
configured language, ids, the tree, links into the built site) and renders it through
``overrides/partials/checklist.html`` in place of the marker ``<!-- checklist -->`` on each
language's ``checklist.md``. Once such a page is complete, no element id may be on it twice: a
data id that would repeat one of the page's own ids is named.

With JavaScript (``assets/javascripts/checklist.js``, loaded by the partial on this page
only) the page becomes a guided tool: one question at a time, the address following each step.
Each outcome carries a proposal kit: its sentence for a proposal in every configured language,
with the address of a page for the client in that language (:func:`proposal_kits`).

The core is plain functions — :func:`load_checklist`, :func:`validate_links`,
:func:`resolve_links`, :func:`proposal_kits`, :func:`render_checklist` and
:func:`validate_element_ids` — that know nothing of MkDocs; the ``on_*`` functions at the end
are the thin layer MkDocs calls. Any problem stops the build with a :class:`ChecklistError`
that lists every problem with file, line, field path and a fix.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from data_files import DataFileError, Lines, Problem, read_data_file
from data_schema import (DataReader, Link, LocalizedText, SitePage, element_ids_in,
                         no_cycle_collection, site_page)
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from page_markers import swap_markers_or_stop
from site_languages import current_language, page_slug, read_site_languages

DATA_FILE = "data/checklist.yml"
PAGE_NAME = "checklist"
MARKER = "<!-- checklist -->"
TEMPLATE = "partials/checklist.html"
SCRIPT = "assets/javascripts/checklist.js"
STYLESHEET = "assets/stylesheets/checklist.css"
SCHEMES_PAGE = "staged-payments"
# The page a proposal sends the client to: the outcome's first link to a page written for
# clients (front matter `audience`), else to one written for both sides, else its first link.
CLIENT_AUDIENCES = ("clients", "both")
SCHEME_MARKERS = {"<!-- schemes-table -->": "partials/schemes-table.html",
                  "<!-- scheme-rules -->": "partials/scheme-rules.html"}

# --------------------------------------------------------------------------------------------
# The data, as typed classes


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
    template: Link | None = None  # its paragraph for a proposal on the templates page
    clause: Link | None = None  # its payment-schedule clause on the clauses page


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


class ChecklistError(DataFileError):
    """The checklist data cannot be used; ``problems`` says every reason."""

    subject = "The checklist data"


# --------------------------------------------------------------------------------------------
# Loading


def _read_question(reader: DataReader, value: Any, path: str) -> Question | None:
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


def _read_payment(reader: DataReader, value: Any, path: str) -> Payment | None:
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


def _read_outcome(reader: DataReader, value: Any, path: str) -> Outcome | None:
    mapping = reader.mapping(value, path, {"id", "title", "payments", "fits", "receives",
                                           "summary", "why", "links"},
                             {"template", "clause"})
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
                   links=[link for link in links if link], path=path,
                   **{key: reader.link(mapping[key], f"{path}.{key}")
                      for key in ("template", "clause") if mapping.get(key) is not None})


def _read_checklist(reader: DataReader, value: Any, path: str) -> Checklist | None:
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


def _id_fields(data: ChecklistData) -> list[tuple[str, str, str]]:
    """Every id of the data as (kind, id, field path); the kinds are the classes' names in
    lower case (question, answer, outcome, checklist, item)."""
    fields: list[tuple[str, str, str]] = []
    for q_index, question in enumerate(data.questions):
        fields.append(("question", question.id, f"questions[{q_index}].id"))
        fields += [("answer", answer.id, f"questions[{q_index}].answers[{a_index}].id")
                   for a_index, answer in enumerate(question.answers)]
    fields += [("outcome", outcome.id, f"outcomes[{index}].id")
               for index, outcome in enumerate(data.outcomes)]
    for c_index, checklist in enumerate(data.checklists):
        fields.append(("checklist", checklist.id, f"checklists[{c_index}].id"))
        fields += [("item", item.id, f"checklists[{c_index}].items[{i_index}].id")
                   for i_index, item in enumerate(checklist.items)]
    return fields


def _check_ids(reader: DataReader, data: ChecklistData) -> None:
    """Every id is unique across the file: they all become element ids on one page."""
    seen: dict[str, str] = {}
    for _, identifier, path in _id_fields(data):
        if identifier in seen:
            reader.problem(path, f"the id '{identifier}' is already used at {seen[identifier]}; "
                                 "ids must be unique in the file.")
        else:
            seen[identifier] = path


def _check_tree(reader: DataReader, data: ChecklistData) -> None:
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
    # Depth first without recursion (a chain of thousands of questions must not overflow):
    # each open question with the answers still to follow; a question met again while open
    # closes a cycle.
    reached: set[str] = {data.start}
    open_questions: dict[str, int] = {data.start: 0}  # question id -> its place on the trail
    trail: list[tuple[str, Iterator[Answer]]] = [(data.start, iter(questions[data.start].answers))]
    reported_cycles: set[str] = set()
    while trail:
        question_id, answers = trail[-1]
        answer = next(answers, None)
        if answer is None:
            trail.pop()
            del open_questions[question_id]
        elif answer.next not in questions:
            reached.add(answer.next)
        elif answer.next in open_questions:
            if answer.next not in reported_cycles:
                reported_cycles.add(answer.next)
                cycle = " → ".join([q for q, _ in trail[open_questions[answer.next]:]]
                                   + [answer.next])
                index = next(i for i, q in enumerate(data.questions) if q.id == answer.next)
                reader.problem(f"questions[{index}]", f"the answers lead round in a cycle "
                                                      f"({cycle}); every path must end at an "
                                                      "outcome.")
        elif answer.next not in reached:
            reached.add(answer.next)
            open_questions[answer.next] = len(trail)
            trail.append((answer.next, iter(questions[answer.next].answers)))
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
    with no_cycle_collection():
        return _load_checklist(path, languages, source)


def _load_checklist(path: Path, languages: list[str], source: str | None) -> ChecklistData:
    source = source or str(path)
    try:
        raw, lines = read_data_file(path, source)
    except DataFileError as error:
        raise ChecklistError(error.problems) from None
    reader = DataReader(source, lines, languages)
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


def outcome_links(outcome: Outcome) -> list[Link]:
    """An outcome's links to read more: its guidance, then its proposal template and clause."""
    return outcome.links + [link for link in (outcome.template, outcome.clause) if link]


def all_links(data: ChecklistData) -> list[Link]:
    """Every link in the data, outcomes' first (with their template and clause)."""
    links = [link for outcome in data.outcomes for link in outcome_links(outcome)]
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


@dataclass(frozen=True)
class ClientPage:
    """The page a proposal points the client to, in one language: the language's code and own
    name, and the page's absolute address."""

    language: str
    name: str
    address: str


@dataclass(frozen=True)
class ProposalKit:
    """What an outcome offers for a proposal: the client page in every configured language, and
    the absolute address of the recommendation itself on the checklist page."""

    client_pages: list[ClientPage]
    recommendation: str


def client_link(outcome: Outcome, audiences: dict[str, str]) -> Link:
    """The outcome's link to show a client: its first to a page whose audience (by page slug)
    comes first in :data:`CLIENT_AUDIENCES`, else its first link."""
    for audience in CLIENT_AUDIENCES:
        for link in outcome.links:
            if audiences.get(link.page) == audience:
                return link
    return outcome.links[0]


def proposal_kits(data: ChecklistData, language: str, audiences: dict[str, str],
                  paths: dict[str, str], languages: list[tuple[str, str, str]],
                  site_url: str) -> dict[str, ProposalKit]:
    """Each outcome's proposal kit on the checklist page in ``language``, by outcome id.
    ``audiences`` and ``paths`` are by page slug: its front matter ``audience`` and its address
    without the language folder (``why-prepay/``, the same in every language); ``languages``
    holds each language as (code, own name, folder such as ``ru/``), in configured order."""
    root = site_url if site_url.endswith("/") else f"{site_url}/"
    folders = {code: folder for code, _, folder in languages}
    kits = {}
    for outcome in data.outcomes:
        link = client_link(outcome, audiences)
        fragment = f"#{link.anchor}" if link.anchor else ""
        kits[outcome.id] = ProposalKit(
            client_pages=[ClientPage(code, name,
                                     urljoin(root, folder + paths[link.page]) + fragment)
                          for code, name, folder in languages],
            recommendation=urljoin(root, folders[language] + paths[PAGE_NAME])
            + f"#{outcome.id}")
    return kits


def render_checklist(env: Environment, data: ChecklistData, language: str,
                     links: dict[Link, LinkView], strings: dict[str, str],
                     kits: dict[str, ProposalKit] | None = None, script_url: str = "",
                     stylesheet_url: str = "") -> str:
    """Render the checklist in ``language`` with the Jinja partial; all data text is escaped.
    ``kits`` are the outcomes' proposal kits, ``script_url`` and ``stylesheet_url`` the
    addresses of the page's script and styles relative to the page (none of them is needed to
    see which element ids the partial makes)."""
    with no_cycle_collection():
        return env.get_template(TEMPLATE).render(checklist=data, language=language, links=links,
                                                 strings=strings, kits=kits or {},
                                                 script_url=script_url,
                                                 stylesheet_url=stylesheet_url)


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
    with no_cycle_collection():
        return {marker: env.get_template(template).render(context)
                for marker, template in SCHEME_MARKERS.items()}


def table_of_contents(data: ChecklistData, language: str,
                      strings: dict[str, str]) -> list[dict[str, Any]]:
    """Table-of-contents entries for the rendered sections (MkDocs' toc token format)."""
    def entry(identifier: str, name: str) -> dict[str, Any]:
        # MkDocs puts a name into the sidebar as HTML, the way Markdown hands it over.
        return {"level": 2, "id": identifier, "name": html.escape(name), "children": []}

    return [entry("decision", strings["decision_heading"]),
            entry("outcomes", strings["outcomes_heading"])] + [
        entry(checklist.id, checklist.title[language]) for checklist in data.checklists]


# --------------------------------------------------------------------------------------------
# Element ids: the data's must not collide with the page's own


PROBE_MARKS = {kind: f"{kind}-probe" for kind in ("question", "answer", "outcome", "checklist",
                                                  "item")}


def probe_data(language: str) -> ChecklistData:
    """One question, answer, outcome, checklist and item whose ids are :data:`PROBE_MARKS`:
    rendered, it shows which element ids a template makes of each kind of data id."""
    text = {language: "probe"}
    answer = Answer(id=PROBE_MARKS["answer"], label=text, next=PROBE_MARKS["outcome"], path="")
    item = Item(id=PROBE_MARKS["item"], text=text, why=text, link=None)
    return ChecklistData(
        source="", start=PROBE_MARKS["question"],
        questions=[Question(id=PROBE_MARKS["question"], text=text, hint=text, answers=[answer])],
        outcomes=[Outcome(id=PROBE_MARKS["outcome"], title=text, payments=[], fits=text,
                          receives=text, summary=text, why=text, links=[], path="")],
        checklists=[Checklist(id=PROBE_MARKS["checklist"], title=text, items=[item])],
        lines=Lines({}))


def id_patterns(probe_html: str) -> dict[str, tuple[str, ...]]:
    """For each kind of data id, the element ids a template made of it in ``probe_html`` (the
    rendered :func:`probe_data`), as patterns such as ``{}`` and ``{}-why``. Read from the
    template, not hard-coded, so a changed template stays checked."""
    patterns: dict[str, list[str]] = {kind: [] for kind in PROBE_MARKS}
    for identifier in element_ids_in(probe_html):
        for kind, mark in PROBE_MARKS.items():
            if mark in identifier:
                patterns[kind].append(identifier.replace(mark, "{}"))
    return {kind: tuple(found) for kind, found in patterns.items()}


def element_ids(data: ChecklistData, patterns: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Every element id the data gives a page, with the id fields that give it."""
    made: dict[str, list[str]] = {}
    for kind, identifier, path in _id_fields(data):
        for pattern in patterns[kind]:
            made.setdefault(pattern.replace("{}", identifier), []).append(path)
    return made


def validate_element_ids(data: ChecklistData, made: dict[str, list[str]],
                         page_ids: list[str], page: str) -> None:
    """Check that every element id on a built page the data was rendered into (``page_ids``,
    from the HTML of ``page``) is there once: a data id must not make an id that another data id makes or
    that the page has already (its headings, the checklist's template, the site's template).
    Raise ChecklistError naming the data field, or the page when no data id is to blame."""
    problems = []
    for identifier, count in Counter(page_ids).items():
        paths = made.get(identifier, [])
        if count == 1:
            continue
        if not paths:
            problems.append(Problem(page, None, "", f"the element id '{identifier}' appears "
                                                    f"{count} times on the built page; give "
                                                    "each heading or element its own id."))
            continue
        for path in paths[1:]:
            problems.append(Problem(data.source, data.lines(path), path,
                                    f"makes the element id '{identifier}', which {paths[0]} "
                                    "makes too; choose another id."))
        if count > len(paths):
            problems.append(Problem(data.source, data.lines(paths[0]), paths[0],
                                    f"makes the element id '{identifier}', which the page "
                                    f"already has (its headings or its templates, {page}); "
                                    "choose another id."))
    if problems:
        raise ChecklistError(problems)


# --------------------------------------------------------------------------------------------
# The MkDocs layer


_loaded: dict[tuple[Path, int, int, tuple[str, ...]], ChecklistData] = {}
# The pages the data was rendered into in this language, by source file: the data and the
# element ids it gave the page, checked once the page is written out in full.
_rendered_into: dict[str, tuple[ChecklistData, dict[str, list[str]]]] = {}


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
    site_languages = read_site_languages(config)
    try:
        data = _load_once(Path(config.config_file_path).parent / DATA_FILE,
                          tuple(lang.locale for lang in site_languages))
        site = {slug: site_page(page.url, page.title or "", page.content or "")
                for slug, page in pages_by_slug.items()}
        validate_links(data, site, language)
        validate_payments_stated(data, language, strings["percent"])
    except ChecklistError as error:
        raise PluginError(str(error)) from None
    probe = probe_data(language)
    _rendered_into.clear()
    schemes_page = pages_by_slug.get(SCHEMES_PAGE)
    if schemes_page is not None:
        schemes_url = get_relative_url(page.url, schemes_page.url)
        schemes_page.content = swap_markers_or_stop(
            schemes_page.content or "", render_schemes(env, data, language, schemes_url, strings),
            schemes_page.file.src_uri)
        patterns = id_patterns("".join(render_schemes(env, probe, language, "", strings).values()))
        _rendered_into[schemes_page.file.src_uri] = (data, element_ids(data, patterns))
    folder = next(lang.prefix for lang in site_languages if lang.locale == language)
    kits = proposal_kits(
        data, language,
        {slug: str(other.meta.get("audience", "")) for slug, other in pages_by_slug.items()},
        {slug: other.url.removeprefix(folder) for slug, other in pages_by_slug.items()},
        [(lang.locale, lang.name, lang.prefix) for lang in site_languages], config.site_url)
    checklist_html = render_checklist(env, data, language, resolve_links(data, site, page.url),
                                      strings, kits, get_relative_url(SCRIPT, page.url),
                                      get_relative_url(STYLESHEET, page.url))
    page.content = swap_markers_or_stop(page.content or "", {MARKER: checklist_html},
                                        page.file.src_uri)
    patterns = id_patterns(render_checklist(env, probe, language, {}, strings))
    _rendered_into[page.file.src_uri] = (data, element_ids(data, patterns))
    page.toc = get_toc(table_of_contents(data, language, strings))
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(
        site_page(page.url, page.title or "", checklist_html).anchors)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """On a page the data was rendered into, now complete with the site's template: stop the
    build if an element id is there twice, naming the data id that made it."""
    if page.file.src_uri not in _rendered_into:
        return output
    data, made = _rendered_into[page.file.src_uri]
    try:
        validate_element_ids(data, made, element_ids_in(output), page.file.src_uri)
    except ChecklistError as error:
        raise PluginError(str(error)) from None
    return output
