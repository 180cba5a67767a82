// Tables on phones: a table wider than the screen scrolls sideways inside the scroll box that
// Material's own script puts around it (site.css shows a shadow where more of it is hidden).
// Once Material has done so, this script says so in a line above each table that scrolls, and
// makes its box a named region that the keyboard can scroll; it checks again when the window
// changes size.
(function () {
  "use strict";

  var strings = document.getElementById("wide-table-strings");
  if (!strings) return;
  var text = strings.getAttribute("data-scrolls");

  // Measured at the table's narrowest layout; a table that scrolls then gets room for its
  // columns (site.css) instead of one word per line.
  function mark(box) {
    var hint = box.previousElementSibling;
    var hasHint = hint !== null && hint.classList.contains("table-scroll-hint");
    box.classList.remove("table-scrolls");
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("table-scrolls", wide);
    if (wide && !hasHint) {
      hint = document.createElement("p");
      hint.className = "table-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = text;
      box.parentNode.insertBefore(hint, box);
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", text);
      box.tabIndex = 0;
    } else if (!wide && hasHint) {
      hint.remove();
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.removeAttribute("tabindex");
    }
  }

  function markAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(mark);
  }

  var pending;
  document.addEventListener("DOMContentLoaded", function () { setTimeout(markAll); });
  window.addEventListener("load", markAll);
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(markAll);
  });
})();
