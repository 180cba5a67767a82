// Print: a link to another page of the site prints its full public address after the text
// (site.css, "Print"), as links to other sites already do. The address is built from the page's
// canonical address (SITE_URL), so a PDF printed from the built files names the public site too.
(function () {
  "use strict";

  var canonical = document.querySelector('link[rel="canonical"]');
  if (!canonical) return;
  var here = new URL(location.href);
  here.hash = "";

  document.querySelectorAll(".md-content article a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    // Section links and glossary terms print no address: a term is explained on the glossary
    // page, and an address after every term would bury the text on paper.
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || link.classList.contains("headerlink") ||
        link.classList.contains("glossary-term")) return;
    var target = new URL(link.href);
    target.hash = "";
    if (target.href === here.href) return; // a section of this page: no address to print
    link.setAttribute("data-print-address", new URL(href, canonical.href).href);
  });
})();
