/* citizen-guide: declaration forms filled in on the phone, in the style of GOV.UK.
 * - rules come from data-* attributes written from the form's YAML; messages are in the page language
 * - the draft is kept in localStorage on this device only; "Delete my data" removes it
 * - nothing is ever sent: the form has method="dialog" and this file makes no requests
 * - "Print filled form" copies the answers into the official paper layout and prints only that
 * - the form sits in a <details>, open without scripts (the blank paper to print); here it is closed so
 *   the guide stays short, and opens for a saved draft, a link to the form or a tap on its button
 */
(function () {
  "use strict";

  var STORE = "cg:form:";

  function list(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function fill(template, params) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in params ? params[key] : all; });
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(date) { return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  function shown(isoDate) { var p = isoDate.split("-"); return p[2] + "/" + p[1] + "/" + p[0]; }
  function limit(value) { return value === "today" ? iso(new Date()) : value; }
  function digits(text) { return text.replace(/[\s.\-]/g, ""); }

  function Field(el) {
    this.el = el;
    this.id = el.getAttribute("data-cg-field");
    this.type = el.getAttribute("data-type");
    this.label = el.getAttribute("data-label");
    this.inputs = list(el, "input, select, textarea");
    this.error = el.querySelector(".cg-error-message");
  }
  Field.prototype.read = function () {
    if (this.type === "radio" || this.type === "checkbox") {
      return this.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (this.type === "date") { return this.inputs.map(function (i) { return i.value.trim(); }); }
    return this.inputs[0].value.trim();
  };
  Field.prototype.write = function (value) {
    if (this.type === "radio" || this.type === "checkbox") {
      var chosen = Array.isArray(value) ? value : [];
      this.inputs.forEach(function (i) { i.checked = chosen.indexOf(i.value) !== -1; });
    } else if (this.type === "date") {
      var parts = Array.isArray(value) ? value : [];
      this.inputs.forEach(function (i, n) { i.value = parts[n] || ""; });
    } else {
      this.inputs[0].value = typeof value === "string" ? value : "";
    }
  };
  Field.prototype.empty = function () {
    var v = this.read();
    return Array.isArray(v) ? v.join("") === "" : v === "";
  };
  /* The date as YYYY-MM-DD, or null if the three boxes do not make a real date. */
  Field.prototype.date = function () {
    var p = this.read();
    if (!/^\d{1,2}$/.test(p[0]) || !/^\d{1,2}$/.test(p[1]) || !/^\d{4}$/.test(p[2])) { return null; }
    var d = new Date(+p[2], +p[1] - 1, +p[0]);
    if (d.getFullYear() !== +p[2] || d.getMonth() !== +p[1] - 1 || d.getDate() !== +p[0]) { return null; }
    return iso(d);
  };
  /* What a person reads back: on screen in the page language, on paper as the form expects. */
  Field.prototype.text = function (forPaper) {
    var v = this.read();
    if (this.type === "date") { var d = this.date(); return d ? shown(d) : v.join("/").replace(/^\/+|\/+$/g, ""); }
    if (this.type === "select") {
      var option = this.inputs[0].selectedOptions[0];
      return v && option ? (forPaper ? option.getAttribute("data-vi") : option.textContent) : "";
    }
    if (Array.isArray(v)) {
      return this.inputs.filter(function (i) { return i.checked; })
        .map(function (i) { return i.getAttribute("data-label"); }).join(", ");
    }
    return v;
  };

  /* The characters of an answer the Vietnamese declaration cannot carry, each once, in order; the allowed
   * ones come from the page (data-vietnamese, generator/content/form_model.py's VIETNAMESE_CHARS). Invisible ones,
   * like a full-width space, are named by their code so the resident can find them. */
  function others(text, allowed) {
    if (!allowed) { return []; }
    var found = text.normalize("NFC").match(new RegExp("[^" + allowed + "]", "gu")) || [];
    return found.filter(function (c, n) { return found.indexOf(c) === n; }).slice(0, 10).map(function (c) {
      return /\s/u.test(c) ? "U+" + ("000" + c.codePointAt(0).toString(16).toUpperCase()).slice(-4) : c;
    });
  }

  function problem(field, msg, vietnamese) {
    var el = field.el;
    var params = { label: field.label };
    var v = field.read();
    if (field.empty()) {
      if (!el.hasAttribute("data-required")) { return ""; }
      return fill(msg(/radio|checkbox|select/.test(field.type) ? "choose" : "required"), params);
    }
    if (field.type === "citizen_id" && !/^\d{12}$/.test(digits(v))) { return fill(msg("citizen-id"), params); }
    if (field.type === "phone" && !/^0\d{9,10}$/.test(digits(v).replace(/^\+84/, "0"))) {
      return fill(msg("phone"), params);
    }
    if (field.type === "number") {
      if (!/^\d+$/.test(v)) { return fill(msg("number"), params); }
      var min = el.getAttribute("data-min"), max = el.getAttribute("data-max");
      if (min !== null && +v < +min) { params.min = min; return fill(msg("min"), params); }
      if (max !== null && +v > +max) { params.max = max; return fill(msg("max"), params); }
    }
    if (field.type === "date") {
      var d = field.date();
      if (!d) { return fill(msg("date"), params); }
      var early = el.getAttribute("data-earliest"), late = el.getAttribute("data-latest");
      if (early && d < limit(early)) { params.date = shown(limit(early)); return fill(msg("date-early"), params); }
      if (late && d > limit(late)) { params.date = shown(limit(late)); return fill(msg("date-late"), params); }
    }
    if (field.type === "text" || field.type === "long_text") {
      var foreign = others(v, vietnamese);
      if (foreign.length) { params.chars = foreign.join(" "); return fill(msg("not-vietnamese"), params); }
      var most = el.getAttribute("data-max-length");
      if (most && v.length > +most) { params.max = most; return fill(msg("too-long"), params); }
      var pattern = el.getAttribute("data-pattern");
      var rule = null;
      try { rule = pattern ? new RegExp("^(?:" + pattern + ")$") : null; } catch (e) { rule = null; }
      if (rule && !rule.test(v)) { return el.getAttribute("data-invalid"); }
    }
    return "";
  }

  function setup(box) {
    var key = STORE + box.getAttribute("data-cg-form");
    var form = box.querySelector("form[data-cg-fill]");
    var summary = box.querySelector("[data-cg-errors]");
    var answers = box.querySelector("[data-cg-answers]");
    var status = box.querySelector("[data-cg-status]");
    var paper = box.querySelector("[data-cg-paper]");
    var fields = list(form, "[data-cg-field]").map(function (el) { return new Field(el); });
    var title = document.title;
    function msg(name) { return box.getAttribute("data-msg-" + name) || ""; }

    function save() {
      var values = {};
      fields.forEach(function (f) { if (!f.empty()) { values[f.id] = f.read(); } });
      try {
        if (Object.keys(values).length) { window.localStorage.setItem(key, JSON.stringify(values)); }
        else { window.localStorage.removeItem(key); }
        status.textContent = msg("saved");
      } catch (e) { /* storage full or private mode: the form still works, unsaved */ }
    }
    function restore() {
      var values = {};
      try { values = JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { values = {}; }
      fields.forEach(function (f) { if (values[f.id] !== undefined) { f.write(values[f.id]); } });
      return Object.keys(values).length > 0;
    }
    function clearErrors() {
      summary.hidden = true;
      summary.querySelector("ul").textContent = "";
      fields.forEach(function (f) {
        f.el.classList.remove("cg-field--error");
        f.error.hidden = true;
        f.error.textContent = "";
        f.inputs.forEach(function (i) { i.removeAttribute("aria-invalid"); });
      });
      document.title = title;
    }
    function showErrors(found) {
      var ul = summary.querySelector("ul");
      found.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + item.field.inputs[0].id;
        a.textContent = item.text;
        a.addEventListener("click", function (event) { event.preventDefault(); showForm(item.field); });
        li.appendChild(a);
        ul.appendChild(li);
        var prefix = document.createElement("span");
        prefix.className = "cg-visually-hidden";
        prefix.textContent = msg("error-prefix") + " ";
        item.field.error.appendChild(prefix);
        item.field.error.appendChild(document.createTextNode(item.text));
        item.field.error.hidden = false;
        item.field.el.classList.add("cg-field--error");
        item.field.inputs.forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      });
      summary.hidden = false;
      document.title = msg("error-prefix") + " " + title;
      summary.focus();
    }
    function showForm(focusField) {
      answers.hidden = true;
      form.hidden = false;
      if (focusField) { focusField.inputs[0].focus(); focusField.el.scrollIntoView({ block: "center" }); }
    }
    function showAnswers() {
      var dl = answers.querySelector("dl");
      dl.textContent = "";
      fields.forEach(function (f) {
        var row = document.createElement("div");
        var dt = document.createElement("dt");
        dt.textContent = f.label;
        var dd = document.createElement("dd");
        dd.textContent = f.text(false) || msg("empty");
        var change = document.createElement("dd");
        var a = document.createElement("a");
        a.href = "#" + f.inputs[0].id;
        a.textContent = answers.getAttribute("data-change");
        var hidden = document.createElement("span");
        hidden.className = "cg-visually-hidden";
        hidden.textContent = " " + f.label;
        a.appendChild(hidden);
        a.addEventListener("click", function (event) { event.preventDefault(); showForm(f); });
        change.appendChild(a);
        row.appendChild(dt);
        row.appendChild(dd);
        row.appendChild(change);
        dl.appendChild(row);
      });
      form.hidden = true;
      answers.hidden = false;
      /* The form above has just folded away: bring the heading, not the middle of the list, into view */
      answers.focus({ preventScroll: true });
      answers.querySelector("h4").scrollIntoView({ block: "start" });
    }
    function check() {
      clearErrors();
      var found = [];
      fields.forEach(function (f) {
        var text = problem(f, msg, box.getAttribute("data-vietnamese"));
        if (text) { found.push({ field: f, text: text }); }
      });
      if (found.length) { showForm(null); showErrors(found); } else { showAnswers(); }
    }
    function fillPaper(sheet) {
      fields.forEach(function (f) {
        list(sheet, '[data-cg-value="' + f.id + '"]').forEach(function (place) {
          if (place.hasAttribute("data-cg-boxes")) {
            var d = digits(f.text(true));
            list(place, "span").forEach(function (cell, n) { cell.textContent = d.charAt(n); });
          } else {
            place.textContent = f.text(true);
          }
        });
        var chosen = f.read();
        list(sheet, '[data-cg-choice^="' + f.id + '="]').forEach(function (choice) {
          var value = choice.getAttribute("data-cg-choice").slice(f.id.length + 1);
          var on = Array.isArray(chosen) && chosen.indexOf(value) !== -1;
          choice.classList.toggle("cg-paper__choice--on", on);
          choice.querySelector(".cg-paper__box").textContent = on ? "X" : "";
        });
      });
    }
    function printFilled() {
      list(document, ".cg-print-root").forEach(function (old) { old.remove(); });
      var root = document.createElement("div");
      root.className = "cg-print-root";
      var sheet = paper.querySelector(".cg-paper__sheet").cloneNode(true);
      fillPaper(sheet);
      root.appendChild(sheet);
      document.body.appendChild(root);
      document.documentElement.classList.add("cg-printing-form");
      window.addEventListener("afterprint", function done() {
        document.documentElement.classList.remove("cg-printing-form");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    }
    function remove() {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      fields.forEach(function (f) { f.write(null); });
      clearErrors();
      list(document, ".cg-print-root").forEach(function (old) { old.remove(); });
      showForm(null);
      status.textContent = msg("deleted");
    }

    answers.setAttribute("data-change", box.getAttribute("data-msg-change") || "");
    fields.forEach(function (f) {
      f.inputs.forEach(function (i) {
        i.addEventListener("input", save);
        i.addEventListener("change", save);
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); check(); });
    box.querySelector("[data-cg-check]").addEventListener("click", check);
    list(box, "[data-cg-delete]").forEach(function (b) { b.addEventListener("click", remove); });
    box.querySelector("[data-cg-back]").addEventListener("click", function () { showForm(fields[0]); });
    box.querySelector("[data-cg-print-form]").addEventListener("click", printFilled);
    var drafted = restore();
    list(box, "[data-cg-nojs]").forEach(function (el) { el.hidden = true; });
    paper.hidden = true;
    box.querySelector("[data-cg-live]").hidden = false;
    var toggle = box.closest("[data-cg-form-toggle]");
    if (toggle) {
      var target = "#" + box.id;
      var wanted = function () { return window.location.hash === target; };
      toggle.open = drafted || wanted();
      if (wanted()) { box.scrollIntoView(); }
      window.addEventListener("hashchange", function () { if (wanted()) { toggle.open = true; box.scrollIntoView(); } });
      list(document, 'a[href="' + target + '"]').forEach(function (a) {
        a.addEventListener("click", function () { toggle.open = true; });
      });
    }
    var section = box.closest(".cg-form-section");
    if (section) { section.classList.add("cg-form-section--live"); }
  }

  function start() { list(document, "[data-cg-form]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
