"""What only a browser shows, on the built site served on 127.0.0.1: console errors, requests to
other hosts, accessibility (axe-core), the phone layout, the language switcher, the checklist's
ticks and its links without JavaScript, section links, and print."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from project import page_address
from test_site import DEFAULT, LANGUAGES, PAGE_LANGUAGE_PAIRS

PHONE = {"width": 375, "height": 740}


def page_path(language: str, slug: str) -> str:
    return page_address("" if language == DEFAULT else f"{language}/", slug)


@pytest.fixture()
def page(browser, served_site: str):
    """A fresh browser tab that records console errors and requests to other hosts."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.foreign_requests = []
    own_host = urlparse(served_site).netloc
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on("request", lambda r: tab.foreign_requests.append(r.url)
           if urlparse(r.url).netloc not in (own_host, "") and not r.url.startswith("data:")
           else None)
    yield tab
    context.close()


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_page_loads_cleanly_and_passes_axe(page, served_site: str, language: str, slug: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served_site + page_path(language, slug), wait_until="networkidle")
    assert page.console_errors == [], f"{language}/{slug}: console errors {page.console_errors}"
    assert page.foreign_requests == [], f"{language}/{slug}: requests {page.foreign_requests}"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["staged-payments", "checklist"])
def test_dark_scheme_passes_axe(browser, served_site: str, language: str, slug: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(served_site + page_path(language, slug), wait_until="networkidle")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    results = Axe().run(tab)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_nothing_is_wider_than_a_phone(browser, served_site: str, language: str, slug: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(served_site + page_path(language, slug), wait_until="networkidle")
    too_wide = tab.evaluate("""(width) => [...document.querySelectorAll('body *')]
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed'
                              && !e.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search'); })
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""", PHONE["width"])
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert page_width <= PHONE["width"], f"{language}/{slug} is {page_width}px wide"
    assert not too_wide, f"{language}/{slug}: wider than the phone: {too_wide}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["staged-payments", "checklist"])
def test_language_switcher_keeps_the_page(page, served_site: str, language: str, slug: str) -> None:
    page.goto(served_site + page_path(language, slug))
    for target in LANGUAGES:
        page.goto(served_site + page_path(language, slug))
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'a.md-select__link[hreflang="{target}"]').click()
        page.wait_for_load_state()
        assert page.url == served_site + page_path(target, slug)
        assert page.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_keeps_ticks_over_a_reload(page, served_site: str, language: str) -> None:
    page.goto(served_site + page_path(language, "checklist"))
    boxes = page.locator(".checklist-item input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(3).check()
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked()
    assert not boxes.nth(1).is_checked()
    other = "ru" if language != "ru" else "pl"
    page.goto(served_site + page_path(other, "checklist"))
    assert not page.locator(".checklist-item input").nth(0).is_checked(), "ticks are per language"
    page.goto(served_site + page_path(language, "checklist"))
    page.locator("[data-checklist-clear]").click()
    page.reload()
    assert page.locator(".checklist-item input:checked").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_works_without_javascript(browser, served_site: str, language: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served_site + page_path(language, "checklist"))
    assert tab.locator("[data-checklist-clear]").is_hidden()
    path = []
    while True:
        answer = tab.locator(".checklist-question:target .checklist-answers a, "
                             ".checklist-question:first-child .checklist-answers a").first \
            if not path else tab.locator(f"#{path[-1]} .checklist-answers a").first
        target = answer.get_attribute("href")[1:]
        answer.click()
        assert tab.url.endswith(f"#{target}")
        path.append(target)
        if tab.locator(f"h3#{target}").count():
            break
        assert len(path) < 20, path
    assert tab.locator(f"h3#{path[-1]}").is_visible()
    tab.locator(".checklist-item input").first.check()
    assert tab.locator(".checklist-item input").first.is_checked()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_link_is_reachable_by_keyboard_and_shows_its_address(
        page, served_site: str, language: str) -> None:
    url = served_site + page_path(language, "staged-payments")
    page.goto(url)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('headerlink')"):
            break
    focused = page.evaluate("""() => { const a = document.activeElement;
        return {href: a.href, title: a.title, label: a.getAttribute('aria-label'),
                opacity: getComputedStyle(a).opacity}; }""")
    assert focused["href"].startswith(url + "#")
    assert focused["title"] == focused["href"], "the link should show the full address"
    assert float(focused["opacity"]) == 1.0, "the ¶ must be visible when focused"
    assert focused["label"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_page_is_the_article_alone(page, served_site: str, language: str) -> None:
    page.goto(served_site + page_path(language, "international-clients"))
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"]:
        assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert page.locator("article h1").is_visible()
    external = page.locator('article a[href^="http"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after, "external links should print their address"
