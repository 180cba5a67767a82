"""Benchmarks of the site: build time (whole and per language), the checklist hook, the bytes a
first visit transfers for each page type (gzip), and how build time grows with ten times the
pages. Writes BENCHMARKS.md with the date and the machine; exits 1 when a first visit is over budget.

usage: python benchmarks/site.py            (make bench)
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from project import (CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, ROOT, copy_project,  # noqa: E402
                     page_address, site_languages)
from static_host import serve  # noqa: E402

from checklist_hook import measure as measure_checklist_hook  # noqa: E402

RUNS = 3
BUDGET_KIB = 100
LANGUAGES = site_languages()
TIMED_CONFIG = """INHERIT: mkdocs.yml
hooks:
{hooks}
  - benchmarks/timing_hook.py
"""


def timed_build(project: Path, site_dir: Path, strict: bool = True) -> tuple[float, dict[str, float]]:
    """Seconds for one whole build, and for each language's part of it."""
    hooks = re.findall(r"^  - (hooks/\S+)$", (project / "mkdocs.yml").read_text(), re.MULTILINE)
    config = project / "mkdocs.bench.yml"
    config.write_text(TIMED_CONFIG.format(hooks="\n".join(f"  - {hook}" for hook in hooks)))
    try:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
             "--site-dir", str(site_dir), "--strict" if strict else "--no-strict"],
            cwd=project, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        elapsed = time.perf_counter() - started
    finally:
        config.unlink()
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    per_language = {m[0]: float(m[1]) for m in
                    re.findall(r"BENCH language=(\w+) seconds=([\d.]+)", result.stdout + result.stderr)}
    return elapsed, per_language


def best_of(project: Path, folder: Path, strict: bool = True) -> tuple[float, dict[str, float]]:
    """The fastest of several builds (the machine is shared and noisy)."""
    runs = [timed_build(project, folder / f"site-{run}", strict) for run in range(RUNS)]
    return min(runs, key=lambda run: run[0])


def first_visit_bytes(site_dir: Path) -> dict[str, dict[str, int]]:
    """Bytes transferred (compressed) by a first visit to each page type in each language."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site_dir)
    weights: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            for language in LANGUAGES:
                for page_type, slug in PAGE_TYPES.items():
                    context = browser.new_context()
                    page = context.new_page()
                    responses = []
                    page.on("requestfinished", lambda request: responses.append(request))
                    page.goto(url + page_address(language.prefix, slug), wait_until="networkidle")
                    page.wait_for_timeout(500)
                    total = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                                for r in responses)
                    weights.setdefault(page_type, {})[language.locale] = total
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return weights


def ten_times_the_pages(folder: Path) -> Path:
    """A copy of the project with every page repeated ten times in every language."""
    project = copy_project(folder / "project-x10")
    for language_folder in (project / "docs").iterdir():
        for page in list(language_folder.glob("*.md")):
            for copy in range(1, 10):
                shutil.copy(page, language_folder / f"{page.stem}-{copy}.md")
    return project


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        whole, per_language = best_of(ROOT, folder_path)
        pages = len(list((ROOT / "docs").glob("*/*.md")))
        project_x10 = ten_times_the_pages(folder_path)
        whole_x10, _ = best_of(project_x10, folder_path / "x10", strict=False)
        pages_x10 = len(list((project_x10 / "docs").glob("*/*.md")))
        weights = first_visit_bytes(folder_path / "site-0")
    hook = measure_checklist_hook()
    lines = [
        "# Benchmarks",
        "",
        f"Measured on {datetime.date.today().isoformat()} on {machine()} with `make bench`"
        f" (best of {RUNS} builds; the machine is shared, so expect noise).",
        "",
        "## Build time",
        "",
        "| build | pages | seconds |",
        "| --- | ---: | ---: |",
        f"| whole site | {pages} | {whole:.2f} |",
    ]
    lines += [f"| {language} only (part of the whole build) | {pages // len(LANGUAGES)} | {seconds:.2f} |"
              for language, seconds in per_language.items()]
    lines += [f"| ten times the pages (synthetic) | {pages_x10} | {whole_x10:.2f} |",
              "", f"Ten times the pages take {whole_x10 / whole:.1f} times as long.", "",
              "## Checklist hook", "",
              "Load and validate 1,000 synthetic checklist items once, then check links and render "
              "them in three languages (`benchmarks/checklist_hook.py`, 9 runs; target under 100 ms):",
              "",
              f"- best {hook['wall_best']:.0f} ms, median {hook['wall_median']:.0f} ms "
              f"(CPU time: best {hook['cpu_best']:.0f} ms, median {hook['cpu_median']:.0f} ms)", "",
              f"## First visit, bytes transferred with gzip (budget {BUDGET_KIB} KiB)", "",
              "Everything a browser downloads on opening the page with an empty cache, served as "
              "`scripts/static_host.py` serves it (gzip). The search index loads only when search "
              "is opened, and is not counted.", "",
              "| page type | " + " | ".join(lang.locale for lang in LANGUAGES) + " |",
              "| --- | " + " | ".join("---:" for _ in LANGUAGES) + " |"]
    lines += [f"| {page_type} | " + " | ".join(f"{weights[page_type][language] / 1024:.1f} KiB"
                                              for language in (lang.locale for lang in LANGUAGES)) + " |"
              for page_type in PAGE_TYPES]
    report = "\n".join(lines) + "\n"
    (ROOT / "BENCHMARKS.md").write_text(report, encoding="utf-8")
    print(report)
    heaviest = max(weight for by_language in weights.values() for weight in by_language.values())
    return 0 if heaviest <= BUDGET_KIB * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
