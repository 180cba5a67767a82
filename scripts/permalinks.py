"""The permalink contract: every published address and section anchor keeps working.

``data/permalinks.txt`` lists every address we have published — each page and each heading id
in every language, and every checklist outcome — one per line, like ``/ru/staged-payments/#schemes``.
The tests check that each one still resolves in the built site (following the redirect pages of
``data/redirects.yml``), and that every address the site now publishes is in the list.

usage: python scripts/permalinks.py SITE_DIR   add the built site's new addresses to the list
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "permalinks.txt"
REFRESH = re.compile(r"url=(?P<url>\S+)", re.IGNORECASE)
HEADING = re.compile(r"^h[1-6]$")


def read_registry(path: Path = REGISTRY) -> list[str]:
    """The registered addresses, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def page_file(site_dir: Path, path: str) -> Path:
    """The HTML file that serves an address path such as ``/ru/staged-payments/``."""
    return site_dir / path.strip("/") / "index.html"


def published_links(site_dir: Path) -> list[str]:
    """Every page, heading id and checklist outcome the built site publishes, sorted."""
    links = []
    for html in sorted(site_dir.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            continue  # a redirect page
        folder = html.parent.relative_to(site_dir).as_posix()
        path = "/" if folder == "." else f"/{folder}/"
        links.append(path)
        anchors = [h["id"] for h in article.find_all(HEADING) if h.get("id")]
        anchors += [o["aria-labelledby"] for o in article.select(".checklist-outcome")]
        links += [f"{path}#{anchor}" for anchor in anchors]
    return sorted(set(links))


def resolve(site_dir: Path, link: str, hops: int = 5) -> str | None:
    """Why ``link`` does not resolve in the built site, or None when it does."""
    path, _, anchor = link.partition("#")
    file = page_file(site_dir, path)
    if not file.is_file():
        return f"{link}: no page at {path}; add a redirect to data/redirects.yml"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh and hops:
        target = REFRESH.search(refresh["content"])["url"]
        new_path, _, new_anchor = target.partition("#")
        address = posixpath.normpath(posixpath.join(path, new_path)).rstrip("/") + "/"
        return resolve(site_dir, f"{address}#{new_anchor or anchor}".rstrip("#"), hops - 1)
    if anchor and not soup.find(id=anchor):
        return (f"{link}: the page has no id '{anchor}'; keep the old id as an extra anchor "
                f"(see README, 'Renaming safely')")
    return None


def main() -> int:
    site_dir = Path(sys.argv[1])
    known = read_registry()
    new = [link for link in published_links(site_dir) if link not in known]
    if new:
        with REGISTRY.open("a", encoding="utf-8") as registry:
            registry.write("".join(f"{link}\n" for link in new))
    print(f"permalinks: {len(new)} new address(es) recorded in {REGISTRY.relative_to(ROOT)}; "
          f"{len(known) + len(new)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
