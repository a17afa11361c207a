/* citizen-guide: small progressive enhancements. The page works without them.
 * - checklists whose ticks stay on this device (localStorage), with progress and reset
 * - a print button
 * - the service worker that keeps visited guides for offline use
 * (search is search.js, loaded by the pages that have a search form)
 */
(function () {
  "use strict";

  /* The site root, from the page body's wrapper (pages.py writes it from routes.py): the service
   * worker is registered there, whatever folder the site is served from. */
  function siteRoot() {
    var page = document.querySelector("[data-cg-root]");
    return page ? new URL(page.getAttribute("data-cg-root"), window.location.href) : null;
  }

  function storageGet(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  function setupChecklist(box) {
    var key = "cg:" + box.getAttribute("data-cg-checklist");
    var items = Array.prototype.slice.call(box.querySelectorAll("input[data-cg-item]"));
    var progress = box.querySelector(".cg-progress");
    var template = box.getAttribute("data-cg-progress");
    var reset = box.querySelector("[data-cg-reset]");
    var saved = storageGet(key);

    function update() {
      var done = items.filter(function (i) { return i.checked; });
      storageSet(key, done.map(function (i) { return i.getAttribute("data-cg-item"); }));
      if (progress && template) {
        progress.textContent = template.replace("{done}", done.length).replace("{total}", items.length);
        progress.hidden = false;
      }
      items.forEach(function (i) { i.closest("li").classList.toggle("cg-done", i.checked); });
    }
    items.forEach(function (i) {
      i.checked = saved.indexOf(i.getAttribute("data-cg-item")) !== -1;
      i.addEventListener("change", update);
    });
    if (reset) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        items.forEach(function (i) { i.checked = false; });
        update();
      });
    }
    update();
  }

  function setupPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function registerOffline() {
    /* The worker lives at the site root, so that it covers every page. */
    var root = siteRoot();
    if (!("serviceWorker" in navigator) || !root) { return; }
    if (!/^https?:$/.test(window.location.protocol)) { return; }
    navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function () { /* optional */ });
  }

  function start() {
    registerOffline();
    document.querySelectorAll("[data-cg-checklist]").forEach(setupChecklist);
    document.querySelectorAll("[data-cg-print]").forEach(setupPrint);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
