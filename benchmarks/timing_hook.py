"""A hook for benchmarks only: prints how long each language's build takes.

Added by benchmarks/site.py through a temporary configuration that inherits mkdocs.yml.
"""

from __future__ import annotations

import time

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

_started: dict[str, float] = {}


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    _started[config.plugins["i18n"].current_language or "?"] = time.perf_counter()


@event_priority(100)  # before the i18n plugin starts building the other languages
def on_post_build(config: MkDocsConfig) -> None:
    language = config.plugins["i18n"].current_language
    print(f"BENCH language={language} seconds={time.perf_counter() - _started[language]:.3f}",
          flush=True)
