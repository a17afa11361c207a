/* Engine-specific, like generator/site/engine.py.
 *
 * When a page loads, mkdocs-material fetches "sitemap.xml" next to every hreflang alternate of
 * the page (thu-tuc/x/sitemap.xml, en/thu-tuc/x/sitemap.xml, ...) to map language-menu clicks.
 * Our language menu already links the same page in each language, and those files do not exist:
 * three failed requests on every page. The theme looks the links up once, when the document is
 * loaded, so they are hidden from that look-up and put back right after it (this listener is
 * added after the theme's, so it runs after it). Search engines read the HTML, not this. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  links.forEach(function (link) { link.rel = "x-alternate"; });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) { link.rel = "alternate"; });
  }, { once: true });
})();
