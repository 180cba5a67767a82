"""The real site, built once: every page in every language, written in that language, with the
same heading ids, a working language switcher and no resource from another host."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from conftest import ROOT, Site
from pages import ALPHABETICAL, ALPHABETICAL_KEY
from project import i18n_languages, load_mkdocs_config

CONFIG = load_mkdocs_config()
LANGUAGE_ENTRIES = i18n_languages(CONFIG)
LANGUAGES = [entry["locale"] for entry in LANGUAGE_ENTRIES]
DEFAULT = next(entry["locale"] for entry in LANGUAGE_ENTRIES if entry.get("default"))
PAGES = sorted(path.stem for path in (ROOT / "docs" / DEFAULT).glob("*.md"))
GUIDANCE_PAGES = ["why-prepay", "staged-payments", "overdue-payments", "international-clients"]
PAGE_LANGUAGE_PAIRS = [(language, slug) for language in LANGUAGES for slug in PAGES]
MIN_WORDS = 400

# The commonest short words of each language: enough to tell a page's language from its text.
# Adding a language to mkdocs.yml means adding its list here; test_every_language_is_detectable
# says so.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "is", "you", "for", "a", "that", "it", "with", "are"},
    "ru": {"и", "в", "не", "на", "что", "с", "вы", "по", "это", "как", "для", "если"},
    "pl": {"i", "w", "nie", "na", "że", "się", "z", "to", "jest", "do", "dla", "jeśli"},
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
GENERATED_ID = re.compile(r"^_\d+$")
RESOURCE_ATTRIBUTES = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "track": "src", "object": "data", "link": "href",
    "form": "action",
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def article(soup: BeautifulSoup):
    """The main text of a page, without the theme's navigation and footer."""
    return soup.select_one("article.md-content__inner")


def page_url(site: Site, language: str, slug: str) -> str:
    """The page's address, as a browser would resolve links from it."""
    return "http://site.test/" + site.address(language, slug)


def text_language(text: str) -> str:
    """The language whose common words occur most often in ``text``."""
    counts = Counter(word.lower() for word in WORD.findall(text))
    scores = {language: sum(counts[word] for word in words)
              for language, words in COMMON_WORDS.items()}
    return max(scores, key=scores.get)


def test_every_language_is_detectable() -> None:
    missing = [language for language in LANGUAGES if language not in COMMON_WORDS]
    assert not missing, (f"tests/test_site.py: add COMMON_WORDS for {missing} so the tests can "
                         "tell that its pages are written in it")


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_page_exists_and_is_in_its_language(site: Site, language: str, slug: str) -> None:
    path = site.page_path(language, slug)
    assert path.is_file(), f"{slug} was not built in '{language}' (expected {path})"
    soup = site.soup(language, slug)
    assert soup.html["lang"] == language
    detected = text_language(article(soup).get_text(" "))
    assert detected == language, f"{language}/{slug} reads as '{detected}', not '{language}'"


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_headings_have_explicit_shared_ids(site: Site, language: str, slug: str) -> None:
    def heading_ids(lang: str) -> list[str | None]:
        return [h.get("id") for h in article(site.soup(lang, slug)).find_all(re.compile("^h[1-6]$"))]

    ids = heading_ids(language)
    assert ids, f"{language}/{slug} has no headings"
    assert all(ids), f"{language}/{slug} has a heading without an id: {ids}"
    generated = [i for i in ids if GENERATED_ID.match(i)]
    assert not generated, f"{language}/{slug} has generated ids {generated}; write {{#id}}"
    expected = heading_ids(site.default)
    if front_matter(site.default, slug).get(ALPHABETICAL_KEY) == ALPHABETICAL:  # the glossary
        ids, expected = sorted(ids), sorted(expected)
    assert ids == expected, f"{language}/{slug} ids differ from {site.default}"


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_every_section_heading_has_a_permalink(site: Site, language: str, slug: str) -> None:
    for heading in article(site.soup(language, slug)).find_all(["h2", "h3"]):
        link = heading.find("a", class_="headerlink")
        assert link and link["href"] == f"#{heading['id']}", (
            f"{language}/{slug}: heading #{heading.get('id')} has no permalink")


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_language_switcher_keeps_the_page(site: Site, language: str, slug: str) -> None:
    soup = site.soup(language, slug)
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert sorted(links) == sorted(LANGUAGES), f"{language}/{slug} switcher offers {links}"
    here = page_url(site, language, slug)
    for target_language, href in links.items():
        expected = page_url(site, target_language, slug)
        assert urljoin(here, href) == expected, (
            f"{language}/{slug}: the '{target_language}' link {href!r} leads to "
            f"{urljoin(here, href)}, not to the same page {expected}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_name_description_and_navigation_are_translated(site: Site, language: str) -> None:
    entry = next(e for e in LANGUAGE_ENTRIES if e["locale"] == language)
    name = entry.get("site_name", CONFIG["site_name"])
    home = site.soup(language, "index")
    assert home.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == name
    if language != site.default:
        for key in ("site_name", "site_description"):
            assert entry.get(key, CONFIG[key]) != CONFIG[key], f"{key} is not translated for '{language}'"
    nav_titles = [" ".join(a.get_text(" ").split()) for a in home.select("nav.md-nav--primary a")]
    for slug in PAGES:
        title = article(site.soup(language, slug)).find("h1")
        title_text = " ".join(title.get_text(" ").replace("¶", "").split())
        assert title_text in nav_titles, f"'{title_text}' ({language}/{slug}) is not in the nav"


def front_matter(language: str, slug: str) -> dict:
    """The front matter of a page's source in one language."""
    return get_data((ROOT / "docs" / language / f"{slug}.md").read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_meta_description_is_the_pages_own(site: Site, language: str, slug: str) -> None:
    description = front_matter(language, slug)["description"]
    meta = site.soup(language, slug).find("meta", attrs={"name": "description"})
    assert meta and meta["content"] == description


@pytest.mark.parametrize("language,slug", [(lang, slug) for lang in LANGUAGES
                                           for slug in GUIDANCE_PAGES])
def test_guidance_pages_have_substance(site: Site, language: str, slug: str) -> None:
    body = article(site.soup(language, slug))
    words = len(WORD.findall(body.get_text(" ")))
    assert words >= MIN_WORDS, f"{language}/{slug} has {words} words; at least {MIN_WORDS}"
    sections = body.find_all("h2", id=True)
    assert len(sections) >= 3, f"{language}/{slug} has {len(sections)} sections; at least 3"
    assert sections[0]["id"] == "short-answer", f"{language}/{slug} must open with the short answer"
    internal = [a["href"] for a in body.select("a[href]") if not urlparse(a["href"]).scheme
                and not a["href"].startswith("#") and "headerlink" not in a.get("class", [])]
    assert internal, f"{language}/{slug} links to no other page of the site"


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_page_says_who_it_is_for(site: Site, language: str, slug: str) -> None:
    assert article(site.soup(language, slug)).select_one(".page-intro__audience"), (
        f"{language}/{slug}: add 'audience:' to the front matter")


def test_no_resource_from_another_host(site: Site) -> None:
    own_host = urlparse(site.url).netloc
    foreign = []
    for path in sorted(site.root.rglob("*")):
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            urls = [tag.get(attr) for tag_name, attr in RESOURCE_ATTRIBUTES.items()
                    for tag in soup.find_all(tag_name) if tag.get(attr)]
            urls += [m for style in soup.find_all("style") for m in CSS_URL.findall(style.text)]
            urls += [m for tag in soup.find_all(style=True) for m in CSS_URL.findall(tag["style"])]
        elif path.suffix == ".css":
            urls = CSS_URL.findall(path.read_text(encoding="utf-8"))
        else:
            continue
        for url in urls:
            host = urlparse(url if not url.startswith("//") else f"https:{url}").netloc
            if host and host != own_host:
                foreign.append(f"{path.relative_to(site.root)}: {url}")
    assert not foreign, "resources from other hosts:\n" + "\n".join(foreign)


def test_no_generator_badge(site: Site) -> None:
    for path in site.root.rglob("*.html"):
        assert "Made with" not in path.read_text(encoding="utf-8"), f"{path} shows a badge"


def test_no_sentence_copied_from_the_sources() -> None:
    checker = ROOT.parent / "shared" / "tools" / "check_originality.py"
    if not checker.is_file():
        pytest.skip(f"the originality checker is not beside the project ({checker})")
    result = subprocess.run([sys.executable, str(checker), str(ROOT)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-3000:]
