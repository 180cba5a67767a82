"""The interest calculator's core (assets/javascripts/interest.js) under Node, against the
vectors of tests/vectors/interest.yml and an independent reference in exact fractions (issue 11).

The reference follows the rules day by day — each late day earns amount × rate ÷ days in the
year, with the rate read by the jurisdiction's rule for that day — where interest.js works in
periods, so the two agree only if both apply the rules the same way. The vectors hold the
expected figures (several checked by hand); all three must agree to the cent. The page's worked
examples (data/interest-examples.yml) are checked the same way against data/rates.yml.
"""

from __future__ import annotations

import calendar
import json
import subprocess
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

import interest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "interest.js"
VECTORS = ROOT / "tests" / "vectors" / "interest.yml"
FROZEN_RATES = ROOT / "tests" / "fixtures" / "interest" / "rates.yml"
ISSUE_CASE = ("10000.00", "2025-03-31", "2025-08-15")
MIN_VECTORS = 15
SERIES = {"uk": "boe-bank-rate", "eu": "ecb-main-refinancing-rate", "pl": "nbp-reference-rate",
          "ru": "cbr-key-rate"}
MARGIN = {"uk": 8, "eu": 8, "pl": 10, "ru": 0}


def cents(value: Fraction) -> str:
    """A non-negative amount rounded half-up to two places, as plain text ("478.56")."""
    hundredths = int(value * 100 + Fraction(1, 2))
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def rate_on(series: dict[str, Any], day: date, assumed: Fraction | None) -> Fraction:
    """The series' value in force on ``day``; after checked_until, the assumed rate (the last
    known value unless given)."""
    if day > date.fromisoformat(series["checked_until"]):
        return assumed if assumed is not None else Fraction(series["values"][-1]["rate"])
    known = [Fraction(value["rate"]) for value in series["values"]
             if date.fromisoformat(value["from"]) <= day]
    return known[-1]


def reading_day(country: str, late_day: date, first_late_day: date) -> date:
    """The day whose reference rate applies to ``late_day``."""
    if country == "uk":  # fixed for the debt: 31 Dec or 30 Jun before it became late
        if first_late_day.month <= 6:
            return date(first_late_day.year - 1, 12, 31)
        return date(first_late_day.year, 6, 30)
    if country in ("eu", "pl"):  # the half-year's first day
        return date(late_day.year, 1 if late_day.month <= 6 else 7, 1)
    return late_day  # Russia: the key rate of that very day


def compensation(country: str, amount: Fraction, days: int) -> Fraction | None:
    """The fixed compensation in its own currency (GBP or EUR); None in Russia."""
    if country == "ru":
        return None
    if days == 0:
        return Fraction(0)
    if country == "uk":
        return Fraction(40 if amount < 1000 else 70 if amount < 10000 else 100)
    if country == "pl":
        return Fraction(40 if amount <= 5000 else 70 if amount < 50000 else 100)
    return Fraction(40)


def reference(vector: dict[str, Any], rates: dict[str, Any]) -> dict[str, str | None]:
    """Interest, compensation and (Poland, with an exchange rate) the compensation in złoty."""
    country = vector["country"]
    amount = Fraction(vector["amount"])
    due, paid = date.fromisoformat(vector["due"]), date.fromisoformat(vector["paid"])
    assumed = Fraction(vector["assumed_rate"]) if vector.get("assumed_rate") else None
    series = rates[SERIES[country]]
    days = max((paid - due).days, 0)
    total = Fraction(0)
    for offset in range(1, days + 1):
        day = due + timedelta(days=offset)
        rate = rate_on(series, reading_day(country, day, due + timedelta(days=1)), assumed)
        year_days = 366 if country == "ru" and calendar.isleap(day.year) else 365
        total += amount * (rate + MARGIN[country]) / 100 / year_days
    fixed = compensation(country, amount, days)
    local = None
    if country == "pl" and vector.get("exchange_rate"):
        local = cents(fixed * Fraction(vector["exchange_rate"]))
    return {"interest": cents(total), "compensation": "0.00" if fixed is None else cents(fixed),
            "compensation_local": local}


NODE_DRIVER = """
const core = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map((c) => {
  try {
    return core.calculate({country: c.country, amount: c.amount, due: c.due, paid: c.paid,
                           rates: input.rates, assumedRate: c.assumed_rate || null,
                           exchangeRate: c.exchange_rate || null});
  } catch (error) {
    return {error: String(error)};
  }
});
process.stdout.write(JSON.stringify(out));
"""


def run_node(cases: list[dict[str, Any]], rates: dict[str, Any]) -> list[dict[str, Any]]:
    """interest.js's ``calculate`` on each case, in one Node process."""
    result = subprocess.run(["node", "-e", NODE_DRIVER, str(SCRIPT)],
                            input=json.dumps({"cases": cases, "rates": rates}),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def rates_for_script(path: Path) -> dict[str, Any]:
    """A rates file, validated by the build's own loader, in the shape the page embeds."""
    return {series.id: {"checked_until": series.checked_until,
                        "values": [{"from": value.start, "rate": value.rate}
                                   for value in series.values]}
            for series in interest.load_rates(path).values()}


def working(outcome: dict[str, Any]) -> list[str]:
    """interest.js's periods as the vectors' working lines."""
    return [f"{p['from']} to {p['to']}: {p['days']} d at {p['rate']}% / {p['yearDays']} = "
            f"{p['interest']}" for p in outcome["periods"]]


VECTOR_LIST = yaml.safe_load(VECTORS.read_text(encoding="utf-8"))["vectors"]
VECTOR_IDS = [vector["id"] for vector in VECTOR_LIST]


@pytest.fixture(scope="module")
def frozen_rates() -> dict[str, Any]:
    return rates_for_script(FROZEN_RATES)


@pytest.fixture(scope="module")
def script_results(frozen_rates: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """interest.js's result for every vector, by vector id (one Node process)."""
    return dict(zip(VECTOR_IDS, run_node(VECTOR_LIST, frozen_rates)))


def test_enough_vectors_for_every_jurisdiction_and_the_issue_case() -> None:
    counts = Counter(vector["country"] for vector in VECTOR_LIST)
    assert set(counts) == set(SERIES) and min(counts.values()) >= MIN_VECTORS, counts
    assert len(set(VECTOR_IDS)) == len(VECTOR_IDS), "vector ids must be unique"
    for country in SERIES:
        assert any(country == v["country"] and (v["amount"], v["due"], v["paid"]) == ISSUE_CASE
                   for v in VECTOR_LIST), f"{country}: the issue's case is missing"
    amounts = {(v["country"], v["amount"]) for v in VECTOR_LIST}
    for threshold in [("uk", "999.99"), ("uk", "1000.00"), ("uk", "9999.99"), ("uk", "10000.00"),
                      ("pl", "5000.00"), ("pl", "5000.01"), ("pl", "49999.99"),
                      ("pl", "50000.00")]:
        assert threshold in amounts, f"no vector at the threshold {threshold}"


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=VECTOR_IDS)
def test_script_agrees_with_the_vector(vector: dict[str, Any],
                                       script_results: dict[str, dict[str, Any]]) -> None:
    outcome = script_results[vector["id"]]
    assert "error" not in outcome, outcome
    assert outcome["interest"] == vector["interest"]
    assert outcome["compensation"] == vector["compensation"]
    assert outcome["compensationLocal"] == vector.get("compensation_local")
    assert working(outcome) == vector["working"]
    assert outcome["days"] == max((date.fromisoformat(vector["paid"])
                                   - date.fromisoformat(vector["due"])).days, 0)
    assert (outcome["assumption"] is not None) == ("assumed" in vector["note"])
    added = Fraction(vector.get("compensation_local") or
                     ("0" if vector["country"] == "pl" and vector["compensation"] != "0.00"
                      else vector["compensation"]))
    claim = cents(Fraction(vector["amount"]) + Fraction(vector["interest"]) + added)
    assert outcome["subtotal"] == cents(Fraction(vector["amount"]) + Fraction(vector["interest"]))
    if vector["country"] == "pl" and vector["compensation"] != "0.00" and \
            not vector.get("exchange_rate"):
        assert outcome["claim"] is None  # złoty and euro are not added up
    else:
        assert outcome["claim"] == claim


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=VECTOR_IDS)
def test_reference_agrees_with_the_vector(vector: dict[str, Any],
                                          frozen_rates: dict[str, Any]) -> None:
    expected = {"interest": vector["interest"], "compensation": vector["compensation"],
                "compensation_local": vector.get("compensation_local")}
    assert reference(vector, frozen_rates) == expected


def test_worked_examples_on_the_page_are_what_the_calculator_gives() -> None:
    rates = rates_for_script(ROOT / "data" / "rates.yml")
    examples = interest.load_examples(ROOT / "data" / "interest-examples.yml")
    cases = [{"country": e.country, "amount": e.amount, "due": e.due, "paid": e.paid}
             for e in examples]
    for example, case, outcome in zip(examples, cases, run_node(cases, rates)):
        assert outcome["interest"] == example.interest == reference(case, rates)["interest"]
        assert outcome["compensation"] == example.compensation
        assert [(p["from"], p["to"], p["days"], p["base"], p["rate"], p["interest"])
                for p in outcome["periods"]] == [
            (p.start, p.end, p.days, p.base, p.rate, p.interest) for p in example.periods]
        assert (example.amount, example.due, example.paid) == ISSUE_CASE


AMOUNTS = {"1 234,56": "1234.56", "1,234.56": "1234.56", "1234.56": "1234.56",
           "1.234,56": "1234.56", "1\u00a0234,5": "1234.50", "1,234": "1234.00", "12,34": "12.34",
           "1 000 000": "1000000.00", "0": None, "-5": None, "1.234.56": None,
           "12345,678": None, "1,23,456": None, "abc": None, "": None, "1e3": None}


def test_each_period_says_what_one_more_day_adds(frozen_rates: dict[str, Any]) -> None:
    """The demand sentence quotes the daily amount at the last rate: amount × rate ÷ days."""
    cases = [{"country": "uk", "amount": "10000", "due": "2025-03-31", "paid": "2025-08-15"},
             {"country": "ru", "amount": "10000", "due": "2024-02-27", "paid": "2024-03-05"}]
    uk, ru = run_node(cases, frozen_rates)
    assert uk["periods"][-1]["daily"] == cents(Fraction(10000) * Fraction("0.1275") / 365)
    assert ru["periods"][-1]["daily"] == cents(Fraction(10000) * Fraction("0.16") / 366)


def test_amounts_in_every_accepted_form() -> None:
    driver = ("const core = require(process.argv[1]);"
              "const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(items.map((t) => {"
              "  const cents = core.parseAmount(t);"
              "  return cents === null ? null : core.centsText(cents); })));")
    result = subprocess.run(["node", "-e", driver, str(SCRIPT)], input=json.dumps(list(AMOUNTS)),
                            capture_output=True, text=True, timeout=60, check=True)
    assert dict(zip(AMOUNTS, json.loads(result.stdout))) == AMOUNTS
