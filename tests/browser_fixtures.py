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
