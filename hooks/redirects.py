"""Keep old addresses working after a page is renamed: ``data/redirects.yml``.

Published links live in signed proposals for years. When a page file is renamed, add a line
``old-slug: new-slug`` (or ``old-slug: new-slug#heading-id``) to ``data/redirects.yml``; this
hook writes, in every language, a small page at the old address that sends the reader on to the
new one (``/ru/old-slug/`` → ``/ru/new-slug/``). Both sides are page slugs of one pattern (no
``..``, no leading ``/``, not empty); the old one may not be a page, a language's folder or a
folder of the site, the target must be a page and its anchor a heading id of that page in every
language. Anything else stops the build before a file is written, and every page is written
through :mod:`site_paths`, inside the site folder and over no file the build wrote itself. The
template escapes the addresses for HTML and encodes them as JSON for its script.
"""

from __future__ import annotations

import re
from pathlib import Path

from data_files import DataFileError, Problem, read_data_file
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url
from site_languages import (builds_default_language, current_language, page_slug,
                            read_site_languages)
from site_paths import SitePathError, write_under_site

DATA_FILE = "data/redirects.yml"
TEMPLATE = "redirect.html"
# A page slug: lower-case letters and digits in words joined by '-', in folders joined by '/'.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")
SLUG_RULE = ("write it as the page's file name without '.md' — lower-case letters, digits and "
             "'-', folders joined by '/' — with no '..', no leading '/' and no language folder")
# A heading id, as the pages write it in '{#id}'.
ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

_pages: dict[str, str] = {}


def load_redirects(path: Path) -> dict[str, str]:
    """The map of old page slugs to new ones; an absent or empty file means none."""
    if not path.exists():
        return {}
    try:
        redirects, lines = read_data_file(path, DATA_FILE)
        if redirects is None:
            return {}
        if not isinstance(redirects, dict):
            raise DataFileError([Problem(DATA_FILE, lines(""), "", "write one "
                                         "'old-slug: new-slug' line per renamed page.")])
        problems = [Problem(DATA_FILE, lines(old), old, "the new address must be a page slug "
                                                        f"as text, like '{old}: new-slug'.")
                    for old, new in redirects.items() if not isinstance(new, str)]
        if problems:
            raise DataFileError(problems)
    except DataFileError as error:
        raise PluginError("Redirects need mending:\n  "
                          + "\n  ".join(str(problem) for problem in error.problems)) from None
    return redirects


def redirect_problems(redirects: dict[str, str], anchors_by_slug: dict[str, set[str]],
                      language: str, prefix: str, locales: set[str],
                      written_paths: set[str]) -> list[str]:
    """Every reason a redirect of ``language`` (its folder ``prefix``, '' or 'ru/') cannot be
    written as it stands.

    ``anchors_by_slug`` holds the language's pages with the element ids each has; ``locales``
    the site's languages, whose folders are no old address; ``written_paths`` the site-relative
    paths the build already writes for the language. An old slug and a target are page slugs
    (see SLUG); the old slug is no page, language folder or folder of the site; the target is a
    page and its anchor, if any, an element id of that page.
    """
    problems = []
    for old, new in redirects.items():
        where = f"{DATA_FILE}: the redirect {old!r}: {new!r} ({language})"
        if not SLUG.fullmatch(old):
            problems.append(f"{where}: the old address '{old}' is not a page slug; {SLUG_RULE}.")
        elif old.split("/")[0] in locales:
            problems.append(f"{where}: the old address '{old}' is in the folder of the language "
                            f"'{old.split('/')[0]}'; a redirect applies to every language, so "
                            "write the page's slug without a language folder.")
        elif old in anchors_by_slug:
            problems.append(f"{where}: '{old}' is still a page; remove the redirect or the page.")
        elif any(path.startswith(f"{prefix}{old}/") for path in written_paths):
            problems.append(f"{where}: the site already has files under '{prefix}{old}/'; "
                            "choose the slug of a page that no longer exists.")
        slug, hash_sign, anchor = new.partition("#")
        if not SLUG.fullmatch(slug):
            problems.append(f"{where}: the target '{slug}' is not a page slug; {SLUG_RULE}.")
        elif slug not in anchors_by_slug:
            problems.append(f"{where}: the target '{slug}' is not a page; use one of: "
                            f"{', '.join(sorted(anchors_by_slug))}.")
        elif hash_sign and not (ANCHOR.fullmatch(anchor) and anchor in anchors_by_slug[slug]):
            problems.append(f"{where}: the page '{slug}' has no heading id '{anchor}'; use one "
                            f"of: {', '.join(sorted(anchors_by_slug[slug]))}.")
    return problems


def render_redirect(template: Template, old: str, new: str, prefix: str, site_url: str,
                    language: str) -> tuple[str, str]:
    """The redirect page at the old address and its path relative to the site folder, for a
    redirect that passed :func:`redirect_problems`."""
    slug, hash_sign, anchor = new.partition("#")
    new_url = prefix + ("" if slug == "index" else f"{slug}/")
    target = get_relative_url(new_url, f"{prefix}{old}/") + hash_sign + anchor
    html = template.render(target=target, canonical=f"{site_url}{new_url}", language=language)
    return f"{prefix}{old}/index.html", html


def on_pre_build(config: MkDocsConfig) -> None:
    """Start a build with no redirect pages (``mkdocs serve`` rebuilds in one process)."""
    if builds_default_language(config):
        _pages.clear()


@event_priority(-50)  # after checklist.py (0) has added the checklist's ids to its page
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Check and render this language's redirect pages while its configuration is in force."""
    redirects = load_redirects(Path(config.config_file_path).parent / DATA_FILE)
    if not redirects:
        return env
    language = current_language(config)
    languages = read_site_languages(config)
    prefix = next(lang.prefix for lang in languages if lang.locale == language)
    anchors_by_slug = {page_slug(file.src_uri, language): set(file.page.present_anchor_ids or ())
                       for file in files.documentation_pages() if file.page is not None}
    problems = redirect_problems(redirects, anchors_by_slug, language, prefix,
                                 {lang.locale for lang in languages},
                                 {file.dest_uri for file in files})
    if problems:
        raise PluginError("Redirects need mending:\n  " + "\n  ".join(problems))
    template = env.get_template(TEMPLATE)
    for old, new in redirects.items():
        path, html = render_redirect(template, old, new, prefix, config.site_url, language)
        _pages[path] = html
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write the redirect pages rendered so far (every language, by the last build), never over
    a file the build wrote for another purpose."""
    for path, html in _pages.items():
        try:
            write_under_site(config.site_dir, path, html.encode("utf-8"), replace=False)
        except SitePathError as error:
            raise PluginError(f"{DATA_FILE}: the redirect page {error}; choose an old slug that "
                              "no page or file of the site uses.") from None
