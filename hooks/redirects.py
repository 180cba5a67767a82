"""Keep old addresses working after a page is renamed: ``data/redirects.yml``.

Published links live in signed proposals for years. When a page file is renamed, add a line
``old-slug: new-slug`` to ``data/redirects.yml``; this hook writes, in every language, a small
page at the old address that sends the reader on to the new one (``/ru/old-slug/`` →
``/ru/new-slug/``). A redirect whose target does not exist, or whose old address is still a
page, stops the build.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url, write_file
from site_languages import (builds_default_language, current_language, page_slug,
                            read_site_languages)

DATA_FILE = "data/redirects.yml"
TEMPLATE = "redirect.html"

_pages: dict[str, str] = {}


def load_redirects(path: Path) -> dict[str, str]:
    """The map of old page slugs to new ones; an absent or empty file means none."""
    if not path.exists():
        return {}
    try:
        redirects = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise PluginError(f"{DATA_FILE}: not valid YAML ({error}).") from None
    if not isinstance(redirects, dict) or not all(
            isinstance(old, str) and isinstance(new, str) for old, new in redirects.items()):
        raise PluginError(f"{DATA_FILE}: write one 'old-slug: new-slug' line per renamed page.")
    return redirects


def redirect_problems(redirects: dict[str, str], slugs: set[str], language: str) -> list[str]:
    """Redirects that would break: a target that is no page, an old address that still is one."""
    problems = []
    for old, new in redirects.items():
        if new.partition("#")[0] not in slugs:
            problems.append(f"{DATA_FILE}: '{old}' redirects to '{new}', which is not a page "
                            f"in '{language}'.")
        if old in slugs:
            problems.append(f"{DATA_FILE}: '{old}' is still a page in '{language}'; remove the "
                            "redirect or the page.")
    return problems


def on_pre_build(config: MkDocsConfig) -> None:
    """Start a build with no redirect pages (``mkdocs serve`` rebuilds in one process)."""
    if builds_default_language(config):
        _pages.clear()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Render this language's redirect pages while its configuration is in force."""
    redirects = load_redirects(Path(config.config_file_path).parent / DATA_FILE)
    language = current_language(config)
    prefix = next(lang.prefix for lang in read_site_languages(config) if lang.locale == language)
    slugs = {page_slug(file.src_uri, language) for file in files.documentation_pages()}
    problems = redirect_problems(redirects, slugs, language)
    if problems:
        raise PluginError("Redirects need mending:\n  " + "\n  ".join(problems))
    template = env.get_template(TEMPLATE)
    for old, new in redirects.items():
        slug, _, anchor = new.partition("#")
        new_url = prefix + ("" if slug == "index" else f"{slug}/")
        target = get_relative_url(new_url, f"{prefix}{old}/") + (f"#{anchor}" if anchor else "")
        _pages[f"{prefix}{old}/index.html"] = template.render(
            target=target, canonical=f"{config.site_url or '/'}{new_url}", language=language)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write the redirect pages rendered so far (every language, by the last build)."""
    for path, html in _pages.items():
        write_file(html.encode("utf-8"), str(Path(config.site_dir) / path))
