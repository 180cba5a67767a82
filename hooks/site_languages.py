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
    """A built language: code, display name, whether it is the default, its interface strings
    and its own settings (``site_name``, ``site_description``, ``copyright``, ``palette``)."""

    locale: str
    name: str
    default: bool
    strings: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """Where the language lives, relative to the site root: '' or 'ru/'."""
        return "" if self.default else f"{self.locale}/"


_snapshot: list[SiteLanguage] = []


def read_site_languages(config: MkDocsConfig) -> list[SiteLanguage]:
    """Every built language of the i18n plugin with its ``extra.strings``, in configured order.

    The default language's strings and settings are the top-level ones (``extra.strings``,
    ``site_name``, ``theme.palette``, …); the others' are only what their own entry in the plugin
    sets, so that a setting a language forgot shows up as missing.
    """
    i18n = config.plugins["i18n"]
    if i18n.current_language is None or not _snapshot:
        default_settings = _settings(config.site_name, config.site_description, config.copyright,
                                     config.theme.get("palette"))
        _snapshot[:] = [
            SiteLanguage(locale=entry.locale, name=entry.name, default=entry.default,
                         strings=deepcopy(config.extra.get("strings", {}) if entry.default
                                          else (entry.extra or {}).get("strings", {})),
                         settings=default_settings if entry.default else _settings(
                             entry.site_name, entry.site_description, entry.copyright,
                             (entry.theme or {}).get("palette")))
            for entry in i18n.config.languages
            if entry.build
        ]
    return list(_snapshot)


def _settings(site_name: Any, site_description: Any, copyright: Any, palette: Any
              ) -> dict[str, Any]:
    """A language's own settings; a single palette (a mapping) becomes a list of one."""
    return {"site_name": site_name, "site_description": site_description,
            "copyright": copyright,
            "palette": deepcopy([palette] if isinstance(palette, dict) else palette or [])}


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
