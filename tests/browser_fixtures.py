"""Fixtures for tests in a real browser: the built site served on 127.0.0.1, and Chromium.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; ``playwright install`` is never
needed. Where Chromium is missing the browser tests skip with one line saying how to install it
— except under CI (CI=true), where they fail instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Site

sys.path.insert(0, str(ROOT / "scripts"))
from static_host import serve  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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
