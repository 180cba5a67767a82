"""Fixtures for tests in a real browser: the built site served on 127.0.0.1, and Chromium.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; ``playwright install`` is never
needed. Where Chromium is missing the browser tests skip with one line saying how to install it
— except under CI (CI=true), where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from conftest import Site
from project import CHROMIUM, CHROMIUM_ARGS
from static_host import serve

INSTALL_HINT = "Chromium is missing: install it with `apt-get install -y chromium` to run the browser tests"


@pytest.fixture(scope="session")
def served_site(site: Site) -> Iterator[str]:
    """The built site on http://127.0.0.1:PORT/ as a static host serves it (gzip, 404 pages)."""
    server, url = serve(site.root)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian, driven by Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{INSTALL_HINT} (CI must run them)")
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def recording_tab(browser, console_errors: bool = False, **context_options) -> Iterator:
    """A fresh tab that may use the clipboard and keeps the page's script errors (with
    ``console_errors``, the console's errors too) in ``tab.errors``; a browser test's ``tab``
    fixture yields from it."""
    context = browser.new_context(**context_options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.errors = []
    if console_errors:
        page.on("console", lambda message: page.errors.append(message.text)
                if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
