"""Stop the build when a page source is broken or the languages drift apart.

Every page of the default language must exist in every other language with the same heading
ids (FastAPI-style explicit ids such as ``## Staged payments {#schemes}``), every heading must
carry an explicit id whatever its Markdown style or nesting (a generated Cyrillic slug would be
``_1``), every page's front matter must follow the schema below with the same keys in every
language, a page may hold no HTML but ``<span id="…"></span>`` anchors, and every language
must bring its own site name, description, copyright, palette labels and interface strings
(``extra.strings``) in the shape the templates need. A page that cites law or a rate must carry
a review date. MkDocs itself would silently show a broken front matter as text, so this check
reads the Markdown sources once, when the configuration loads, before MkDocs reads any page.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from xml.etree.ElementTree import Element

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor
from markdown.util import HtmlStash

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from data_files import NotUtf8Error, decode_utf8
from site_languages import SiteLanguage, builds_default_language, read_site_languages

# MkDocs's own front-matter pattern (mkdocs.utils.meta.YAML_RE), anchored at the start.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
AUDIENCES = ("clients", "freelancers", "both")
DESCRIPTION_LENGTH = range(50, 171)
HEADING_TAGS = {f"h{level}" for level in range(1, 7)}
# A heading id, a <span id> anchor: what readers' links point at, the same in every language.
SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# The raw HTML a page may hold, as Python-Markdown stores it: the two tags of an anchor kept
# for an old link (<span id="old-id"></span>), a comment (the build's markers) or an entity.
ALLOWED_HTML = re.compile(r'<span id="[a-z][a-z0-9-]*">|</span>|<!--(?:(?!-->).)*-->\s*'
                          r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|", re.DOTALL)
# A fenced code block as pymdownx.superfences stores it: Pygments' escaped text and class spans.
HIGHLIGHTED_CODE = re.compile(r'<div class="(?:language-[\w+#.-]+ )?highlight"><pre>'
                              r'(?:<span></span>)?<code>(?:[^<]|<span(?: class="[\w -]+")?>|'
                              r"</span>)*</code></pre></div>\s*")
EMPTY_ANCHOR_SPAN = re.compile(r'<span id="(?P<id>[^"]*)">(?!</span>)')
SAFE_URL_SCHEMES = ("http", "https", "mailto", "tel")
URL_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
STASH_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
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
MARKUP = re.compile(r"[<>]")
# What every language entry of the i18n plugin must define for itself; without them the plugin
# quietly shows another language's name, description, copyright or theme toggle labels.
LANGUAGE_SETTINGS = ("site_name", "site_description", "copyright")


@dataclass(frozen=True)
class FrontMatterKey:
    """One key a page's front matter may hold: whether every page needs it and its valid values."""

    required: bool
    expected: str
    valid: Callable[[Any], bool]


def _is_text(value: Any) -> bool:
    """Whether a value is a plain, non-empty text: no markup (templates print some unescaped)."""
    return isinstance(value, str) and bool(value.strip()) and not MARKUP.search(value)


# `sections: alphabetical` in a page's front matter: its sections follow each language's
# alphabet (the glossary), so only the set of heading ids must match the default language's.
ALPHABETICAL_KEY, ALPHABETICAL = "sections", "alphabetical"

# The front matter schema: these keys only, each a single value of the type MkDocs reads.
FRONT_MATTER_SCHEMA: dict[str, FrontMatterKey] = {
    "title": FrontMatterKey(
        False, "a plain text without '<' or '>': the page's title in its language (the first "
               "heading serves without it)",
        _is_text),
    "description": FrontMatterKey(
        True, f"one sentence of {DESCRIPTION_LENGTH.start}–{DESCRIPTION_LENGTH.stop - 1} "
              "characters of plain text (no '<' or '>') in the page's language (used by search "
              "engines and link previews)",
        lambda value: _is_text(value) and len(value) in DESCRIPTION_LENGTH),
    "audience": FrontMatterKey(
        True, f"one of {', '.join(AUDIENCES)}",
        lambda value: isinstance(value, str) and value in AUDIENCES),
    "reviewed": FrontMatterKey(
        False, "a date like 2026-11-22: the day the law and figures were last checked",
        lambda value: type(value) is datetime.date),
    "sections": FrontMatterKey(
        False, f"'{ALPHABETICAL}': each language orders the sections alphabetically in its own "
               "words (the glossary), so the heading ids are the same set in any order",
        lambda value: value == ALPHABETICAL),
}


class PageSourceError(Exception):
    """A page cannot be read at all (not UTF-8); the message names the file and line."""


@dataclass(frozen=True)
class Heading:
    """A heading as Python-Markdown renders it: its level, its plain text and its explicit id."""

    level: int
    text: str
    id: str | None


@dataclass
class PageCheck:
    """What one page's source says: its front matter keys (None if unreadable), its heading ids
    and its problems."""

    keys: set[str] | None = None
    ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_page_text(path: Path, name: str) -> str:
    """A page's text as MkDocs reads it: UTF-8, a byte-order mark dropped, newlines as ``\\n``.

    Raise PageSourceError naming the file, the line and the byte when it is not UTF-8.
    """
    try:
        text = decode_utf8(path.read_bytes())
    except NotUtf8Error as error:
        raise PageSourceError(
            f"{name}:{error.line}: byte 0x{error.byte:02x} is not UTF-8 (the file is saved in "
            "another encoding, such as Windows-1250 or ISO-8859-2); save it as UTF-8.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _yaml_problem(error: yaml.YAMLError, name: str) -> str:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 2 if mark else 1
    return (f"{name}:{line}: the front matter is not valid YAML "
            f"({getattr(error, 'problem', None) or error}); put a text that holds ': ' in quotes.")


def read_front_matter(text: str, name: str) -> tuple[dict[str, Any] | None, list[str]]:
    """Parse a page's front matter as MkDocs will (YAML, safe loader) and check its shape:
    'key: value' lines of single values, no anchors or aliases, no repeated key, real dates.

    Return the values (None if the front matter cannot be read at all; a value that cannot be
    built stays as written) and the problems, each naming the file, line and key.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [f"{name}:1: no front matter; start the page with '---', "
                      f"'description: …', 'audience: {' | '.join(AUDIENCES)}' and '---'."]
    source = match["yaml"]
    depth = 0
    try:  # the events first: a bomb of aliases or deep nesting is refused before it is built
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            where = f"{name}:{event.start_mark.line + 2}"
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None, [f"{where}: the front matter may not use YAML anchors or "
                              "aliases ('&name', '*name'); write each value out."]
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > 2:
                    return None, [f"{where}: front matter values are single values (a text, "
                                  "a word or a date), not nested lists or mappings."]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, name)]
    loader = yaml.SafeLoader(source)
    try:
        root = loader.get_single_node()
        if root is None:
            root = yaml.MappingNode("tag:yaml.org,2002:map", [])
        if not isinstance(root, yaml.MappingNode):
            return None, [f"{name}:2: the front matter must be 'key: value' lines."]
        meta: dict[str, Any] = {}
        lines: dict[str, int] = {}
        problems: list[str] = []
        for key_node, value_node in root.value:
            line = key_node.start_mark.line + 2
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
            if key in lines:
                problems.append(f"{name}:{line}: front matter '{key}' appears twice (first on "
                                f"line {lines[key]}); keep one.")
                continue
            lines[key] = line
            if not isinstance(value_node, yaml.ScalarNode):
                meta[key] = None
                problems.append(f"{name}:{line}: front matter '{key}' must be a single value, "
                                "not a list or a mapping.")
                continue
            try:
                meta[key] = loader.construct_object(value_node)
            except ValueError as error:  # 2026-13-45 looks like a date but is none
                meta[key] = value_node.value
                problems.append(f"{name}:{line}: front matter '{key}': '{value_node.value}' is "
                                f"not a real date ({error}); write it as YYYY-MM-DD.")
            except yaml.YAMLError as error:  # a tag such as !!python/name
                meta[key] = value_node.value
                problems.append(f"{name}:{line}: front matter '{key}' cannot be read "
                                f"({getattr(error, 'problem', None) or error}); write a plain "
                                "value without a '!' tag.")
        return meta, problems
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, name)]
    finally:
        loader.dispose()


def front_matter_problems(meta: dict[str, Any], name: str) -> list[str]:
    """Check front matter values against FRONT_MATTER_SCHEMA: known keys only, required keys
    present, each value of its type (a mistyped key would silently drop what it controls)."""
    problems = []
    for key in meta:
        if key not in FRONT_MATTER_SCHEMA:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_SCHEMA, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"{name}: front matter key '{key}' is unknown; {hint}a page may use "
                            f"{', '.join(FRONT_MATTER_SCHEMA)}.")
    for key, schema in FRONT_MATTER_SCHEMA.items():
        if key in meta and not schema.valid(meta[key]) or key not in meta and schema.required:
            found = f"found {meta[key]!r}" if key in meta else "it is missing"
            problems.append(f"{name}: front matter '{key}' must be {schema.expected}; {found}.")
    return problems


class _KeepTree(Treeprocessor):
    """Keep the element tree of the last conversion, before it is written out as HTML."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


class _RecordingStash(HtmlStash):
    """Python-Markdown's store of raw HTML that also remembers everything a page put in it."""

    def __init__(self) -> None:
        super().__init__()
        self.stored: list[str | Element] = []

    def store(self, html: str | Element) -> str:
        self.stored.append(html)
        return super().store(html)


@dataclass(frozen=True)
class RenderedPage:
    """A page body as Python-Markdown renders it with the site's extensions (ids not generated)."""

    headings: list[Heading]
    elements: list[Element]
    raw_html: list[str | Element]
    html: str


def render_page(body: str, extensions: list[Any], extension_configs: dict[str, Any]
                ) -> RenderedPage:
    """Render a page body with the site's Markdown extensions but without ``toc``, so that a
    heading has an id only when the page gives it one, whatever its style or nesting (``##``,
    setext underlines, closing hashes, inside an admonition, details or md_in_html block)."""
    md = markdown.Markdown(extensions=[ext for ext in extensions if ext != "toc"],
                           extension_configs={key: value for key, value
                                              in extension_configs.items() if key != "toc"})
    md.htmlStash = _RecordingStash()
    tree = _KeepTree(md)
    md.treeprocessors.register(tree, "keep_tree", 1)
    html = md.convert(body)
    elements = list(tree.root.iter()) if tree.root is not None else []
    headings = [Heading(int(element.tag[1]),
                        " ".join(STASH_PLACEHOLDER.sub("", "".join(element.itertext())).split()),
                        element.get("id"))
                for element in elements if element.tag in HEADING_TAGS]
    return RenderedPage(headings, elements, md.htmlStash.stored, html)


def _line_of(lines: list[str], needle: str | re.Pattern[str], start: int) -> int | None:
    """The number of the first line at or after ``start`` (0-based) that holds ``needle``."""
    return next((number + 1 for number in range(start, len(lines))
                 if (needle.search(lines[number]) if isinstance(needle, re.Pattern)
                     else needle in lines[number])), None)


def _where(name: str, line: int | None) -> str:
    return f"{name}:{line}" if line else name


def heading_problems(rendered: RenderedPage, lines: list[str], start: int, name: str
                     ) -> tuple[list[str], list[str]]:
    """The page's explicit heading ids in order, and every heading without a usable id (missing,
    not a slug, repeated), located by line where its text can be found after line ``start``."""
    ids: list[str] = []
    problems: list[str] = []
    cursor = start
    for heading in rendered.headings:
        needle = (re.compile(r"\{[^}]*#" + re.escape(heading.id) + r"(?![\w-])")
                  if heading.id else heading.text)
        line = _line_of(lines, needle, cursor)
        cursor = line or cursor
        where = _where(name, line)
        if heading.id is None:
            problems.append(f"{where}: heading '{heading.text}' has no explicit id; write it as "
                            "'## Heading {#stable-id}' with the id the other languages use.")
        elif not SLUG.fullmatch(heading.id):
            problems.append(f"{where}: heading id '{heading.id}' is not a slug; use lower-case "
                            "Latin letters, digits and hyphens, like 'staged-payments'.")
        elif heading.id in ids:
            problems.append(f"{where}: heading id '{heading.id}' is used twice on the page; "
                            "give each heading its own id.")
        else:
            ids.append(heading.id)
    return ids, problems


def html_problems(rendered: RenderedPage, lines: list[str], name: str) -> list[str]:
    """Refuse HTML and script in a page: raw HTML other than ``<span id="…"></span>`` anchors
    (and the build's comment markers), event-handler attributes (``{onclick=…}`` through
    attr_list) and links or images with a scheme other than http(s), mailto or tel."""
    problems = []
    for item in rendered.raw_html:
        if isinstance(item, Element):  # a block of HTML that md_in_html opened for Markdown
            snippet = f"<{item.tag}{''.join(f' {key}' for key in item.attrib)}>"
        elif ALLOWED_HTML.fullmatch(item) or HIGHLIGHTED_CODE.fullmatch(item):
            continue
        else:
            snippet = " ".join(item.split())[:60]
        needle = f"<{item.tag}" if isinstance(item, Element) else item.strip().split("\n")[0][:30]
        line = _line_of(lines, needle, 0)
        problems.append(f"{_where(name, line)}: raw HTML '{snippet}' is not allowed; pages hold "
                        "Markdown only, and '<span id=\"old-id\"></span>' to keep an old anchor.")
    for match in EMPTY_ANCHOR_SPAN.finditer(rendered.html):
        problems.append(f"{name}: '<span id=\"{match['id']}\">' must be closed at once, as "
                        f"'<span id=\"{match['id']}\"></span>'; it only keeps an old anchor.")
    for element in rendered.elements:
        for attribute, value in element.attrib.items():
            scheme = URL_SCHEME.match(re.sub(r"[\x00-\x20]", "", value))
            if attribute.lower().startswith("on"):
                problems.append(f"{name}: the attribute '{attribute}' on <{element.tag}> runs "
                                "script; remove it (attr_list allows id, class and lang).")
            elif attribute in ("href", "src") and scheme and \
                    scheme["scheme"].lower() not in SAFE_URL_SCHEMES:
                problems.append(f"{name}: the address '{value[:60]}' uses '{scheme['scheme']}:'; "
                                f"link with {', '.join(SAFE_URL_SCHEMES)} or a relative path.")
    return problems


def check_page(path: Path, name: str, extensions: list[Any],
               extension_configs: dict[str, Any]) -> PageCheck:
    """Everything wrong with one page source: encoding, front matter, headings, HTML."""
    try:
        text = read_page_text(path, name)
    except PageSourceError as error:
        return PageCheck(problems=[str(error)])
    meta, problems = read_front_matter(text, name)
    if meta is not None and not problems:
        problems = front_matter_problems(meta, name)
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    start = text.count("\n", 0, match.end()) if match else 0
    lines = text.split("\n")
    rendered = render_page(body, extensions, extension_configs)
    ids, heading_issues = heading_problems(rendered, lines, start, name)
    return PageCheck(None if meta is None else set(meta), ids,
                     problems + heading_issues + html_problems(rendered, lines, name))


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


def find_translation_problems(docs_dir: Path, languages: list[SiteLanguage],
                              extensions: list[Any], extension_configs: dict[str, Any]
                              ) -> list[str]:
    """List every way the pages under ``docs_dir`` are broken or differ from the default
    language: missing or extra pages, page sources (see check_page), front matter keys and
    heading ids that are not the same as the default language's."""
    source = next(language for language in languages if language.default)
    checks: dict[str, dict[str, PageCheck]] = {}
    problems: list[str] = []
    for language in [source] + [language for language in languages if language is not source]:
        pages = _pages(docs_dir / language.locale)
        checks[language.locale] = {
            name: check_page(path, f"docs/{language.locale}/{name}", extensions,
                             extension_configs)
            for name, path in pages.items()}
        for check in checks[language.locale].values():
            problems += check.problems
    source_checks = checks[source.locale]
    for language in languages:
        if language is source:
            continue
        here = checks[language.locale]
        for name in sorted(source_checks.keys() - here.keys()):
            problems.append(
                f"docs/{language.locale}/{name} is missing: translate docs/{source.locale}/{name} "
                f"into '{language.locale}' (same file name, same heading ids)."
            )
        for name in sorted(here.keys() - source_checks.keys()):
            problems.append(
                f"docs/{language.locale}/{name} has no source page: add docs/{source.locale}/{name} "
                "or remove it."
            )
        for name in sorted(here.keys() & source_checks.keys()):
            expected, found = source_checks[name], here[name]
            unreadable = expected.keys is None or found.keys is None
            for key in [] if unreadable else sorted(expected.keys ^ found.keys):
                has, lacks = ((source.locale, language.locale) if key in expected.keys
                              else (language.locale, source.locale))
                problems.append(
                    f"docs/{lacks}/{name}: front matter lacks '{key}', which docs/{has}/{name} "
                    "has; every language of a page carries the same keys (a page reviewed in "
                    "one language is reviewed in every language): add it or remove it there."
                )
            if ALPHABETICAL_KEY in (expected.keys or set()):
                if sorted(found.ids) != sorted(expected.ids):
                    problems.append(
                        f"docs/{language.locale}/{name}: heading ids {sorted(found.ids)} differ "
                        f"from docs/{source.locale}/{name} {sorted(expected.ids)}; every "
                        "language has the same ids (in its own alphabetical order)."
                    )
            elif found.ids != expected.ids:
                problems.append(
                    f"docs/{language.locale}/{name}: heading ids {found.ids} differ from "
                    f"docs/{source.locale}/{name} {expected.ids}; use the same ids in the same "
                    "order."
                )
    return problems


def _keys(tree: dict, prefix: str = "") -> set[str]:
    """The dotted key paths of the leaves of a nested mapping."""
    found: set[str] = set()
    for key, value in tree.items():
        path = f"{prefix}{key}"
        found |= _keys(value, f"{path}.") if isinstance(value, dict) else {path}
    return found


def _lacks(locale: str, setting: str) -> str:
    return (f"mkdocs.yml: language '{locale}' lacks {setting}; add it under the '{locale}' "
            "entry of the i18n plugin's languages.")


def find_missing_strings(strings_by_language: dict[str, dict], source_locale: str) -> list[str]:
    """List interface strings (``extra.strings``) that a language lacks, as dotted key paths."""
    expected = _keys(strings_by_language.get(source_locale, {}))
    return [_lacks(locale, f"extra.strings.{key}")
            for locale, strings in strings_by_language.items()
            for key in sorted(expected - _keys(strings))]


def find_missing_settings(settings_by_language: dict[str, dict[str, Any]], source_locale: str
                          ) -> list[str]:
    """List what a language lacks of its own site_name, site_description, copyright and theme
    palette toggle names (the plugin would otherwise show another language's), and any of them
    that is not plain text (the theme prints some of them unescaped)."""
    toggles = len(settings_by_language[source_locale].get("palette") or [])
    problems = []
    for locale, settings in settings_by_language.items():
        palette = settings.get("palette") or []
        values = {key: settings.get(key) for key in LANGUAGE_SETTINGS}
        for index in range(toggles):
            entry = palette[index] if index < len(palette) else None
            toggle = entry.get("toggle") if isinstance(entry, dict) else None
            values[f"theme.palette[{index}].toggle.name"] = (
                toggle.get("name") if isinstance(toggle, dict) else None)
        for key, value in values.items():
            if isinstance(value, str) and value.strip() and not _is_text(value):
                problems.append(f"mkdocs.yml: language '{locale}': {key} must be plain text "
                                f"without '<' or '>'; found {value!r}.")
            elif not _is_text(value):
                problems.append(_lacks(locale, key))
    return problems


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail the build, with every problem listed, when a page or a translation needs mending."""
    if not builds_default_language(config):
        return config  # the plugin rebuilds once per language; checking once is enough
    languages = read_site_languages(config)
    source = next(language for language in languages if language.default)
    problems = find_translation_problems(Path(config.docs_dir), languages,
                                         config.markdown_extensions, config.mdx_configs)
    strings = {lang.locale: lang.strings for lang in languages}
    problems += find_missing_settings({lang.locale: lang.settings for lang in languages},
                                      source.locale)
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
