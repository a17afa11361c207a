/* citizen-guide: "which papers do you need?" questions narrow the documents checklist.
 * The rule is the one in generator/content/flow.py; a browser test compares both on every combination.
 * Answers live only in the page address (?question=value): a reload keeps them, a volunteer
 * can send a pre-answered link, and nothing is stored or sent anywhere.
 */
(function () {
  "use strict";

  function list(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function parse(text) { try { return text ? JSON.parse(text) : {}; } catch (e) { return {}; } }
  function intersects(a, b) { return a.some(function (v) { return b.indexOf(v) !== -1; }); }

  function setup(box) {
    var questions = list(box, "[data-cg-question]").map(function (fs) {
      return { id: fs.getAttribute("data-cg-question"), type: fs.getAttribute("data-type"),
               askWhen: parse(fs.getAttribute("data-cg-ask-when")), el: fs,
               inputs: list(fs, "input") };
    });
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    var groups = list(document, "[data-cg-group]").map(function (el) {
      return { id: el.getAttribute("data-cg-group"), when: parse(el.getAttribute("data-cg-when")), el: el };
    });
    var status = box.querySelector("[data-cg-status]");
    var toggle = box.querySelector("[data-cg-toggle]");
    var clear = box.querySelector("[data-cg-clear]");
    var shareRow = box.querySelector("[data-cg-share-row]");
    var share = box.querySelector("[data-cg-share]");
    var showAll = false;

    function answers() {
      var out = {};
      questions.forEach(function (q) {
        out[q.id] = q.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      });
      return out;
    }
    /* lenient: a radio question that is asked but not answered yet hides nothing */
    function matches(condition, given, asked, lenient) {
      return Object.keys(condition).every(function (qid) {
        var values = asked[qid] ? (given[qid] || []) : [];
        var q = byId[qid];
        if (lenient && q && q.type === "radio" && asked[qid] && values.length === 0) { return true; }
        return intersects(values, condition[qid]);
      });
    }
    function askedFor(given) {
      var asked = {};
      questions.forEach(function (q) {
        asked[q.id] = Object.keys(q.askWhen).length === 0 || matches(q.askWhen, given, asked, false);
      });
      return asked;
    }
    function visibleFor(given, asked) {
      var any = questions.some(function (q) { return (given[q.id] || []).length > 0; });
      return groups.filter(function (g) {
        return !any || Object.keys(g.when).length === 0 || matches(g.when, given, asked, true);
      }).map(function (g) { return g.id; });
    }

    function update() {
      var given = answers();
      var asked = askedFor(given);
      var visible = visibleFor(given, asked);
      var answered = questions.some(function (q) { return asked[q.id] && given[q.id].length > 0; });
      questions.forEach(function (q) { q.el.hidden = !asked[q.id]; });
      groups.forEach(function (g) {
        var mine = visible.indexOf(g.id) !== -1;
        g.el.hidden = !mine && !showAll;
        g.el.classList.toggle("cg-docs-group--other", !mine);
        g.el.querySelector(".cg-other-case").hidden = mine;
      });
      box.setAttribute("data-cg-visible", visible.join(" "));
      var narrowed = visible.length < groups.length;
      status.textContent = narrowed
        ? status.getAttribute("data-shown").replace("{shown}", visible.length).replace("{total}", groups.length)
        : status.getAttribute("data-all");
      toggle.hidden = !narrowed;
      toggle.textContent = toggle.getAttribute(showAll ? "data-show-mine" : "data-show-all");
      toggle.setAttribute("aria-expanded", showAll ? "true" : "false");
      clear.hidden = !answered;
      var params = new URLSearchParams();
      questions.forEach(function (q) {
        if (asked[q.id]) { given[q.id].forEach(function (v) { params.append(q.id, v); }); }
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
      shareRow.hidden = !answered;
      share.href = window.location.href;
    }

    var preset = new URLSearchParams(window.location.search);
    questions.forEach(function (q) {
      var wanted = preset.getAll(q.id);
      q.inputs.forEach(function (i) {
        i.checked = wanted.indexOf(i.value) !== -1;
        i.addEventListener("change", update);
      });
    });
    toggle.addEventListener("click", function () { showAll = !showAll; update(); });
    clear.addEventListener("click", function () {
      questions.forEach(function (q) { q.inputs.forEach(function (i) { i.checked = false; }); });
      showAll = false;
      update();
    });
    box.hidden = false;
    update();
  }

  function start() { list(document, "[data-cg-questions]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
