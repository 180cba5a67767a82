"""Write a "page not found" page for every language: /404.html, /ru/404.html, /pl/404.html.

The i18n plugin builds every language into the same site folder, so Material's 404.html is
overwritten by each language in turn and the last one wins. This hook renders the theme's
``404.html`` (``overrides/404.html``) for each language while that language is being built, and
writes them all after the last build, where static hosts look for them: the site root for the
default language, the language folder for the others — through :mod:`site_paths`, so inside the
site folder. Every one of them offers the home page of every language, each named in its own
language, its own language first. Links on these pages start from the path of ``site_url``
(which ``site_url.py`` has checked), as a not-found page is served at any depth.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import get_navigation
from site_languages import (SiteLanguage, builds_default_language, current_language,
                            read_site_languages)
from site_paths import SitePathError, write_under_site

TEMPLATE = "404.html"

_pages: dict[str, str] = {}


def not_found_path(language: SiteLanguage) -> str:
    """Where a static host looks for the language's not-found page, relative to the site."""
    return f"{language.prefix}{TEMPLATE}"


def home_links(languages: list[SiteLanguage], root_path: str, first: str
               ) -> list[dict[str, str]]:
    """Each language's home page as an absolute path, with the link text in that language:
    the language ``first`` (the page's own) at the top, then the others in configured order."""
    ordered = sorted(languages, key=lambda language: language.locale != first)
    return [{"locale": language.locale, "url": f"{root_path}{language.prefix}",
             "text": language.strings["not_found"]["home"]} for language in ordered]


def on_pre_build(config: MkDocsConfig) -> None:
    """Start a build with no pages rendered (``mkdocs serve`` rebuilds in one process)."""
    if builds_default_language(config):
        _pages.clear()


@event_priority(-200)  # after the i18n plugin has configured the language being built
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Render this language's not-found page while the configuration is this language's."""
    languages = read_site_languages(config)
    language = next(lang for lang in languages if lang.locale == current_language(config))
    root_path = urlsplit(config.site_url).path
    nav = get_navigation(files, config)
    context = get_context(nav, files, config, base_url=root_path.rstrip("/") or "/")
    context["home_links"] = home_links(languages, root_path, language.locale)
    _pages[not_found_path(language)] = env.get_template(TEMPLATE).render(context)
    return env


@event_priority(-200)  # after the i18n plugin (-100), whose own post_build builds the others
def on_post_build(config: MkDocsConfig) -> None:
    """Write every not-found page rendered so far, over Material's single shared one."""
    for path, html in _pages.items():
        try:
            write_under_site(config.site_dir, path, html.encode("utf-8"))
        except SitePathError as error:
            raise PluginError(f"the not-found page {error}; check the language's locale in "
                              "mkdocs.yml.") from None
