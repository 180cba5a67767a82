"""Reading comfort, in a real browser on the built site: every table on a 375 px phone fits or
says that it scrolls; the ¶ section links show and copy on a touch screen; the home page's
buttons sit above the fold of a phone; page titles are as dark as the headings; text lines run
about 70 characters on a desktop; the site's name appears once in the menu; the short answer is
a box and the warnings are admonitions."""

from __future__ import annotations

import pytest

from conftest import Site
from test_browser import page_path
from test_site import CONFIG, DEFAULT, GUIDANCE_PAGES, LANGUAGE_ENTRIES, LANGUAGES, PAGE_LANGUAGE_PAIRS

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
LONGEST_LINE = 80  # characters, at 1280 px
SHORTEST_LONGEST_LINE = 55  # the column must not be squeezed either


def language_entry(language: str) -> dict:
    return next(entry for entry in LANGUAGE_ENTRIES if entry["locale"] == language)


def strings(language: str) -> dict:
    """The interface strings of a language (extra.strings)."""
    if language == DEFAULT:
        return CONFIG["extra"]["strings"]
    return language_entry(language)["extra"]["strings"]


def site_name(language: str) -> str:
    return language_entry(language).get("site_name", CONFIG["site_name"])


@pytest.fixture()
def phone(browser):
    """A tab on a 375 x 667 touch phone that may use the clipboard."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


@pytest.fixture()
def desktop(browser):
    """A tab on a 1280 px wide screen."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_every_table_fits_a_phone_or_says_it_scrolls(phone, served_site: str, language: str,
                                                     slug: str) -> None:
    phone.goto(served_site + page_path(language, slug), wait_until="load")
    tables = phone.evaluate("""() => [...document.querySelectorAll('article table')].map(table => {
        const box = table.closest('.md-typeset__scrollwrap');
        const hint = box && box.previousElementSibling;
        const style = box && getComputedStyle(box);
        return {
          right: Math.round(table.getBoundingClientRect().right),
          width: Math.round(table.getBoundingClientRect().width),
          clipped: table.scrollWidth > table.clientWidth + 1,
          scrolls: !!box && box.scrollWidth > box.clientWidth + 1,
          hint: hint && hint.classList.contains('table-scroll-hint') && hint.checkVisibility()
                ? hint.textContent : null,
          role: box && box.getAttribute('role'), tabindex: box && box.getAttribute('tabindex'),
          shadow: !!style && style.backgroundImage.includes('radial-gradient')
                  && style.backgroundAttachment.includes('scroll'),
        };
    })""")
    for index, table in enumerate(tables):
        where = f"{language}/{slug}, table {index + 1} ({table['width']} px)"
        assert not table["clipped"], f"{where}: the table hides part of itself"
        if not table["scrolls"]:
            assert table["right"] <= PHONE["width"], f"{where} is wider than the phone"
            assert table["hint"] is None, f"{where} fits but says it scrolls"
            continue
        assert table["hint"] == strings(language)["table_scrolls"], f"{where}: no line saying it scrolls"
        assert table["shadow"], f"{where}: no shadow at the edge that scrolls"
        assert (table["role"], table["tabindex"]) == ("region", "0"), (
            f"{where}: the keyboard cannot scroll it")


def test_no_table_says_it_scrolls_on_a_desktop(desktop, served_site: str) -> None:
    for language in LANGUAGES:
        desktop.goto(served_site + page_path(language, "staged-payments"), wait_until="load")
        assert desktop.locator(".table-scroll-hint").count() == 0, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_link_shows_and_copies_on_a_touch_screen(phone, served_site: str,
                                                         language: str) -> None:
    address = served_site + page_path(language, "staged-payments")
    phone.goto(address, wait_until="load")
    link = phone.locator("h2#schemes .headerlink")
    link.scroll_into_view_if_needed()
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1.0, "the ¶ is hidden"
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"the ¶ is too small to tap: {box}"
    link.tap()
    assert phone.evaluate("navigator.clipboard.readText()") == address + "#schemes"
    status = phone.locator(".section-link-status")
    assert status.text_content() == f"{strings(language)['section_link']['copied']} {address}#schemes"
    assert status.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_leads_to_the_three_starting_points(phone, served_site: str,
                                                      language: str) -> None:
    phone.goto(served_site + page_path(language, "index"), wait_until="load")
    lead = phone.locator("article p.home-lead")
    assert lead.count() == 1 and lead.text_content().count(".") == 1, "one line on what the site is"
    buttons = phone.locator("article .home-actions a.md-button")
    targets = [buttons.nth(i).get_attribute("href") for i in range(buttons.count())]
    assert targets == ["why-prepay/", "checklist/#work-type", "overdue-payments/"]
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], (
            f"{language}: '{buttons.nth(i).text_content()}' is below the fold of a phone")
        assert box["height"] >= 24


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_passes_axe_in_the_dark_scheme(browser, served_site: str, language: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(served_site + page_path(language, "index"), wait_until="networkidle")
    results = Axe().run(tab)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_title_is_as_dark_as_the_headings_and_the_short_answer_is_a_box(
        browser, served_site: str, language: str, scheme: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(served_site + page_path(language, "why-prepay"), wait_until="load")
    colours = tab.evaluate("""() => {
        const colour = (selector, property) =>
          getComputedStyle(document.querySelector(selector))[property];
        return {h1: colour('article h1', 'color'), h2: colour('article h2#what-you-get', 'color'),
                heading: colour('#short-answer', 'backgroundColor'),
                answer: colour('#short-answer + p', 'backgroundColor'),
                after: colour('#what-you-get + p', 'backgroundColor')};
    }""")
    context.close()
    assert colours["h1"] == colours["h2"], colours
    assert colours["heading"] == colours["answer"] != colours["after"], colours


@pytest.mark.parametrize("language,slug", [(language, slug) for language in LANGUAGES
                                           for slug in ["index", *GUIDANCE_PAGES]])
def test_lines_are_about_seventy_characters_on_a_desktop(desktop, served_site: str,
                                                         language: str, slug: str) -> None:
    desktop.goto(served_site + page_path(language, slug), wait_until="load")
    longest = desktop.evaluate("""() => {
        let longest = 0;
        const range = document.createRange();
        for (const block of document.querySelectorAll('article > p, article > ul > li')) {
          const lines = new Map();
          const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const rect = range.getClientRects()[0];
              if (!rect) continue;
              const top = Math.round(rect.top / 4);
              lines.set(top, (lines.get(top) || 0) + 1);
            }
          }
          for (const count of lines.values()) longest = Math.max(longest, count);
        }
        return longest;
    }""")
    assert SHORTEST_LONGEST_LINE <= longest <= LONGEST_LINE, (
        f"{language}/{slug}: the longest line has {longest} characters")


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_name_appears_once_in_the_menu(browser, served_site: str, language: str) -> None:
    name = site_name(language)
    count_names = """(name) => {
        const range = document.createRange();
        const walker = document.createTreeWalker(
          document.querySelector('nav.md-nav--primary'), NodeFilter.SHOW_TEXT);
        let shown = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.textContent.trim() !== name || !node.parentElement.checkVisibility()) continue;
          range.selectNodeContents(node);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0 && rect.height > 0) shown++;
        }
        return shown;
    }"""
    for viewport, drawer in [(DESKTOP, False), (PHONE, True)]:
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        tab.goto(served_site + page_path(language, "why-prepay"), wait_until="load")
        if drawer:
            tab.locator("label.md-header__button[for='__drawer']").click()
            tab.wait_for_timeout(300)
        shown = tab.evaluate(count_names, name)
        context.close()
        assert shown == 1, f"{language} at {viewport['width']} px: '{name}' shown {shown} times"


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_never_to_do_is_a_warning(site: Site, language: str) -> None:
    heading = site.soup(language, "overdue-payments").find("h2", id="never-do")
    warning = heading.find_next_sibling()
    assert "admonition" in warning["class"] and "warning" in warning["class"]
    assert len(warning.select("ul > li")) >= 6
