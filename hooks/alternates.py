"""Give every page absolute addresses of itself in each language, for link previews and search.

A page is shared in proposals, e-mails and messengers, so its ``<head>`` names its canonical
address, the same page in every language (``hreflang``, plus ``x-default`` for the default
language) and the Open Graph locales — all absolute. This hook works them out from the i18n
plugin's alternates and ``site_url`` (checked by ``site_url.py``); ``overrides/partials/meta.html``
writes the markup, escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from site_languages import current_language, read_site_languages


@dataclass(frozen=True)
class Alternate:
    """The same page in one language: its hreflang code and absolute address."""

    hreflang: str
    url: str


def alternate_links(site_url: str, urls_by_language: dict[str, str], languages: list[str],
                    default: str) -> list[Alternate]:
    """Absolute addresses of a page in each language, in configured order, then ``x-default``.

    ``urls_by_language`` holds site-relative page addresses such as ``ru/staged-payments/``.
    """
    root = site_url if site_url.endswith("/") else f"{site_url}/"
    links = [Alternate(language, urljoin(root, urls_by_language[language]))
             for language in languages if language in urls_by_language]
    if default in urls_by_language:
        links.append(Alternate("x-default", urljoin(root, urls_by_language[default])))
    return links


def open_graph_locales(locales: dict[str, str], current: str) -> tuple[str, list[str]]:
    """The Open Graph locale of the current language and those of the others."""
    return locales[current], [locale for language, locale in locales.items() if language != current]


@event_priority(0)  # after the i18n plugin (50) has set up this page's alternates
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    """Add ``alternates`` and ``og_locale``/``og_locale_alternates`` to the template context."""
    language = current_language(config)
    languages = read_site_languages(config)
    default = next(lang.locale for lang in languages if lang.default)
    urls = {locale: file.url for locale, file in getattr(page.file, "alternates", {}).items()}
    urls.setdefault(language, page.url)
    context["alternates"] = alternate_links(config.site_url, urls,
                                            [lang.locale for lang in languages], default)
    context["og_locale"], context["og_locale_alternates"] = open_graph_locales(
        {lang.locale: lang.strings["og_locale"] for lang in languages}, language)
    return context
