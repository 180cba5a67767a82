"""Facts about this project that the scripts, benchmarks and tests share: where it lives, its
languages as mkdocs.yml lists them, where each page is served, and how to start Chromium."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent

# Debian's Chromium, driven by Playwright or Lighthouse; these flags keep it off the network.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# One page of each kind, for audits and page-weight measurements.
PAGE_TYPES = {"home": "index", "guidance": "staged-payments", "checklist": "checklist",
              "law": "law", "calculator": "interest-calculator", "kit": "templates"}


@dataclass(frozen=True)
class Language:
    """A language the site is built in."""

    locale: str
    default: bool

    @property
    def prefix(self) -> str:
        """Where the language lives, relative to the site root: '' or 'ru/'."""
        return "" if self.default else f"{self.locale}/"


def load_mkdocs_config() -> dict:
    """mkdocs.yml as a plain dict (environment tags resolved as MkDocs resolves them)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def i18n_languages(config: dict) -> list[dict]:
    """The language entries of the i18n plugin that are built."""
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [entry for entry in plugin["languages"] if entry.get("build", True)]


def site_languages() -> list[Language]:
    """The built languages, in the order mkdocs.yml lists them."""
    return [Language(entry["locale"], bool(entry.get("default")))
            for entry in i18n_languages(load_mkdocs_config())]


def page_address(prefix: str, slug: str) -> str:
    """A page's address relative to the site root: ('ru/', 'staged-payments') → 'ru/staged-payments/'."""
    return prefix + ("" if slug == "index" else f"{slug}/")


def copy_project(target: Path) -> Path:
    """A copy of the project's sources (no virtual environment, build output, caches or tests),
    for builds that change something without touching the real tree."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "node_modules", ".cache", ".pytest_cache", "tests",
        "__pycache__"))
    return target
