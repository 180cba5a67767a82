"""Link the first use of each glossary term on every page to its entry on the glossary page.

``data/glossary.yml`` lists, for each entry of the glossary page (an H2 id of
``docs/<lang>/glossary.md``), the exact phrases that count as a use of the term in each
language — inflected Russian and Polish forms written out, no patterns. Once every page of a
language is rendered, this hook checks the data against the glossary page of that language (the
same ids both ways, a phrase in every language, no phrase under two ids) and every link written
to ``glossary.md#…`` (MkDocs's own anchor check misses the languages the i18n plugin builds
after the first). Then, on each finished page but the glossary itself, the first use of each
term in the article becomes a link to its entry, the link text unchanged.

Never linked: headings, links, code, form controls and their labels, ``<summary>``, table
header cells, admonition titles, the page intro and legal note, placeholders of the message kit
(``kit-field``), anything carrying ``data-*`` attributes (the scripted tools, such as the
checklist, read their own text) and words marked as another language.

The core is plain functions — :func:`load_glossary`, :func:`validate_entries`,
:func:`validate_glossary_links`, :func:`link_terms` — on a tokenizer built on
:class:`html.parser.HTMLParser` that gives back every byte of the page it did not change.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from data_files import DataFileError, Lines, Problem, read_data_file
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_languages import current_language, page_slug, read_site_languages

DATA_FILE = "data/glossary.yml"
PAGE_NAME = "glossary"
LINK_CLASS = "glossary-term"
# H2 sections of the glossary page that are not terms.
NOT_TERMS = frozenset({"short-answer"})
# The part of a finished page that holds the page's own text (Material's article).
ARTICLE_CLASS = "md-content__inner"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SKIPPED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp", "script",
    "style", "template", "noscript", "svg", "math", "button", "label", "summary", "select",
    "option", "textarea", "input", "th", "title",
})
SKIPPED_CLASSES = frozenset({"admonition-title", "kit-field", "headerlink"})
SKIPPED_CLASS_PREFIX = "page-intro"  # page-intro__audience, page-intro__legal
# Material marks its own page components with data-md-* (the article sits in one of them); any
# other data-* attribute belongs to a scripted tool of the site, whose text is left alone.
MATERIAL_DATA = "data-md-"
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "param", "source", "track", "wbr"})
ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")

Phrases = dict[str, tuple[str, ...]]  # glossary id → the phrases of one language


# --------------------------------------------------------------------------------------------
# The data


@dataclass(frozen=True)
class Glossary:
    """The validated data file: for each language, each glossary id with its phrases."""

    source: str
    ids: tuple[str, ...]
    phrases: dict[str, Phrases]
    lines: Lines


class GlossaryError(DataFileError):
    """The glossary data or a link to the glossary cannot be used; ``problems`` says why."""

    subject = "The glossary"


def normalise(phrase: str) -> str:
    """A phrase as compared: lower case, "ё" as "е", runs of white space as one space."""
    return " ".join(phrase.split()).lower().replace("ё", "е")


def _read_phrases(value: Any, path: str, problem: Callable[[str, str], None]
                  ) -> tuple[str, ...]:
    """The phrases of one id in one language; report anything that is not a list of texts."""
    if not isinstance(value, list) or not value:
        problem(path, "must be a non-empty list of phrases, like [advance, advances].")
        return ()
    phrases = []
    for index, phrase in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(phrase, str) or not phrase.strip():
            problem(where, "must be a non-empty phrase.")
        elif re.search(r"[<>&]", phrase):
            problem(where, f"{phrase!r} contains '<', '>' or '&'; write the words only.")
        elif normalise(phrase) in map(normalise, phrases):
            problem(where, f"{phrase!r} is listed twice for this term; keep one.")
        else:
            phrases.append(phrase)
    return tuple(phrases)


def load_glossary(path: Path, languages: list[str], source: str = DATA_FILE) -> Glossary:
    """Read and check the glossary data for ``languages``; raise GlossaryError listing every
    problem with file, line, field and a fix."""
    data, lines = read_data_file(path, source)
    problems: list[Problem] = []

    def problem(field_path: str, message: str) -> None:
        problems.append(Problem(source, lines(field_path), field_path, message))

    if not isinstance(data, dict) or not data:
        problem("", "the file must map each glossary id to its phrases by language, like "
                    "'advance: {en: [advance], ru: [аванс], pl: [zaliczka]}'.")
        raise GlossaryError(problems)
    phrases: dict[str, Phrases] = {language: {} for language in languages}
    lacking: dict[str, list[str]] = {language: [] for language in languages}
    for identifier, entry in data.items():
        if not ID_PATTERN.match(identifier):
            problem(identifier, f"{identifier!r} is not a valid id; use the heading id of the "
                                "entry on the glossary page, like 'letter-before-claim'.")
        if not isinstance(entry, dict):
            problem(identifier, "must map each language to a list of phrases, like "
                                f"{{{', '.join(f'{lang}: […]' for lang in languages)}}}.")
            continue
        for language in sorted(entry.keys() - set(languages)):
            problem(f"{identifier}.{language}", f"'{language}' is not a configured language "
                                                f"({', '.join(languages)}).")
        for language in languages:
            if language not in entry:
                lacking[language].append(identifier)
                continue
            found = _read_phrases(entry[language], f"{identifier}.{language}", problem)
            if found:
                phrases[language][identifier] = found
    for language, identifiers in lacking.items():
        if len(identifiers) == len(data):
            problem("", f"language '{language}' has no phrases; add a '{language}: [...]' list "
                        f"of its word forms to each of the {len(data)} entries.")
        for identifier in [] if len(identifiers) == len(data) else identifiers:
            problem(identifier, f"the '{language}' phrases are missing; add a '{language}: "
                                "[...]' list of the word forms that count as a use of the term.")
    for language in languages:
        owners: dict[str, str] = {}
        for identifier, found in phrases[language].items():
            for index, phrase in enumerate(found):
                key = normalise(phrase)
                if key in owners:
                    where = f"{identifier}.{language}[{index}]"
                    problem(where, f"the phrase {phrase!r} is listed under '{owners[key]}' too; "
                                   "a phrase may name one term only — keep it under one id.")
                else:
                    owners[key] = identifier
    if problems:
        raise GlossaryError(problems)
    return Glossary(source=source, ids=tuple(data), phrases=phrases, lines=lines)


def validate_entries(glossary: Glossary, language: str, page_source: str,
                     heading_ids: list[str]) -> list[Problem]:
    """Compare the data's ids with the H2 ids of the glossary page in ``language``: each must be
    in the other (sections such as ``short-answer`` excepted)."""
    on_page = [identifier for identifier in heading_ids if identifier not in NOT_TERMS]
    problems = [Problem(glossary.source, glossary.lines(identifier), identifier,
                        f"{page_source} has no entry '## … {{#{identifier}}}' (language "
                        f"'{language}'); add the entry there or remove the id here.")
                for identifier in glossary.ids if identifier not in on_page]
    problems += [Problem(page_source, None, "",
                         f"the entry '{identifier}' is not in {glossary.source}; add "
                         f"'{identifier}:' there with its phrases in every language, or remove "
                         "the heading.")
                 for identifier in on_page if identifier not in glossary.ids]
    return problems


# --------------------------------------------------------------------------------------------
# Reading HTML


@dataclass(frozen=True)
class Token:
    """One piece of an HTML text: a start, end or self-closing tag, text, or anything else
    (comments, declarations). ``raw`` is the piece exactly as written; ``text`` is the text with
    character references resolved."""

    kind: str
    raw: str
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""


class _Tokenizer(HTMLParser):
    """Records where each event of the parser starts, to cut the source into tokens."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[int, int, str, str, tuple[tuple[str, str | None], ...], str]] = []

    def _add(self, kind: str, tag: str = "", attrs: Any = (), text: str = "") -> None:
        line, column = self.getpos()
        self.events.append((line, column, kind, tag, tuple(attrs), text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("text", text=data)

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def tokenize(html_text: str) -> list[Token]:
    """Cut an HTML text into tokens whose ``raw`` parts, joined, give the text back exactly."""
    parser = _Tokenizer()
    parser.feed(html_text)
    parser.close()
    line_starts = [0] + [match.end() for match in re.finditer("\n", html_text)]
    offsets = [line_starts[line - 1] + column for line, column, *_ in parser.events]
    tokens: list[Token] = []
    if offsets and offsets[0] > 0:
        tokens.append(Token("other", html_text[:offsets[0]]))
    for index, (_, _, kind, tag, attrs, text) in enumerate(parser.events):
        end = offsets[index + 1] if index + 1 < len(offsets) else len(html_text)
        raw = html_text[offsets[index]:end]
        if kind == "text" and tokens and tokens[-1].kind == "text":
            previous = tokens.pop()
            raw, text = previous.raw + raw, previous.text + text
        tokens.append(Token(kind, raw, tag, attrs, text))
    if not tokens and html_text:
        tokens.append(Token("other", html_text))
    return tokens


def element_ids(html_text: str, tag: str | None = None) -> list[str]:
    """The ids of the elements of an HTML text (only ``tag`` elements, if given), in order."""
    return [value for token in tokenize(html_text)
            if token.kind in {"start", "startend"} and tag in {None, token.tag}
            for name, value in token.attrs if name == "id" and value]


def link_targets(html_text: str) -> list[str]:
    """The ``href`` of every link in an HTML text, in order."""
    return [value for token in tokenize(html_text) if token.kind in {"start", "startend"}
            and token.tag == "a" for name, value in token.attrs if name == "href" and value]


def validate_glossary_links(pages: list[tuple[str, str, str]], glossary_url: str,
                            entry_ids: set[str], glossary_source: str) -> list[Problem]:
    """Check every link to the glossary page on ``pages`` — each (source name, page address
    relative to the site root, rendered HTML) — points at an entry the page has."""
    base = "https://site.invalid/"
    glossary = urlsplit(urljoin(base, glossary_url))
    problems = []
    for source, url, content in pages:
        for href in link_targets(content):
            target = urlsplit(urljoin(urljoin(base, url), href))
            if (target.netloc, target.path) != (glossary.netloc, glossary.path):
                continue
            if target.fragment and target.fragment not in entry_ids:
                problems.append(Problem(source, None, "", f"the link '{href}' points at "
                                        f"'#{target.fragment}', which {glossary_source} does "
                                        f"not have; use one of its heading ids (see "
                                        f"{DATA_FILE})."))
    return problems


# --------------------------------------------------------------------------------------------
# Linking


class TermMatcher:
    """Finds the phrases of one language in text: whole words, case-insensitive, "ё" and "е"
    alike, the longest phrase first where several start at the same place; white space inside
    a phrase matches any run of white space (a line break in the HTML)."""

    def __init__(self, phrases: Phrases) -> None:
        self.terms = {normalise(phrase): identifier for identifier, found in phrases.items()
                      for phrase in found}
        alternatives = sorted(self.terms, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(word).replace("е", "[её]")
                                     for word in phrase.split()) for phrase in alternatives)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if body else None

    def term(self, found: str) -> str:
        """The glossary id of a matched phrase."""
        return self.terms[normalise(found)]


def _plain_text(raw: str) -> tuple[str, dict[int, int]]:
    """Raw HTML text with character references resolved, and for each place in it where a
    character or reference starts (and the end), the matching place in the raw text."""
    plain: list[str] = []
    places: dict[int, int] = {}
    length, position = 0, 0
    for match in ENTITY.finditer(raw):
        for offset, character in enumerate(raw[position:match.start()]):
            places[length] = position + offset
            plain.append(character)
            length += 1
        places[length] = match.start()
        resolved = html.unescape(match.group())
        plain.append(resolved)
        length += len(resolved)
        position = match.end()
    for offset, character in enumerate(raw[position:]):
        places[length] = position + offset
        plain.append(character)
        length += 1
    places[length] = len(raw)
    return "".join(plain), places


def _link_text(raw: str, matcher: TermMatcher, linked: set[str], url: str) -> str:
    """Link the first use of each term not yet in ``linked`` in one raw text."""
    plain, places = _plain_text(raw)
    pieces, copied, position = [], 0, 0
    while len(linked) < len(matcher.terms) and (match := matcher.pattern.search(plain, position)):
        identifier = matcher.term(match.group())
        if identifier in linked or match.start() not in places or match.end() not in places:
            position = match.end()  # a used term's phrase is not searched again for others
            continue
        linked.add(identifier)
        start, end = places[match.start()], places[match.end()]
        pieces += [raw[copied:start], f'<a class="{LINK_CLASS}" href="{html.escape(url)}#',
                   f'{identifier}">', raw[start:end], "</a>"]
        copied, position = end, match.end()
    return "".join(pieces) + raw[copied:]


def _skips(tag: str, attrs: tuple[tuple[str, str | None], ...], language: str) -> bool:
    """Whether an element's text must never be linked."""
    if tag in SKIPPED_TAGS:
        return True
    for name, value in attrs:
        if name.startswith("data-") and not name.startswith(MATERIAL_DATA):
            return True
        if name == "lang" and (value or "").split("-")[0].lower() != language:
            return True
        if name == "class" and value:
            classes = value.split()
            if SKIPPED_CLASSES.intersection(classes) or any(
                    token.startswith(SKIPPED_CLASS_PREFIX) for token in classes):
                return True
    return False


def link_terms(html_text: str, matcher: TermMatcher, glossary_url: str, language: str,
               scope_class: str | None = None) -> str:
    """Link the first use of each term in ``html_text`` (a page in ``language``) to
    ``glossary_url#id``, outside the contexts that are never linked; with ``scope_class``, only
    inside the element of that class (the article of a finished page)."""
    if matcher.pattern is None:
        return html_text
    # Each open element: its tag, whether its text is skipped, whether it is in scope.
    open_elements: list[tuple[str, bool, bool]] = [("", False, scope_class is None)]
    linked: set[str] = set()
    output = []
    for token in tokenize(html_text):
        _, skipping, in_scope = open_elements[-1]
        if token.kind == "start" and token.tag not in VOID_TAGS:
            classes = dict(token.attrs).get("class") or ""
            open_elements.append((token.tag, skipping or _skips(token.tag, token.attrs, language),
                                  in_scope or scope_class in classes.split()))
        elif token.kind == "end":
            for depth in range(len(open_elements) - 1, 0, -1):
                if open_elements[depth][0] == token.tag:
                    del open_elements[depth:]
                    break
        elif (token.kind == "text" and in_scope and not skipping
              and html.unescape(token.raw) == token.text):
            output.append(_link_text(token.raw, matcher, linked, glossary_url))
            continue
        output.append(token.raw)
    return "".join(output)


# --------------------------------------------------------------------------------------------
# The MkDocs layer


@dataclass(frozen=True)
class _Linking:
    """What the pages of the language being built need: its matcher and the glossary page."""

    language: str
    matcher: TermMatcher
    glossary_url: str
    glossary_src_uri: str


_loaded: dict[tuple[Path, int, int, tuple[str, ...]], Glossary] = {}
_linking: list[_Linking] = []


def _load_once(path: Path, languages: tuple[str, ...]) -> Glossary:
    """Load the data once per build (the i18n plugin asks again for every language)."""
    try:
        stat = path.stat()
    except OSError:
        return load_glossary(path, list(languages))  # reports the missing file
    key = (path, stat.st_mtime_ns, stat.st_size, languages)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_glossary(path, list(languages))
    return _loaded[key]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once every page of this language is rendered: check the data against the glossary page
    and every link to it, and prepare the linking of terms."""
    _linking.clear()
    language = current_language(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    glossary_page = next((page for page in pages
                          if page_slug(page.file.src_uri, language) == PAGE_NAME), None)
    if glossary_page is None:
        return env
    content = glossary_page.content or ""
    entry_ids = element_ids(content, "h2")
    if not set(entry_ids) - NOT_TERMS:
        return env  # a glossary page still without entries (a stub) has nothing to link to
    page_source = f"docs/{glossary_page.file.src_uri}"
    try:
        glossary = _load_once(Path(config.config_file_path).parent / DATA_FILE,
                              tuple(lang.locale for lang in read_site_languages(config)))
    except DataFileError as error:
        raise PluginError(GlossaryError.describe(error.problems)) from None
    problems = validate_entries(glossary, language, page_source, entry_ids)
    problems += validate_glossary_links(
        [(f"docs/{page.file.src_uri}", page.url, page.content or "") for page in pages],
        glossary_page.url, set(element_ids(content)), page_source)
    if problems:
        raise PluginError(GlossaryError.describe(problems))
    _linking.append(_Linking(language, TermMatcher(glossary.phrases[language]),
                             glossary_page.url, glossary_page.file.src_uri))
    return env


@event_priority(-50)  # after any hook that still adds to the page, so its text is skipped too
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link the first use of each glossary term in the article of a finished page."""
    if not _linking or page.file.src_uri == _linking[0].glossary_src_uri:
        return output
    linking = _linking[0]
    url = get_relative_url(linking.glossary_url, page.url)
    return link_terms(output, linking.matcher, url, linking.language, ARTICLE_CLASS)
