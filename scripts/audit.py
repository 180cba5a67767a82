"""Lighthouse audits of one page of each type in each language, served as a static host serves it.

Builds the site with its address set to the local server (as a deployment sets SITE_URL), serves
it with gzip, runs Lighthouse (pinned in package.json; mobile, Chromium at /usr/bin/chromium) on
the home page, a guidance page and the checklist in every language, and prints the scores.

usage: python scripts/audit.py            (make audit)
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from project import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, ROOT, page_address, site_languages
from static_host import serve

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GATED = ["accessibility", "best-practices", "seo"]


@dataclass(frozen=True)
class Audit:
    """Lighthouse's scores (0–100) for one page, and the titles of the audits that failed."""

    path: str
    scores: dict[str, int]
    failures: list[str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(site_dir: Path, site_url: str) -> None:
    """Build the site for the given address; raise with MkDocs' output if the build fails."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])


def run_lighthouse(url: str) -> tuple[dict[str, int], list[str]]:
    """Scores of every category for ``url``, and the failed audits of the gated categories."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", f"--only-categories={','.join(CATEGORIES)}"],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failed = []
    for name in GATED:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{name}: {audit['title']}")
    return scores, failed


def audit_site(site_dir: Path, base_url: str) -> list[Audit]:
    """Audit one page of each type in each language of a served site."""
    audits = []
    for language in site_languages():
        for slug in PAGE_TYPES.values():
            path = page_address(language.prefix, slug)
            scores, failures = run_lighthouse(base_url + path)
            audits.append(Audit(path="/" + path, scores=scores, failures=failures))
    return audits


def table(audits: list[Audit]) -> str:
    """The scores as a Markdown table."""
    lines = ["| page | " + " | ".join(CATEGORIES) + " |",
             "| --- | " + " | ".join("---:" for _ in CATEGORIES) + " |"]
    lines += [f"| {audit.path} | " + " | ".join(str(audit.scores[c]) for c in CATEGORIES) + " |"
              for audit in audits]
    return "\n".join(lines)


def audit_fresh_build(folder: Path) -> list[Audit]:
    """Build the site into ``folder`` for a local address, serve it there and audit it."""
    port = free_port()
    site_dir = folder / "site"
    build_site(site_dir, f"http://127.0.0.1:{port}/")
    server, url = serve(site_dir, port)
    try:
        return audit_site(site_dir, url)
    finally:
        server.shutdown()


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci` (make audit does).")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        audits = audit_fresh_build(Path(folder))
    print(table(audits))
    failures = [f"{audit.path}: {failure}" for audit in audits for failure in audit.failures]
    print("\n".join(failures) if failures else "accessibility, best practices and SEO: all 100")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
