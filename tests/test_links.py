"""Links that last and look right when shared: the permalink contract, redirects, canonical and
hreflang addresses, link-preview tags, the sitemap and the not-found pages."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import Site, build
from project import copy_project
from test_site import LANGUAGES, PAGE_LANGUAGE_PAIRS, PAGES

from permalinks import published_links, read_registry, resolve

OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "pl": "pl_PL"}


def absolute(site: Site, language: str, slug: str) -> str:
    return site.url + site.address(language, slug)


def head_meta(soup: BeautifulSoup, key: str) -> list[str]:
    tags = soup.find_all("meta", attrs={"property": key}) or soup.find_all("meta", attrs={"name": key})
    return [tag["content"] for tag in tags]


def test_every_registered_address_resolves(site: Site) -> None:
    broken = [problem for link in read_registry() if (problem := resolve(site.root, link))]
    assert not broken, "published addresses that no longer work:\n" + "\n".join(broken)


def test_every_published_address_is_registered(site: Site) -> None:
    registered = set(read_registry())
    missing = [link for link in published_links(site.root) if link not in registered]
    assert not missing, ("new addresses are not in data/permalinks.txt; run `make permalinks`:\n"
                         + "\n".join(missing))


def test_the_registry_covers_every_page_and_outcome_in_every_language() -> None:
    registered = set(read_registry())
    for language in LANGUAGES:
        prefix = "/" if language == "en" else f"/{language}/"
        for slug in PAGES:
            assert (prefix if slug == "index" else f"{prefix}{slug}/") in registered
    assert "/ru/checklist/#fifty-fifty" in registered


def test_a_renamed_page_needs_a_redirect(tmp_path: Path) -> None:
    """Renaming why-prepay breaks the contract; a line in data/redirects.yml mends it."""
    project = copy_project(tmp_path / "project")
    for language in LANGUAGES:
        (project / "docs" / language / "why-prepay.md").rename(
            project / "docs" / language / "why-prepayment.md")
        for page in (project / "docs" / language).glob("*.md"):
            page.write_text(page.read_text(encoding="utf-8").replace("why-prepay.md",
                                                                     "why-prepayment.md"),
                            encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - why-prepay.md",
                                                                 "  - why-prepayment.md"))
    data = project / "data" / "checklist.yml"
    data.write_text(re.sub(r"page: why-prepay\b", "page: why-prepayment",
                           data.read_text(encoding="utf-8")))
    for kit in (project / "data" / "templates.yml", project / "data" / "clauses.yml"):
        kit.write_text(kit.read_text(encoding="utf-8").replace("why-prepay.md",
                                                               "why-prepayment.md"),
                       encoding="utf-8")
    result = build(project, tmp_path / "renamed")
    assert result.returncode == 0, result.stderr[-3000:]
    assert resolve(tmp_path / "renamed", "/ru/why-prepay/#client-protection")
    (project / "data" / "redirects.yml").write_text("why-prepay: why-prepayment\n")
    result = build(project, tmp_path / "redirected")
    assert result.returncode == 0, result.stderr[-3000:]
    for link in ["/why-prepay/", "/ru/why-prepay/#client-protection", "/pl/why-prepay/#questions"]:
        assert resolve(tmp_path / "redirected", link) is None, link


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_canonical_and_alternates_are_absolute(site: Site, language: str, slug: str) -> None:
    soup = site.soup(language, slug)
    assert soup.find("link", rel="canonical")["href"] == absolute(site, language, slug)
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
                  if link.get("hreflang")}
    expected = {lang: absolute(site, lang, slug) for lang in LANGUAGES}
    expected["x-default"] = absolute(site, site.default, slug)
    assert alternates == expected


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_link_preview_tags(site: Site, language: str, slug: str) -> None:
    soup = site.soup(language, slug)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    title = " ".join(soup.select_one("article h1").get_text(" ").replace("¶", "").split())
    assert head_meta(soup, "og:title") == [title] or slug == "index"
    assert head_meta(soup, "og:description") == [description]
    assert head_meta(soup, "og:url") == [absolute(site, language, slug)]
    assert head_meta(soup, "og:locale") == [OG_LOCALES[language]]
    assert sorted(head_meta(soup, "og:locale:alternate")) == sorted(
        locale for lang, locale in OG_LOCALES.items() if lang != language)
    assert head_meta(soup, "twitter:title") and head_meta(soup, "twitter:description")


@pytest.mark.parametrize("language", LANGUAGES)
def test_descriptions_are_distinct_within_a_language(site: Site, language: str) -> None:
    descriptions = [site.soup(language, slug).find("meta", attrs={"name": "description"})["content"]
                    for slug in PAGES]
    assert len(set(descriptions)) == len(descriptions)


def test_sitemap_lists_every_page_with_its_alternates(site: Site) -> None:
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(site.root / "sitemap.xml")
    entries = {url.findtext("s:loc", namespaces=names): {
                   link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)}
               for url in sitemap.findall("s:url", names)}
    for language, slug in PAGE_LANGUAGE_PAIRS:
        alternates = entries[absolute(site, language, slug)]
        assert alternates["x-default"] == absolute(site, site.default, slug)
        assert {lang: alternates[lang] for lang in LANGUAGES} == {
            lang: absolute(site, lang, slug) for lang in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_per_language(site: Site, language: str) -> None:
    path = site.folder(language) / "404.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == language
    homes = {a["hreflang"]: a["href"] for a in soup.select(".not-found__homes a")}
    assert homes == {lang: "/" if lang == site.default else f"/{lang}/" for lang in LANGUAGES}
    assert soup.find("link", rel="stylesheet")["href"].startswith("/assets/")
