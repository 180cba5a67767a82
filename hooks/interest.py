"""Build the interest calculator page from ``data/rates.yml`` and ``data/interest-examples.yml``.

The rates file holds, for each reference rate (Bank of England, ECB, NBP, Bank of Russia), the
date each value took effect, its source and ``checked_until``; the examples file holds one worked
example per jurisdiction with its expected periods and totals (the tests check them against
``assets/javascripts/interest.js``, so the page's examples cannot drift from the calculator).
This hook validates both files and renders, on each language's ``interest-calculator.md``, the
form (with the rates embedded as JSON, so the page makes no request), the rate tables and the
worked examples in place of the markers below, through ``overrides/partials/interest-*.html``.

The core — :func:`load_rates`, :func:`load_examples`, :func:`render_markers` and the
formatters — is plain functions; :func:`on_page_content` is the thin layer MkDocs calls. A bad
file stops the build with every problem named by file, line and field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from data_files import DataFileError, Lines, read_data_file
from data_schema import DataReader
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from page_markers import swap_markers_or_stop
from site_languages import current_language, page_slug

RATES_FILE = "data/rates.yml"
EXAMPLES_FILE = "data/interest-examples.yml"
PAGE_NAME = "interest-calculator"
TEMPLATES_PAGE = "templates"
SCRIPT = "assets/javascripts/interest.js"
STYLESHEET = "assets/stylesheets/interest.css"
MARKERS = {"<!-- interest-calculator -->": "partials/interest-calculator.html",
           "<!-- interest-rates -->": "partials/interest-rates.html",
           "<!-- interest-examples -->": "partials/interest-examples.html"}
# Each jurisdiction: the series its statutory rate is built on and the currency of its debts.
COUNTRIES = {"uk": ("boe-bank-rate", "GBP"), "eu": ("ecb-main-refinancing-rate", "EUR"),
             "pl": ("nbp-reference-rate", "PLN"), "ru": ("cbr-key-rate", "RUB")}
# The first day the calculator must cover: each series starts with the value in force on it.
COVERAGE_START = date(2020, 1, 1)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RATE = re.compile(r"^\d{1,3}(?:\.\d{1,4})?$")
MONEY = re.compile(r"^\d{1,15}\.\d{2}$")
WHOLE = re.compile(r"^\d{1,6}$")


# --------------------------------------------------------------------------------------------
# The data, as typed classes


@dataclass(frozen=True)
class RateValue:
    """A value of a series: the day it took effect and the rate in per cent a year, as text."""

    start: str
    rate: str


@dataclass(frozen=True)
class RateSeries:
    """One reference rate with its history, its source and the last day the history is known."""

    id: str
    name: str
    source: str
    checked_until: str
    values: list[RateValue]


@dataclass(frozen=True)
class ExamplePeriod:
    """One row of a worked example: the days from ``start`` to ``end`` at ``rate`` per cent."""

    start: str
    end: str
    days: int
    base: str
    rate: str
    interest: str
    year_days: int


@dataclass(frozen=True)
class Example:
    """A worked example: the inputs and what the calculator must give for them."""

    country: str
    amount: str
    due: str
    paid: str
    periods: list[ExamplePeriod]
    interest: str
    compensation: str


class RatesError(DataFileError):
    """The rates or the examples cannot be used; ``problems`` says every reason."""

    subject = "The interest calculator's data"


# --------------------------------------------------------------------------------------------
# Loading and validation


class _Checker(DataReader):
    """The shared reader (data_schema.DataReader: fields, lists, every problem with its line)
    with the values only these files have: dates and rates. The files hold no per-language
    texts."""

    def __init__(self, source: str, lines: Lines) -> None:
        super().__init__(source, lines, languages=[])

    def day(self, value: Any, path: str) -> date | None:
        if isinstance(value, str) and ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        if value is not None:
            self.problem(path, f"{value!r} is not a date; write it as \"YYYY-MM-DD\", in quotes.")
        return None

    def matching(self, value: Any, path: str, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            if value is not None:
                self.problem(path, f"{value!r} is not {what}.")
            return ""
        return value


def _read_series(checker: _Checker, series_id: str, value: Any) -> RateSeries:
    path = f"series.{series_id}"
    fields = checker.mapping(value, path, {"name", "source", "checked_until", "values"},
                             set()) or {}
    name, source = fields.get("name"), fields.get("source")
    if "name" in fields and (not isinstance(name, str) or not name.strip()):
        checker.problem(f"{path}.name", "must be the series' name as text.")
    if "source" in fields and (not isinstance(source, str)
                               or not re.match(r"^https://[^\s/]+\.[^\s]+$", source)):
        checker.problem(f"{path}.source", f"{source!r} is not a source address; give the "
                                          "https:// address of the official table.")
    values: list[RateValue] = []
    previous: date | None = None
    for index, item in enumerate(checker.sequence(fields.get("values"), f"{path}.values")
                                 if "values" in fields else []):
        where = f"{path}.values[{index}]"
        entry = checker.mapping(item, where, {"from", "rate"}, set()) or {}
        start = checker.day(entry.get("from"), f"{where}.from")
        rate = checker.matching(entry.get("rate"), f"{where}.rate", RATE,
                                "a rate in per cent from 0 to 100 with a dot, like \"4.75\"")
        if rate and Decimal(rate) > 100:
            checker.problem(f"{where}.rate", f"{rate!r} is above 100 per cent; check the value.")
        if start and previous and start <= previous:
            checker.problem(f"{where}.from", f"{start} does not come after the previous value's "
                                             f"date ({previous}); list the values in order of "
                                             "their dates, each date once.")
        if start:
            previous = start
        if start and rate:
            values.append(RateValue(start.isoformat(), rate))
    if values and date.fromisoformat(values[0].start) > COVERAGE_START:
        checker.problem(f"{path}.values[0].from", f"the first value starts on {values[0].start}; "
                                                   f"start with the value in force on "
                                                   f"{COVERAGE_START} (with its real start date).")
    checked = checker.day(fields.get("checked_until"), f"{path}.checked_until")
    if checked and previous and checked < previous:
        checker.problem(f"{path}.checked_until", f"{checked} is before the last value's date "
                                                 f"({previous}); the table cannot be checked "
                                                 "up to a day before its own last entry.")
    return RateSeries(series_id, str(name or ""), str(source or ""),
                      checked.isoformat() if checked else "", values)


def _read(path: Path, source: str) -> tuple[Any, _Checker]:
    """A data file's values and the checker that names their problems; a file that cannot be
    read at all raises RatesError."""
    try:
        data, lines = read_data_file(path, source)
    except DataFileError as error:
        raise RatesError(error.problems) from None
    return data, _Checker(source, lines)


def load_rates(path: Path, source: str = RATES_FILE) -> dict[str, RateSeries]:
    """Read and validate the rates file: every series of :data:`COUNTRIES`, by id. Raise
    RatesError naming every problem."""
    data, checker = _read(path, source)
    top = checker.mapping(data, "", {"series"}, set()) or {}
    series = top.get("series")
    found: dict[str, RateSeries] = {}
    if "series" in top and not isinstance(series, dict):
        checker.problem("series", "must be a mapping of series ids to their values.")
    elif isinstance(series, dict):
        expected = {series_id for series_id, _ in COUNTRIES.values()}
        for series_id in sorted(expected - series.keys()):
            checker.problem("series", f"the series '{series_id}' is missing; add it.")
        for series_id in sorted(series.keys() - expected):
            checker.problem(f"series.{series_id}", f"unknown series '{series_id}'; expected "
                                                   f"{', '.join(sorted(expected))}.")
        for series_id in sorted(expected & series.keys()):
            found[series_id] = _read_series(checker, series_id, series[series_id])
    if checker.problems:
        raise RatesError(checker.problems)
    return found


def load_examples(path: Path, source: str = EXAMPLES_FILE) -> list[Example]:
    """Read and validate the worked examples: one per jurisdiction, in the order of
    :data:`COUNTRIES`. Their figures are checked against the calculator by the tests."""
    data, checker = _read(path, source)
    top = checker.mapping(data, "", {"examples"}, set()) or {}
    examples: list[Example] = []
    for index, item in enumerate(checker.sequence(top.get("examples"), "examples")
                                 if "examples" in top else []):
        where = f"examples[{index}]"
        fields = checker.mapping(item, where, {"country", "amount", "due", "paid", "periods",
                                               "interest", "compensation"}, set()) or {}
        country = fields.get("country")
        if "country" in fields and country not in COUNTRIES:
            checker.problem(f"{where}.country", f"{country!r} is not one of "
                                                f"{', '.join(COUNTRIES)}.")
        due = checker.day(fields.get("due"), f"{where}.due")
        paid = checker.day(fields.get("paid"), f"{where}.paid")
        if due and paid and paid <= due:
            checker.problem(f"{where}.paid", "an example must be paid after its due date.")
        money = "an amount with a dot and two decimals, like \"10000.00\""
        periods = []
        for row_index, row in enumerate(checker.sequence(fields.get("periods"),
                                                         f"{where}.periods")
                                        if "periods" in fields else []):
            at = f"{where}.periods[{row_index}]"
            cells = checker.mapping(row, at, {"from", "to", "days", "base", "rate", "interest"},
                                    set()) or {}
            start, end = checker.day(cells.get("from"), f"{at}.from"), \
                checker.day(cells.get("to"), f"{at}.to")
            days = checker.matching(cells.get("days"), f"{at}.days", WHOLE, "a number of days")
            if start and end and days and (end - start).days + 1 != int(days):
                checker.problem(f"{at}.days", f"{start} to {end} is {(end - start).days + 1} "
                                              f"days, not {days}.")
            leap = bool(start) and start.year % 4 == 0 and (start.year % 100 != 0
                                                             or start.year % 400 == 0)
            periods.append(ExamplePeriod(
                str(cells.get("from")), str(cells.get("to")), int(days or 0),
                checker.matching(cells.get("base"), f"{at}.base", RATE, "a rate like \"4.75\""),
                checker.matching(cells.get("rate"), f"{at}.rate", RATE, "a rate like \"12.75\""),
                checker.matching(cells.get("interest"), f"{at}.interest", MONEY, money),
                366 if country == "ru" and leap else 365))
        examples.append(Example(
            str(country), checker.matching(fields.get("amount"), f"{where}.amount", MONEY, money),
            str(fields.get("due")), str(fields.get("paid")), periods,
            checker.matching(fields.get("interest"), f"{where}.interest", MONEY, money),
            checker.matching(fields.get("compensation"), f"{where}.compensation", MONEY, money)))
    covered = [example.country for example in examples]
    if not checker.problems and covered != list(COUNTRIES):
        checker.problem("examples", f"give one example per jurisdiction in the order "
                                    f"{', '.join(COUNTRIES)}; found {', '.join(covered)}.")
    if checker.problems:
        raise RatesError(checker.problems)
    return examples


# --------------------------------------------------------------------------------------------
# Formatting in the page's language (interest.js formats its results the same way, from the
# same `format` settings, embedded in the page)


def format_number(plain: str, settings: dict[str, Any]) -> str:
    """A plain "1234.56" in the language's digits: "1,234.56", "1 234,56", "1234,56"."""
    whole, _, fraction = plain.partition(".")
    if len(whole) >= int(settings["group_from"]):
        whole = re.sub(r"\B(?=(\d{3})+(?!\d))", settings["group"], whole)
    return f"{whole}{settings['decimal']}{fraction}" if fraction else whole


def format_money(plain: str, currency: str, settings: dict[str, Any]) -> str:
    """An amount with its currency, as the language writes it (£1,234.56; 1 234,56 zł)."""
    return settings["currencies"][currency].replace("{amount}", format_number(plain, settings))


def format_rate(plain: str, settings: dict[str, Any]) -> str:
    """A rate with at least two decimals and the language's per cent sign (4.75%, 4,75 %)."""
    whole, _, fraction = plain.partition(".")
    fraction = (fraction + "00")[:max(2, len(fraction.rstrip("0")))]
    return settings["percent"].replace("{rate}", format_number(f"{whole}.{fraction}", settings))


def fill(template: str, **values: str) -> str:
    """A text with its {placeholders} filled in (unknown ones are left as written)."""
    return re.sub(r"\{(\w+)\}", lambda match: str(values.get(match.group(1), match.group(0))),
                  template)


def format_date(iso: str, date_pattern: str, months: list[str]) -> str:
    """An ISO date in the language's words: "1 July 2025", "1 июля 2025 г."."""
    day = date.fromisoformat(iso)
    return date_pattern.format(day=day.day, month=months[day.month - 1], year=day.year)


# --------------------------------------------------------------------------------------------
# Rendering


def page_data(rates: dict[str, RateSeries], strings: dict[str, Any],
              settings: dict[str, Any]) -> str:
    """The JSON the page's script reads: the rates, the interface strings and the formats;
    escaped so that it cannot end its <script> element."""
    payload = {"rates": {series.id: {"checked_until": series.checked_until,
                                     "values": [{"from": value.start, "rate": value.rate}
                                                for value in series.values]}
                         for series in rates.values()},
               "strings": strings, "format": settings}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace(
        "<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_markers(env: Environment, rates: dict[str, RateSeries], examples: list[Example],
                   strings: dict[str, Any], date_pattern: str, months: list[str],
                   script_url: str, templates_url: str, stylesheet_url: str
                   ) -> dict[str, str]:
    """The HTML for each marker of the page in one language; all data text is escaped."""
    settings = dict(strings["format"], date=date_pattern, months=months)
    interface = {key: value for key, value in strings.items() if key != "format"}
    context = {
        "rates": rates, "examples": examples, "countries": COUNTRIES, "strings": strings,
        "script_url": script_url, "templates_url": templates_url,
        "stylesheet_url": stylesheet_url,
        "data_json": page_data(rates, interface, settings),
        "number": lambda plain: format_number(plain, settings),
        "money": lambda plain, currency: format_money(plain, currency, settings),
        "rate": lambda plain: format_rate(plain, settings),
        "day": lambda iso: format_date(iso, date_pattern, months),
        "fill": fill,
        "plus": lambda first, second: str(Decimal(first) + Decimal(second)),
        "points": lambda rate, base: format((Decimal(rate) - Decimal(base)).normalize(), "f"),
    }
    return {marker: env.get_template(template).render(context)
            for marker, template in MARKERS.items()}


# --------------------------------------------------------------------------------------------
# The MkDocs layer


_loaded: dict[tuple[Any, ...], tuple[dict[str, RateSeries], list[Example]]] = {}


def _load_once(folder: Path) -> tuple[dict[str, RateSeries], list[Example]]:
    """Load both files once per build (every language asks again); an edited file anew."""
    paths = (folder / RATES_FILE, folder / EXAMPLES_FILE)
    key = tuple((path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
                for path in paths)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = (load_rates(paths[0]), load_examples(paths[1]))
    return _loaded[key]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """On the calculator page of each language: swap the markers for the form, the rate tables
    and the worked examples."""
    language = current_language(config)
    if page_slug(page.file.src_uri, language) != PAGE_NAME:
        return html
    try:
        rates, examples = _load_once(Path(config.config_file_path).parent)
    except RatesError as error:
        raise PluginError(str(error)) from None
    templates = next((file for file in files.documentation_pages()
                      if page_slug(file.src_uri, language) == TEMPLATES_PAGE), None)
    strings = config.extra["strings"]
    rendered = render_markers(
        config.theme.get_env(), rates, examples, strings["interest"], strings["date"],
        strings["months"], get_relative_url(SCRIPT, page.url),
        get_relative_url(templates.url, page.url) if templates else "",
        get_relative_url(STYLESHEET, page.url))
    return swap_markers_or_stop(html, rendered, page.file.src_uri)
