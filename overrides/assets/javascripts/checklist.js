// Remembers the ticked boxes of the decision checklist in this browser, per language, and
// offers a button to clear them. The page works without this script; nothing is sent anywhere.
(function () {
  "use strict";

  function setUp(root) {
    var language = root.getAttribute("data-checklist-language");
    var prefix = "paid-on-time:checklist:" + language + ":";
    var boxes = root.querySelectorAll("input[data-checklist-item]");
    var controls = root.querySelector(".checklist-controls");
    var status = root.querySelector("[data-checklist-status]");
    var storage;
    try {
      storage = window.localStorage;
      storage.getItem(prefix);
    } catch (error) {
      return; // storage is switched off: the boxes still work, they are just not remembered
    }

    // Remember a tick, or forget one; a full or newly blocked storage only means the tick is
    // not remembered — the box itself stays as the reader set it.
    function remember(key, ticked) {
      try {
        if (ticked) {
          storage.setItem(key, "1");
        } else {
          storage.removeItem(key);
        }
      } catch (error) {
        // nothing to do: the page works without storage
      }
    }

    boxes.forEach(function (box) {
      var key = prefix + box.getAttribute("data-checklist-item");
      box.checked = storage.getItem(key) === "1";
      box.addEventListener("change", function () {
        remember(key, box.checked);
        status.textContent = "";
      });
    });

    controls.hidden = false;
    root.querySelector("[data-checklist-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        remember(prefix + box.getAttribute("data-checklist-item"), false);
      });
      status.textContent = controls.getAttribute("data-cleared") || "";
    });
  }

  document.querySelectorAll("[data-checklist]").forEach(setUp);
})();
