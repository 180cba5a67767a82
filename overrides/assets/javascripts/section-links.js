// Section links: the ¶ after every heading names the full address of that section, and a
// click copies it, so it can be pasted into a proposal or an e-mail. Without this script the
// ¶ is still a plain link to the section.
(function () {
  "use strict";

  var strings = document.getElementById("section-link-strings");
  if (!strings) return;
  var status = document.createElement("p");
  status.className = "section-link-status";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var hideTimer;

  function say(text) {
    status.textContent = text;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { status.textContent = ""; }, 2500);
  }

  // The section's address as a reader should share it: the page and the #anchor, without the
  // query (search adds ?h=… to highlight the words searched for).
  function sectionAddress(link) {
    var url = new URL(link.href);
    url.search = "";
    return url.href;
  }

  document.querySelectorAll(".md-typeset a.headerlink").forEach(function (link) {
    var address = sectionAddress(link);
    var heading = link.parentElement.textContent.replace(link.textContent, "").trim();
    link.title = address;
    link.setAttribute("aria-label", strings.getAttribute("data-copy") + ": " + heading);
    link.addEventListener("click", function () {
      if (!navigator.clipboard) return; // the link still opens the section; its title shows the address
      navigator.clipboard.writeText(address).then(function () {
        say(strings.getAttribute("data-copied") + " " + address);
      }, function () {});
    });
  });
})();
