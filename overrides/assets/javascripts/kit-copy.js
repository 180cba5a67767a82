// The Copy buttons of the message and clause kit (partials/kit-templates.html and
// kit-clauses.html): each copies its template's subject and body, or its clause, as plain text,
// the fields as they are shown now (filled by templates.js, or still [labels]). Without this
// script the buttons stay hidden and the texts can be selected by hand. Nothing is sent anywhere.
(function () {
  "use strict";

  var root = document.querySelector("[data-kit]");
  if (!root) {
    return;
  }

  // The Clipboard API where the page may use it, else a selected hidden text field.
  function copy(text) {
    function bySelection() {
      var field = document.createElement("textarea");
      var focused = document.activeElement;
      field.value = text;
      field.className = "kit-copy-field";
      document.body.appendChild(field);
      field.select();
      var copied = document.execCommand("copy");
      field.remove();
      if (focused) {
        focused.focus();
      }
      return copied ? Promise.resolve() : Promise.reject(new Error("not copied"));
    }
    return navigator.clipboard && window.isSecureContext ?
      navigator.clipboard.writeText(text).catch(bySelection) : bySelection();
  }

  // "Subject: …" (the label in the letter's language), a blank line, then the body.
  function plainText(item) {
    var letter = item.querySelector("[data-kit-letter]");
    var subject = item.querySelector("[data-kit-subject]");
    var body = item.querySelector("[data-kit-body]").textContent;
    return subject ?
      letter.getAttribute("data-subject-label") + " " + subject.textContent + "\n\n" + body :
      body;
  }

  root.querySelectorAll("[data-kit-item]").forEach(function (item) {
    var actions = item.querySelector(".kit-actions");
    var status = item.querySelector("[data-kit-status]");
    actions.hidden = false;
    item.querySelector("[data-kit-copy]").addEventListener("click", function () {
      status.textContent = "";
      copy(plainText(item)).then(function () {
        status.textContent = root.getAttribute("data-copied");
      }, function () {
        status.textContent = root.getAttribute("data-copy-failed");
      });
    });
  });
}());
