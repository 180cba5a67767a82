"""Benchmark: load, validate and render synthetic checklist data in three languages.

Makes a data file with 1,000 checklist items (plus a decision tree of 20 questions and
10 outcomes), then times what the hook does per build: load and validate once, check links and
render once per language. Prints the best of several runs; the target is under 100 ms in total.

usage: python benchmarks/checklist_hook.py [ITEMS] [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from checklist import SitePage, load_checklist, render_checklist, resolve_links, validate_links  # noqa: E402

LANGUAGES = ["en", "ru", "pl"]
SAMPLE = {"en": "Send the invoice on the day the stage is accepted",
          "ru": "Выставляйте счёт в день приёмки этапа",
          "pl": "Wystaw fakturę w dniu odbioru etapu"}
STRINGS = {key: key for key in ("decision_heading", "decision_intro", "outcomes_heading",
                                "outcome_label", "summary_label", "read_more", "start_again",
                                "clear_ticks", "cleared")}
SITE = {"staged-payments": SitePage("staged-payments/", "Staged payments",
                                    {"schemes": "Payment schemes compared"})}


def text(label: str) -> dict[str, str]:
    return {language: f"{SAMPLE[language]} ({label})" for language in LANGUAGES}


def synthetic_data(items: int, questions: int = 20, outcomes: int = 10) -> dict:
    """A valid data set: a chain of questions, each answer branching to the next or an outcome.
    Every link is its own mapping: a shared one would be dumped as a YAML alias, which data
    files refuse."""
    def link() -> dict[str, str]:
        return {"page": "staged-payments", "anchor": "schemes"}

    return {
        "start": "question-0",
        "questions": [
            {"id": f"question-{q}", "text": text(f"q{q}"), "hint": text(f"h{q}"),
             "answers": [
                 {"id": f"question-{q}-yes", "label": text("yes"),
                  "next": f"question-{q + 1}" if q + 1 < questions else "outcome-0"},
                 {"id": f"question-{q}-no", "label": text("no"), "next": f"outcome-{q % outcomes}"},
             ]}
            for q in range(questions)
        ],
        "outcomes": [{"id": f"outcome-{o}", "title": text(f"o{o}"),
                      "payments": [{"share": "100", "when": text("p")}], "fits": text("f"),
                      "receives": text("r"), "summary": text("s"), "why": text("w"),
                      "links": [link()]} for o in range(outcomes)],
        "checklists": [
            {"id": f"list-{c}", "title": text(f"l{c}"),
             "items": [{"id": f"item-{c}-{i}", "text": text(f"i{i}"), "why": text("why"),
                        "link": link()} for i in range(c, items, 3)]}
            for c in range(3)
        ],
    }


def run_once(path: Path, env: Environment) -> tuple[float, float]:
    """Wall and CPU seconds for one build's worth of work: load and validate once, then check
    links and render in each language."""
    wall, cpu = time.perf_counter(), time.process_time()
    data = load_checklist(path, LANGUAGES)
    for language in LANGUAGES:
        validate_links(data, SITE, language)
        render_checklist(env, data, language, resolve_links(data, SITE, "checklist/"), STRINGS)
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(items: int = 1000, runs: int = 9) -> dict[str, float]:
    """Best and median milliseconds, wall clock and CPU, over several runs."""
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checklist.yml"
        path.write_text(yaml.safe_dump(synthetic_data(items), allow_unicode=True), encoding="utf-8")
        timings = [run_once(path, env) for _ in range(runs)]
    walls, cpus = sorted(t[0] * 1000 for t in timings), sorted(t[1] * 1000 for t in timings)
    return {"wall_best": walls[0], "wall_median": walls[runs // 2],
            "cpu_best": cpus[0], "cpu_median": cpus[runs // 2]}


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    result = measure(items, runs)
    print(f"checklist hook: {items} items x {len(LANGUAGES)} languages over {runs} runs: "
          f"best {result['wall_best']:.1f} ms (CPU {result['cpu_best']:.1f} ms), "
          f"median {result['wall_median']:.1f} ms (CPU {result['cpu_median']:.1f} ms); "
          "target < 100 ms")


if __name__ == "__main__":
    main()
