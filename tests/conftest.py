"""Shared fixtures: the project's configuration, and the real site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from project import ROOT, i18n_languages, load_mkdocs_config, page_address  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
pytest_plugins = ["browser_fixtures"]


@dataclass(frozen=True)
class Site:
    """A built site: its folder, the languages it was built in and the default one."""

    root: Path
    languages: list[str]
    default: str
    url: str

    def folder(self, language: str) -> Path:
        """The output folder of a language: the site root for the default language."""
        return self.root if language == self.default else self.root / language

    def address(self, language: str, slug: str) -> str:
        """A page's address relative to the site root (``index`` is the language's home page)."""
        return page_address("" if language == self.default else f"{language}/", slug)

    def page_path(self, language: str, slug: str) -> Path:
        """The HTML file of a page."""
        return self.root / self.address(language, slug) / "index.html"

    def soup(self, language: str, slug: str) -> BeautifulSoup:
        """The parsed HTML of a page."""
        return BeautifulSoup(self.page_path(language, slug).read_text(encoding="utf-8"), "html.parser")


SITE_URL = "https://paid-on-time.example/"


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on a project; return the finished process with its output.

    The deployment address comes from SITE_URL, as a real deployment sets it.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def mkdocs_config() -> dict:
    return load_mkdocs_config()


@pytest.fixture(scope="session")
def languages(mkdocs_config: dict) -> list[str]:
    return [entry["locale"] for entry in i18n_languages(mkdocs_config)]


@pytest.fixture(scope="session")
def default_language(mkdocs_config: dict) -> str:
    return next(e["locale"] for e in i18n_languages(mkdocs_config) if e.get("default"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, languages: list[str],
         default_language: str) -> Site:
    """The real site, built once with --strict into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return Site(root=site_dir, languages=languages, default=default_language, url=SITE_URL)
