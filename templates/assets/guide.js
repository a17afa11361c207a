/* citizen-guide: small progressive enhancements. The page works without them.
 * - checklists whose ticks stay on this device (localStorage), with progress and reset
 * - a print button
 * - search over this language's Pagefind index, loaded only when someone searches
 */
(function () {
  "use strict";

  /* The site root, from the page body's wrapper (pages.py writes it from routes.py): scripts load
   * the search index and register the service worker there, whatever folder the site is served from. */
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

  function setupSearch(form) {
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector(".cg-search__status");
    var list = form.querySelector(".cg-search__results");
    var root = siteRoot() || new URL("./", window.location.href);
    var engine = null;
    var timer = null;
    var latest = 0;

    function fold(text) {
      return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    function offline() {
      /* From file:// (the offline pack) Pagefind cannot fetch its index: search a small list instead. */
      return new Promise(function (resolve, reject) {
        if (window.__cgSearch) { resolve(); return; }
        var script = document.createElement("script");
        script.src = new URL(form.getAttribute("data-cg-offline-index"), window.location.href).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        return {
          search: function (query) {
            var words = fold(query).split(/\s+/).filter(Boolean);
            var hits = window.__cgSearch.filter(function (row) {
              return words.every(function (w) { return row.f.indexOf(w) !== -1; });
            });
            return Promise.resolve({ results: hits.map(function (row) {
              return { data: function () {
                /* row.u is the page's file (…/index.html): a folder would open as a listing */
                return Promise.resolve({ url: new URL(row.u, root).href,
                                         meta: { title: row.t }, excerpt: row.s });
              } };
            }) });
          }
        };
      });
    }
    function load() {
      if (!engine && window.location.protocol === "file:") { engine = offline(); }
      if (!engine) {
        engine = import(new URL(form.getAttribute("data-cg-pagefind"), window.location.href).href).then(function (pf) {
          return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
        });
      }
      return engine;
    }
    function text(html) {
      /* DOMParser makes an inert document: nothing loads or runs; we only read its text */
      return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
    }
    function render(results, data) {
      list.textContent = "";
      data.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        var name = document.createElement("span");
        name.className = "cg-list__name";
        name.textContent = (d.meta && d.meta.title) || d.url;
        a.appendChild(name);
        var summary = document.createElement("span");
        summary.className = "cg-list__summary";
        summary.textContent = text(d.excerpt);
        li.appendChild(a);
        li.appendChild(summary);
        list.appendChild(li);
      });
      var n = results.length;
      status.textContent = n === 0 ? form.getAttribute("data-cg-none")
        : (n === 1 ? form.getAttribute("data-cg-one") : form.getAttribute("data-cg-other").replace("{n}", n));
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { list.textContent = ""; status.textContent = ""; return; }
      status.textContent = form.getAttribute("data-cg-loading");
      load().then(function (pf) { return pf.search(query); }).then(function (search) {
        var top = search.results.slice(0, 10);
        return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
          if (ticket === latest) { render(search.results, data); }
        });
      }).catch(function () { status.textContent = form.getAttribute("data-cg-none"); });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    var preset = new URLSearchParams(window.location.search).get("q");
    if (preset) { input.value = preset; run(); }
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
    document.querySelectorAll("[data-cg-search]").forEach(setupSearch);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
