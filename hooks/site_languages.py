"""The languages the site is built in, as configured once in mkdocs.yml's i18n plugin.

Not a hook itself: the hooks import it. The i18n plugin builds the languages one after another
on one configuration object, overwriting ``extra`` with the language being built, so the
languages are read once, at the start of a build (before the plugin has chosen a language), and
that snapshot serves the rest of the build.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class SiteLanguage:
    """A built language: code, display name, whether it is the default, its interface strings."""

    locale: str
    name: str
    default: bool
    strings: dict[str, Any] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """Where the language lives, relative to the site root: '' or 'ru/'."""
        return "" if self.default else f"{self.locale}/"


_snapshot: list[SiteLanguage] = []


def read_site_languages(config: MkDocsConfig) -> list[SiteLanguage]:
    """Every built language of the i18n plugin with its ``extra.strings``, in configured order.

    The default language's strings are the top-level ``extra.strings``; the others' are their own
    ``extra.strings`` in the plugin's language entry.
    """
    i18n = config.plugins["i18n"]
    if i18n.current_language is None or not _snapshot:
        default_strings = config.extra.get("strings", {})
        _snapshot[:] = [
            SiteLanguage(locale=entry.locale, name=entry.name, default=entry.default,
                         strings=deepcopy(default_strings if entry.default
                                          else (entry.extra or {}).get("strings", {})))
            for entry in i18n.config.languages
            if entry.build
        ]
    return list(_snapshot)


def page_slug(src_uri: str, language: str) -> str:
    """A page's name without its language folder and suffix: 'ru/staged-payments.md' (or
    'staged-payments.md', as the i18n plugin may name it) → 'staged-payments'."""
    parts = PurePosixPath(src_uri).with_suffix("").parts
    return "/".join(parts[1:] if parts and parts[0] == language else parts)


def current_language(config: MkDocsConfig) -> str:
    """The language being built right now (the i18n plugin builds them one after another)."""
    return config.plugins["i18n"].current_language


def builds_default_language(config: MkDocsConfig) -> bool:
    """Whether the default language is being built: the first of the i18n plugin's builds, so
    the place to start anew or to check once what all languages share."""
    default = next(lang.locale for lang in read_site_languages(config) if lang.default)
    return current_language(config) in (None, default)
