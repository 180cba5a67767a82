// Language switcher: the same page in another language opens at the section being read, so
// /staged-payments/#schemes leads to /ru/staged-payments/#schemes (every language has the same
// heading ids). Without this script each link still opens the same page at its top.
(function () {
  "use strict";

  var links = document.querySelectorAll(".language-switcher a.md-select__link[hreflang]");

  function keepSection() {
    links.forEach(function (link) {
      var url = new URL(link.href);
      url.hash = location.hash;
      link.href = url.href;
    });
  }

  keepSection();
  window.addEventListener("hashchange", keepSection);
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      keepSection(); // the address may have changed without a hashchange (history.pushState)
      // Material's own handler expects language root folders and would open the page's top.
      event.stopPropagation();
    });
  });
})();
