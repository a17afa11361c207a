/* citizen-guide: search over this language's Pagefind index, loaded only when someone searches.
 * From file:// (the offline pack) Pagefind cannot fetch its index, so a small list loaded as a
 * script stands in for it, behind the same two calls.
 *
 * A search forgives: filler words ("làm", "cho", "how do I", "怎么"; i18n/search-synonyms.yml, in
 * the form's data-cg-filler) are left out; when no page holds every remaining word, pages holding
 * some of them are shown, those with more of the words first, and the status says so. Guides
 * always come before the portal's raw texts, as on the index pages. A result shows the page's
 * own summary (never Pagefind's excerpt, which could quote the hidden words the index holds).
 * The query lives in the address (?q=), so a reload, Back and a shared link keep it.
 */
(function () {
  "use strict";

  var KINDS = ["guide", "portal"];

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* The site root, from the page body's wrapper (pages.py writes it from routes.py). */
  function siteRoot() {
    var page = document.querySelector("[data-cg-root]");
    return page ? new URL(page.getAttribute("data-cg-root"), window.location.href) : new URL("./", window.location.href);
  }

  /* Pagefind. Guides carry the filter kind:guide (procedure.html.j2); portal pages carry none, because
   * Pagefind writes a filter of two values in a different order on each run, and builds must be
   * byte-identical. So a search runs twice, once among guides only, and what the second adds is portal. */
  function pagefind(form, root) {
    return import(new URL(form.getAttribute("data-cg-pagefind"), window.location.href).href).then(function (pf) {
      return pf.options({ baseUrl: root.pathname }).then(function () {
        return {
          search: function (query) {
            return Promise.all([pf.search(query), pf.search(query, { filters: { kind: "guide" } })]).then(function (both) {
              var guides = {};
              both[1].results.forEach(function (r) { guides[r.id] = true; });
              return both[0].results.map(function (r) {
                return { id: r.id, kind: guides[r.id] ? "guide" : "portal", data: function () {
                  return r.data().then(function (d) {
                    var meta = d.meta || {};
                    return { url: d.url, title: meta.title || d.url, summary: meta.summary, terms: meta.terms };
                  });
                } };
              });
            });
          }
        };
      });
    });
  }

  /* The offline pack's list (offline_pack.search_data): every word must be in a row's folded text. */
  function offline(form, root) {
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
          return Promise.resolve(hits.map(function (row) {
            /* row.u is the page's file (…/index.html): a folder would open as a listing */
            return { id: row.u, kind: row.p ? "portal" : "guide", data: function () {
              return Promise.resolve({ url: new URL(row.u, root).href, title: row.t, summary: row.s });
            } };
          }));
        }
      };
    });
  }

  /* The words of a query that matter: punctuation and filler left out. Chinese has no spaces, so
   * its fillers are cut out of the text; elsewhere they are whole words or runs of words, matched
   * without tone marks when the resident typed none. Nothing left: the query as it was. */
  function keyWords(query, fillers, chinese) {
    /* sentence punctuation goes; a dot inside a code (1.001193) stays */
    var text = query.normalize("NFC").toLowerCase().replace(/[\s?!,;:"'()\[\]“”‘’«»。，？！、；：（）]+|\.(?!\d)/g, " ");
    var all = text.split(" ").filter(Boolean);
    if (chinese) {
      fillers.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (f) {
        text = text.split(f.toLowerCase()).join(" ");
      });
      var kept = text.split(" ").filter(Boolean);
      return kept.length ? kept : all;
    }
    var phrases = fillers.map(function (f) { return f.toLowerCase().split(/\s+/).filter(Boolean); })
      .sort(function (a, b) { return b.length - a.length; });
    function same(typed, filler) { return typed === filler || (typed === fold(typed) && typed === fold(filler)); }
    var out = [];
    for (var i = 0; i < all.length;) {
      var skip = 0;
      for (var j = 0; j < phrases.length && !skip; j++) {
        var p = phrases[j];
        if (p.length && p.every(function (w, k) { return i + k < all.length && same(all[i + k], w); })) { skip = p.length; }
      }
      if (skip) { i += skip; } else { out.push(all[i]); i += 1; }
    }
    return out.length ? out : all;
  }

  /* Guides, then portal pages, each in the engine's order. */
  function ranked(engine, query) {
    return engine.search(query).then(function (hits) {
      return KINDS.reduce(function (out, kind) {
        return out.concat(hits.filter(function (h) { return h.kind === kind; }));
      }, []);
    });
  }

  /* Pagefind ranks words, not phrases. Among the results shown, within guides and within portal
   * pages: first a page whose name or one of its search words (the hidden "terms") is the query
   * itself, then one whose name or search words hold the query or are held whole in it ("làm giấy
   * khai sinh cho con" holds "giấy khai sinh"), then one whose summary holds it, each group in
   * Pagefind's order. */
  function closeness(d, queries, chinese) {
    var pad = chinese ? "" : " ";
    function plain(text) { return pad + fold(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim() + pad; }
    var names = [d.title].concat((d.terms || "").split(". ")).map(plain).filter(function (n) { return n.trim(); });
    var summary = d.summary ? plain(d.summary) : "";
    var best = 0;
    queries.map(plain).filter(function (q) { return q.trim(); }).forEach(function (q) {
      names.forEach(function (n) {
        best = Math.max(best, n === q ? 3 : (n.indexOf(q) !== -1 || q.indexOf(n) !== -1) ? 2 : 0);
      });
      if (summary.indexOf(q) !== -1) { best = Math.max(best, 1); }
    });
    return best;
  }
  function closestFirst(hits, data, queries, chinese) {
    var order = data.map(function (d, i) {
      return { d: d, kind: KINDS.indexOf(hits[i].kind), near: closeness(d, queries, chinese), i: i };
    });
    order.sort(function (a, b) { return (a.kind - b.kind) || (b.near - a.near) || (a.i - b.i); });
    return order.map(function (o) { return o.d; });
  }

  /* No page holds every word: each word on its own; pages holding more of them first, then the
   * order of a search for that word (guides before portal pages). */
  function partial(engine, words) {
    return Promise.all(words.map(function (w) { return ranked(engine, w); })).then(function (lists) {
      var seen = {};
      var order = [];
      lists.forEach(function (hits) {
        hits.forEach(function (hit, rank) {
          if (!seen[hit.id]) { seen[hit.id] = { hit: hit, count: 0, rank: rank }; order.push(seen[hit.id]); }
          seen[hit.id].count += 1;
          seen[hit.id].rank = Math.min(seen[hit.id].rank, rank);
        });
      });
      order.sort(function (a, b) { return (b.count - a.count) || (a.rank - b.rank); });
      return order.map(function (o) { return o.hit; });
    });
  }

  function setupSearch(form) {
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector(".cg-search__status");
    var list = form.querySelector(".cg-search__results");
    var empty = form.querySelector(".cg-search__empty");
    var fillers = (form.getAttribute("data-cg-filler") || "").split("|").filter(Boolean);
    var chinese = /^zh/.test(document.documentElement.lang);
    var root = siteRoot();
    var engine = null;
    var timer = null;
    var latest = 0;

    function load() {
      if (!engine) { engine = window.location.protocol === "file:" ? offline(form, root) : pagefind(form, root); }
      return engine;
    }
    function keepInAddress(query) {
      /* replaceState: typing is one step of history, not one per letter */
      try {
        var url = new URL(window.location.href);
        if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
        if (url.href !== window.location.href) { window.history.replaceState(window.history.state, "", url.href); }
      } catch (e) { /* a file:// page may refuse; the search still runs */ }
    }
    function render(total, data, some) {
      list.textContent = "";
      data.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        var name = document.createElement("span");
        name.className = "cg-list__name";
        name.textContent = d.title;
        a.appendChild(name);
        var summary = document.createElement("span");
        summary.className = "cg-list__summary";
        if (d.summary) {
          summary.textContent = d.summary;
        } else {  /* a portal page has no summary of ours: say what it is, as the index pages do */
          summary.classList.add("cg-list__portal");
          summary.textContent = form.getAttribute("data-cg-portal");
        }
        li.appendChild(a);
        li.appendChild(summary);
        list.appendChild(li);
      });
      var count = total === 1 ? form.getAttribute("data-cg-one") : form.getAttribute("data-cg-other").replace("{n}", total);
      status.textContent = total === 0 ? form.getAttribute("data-cg-none")
        : (some ? form.getAttribute("data-cg-partial") + " " + count : count);
      if (empty) { empty.hidden = total !== 0; }
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      keepInAddress(query);
      if (!query) { list.textContent = ""; status.textContent = ""; if (empty) { empty.hidden = true; } return; }
      status.textContent = form.getAttribute("data-cg-loading");
      var words = keyWords(query, fillers, chinese);
      load().then(function (e) {
        return ranked(e, words.join(" ")).then(function (hits) {
          if (hits.length || words.length < 2) { return { hits: hits, some: false }; }
          return partial(e, words).then(function (some) { return { hits: some, some: some.length > 0 }; });
        });
      }).then(function (found) {
        var shown = found.hits.slice(0, 10);
        return Promise.all(shown.map(function (h) { return h.data(); })).then(function (data) {
          if (!found.some) { data = closestFirst(shown, data, [query, words.join(" ")], chinese); }
          if (ticket === latest) { render(found.hits.length, data, found.some); }
        });
      }).catch(function () {
        if (ticket === latest) { render(0, [], false); }
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    var preset = new URLSearchParams(window.location.search).get("q");
    if (preset) { input.value = preset; run(); }
  }

  function start() { document.querySelectorAll("[data-cg-search]").forEach(setupSearch); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
