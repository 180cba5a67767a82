"""Print the PDF of every page that offers one into the built site, with headless Chromium.

A page written for clients links to its own PDF beside it (``overrides/partials/download-pdf.html``:
``<a data-page-pdf href="why-prepay.pdf">``). ``make build`` runs this script after
``mkdocs build``: it prints each such page on A4 with the site's print styles to the file the
page links to, so every link has its file and no file lacks a link. Without Chromium or
Playwright it says so in one line and prints nothing — except under CI (``CI=true``), where that
is an error.

usage: python scripts/make_pdfs.py [SITE_DIR]
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path, PurePosixPath

from project import CHROMIUM, CHROMIUM_ARGS, ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from site_paths import write_under_site  # noqa: E402

PDF_LINK = "data-page-pdf"


def pages_offering_a_pdf(site_dir: Path) -> list[Path]:
    """The built pages whose HTML links to their own PDF."""
    return [html for html in sorted(site_dir.rglob("index.html"))
            if PDF_LINK in html.read_text(encoding="utf-8")]


def missing_tool() -> str | None:
    """What the PDFs need and this machine lacks, as advice; None when everything is there."""
    if not CHROMIUM.exists():
        return f"Chromium is missing at {CHROMIUM} (apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is missing (`make test` or `pip install -r requirements-dev.txt` installs it)"
    return None


def print_pdfs(site_dir: Path) -> list[Path]:
    """Print every page that offers a PDF to the file it links to; return the files written."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for html in pages_offering_a_pdf(site_dir):
            page.goto(html.as_uri(), wait_until="load")
            href = page.locator(f"a[{PDF_LINK}]").get_attribute("href")
            relative = PurePosixPath(html.parent.relative_to(site_dir).as_posix(), href)
            pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
            written.append(write_under_site(site_dir, relative, pdf))
        browser.close()
    return written


def main() -> int:
    site_dir = (Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site").resolve()
    problem = missing_tool()
    if problem:
        under_ci = os.environ.get("CI") == "true"
        print(f"make build: {'error: ' if under_ci else ''}the site is built without its PDFs: "
              f"{problem}", file=sys.stderr)
        return 1 if under_ci else 0
    written = print_pdfs(site_dir)
    print(f"PDFs: {len(written)} written into {site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
