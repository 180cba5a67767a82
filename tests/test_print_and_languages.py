"""The language switcher keeps the section being read and names the page's language; printing
and the PDFs of the pages for clients; the not-found page's title and order of home pages.

The browser tests here use a site built for the address it is served at (SITE_URL =
http://127.0.0.1:PORT/), as on a deployment: only then do Material's own language handling and
the absolute addresses printed after links meet the real host."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from mkdocs.utils.meta import get_data

from conftest import Site
from project import ROOT, i18n_languages, load_mkdocs_config
from static_host import serve
from test_site import DEFAULT, LANGUAGES, PAGES

import make_pdfs
from not_found import home_links
from site_languages import SiteLanguage


@contextmanager
def opened(browser, address: str, media: str | None = None) -> Iterator:
    """A new tab at ``address`` (loaded until the network is idle), emulating ``media`` if
    given; closed afterwards."""
    tab = browser.new_page()
    tab.goto(address, wait_until="networkidle")
    if media:
        tab.emulate_media(media=media)
    try:
        yield tab
    finally:
        tab.close()


LANGUAGE_ENTRIES = {entry["locale"]: entry for entry in i18n_languages(load_mkdocs_config())}
NAMES = {locale: entry["name"] for locale, entry in LANGUAGE_ENTRIES.items()}
PHONE = {"width": 375, "height": 667}


def strings(language: str) -> dict:
    config = load_mkdocs_config()
    return config["extra"]["strings"] if language == DEFAULT else \
        LANGUAGE_ENTRIES[language]["extra"]["strings"]


def prefix(language: str) -> str:
    return "" if language == DEFAULT else f"{language}/"


def client_pages() -> list[tuple[str, str]]:
    """(language, slug) of every page for clients but the home page: those with a PDF."""
    pages = []
    for language in LANGUAGES:
        for slug in PAGES:
            _, meta = get_data((ROOT / "docs" / language / f"{slug}.md").read_text(encoding="utf-8"))
            if meta.get("audience") in ("clients", "both") and slug != "index":
                pages.append((language, slug))
    return pages


CLIENT_PAGES = client_pages()


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[tuple[Path, str]]:
    """The site built for http://127.0.0.1:PORT/ with its PDFs (as `make build` makes them),
    served at that address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("deployed")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                            str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    printed = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdfs.py"), str(site_dir)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert printed.returncode == 0, printed.stderr[-3000:]
    server, served = serve(site_dir, port)
    assert served == url
    yield site_dir, url
    server.shutdown()


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_keeps_the_section_and_names_the_language(
        browser, deployed: tuple[Path, str], language: str) -> None:
    _, url = deployed
    for target in LANGUAGES:
        tab = browser.new_page()
        tab.goto(f"{url}{prefix(language)}staged-payments/#schemes", wait_until="networkidle")
        current = tab.locator(".language-switcher__current")
        assert current.inner_text().strip() == NAMES[language]
        assert current.get_attribute("lang") == language
        assert NAMES[language] in tab.locator(".language-switcher__button").get_attribute("aria-label")
        assert tab.locator(".md-select__link[aria-current=page]").get_attribute("hreflang") == language
        tab.locator(".language-switcher .md-select").hover()
        tab.locator(f'a.md-select__link[hreflang="{target}"]').click()
        tab.wait_for_load_state("networkidle")
        assert tab.url == f"{url}{prefix(target)}staged-payments/#schemes", f"{language} → {target}"
        assert tab.locator("html").get_attribute("lang") == target
        tab.close()


def test_language_switcher_follows_a_section_link_clicked_later(
        browser, deployed: tuple[Path, str]) -> None:
    _, url = deployed
    tab = browser.new_page()
    tab.goto(f"{url}why-prepay/", wait_until="networkidle")
    tab.evaluate("location.hash = '#questions'")
    assert tab.locator('a.md-select__link[hreflang="pl"]').get_attribute("href") \
        == f"{url}pl/why-prepay/#questions"
    tab.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_fits_a_phone(browser, deployed: tuple[Path, str], language: str) -> None:
    _, url = deployed
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{url}{prefix(language)}staged-payments/", wait_until="networkidle")
    box = tab.locator(".language-switcher__button").bounding_box()
    assert tab.locator(".language-switcher__current").is_visible()
    assert box["x"] + box["width"] <= PHONE["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("language,slug", CLIENT_PAGES)
def test_client_pages_link_their_own_pdf(site: Site, language: str, slug: str) -> None:
    link = site.soup(language, slug).select("article a[data-page-pdf]")
    assert len(link) == 1
    assert link[0]["href"] == f"{slug}.pdf"
    assert link[0].get_text(" ", strip=True) == strings(language)["download_pdf"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_client_pages_offer_a_pdf(site: Site, language: str) -> None:
    offering = {slug for slug in PAGES if site.soup(language, slug).select("a[data-page-pdf]")}
    assert offering == {slug for lang, slug in CLIENT_PAGES if lang == language}


def test_make_build_prints_every_linked_pdf(deployed: tuple[Path, str]) -> None:
    site_dir, _ = deployed
    pdfs = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.pdf"))
    assert pdfs == sorted(f"{prefix(language)}{slug}/{slug}.pdf" for language, slug in CLIENT_PAGES)
    for pdf in pdfs:
        assert (site_dir / pdf).read_bytes().startswith(b"%PDF-")


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def test_why_prepay_prints_on_two_sheets(deployed: tuple[Path, str]) -> None:
    site_dir, _ = deployed
    assert pdf_pages(site_dir / "why-prepay" / "why-prepay.pdf") == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_download_link_serves_the_pdf(browser, deployed: tuple[Path, str], language: str) -> None:
    _, url = deployed
    with opened(browser, f"{url}{prefix(language)}why-prepay/") as tab:
        href = tab.locator("a[data-page-pdf]").evaluate("a => a.href")
        response = tab.request.get(href)
        assert response.status == 200 and response.body().startswith(b"%PDF-")


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_is_black_and_links_print_their_address(browser, deployed: tuple[Path, str],
                                                      language: str) -> None:
    site_dir, url = deployed
    with opened(browser, f"{url}{prefix(language)}why-prepay/", media="print") as tab:
        for selector in ["article h1", "article h2", "article .page-intro__legal p", "article p"]:
            assert tab.locator(selector).first.evaluate("e => getComputedStyle(e).color") \
                == "rgb(0, 0, 0)", selector
        assert tab.locator("article a[data-page-pdf]").is_hidden(), "the PDF link is not printed"
        assert tab.locator("article h2").first.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
        internal = tab.locator("article a[data-print-address]:not([data-page-pdf])")
        assert internal.count() > 0
        for index in range(internal.count()):
            link = internal.nth(index)
            address = link.get_attribute("data-print-address")
            assert address == link.evaluate("a => a.href"), "the public address of the link"
            assert address in link.evaluate("a => getComputedStyle(a, '::after').content")
            path = urlparse(address).path
            assert (site_dir / path.lstrip("/") / "index.html").is_file(), address
        same_page = tab.locator('article a[href^="#"]:not(.headerlink)')
        for index in range(same_page.count()):
            assert same_page.nth(index).get_attribute("data-print-address") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_tables_and_headings_keep_together(browser, deployed: tuple[Path, str],
                                                   language: str) -> None:
    _, url = deployed
    with opened(browser, f"{url}{prefix(language)}staged-payments/", media="print") as tab:
        short = tab.evaluate("""() => [...document.querySelectorAll('article table')]
            .filter(t => t.rows.length <= 8)
            .map(t => getComputedStyle(t).breakInside)""")
        assert short and set(short) == {"avoid"}
        rows = tab.evaluate("""() => [...document.querySelectorAll('article tr')]
            .map(r => getComputedStyle(r).breakInside)""")
        assert set(rows) == {"avoid"}


def test_make_pdfs_without_chromium_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    monkeypatch.setattr(make_pdfs, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(sys, "argv", ["make_pdfs.py", str(tmp_path)])
    monkeypatch.delenv("CI", raising=False)
    assert make_pdfs.main() == 0
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "Chromium is missing" in message
    monkeypatch.setenv("CI", "true")
    assert make_pdfs.main() == 1
    assert capsys.readouterr().err.startswith("make build: error:")


def test_not_found_lists_its_own_language_first() -> None:
    languages = [SiteLanguage(locale, NAMES[locale], locale == DEFAULT,
                              strings={"not_found": {"home": f"home {locale}"}})
                 for locale in LANGUAGES]
    for language in LANGUAGES:
        links = home_links(languages, "/docs/", language)
        assert links[0]["locale"] == language
        assert [link["locale"] for link in links[1:]] == [lang for lang in LANGUAGES
                                                          if lang != language]
        assert links[0]["url"] == f"/docs/{prefix(language)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_title_and_first_home(site: Site, language: str) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site.folder(language) / "404.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.title.get_text().startswith(strings(language)["not_found"]["title"] + " - ")
    first = soup.select(".not-found__homes a")[0]
    assert first["hreflang"] == language
