// The form of the message kit (partials/kit-form.html), on the templates page only: what the
// reader types fills the matching field of every template as they type — dates in the format
// of each letter's language — and an empty field shows its [label] again. The values never
// leave the browser; they are kept in localStorage only while "Remember on this device" is
// ticked, and unticking it removes them. Without this script the form stays hidden.
(function () {
  "use strict";

  var form = document.querySelector("[data-kit-form]");
  if (!form) {
    return;
  }
  var KEY = "paid-on-time:kit";
  var dates = JSON.parse(document.querySelector("[data-kit-dates]").textContent);
  var inputs = form.querySelectorAll("[data-kit-input]");
  var remember = form.querySelector("[data-kit-remember]");
  var status = form.querySelector("[data-kit-form-status]");
  var fields = document.querySelectorAll(".kit-field[data-field]");

  fields.forEach(function (field) {
    field.setAttribute("data-label", field.textContent);
  });

  // "2026-12-15" in a language's date format ("15 December 2026", "15 декабря 2026 г.").
  function formatDate(value, language) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    var format = dates[language];
    if (!parts || !format) {
      return value;
    }
    return format.date.replace("{day}", String(Number(parts[3])))
      .replace("{month}", format.months[Number(parts[2]) - 1])
      .replace("{year}", parts[1]);
  }

  function values() {
    var found = {};
    inputs.forEach(function (input) {
      if (input.value.trim()) {
        found[input.getAttribute("data-kit-input")] = input.value.trim();
      }
    });
    return found;
  }

  function fill() {
    var filled = values();
    fields.forEach(function (field) {
      var name = field.getAttribute("data-field");
      var input = form.querySelector("[data-kit-input='" + name + "']");
      var value = filled[name];
      if (value && input && input.type === "date") {
        value = formatDate(value, field.closest("[data-kit-letter]").getAttribute("data-kit-letter"));
      }
      // A value ending in an abbreviation ("1 октября 2026 г.", "1 grudnia 2026 r.") right
      // before the sentence's own full stop keeps one full stop, as Russian and Polish write it.
      var next = field.nextSibling;
      if (value && /\.$/.test(value) && next && next.nodeType === Node.TEXT_NODE &&
          next.nodeValue.charAt(0) === ".") {
        value = value.slice(0, -1);
      }
      field.textContent = value || field.getAttribute("data-label");
      field.classList.toggle("kit-field--filled", Boolean(value));
    });
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage is switched off: the form works, it just forgets
    }
  }

  function save() {
    var store = storage();
    try {
      if (store && remember.checked) {
        store.setItem(KEY, JSON.stringify(values()));
      } else if (store) {
        store.removeItem(KEY);
      }
    } catch (error) {
      // a full storage only means the values are not remembered
    }
  }

  function restore() {
    var store = storage();
    var saved = null;
    try {
      saved = store && JSON.parse(store.getItem(KEY) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved || typeof saved !== "object") {
      return;
    }
    remember.checked = true;
    inputs.forEach(function (input) {
      var value = saved[input.getAttribute("data-kit-input")];
      if (typeof value === "string") {
        input.value = value;
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // nothing is sent anywhere
  });
  form.addEventListener("input", function (event) {
    if (event.target !== remember) {
      fill();
      save();
    }
  });
  remember.addEventListener("change", function () {
    save();
    status.textContent = form.getAttribute(remember.checked ? "data-remembered" : "data-forgotten");
  });
  form.querySelector("[data-kit-clear]").addEventListener("click", function () {
    inputs.forEach(function (input) {
      input.value = "";
    });
    fill();
    save();
    status.textContent = form.getAttribute("data-cleared");
  });

  restore();
  fill();
  form.hidden = false;
}());
