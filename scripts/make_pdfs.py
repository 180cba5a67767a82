"""Write a PDF of every client-facing page in every language, printed by headless Chromium.

Client-facing pages are those whose front matter says ``audience: clients`` or ``both``.
Run after ``mkdocs build`` (``make pdf`` does both): reads ``site/``, writes
``pdf/<language>/<page>.pdf`` on A4 with the site's print styles.

usage: python scripts/make_pdfs.py [SITE_DIR] [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.utils.meta import get_data
from playwright.sync_api import sync_playwright

from project import CHROMIUM, CHROMIUM_ARGS, ROOT, Language, page_address, site_languages

CLIENT_AUDIENCES = {"clients", "both"}


def client_pages(docs_dir: Path) -> list[tuple[Language, str]]:
    """(language, slug) of every page written for clients, from the pages' front matter."""
    pages = []
    for language in site_languages():
        for page in sorted((docs_dir / language.locale).glob("*.md")):
            _, meta = get_data(page.read_text(encoding="utf-8"))
            if meta.get("audience") in CLIENT_AUDIENCES:
                pages.append((language, page.stem))
    return pages


def main() -> int:
    site_dir = (Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site").resolve()
    out_dir = (Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "pdf").resolve()
    if not CHROMIUM.exists():
        print(f"make pdf needs Chromium at {CHROMIUM}: apt-get install -y chromium")
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for language, slug in client_pages(ROOT / "docs"):
            target = out_dir / language.locale / f"{slug}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.goto((site_dir / page_address(language.prefix, slug) / "index.html").as_uri())
            page.emulate_media(media="print")
            page.pdf(path=str(target), format="A4", print_background=False)
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
