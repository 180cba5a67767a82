// The late-payment interest calculator (partials/interest-calculator.html), on its page only.
// The core (calculate and the parsers) is exact: money in pence/cents as BigInt, each period's
// interest a fraction, only the total rounded half-up to two places. It is exported for Node,
// where the tests run it against independent vectors; in a browser the glue below reads the
// rate table embedded at build time (no request is made) and fills #calc-result.
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var RATE_SCALE = 10000n; // rates in ten-thousandths of a per cent point: "4.75" → 47500n
  var SERIES = {uk: "boe-bank-rate", eu: "ecb-main-refinancing-rate",
                pl: "nbp-reference-rate", ru: "cbr-key-rate"};
  var MARGIN = {uk: 80000n, eu: 80000n, pl: 100000n, ru: 0n};
  var CURRENCY = {uk: "GBP", eu: "EUR", pl: "PLN", ru: "RUB"};
  // Poland's +10 points and 40/70/100 euro apply to contracts from 1 January 2020 (before that:
  // +8 points and a flat 40 euro), so an earlier due date is not worked out under them.
  var RULES_FROM = {pl: "2020-01-01"};

  // ---------------------------------------------------------------------------------------
  // Dates: whole days since 1970-01-01 (UTC), so that a difference is a number of days.

  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ""));
    if (!match) {
      return null;
    }
    var year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    var time = Date.UTC(year, month - 1, day);
    var back = new Date(time);
    if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 ||
        back.getUTCDate() !== day) {
      return null;
    }
    return time / DAY_MS;
  }

  function isoDate(days) {
    return new Date(days * DAY_MS).toISOString().slice(0, 10);
  }

  function dayOf(year, month, day) {
    return Date.UTC(year, month - 1, day) / DAY_MS;
  }

  function yearOf(days) {
    return new Date(days * DAY_MS).getUTCFullYear();
  }

  function monthOf(days) {
    return new Date(days * DAY_MS).getUTCMonth() + 1;
  }

  function daysInYear(year) {
    return dayOf(year + 1, 1, 1) - dayOf(year, 1, 1);
  }

  // ---------------------------------------------------------------------------------------
  // Numbers: amounts as BigInt cents, rates as BigInt ten-thousandths, sums as fractions.

  // "1 234,56", "1,234.56", "1.234,56", "1234.56", "1234" → 123456n; anything else → null.
  // The last "," or "." followed by one or two digits is the decimal mark; the other marks
  // (and spaces) must group the whole part by threes.
  function parseAmount(text) {
    var compact = String(text == null ? "" : text).trim().replace(/[\s\u00a0\u202f\u2009']/g, "");
    var match = /^(\d+|\d{1,3}(?:[.,]\d{3})+)(?:[.,](\d{1,2}))?$/.exec(compact);
    if (!match || compact.length > 20) {
      return null;
    }
    var whole = match[1], fraction = match[2] || "";
    var marks = whole.replace(/\d/g, "");
    var decimalMark = fraction ? compact.charAt(compact.length - fraction.length - 1) : "";
    if (marks && (marks.split(marks[0]).join("") !== "" || decimalMark === marks[0])) {
      return null; // mixed group marks, or the same mark grouping and marking the decimals
    }
    var cents = BigInt(whole.replace(/[.,]/g, "")) * 100n + BigInt((fraction + "00").slice(0, 2));
    return cents > 0n ? cents : null;
  }

  // "4.75" or "4,75" (0–100, at most four decimals) → 47500n; anything else → null.
  function parseRate(text) {
    var match = /^(\d{1,3})(?:[.,](\d{1,4}))?$/.exec(String(text == null ? "" : text).trim());
    if (!match) {
      return null;
    }
    var value = BigInt(match[1]) * RATE_SCALE + BigInt(((match[2] || "") + "0000").slice(0, 4));
    return value <= 100n * RATE_SCALE ? value : null;
  }

  function gcd(a, b) {
    while (b) {
      var rest = a % b;
      a = b;
      b = rest;
    }
    return a;
  }

  function addFractions(a, b) {
    var numerator = a[0] * b[1] + b[0] * a[1], denominator = a[1] * b[1];
    var divisor = gcd(numerator, denominator) || 1n;
    return [numerator / divisor, denominator / divisor];
  }

  // A non-negative fraction of cents, rounded half-up to whole cents.
  function roundHalfUp(fraction) {
    return (2n * fraction[0] + fraction[1]) / (2n * fraction[1]);
  }

  // 123456n → "1234.56" (the plain form of data-interest and of the vectors).
  function centsText(cents) {
    var text = cents.toString().padStart(3, "0");
    return text.slice(0, -2) + "." + text.slice(-2);
  }

  // 127500n → "12.75"; at least two decimals, no trailing zeros beyond them.
  function rateText(rate) {
    var text = (rate / RATE_SCALE).toString() + "." +
      (rate % RATE_SCALE).toString().padStart(4, "0");
    return text.replace(/(\.\d\d\d?)0$/, "$1").replace(/(\.\d\d)0$/, "$1");
  }

  // ---------------------------------------------------------------------------------------
  // The rules.

  // The reference rate in force on a day: the value with the latest start on or before it.
  // After the series' checked_until the reader's assumed rate applies instead.
  function referenceRate(series, day, assumed) {
    if (day > parseDate(series.checked_until)) {
      return {rate: assumed, assumed: true};
    }
    var found = null;
    series.values.forEach(function (value) {
      if (parseDate(value.from) <= day) {
        found = parseRate(value.rate);
      }
    });
    if (found === null) {
      throw new RangeError("no reference rate is known for " + isoDate(day));
    }
    return {rate: found, assumed: false};
  }

  // The first day of the half-year after the one holding `day` (1 July or 1 January).
  function nextHalfYear(day) {
    var year = yearOf(day);
    return monthOf(day) <= 6 ? dayOf(year, 7, 1) : dayOf(year + 1, 1, 1);
  }

  // Spans [from, to] (inclusive day numbers) with the day on which the rate is read.
  function spans(country, series, first, last) {
    var result = [], start = first, end, reference, year;
    if (country === "uk") {
      // Late Payment Act: the rate on 31 December (late 1 Jan–30 Jun) or 30 June (late 1
      // Jul–31 Dec), fixed for the debt.
      year = yearOf(first);
      reference = monthOf(first) <= 6 ? dayOf(year - 1, 12, 31) : dayOf(year, 6, 30);
      return [{from: first, to: last, reference: reference}];
    }
    if (country === "eu" || country === "pl") {
      while (start <= last) {
        end = Math.min(nextHalfYear(start) - 1, last);
        result.push({from: start, to: end,
                     reference: monthOf(start) <= 6 ? dayOf(yearOf(start), 1, 1)
                                                    : dayOf(yearOf(start), 7, 1)});
        start = end + 1;
      }
      return result;
    }
    // Russia: the key rate of each day; split at every change, at 1 January (the year's days)
    // and after checked_until (the assumed rate begins).
    var breaks = series.values.map(function (value) { return parseDate(value.from); });
    breaks.push(parseDate(series.checked_until) + 1);
    while (start <= last) {
      end = Math.min(dayOf(yearOf(start) + 1, 1, 1) - 1, last);
      breaks.forEach(function (day) {
        if (day > start && day - 1 < end) {
          end = day - 1;
        }
      });
      result.push({from: start, to: end, reference: start});
      start = end + 1;
    }
    return result;
  }

  // The compensation for recovery costs in its own currency (cents), or null (Russia).
  function compensation(country, amount) {
    if (country === "uk") {
      return amount < 100000n ? 4000n : amount < 1000000n ? 7000n : 10000n;
    }
    if (country === "pl") {
      return amount <= 500000n ? 4000n : amount < 5000000n ? 7000n : 10000n;
    }
    return country === "eu" ? 4000n : null;
  }

  // The calculation. Input: country (uk|eu|pl|ru), amount (text or BigInt cents), due and paid
  // (ISO dates), rates (the series by id, as in data/rates.yml), assumedRate (the reference rate
  // to use after checked_until, as text; the last known value when absent) and exchangeRate
  // (optional, złoty per euro, for Poland). Amounts in the result are plain "1234.56" texts.
  function calculate(input) {
    var country = input.country;
    if (!SERIES[country]) {
      throw new RangeError("unknown country " + country);
    }
    var amount = typeof input.amount === "bigint" ? input.amount : parseAmount(input.amount);
    var due = parseDate(input.due), paid = parseDate(input.paid);
    if (amount === null || due === null || paid === null) {
      throw new RangeError("the amount and both dates are needed");
    }
    var series = input.rates[SERIES[country]];
    var lastKnown = parseRate(series.values[series.values.length - 1].rate);
    var assumed = input.assumedRate == null || input.assumedRate === ""
      ? lastKnown : parseRate(input.assumedRate);
    if (assumed === null) {
      throw new RangeError("the assumed rate is not a rate");
    }
    var days = Math.max(paid - due, 0);
    var total = [0n, 1n], periods = [], usesAssumed = false;
    if (days > 0) {
      spans(country, series, due + 1, paid).forEach(function (span) {
        var reference = referenceRate(series, span.reference, assumed);
        var rate = reference.rate + MARGIN[country];
        var count = span.to - span.from + 1;
        var yearDays = country === "ru" ? daysInYear(yearOf(span.from)) : 365;
        var interest = [amount * rate * BigInt(count), RATE_SCALE * 100n * BigInt(yearDays)];
        usesAssumed = usesAssumed || reference.assumed;
        total = addFractions(total, interest);
        periods.push({from: isoDate(span.from), to: isoDate(span.to), days: count,
                      yearDays: yearDays, base: rateText(reference.rate), rate: rateText(rate),
                      interest: centsText(roundHalfUp(interest)), assumed: reference.assumed,
                      daily: centsText(roundHalfUp([amount * rate,
                                                    RATE_SCALE * 100n * BigInt(yearDays)]))});
      });
    }
    var interestCents = roundHalfUp(total);
    var fixed = days > 0 ? compensation(country, amount) : (country === "ru" ? null : 0n);
    var exchange = input.exchangeRate ? parseRate(input.exchangeRate) : null;
    var fixedLocal = null;
    if (country === "pl" && fixed !== null && exchange) {
      fixedLocal = roundHalfUp([fixed * exchange, RATE_SCALE]);
    }
    // The claim in the invoice's currency; for Poland only once the euro sum is in złoty.
    var claim = null;
    if (country !== "pl") {
      claim = amount + interestCents + (fixed || 0n);
    } else if (fixedLocal !== null || fixed === 0n) {
      claim = amount + interestCents + (fixedLocal || 0n);
    }
    return {
      country: country, currency: CURRENCY[country], amount: centsText(amount),
      due: isoDate(due), paid: isoDate(paid), days: days, periods: periods,
      interest: centsText(interestCents),
      compensation: fixed === null ? "0.00" : centsText(fixed),
      compensationCurrency: country === "uk" ? "GBP" : country === "ru" ? null : "EUR",
      compensationLocal: fixedLocal === null ? null : centsText(fixedLocal),
      claim: claim === null ? null : centsText(claim),
      subtotal: centsText(amount + interestCents),
      assumption: usesAssumed ? {after: series.checked_until, rate: rateText(assumed),
                                 lastKnown: rateText(lastKnown)} : null,
      checkedUntil: series.checked_until, lastKnown: rateText(lastKnown)
    };
  }

  var core = {calculate: calculate, parseAmount: parseAmount, parseRate: parseRate,
              parseDate: parseDate, centsText: centsText, SERIES: SERIES};
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  }
  if (typeof document === "undefined") {
    return;
  }

  // ---------------------------------------------------------------------------------------
  // The page: format in the page's language, validate the fields, show the result.

  var root = document.querySelector("[data-interest-calculator]");
  var dataElement = document.getElementById("interest-data");
  if (!root || !dataElement) {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var strings = data.strings, format = data.format;
  var form = {
    country: document.getElementById("calc-country"),
    amount: document.getElementById("calc-amount"),
    due: document.getElementById("calc-due"),
    paid: document.getElementById("calc-paid"),
    exchange: document.getElementById("calc-exchange-rate"),
    assumed: document.getElementById("calc-assumed-rate")
  };
  var result = document.getElementById("calc-result");

  // "1234567.89" → "1,234,567.89" / "1 234 567,89" / "1 234 567,89"; shorter whole parts are
  // grouped only from format.group_from digits (Polish writes 5000 but 12 000).
  function number(plain) {
    var parts = String(plain).split(".");
    var whole = parts[0];
    if (whole.length >= format.group_from) {
      whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, format.group);
    }
    return parts.length > 1 ? whole + format.decimal + parts[1] : whole;
  }

  function money(plain, currency) {
    return format.currencies[currency].replace("{amount}", number(plain));
  }

  function percent(rate) {
    return format.percent.replace("{rate}", number(rate));
  }

  function date(iso) {
    var parts = iso.split("-");
    return format.date.replace("{day}", String(Number(parts[2])))
      .replace("{month}", format.months[Number(parts[1]) - 1]).replace("{year}", parts[0]);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  // Mark a field invalid with its message next to it, or clear it. An empty field the reader
  // has not reached yet is left unmarked.
  var touched = {};
  function mark(field, message) {
    if (message && !field.value && !touched[field.id]) {
      message = "";
    }
    var note = document.getElementById(field.id + "-error");
    note.textContent = message || "";
    note.hidden = !message;
    if (message) {
      field.setAttribute("aria-invalid", "true");
    } else {
      field.removeAttribute("aria-invalid");
    }
  }

  function today() {
    var now = new Date();
    return isoDate(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
  }

  var assumedBox = document.getElementById("calc-assumed");
  var exchangeBox = document.getElementById("calc-exchange");
  var copyButton = document.getElementById("calc-copy");
  var status = document.getElementById("calc-copy-status");
  var assumedCountry = null;

  // The periods in a table styled and scrolled like the theme's own (a scroll box that the
  // keyboard can reach, named for screen readers).
  function periodsTable(outcome) {
    var wrap = element("div", null, "md-typeset__scrollwrap");
    var inner = element("div", null, "md-typeset__table");
    var table = element("table");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", strings.periods_label);
    wrap.tabIndex = 0;
    wrap.appendChild(inner);
    inner.appendChild(table);
    var head = table.createTHead().insertRow();
    strings.columns.forEach(function (label) {
      var cell = element("th", label);
      cell.scope = "col";
      head.appendChild(cell);
    });
    var body = table.createTBody();
    outcome.periods.forEach(function (period) {
      var row = body.insertRow();
      [date(period.from), date(period.to), String(period.days),
       percent(period.rate) + (period.assumed ? " " + strings.assumed_mark : ""),
       money(period.interest, outcome.currency)].forEach(function (text) {
        row.appendChild(element("td", text));
      });
    });
    return wrap;
  }

  // The sentence for a demand: the rate of each period (one rate without its dates, which the
  // sentence already gives), what a further day adds at the last rate, and the compensation
  // (for Poland also in złoty once the exchange rate is given).
  function demandSentence(outcome) {
    var periods = outcome.periods;
    var rates = periods.length === 1
      ? fill(strings.demand_single, {rate: percent(periods[0].rate)})
      : periods.map(function (period) {
        return fill(strings.demand_period, {rate: percent(period.rate), from: date(period.from),
                                            to: date(period.to)});
      }).join(strings.demand_joiner);
    var compensation = "";
    if (outcome.compensationCurrency !== null) { // Russia has no fixed compensation
      var fixed = money(outcome.compensation, outcome.compensationCurrency);
      if (outcome.compensationLocal !== null) {
        fixed += " = " + money(outcome.compensationLocal, outcome.currency);
      }
      compensation = fill(strings.demand_compensation, {compensation: fixed});
    }
    return fill(strings.demand, {law: strings.laws[outcome.country],
                                 amount: money(outcome.amount, outcome.currency),
                                 from: date(periods[0].from), to: date(outcome.paid),
                                 rates: rates, interest: money(outcome.interest, outcome.currency),
                                 daily: money(periods[periods.length - 1].daily, outcome.currency),
                                 compensation: compensation});
  }

  function show(outcome) {
    var parts = [];
    result.setAttribute("data-interest", outcome.interest);
    result.setAttribute("data-compensation", outcome.compensation);
    if (outcome.days === 0) {
      parts.push(element("p", strings.not_late));
    } else {
      parts.push(element("p", fill(strings.days, {days: String(outcome.days),
                                                   from: date(outcome.periods[0].from),
                                                   to: date(outcome.paid)})));
      parts.push(periodsTable(outcome));
    }
    var totals = element("dl", null, "interest-totals");
    function total(label, value) {
      totals.appendChild(element("dt", label));
      totals.appendChild(element("dd", value));
    }
    total(strings.total_interest, money(outcome.interest, outcome.currency));
    if (outcome.compensationCurrency) {
      var fixed = money(outcome.compensation, outcome.compensationCurrency);
      if (outcome.compensationLocal !== null) {
        fixed += " = " + money(outcome.compensationLocal, outcome.currency);
      }
      total(strings.compensation, fixed);
    }
    total(strings.claim, outcome.claim !== null ? money(outcome.claim, outcome.currency)
      : money(outcome.subtotal, outcome.currency) + " + " + money(outcome.compensation, "EUR"));
    parts.push(totals);
    if (outcome.country === "pl" && outcome.days > 0) {
      parts.push(element("p", strings.conversion_note, "interest-note"));
    }
    if (outcome.assumption) {
      parts.push(element("p", fill(strings.assumed_note, {date: date(outcome.assumption.after),
                                                          rate: percent(outcome.assumption.rate)}),
                         "interest-note"));
    }
    if (outcome.periods.length > 1) {
      parts.push(element("p", strings.rounding_note, "interest-note"));
    }
    var output = document.getElementById("calc-output");
    output.replaceChildren.apply(output, parts);
    var demand = document.getElementById("calc-demand");
    demand.hidden = outcome.days === 0;
    if (outcome.days > 0) {
      document.getElementById("calc-demand-text").textContent = demandSentence(outcome);
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-demand-country]"),
      function (link) {
        link.hidden = link.getAttribute("data-demand-country") !== outcome.country;
      });
  }

  function clear() {
    result.setAttribute("data-interest", "");
    result.setAttribute("data-compensation", "");
    document.getElementById("calc-output").replaceChildren(element("p", strings.fill_in));
    document.getElementById("calc-demand").hidden = true;
  }

  function update() {
    var country = form.country.value;
    var series = data.rates[SERIES[country]];
    var amount = parseAmount(form.amount.value);
    var due = parseDate(form.due.value), paid = parseDate(form.paid.value);
    var first = parseDate(series.values[0].from);
    var rulesFrom = RULES_FROM[country] ? parseDate(RULES_FROM[country]) : null;
    var dueError = due === null ? strings.errors.date
      : due < first ? fill(strings.errors.too_early, {date: date(series.values[0].from)})
      : rulesFrom !== null && due < rulesFrom
        ? fill(strings.errors.rules_from, {date: date(RULES_FROM[country])}) : "";
    mark(form.amount, amount === null ? strings.errors.amount : "");
    mark(form.due, dueError);
    mark(form.paid, paid === null ? strings.errors.date : "");
    exchangeBox.hidden = country !== "pl";
    var exchange = form.exchange.value.trim();
    var exchangeOk = country !== "pl" || !exchange || parseRate(exchange) > 0n;
    mark(form.exchange, exchangeOk ? "" : strings.errors.rate);
    if (amount === null || paid === null || dueError) {
      assumedBox.hidden = true;
      clear();
      return;
    }
    var input = {country: country, amount: amount, due: form.due.value, paid: form.paid.value,
                 rates: data.rates, assumedRate: null,
                 exchangeRate: country === "pl" && exchange && exchangeOk ? exchange : null};
    // The assumed rate is asked for only when some day's rate would be read after the table's
    // checked_until; it starts as the last known value.
    var needsAssumed;
    try {
      needsAssumed = calculate(input).assumption !== null;
    } catch (error) { // a rate read before the table's first value
      mark(form.due, fill(strings.errors.too_early, {date: date(series.values[0].from)}));
      assumedBox.hidden = true;
      clear();
      return;
    }
    assumedBox.hidden = !needsAssumed;
    var assumedOk = true;
    if (needsAssumed) {
      var lastKnown = series.values[series.values.length - 1].rate;
      document.getElementById("calc-assumed-text").textContent = fill(strings.assumed_prompt, {
        name: strings.series[SERIES[country]], date: date(series.checked_until),
        rate: percent(rateText(parseRate(lastKnown)))});
      if (assumedCountry !== country) {
        form.assumed.value = number(lastKnown);
        assumedCountry = country;
      }
      assumedOk = parseRate(form.assumed.value) !== null;
      input.assumedRate = assumedOk ? form.assumed.value : null;
    }
    mark(form.assumed, assumedOk ? "" : strings.errors.rate);
    if (!exchangeOk || !assumedOk) {
      clear();
      return;
    }
    show(calculate(input));
  }

  function copyDemand() {
    var text = document.getElementById("calc-demand-text").textContent;
    function done(ok) {
      status.textContent = ok ? strings.copied : strings.copy_failed;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
                                               function () { done(false); });
      return;
    }
    var field = element("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "interest-offscreen";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(field);
    done(ok);
  }

  if (!form.paid.value) {
    form.paid.value = today();
  }
  root.hidden = false;
  document.getElementById("calc-no-script").hidden = true;
  Object.keys(form).forEach(function (key) {
    function changed() {
      touched[form[key].id] = true;
      update();
    }
    form[key].addEventListener("input", changed);
    form[key].addEventListener("change", changed);
  });
  copyButton.addEventListener("click", copyDemand);
  update();
})();
