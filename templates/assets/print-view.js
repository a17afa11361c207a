/* "Print for your commune": fill the handout's office block for the commune picked.
 * What the block says for each commune was decided when the site was built, with the PDF's rule
 * (generator/site/office_view.py), and written per language into data/communes-<lang>.json; this script
 * only puts it on the page (with office-view.js, the same rule), in the elements the handout template
 * uses. Everything is written with textContent: the data is never parsed as HTML.
 * ?xa=<GSO code> in the address preselects a commune, so a volunteer can share a link.
 * What staff type (their office's address, hours, phone) is kept per commune in localStorage on this
 * device and in the address after "#", which browsers never send to a server: nothing leaves the device.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-cg-picker]");
  if (!form || !window.cgOfficeView) { return; }
  var setup = JSON.parse(form.getAttribute("data-office-view"));
  var words = setup.words;
  var province = form.querySelector("#cg-province");
  var commune = form.querySelector("#cg-commune");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-cg-typed]"));
  var STORE = "cg-office-typed";  /* {commune code, "" for the general version: {address, hours, phone}} */
  var HASH = { address: "dia-chi", hours: "gio", phone: "dien-thoai" };
  var data = null;
  var byCode = {};
  var current = "";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function typed() {
    var values = {};
    inputs.forEach(function (input) { values[input.getAttribute("data-cg-typed")] = input.value.trim(); });
    return values;
  }

  function fillTyped(values) {
    inputs.forEach(function (input) { input.value = (values || {})[input.getAttribute("data-cg-typed")] || ""; });
  }

  function stored() {
    try { return JSON.parse(window.localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function save() {
    var all = stored();
    var values = typed();
    if (Object.keys(values).some(function (k) { return values[k]; })) { all[current] = values; } else { delete all[current]; }
    try { window.localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* private mode: the link keeps them */ }
  }

  function fromHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    var values = null;
    Object.keys(HASH).forEach(function (key) {
      if (params.has(HASH[key])) { values = values || {}; values[key] = params.get(HASH[key]); }
    });
    return values;
  }

  function view(code) {
    var found = code && data ? byCode[code] : null;
    if (!found) { return window.cgOfficeView(words, null, "", typed()); }
    return window.cgOfficeView(words, found.entry, data.provinces[found.province].hotline, typed());
  }

  /* The office_block macro of templates/print/_sheet.html.j2. */
  function render(office) {
    document.querySelectorAll("[data-office]").forEach(function (box) {
      box.textContent = "";
      box.appendChild(el("h2", office.heading));
      if (office.name) {
        var p = el("p");
        p.appendChild(el("strong", office.name));
        box.appendChild(p);
      }
      if (office.rows.length) {
        var dl = el("dl");
        office.rows.forEach(function (row) { dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1])); });
        box.appendChild(dl);
      }
      if (office.generic) { box.appendChild(el("p", office.generic)); }
      if (office.missing) { box.appendChild(el("p", office.missing, "note")); }
      if (office.hotline) { box.appendChild(el("p", office.hotline, "hotline")); }
      box.appendChild(el("p", office.volunteers, "note"));
    });
  }

  function fillCommunes(provinceCode, selected) {
    commune.textContent = "";
    commune.appendChild(el("option", province.options[0].textContent)).value = "";
    (data.communes[provinceCode] || []).forEach(function (entry) {  /* already A–Z */
      var option = el("option", entry[1]);
      option.value = entry[0];
      commune.appendChild(option);
    });
    commune.disabled = !provinceCode;
    commune.value = selected || "";
  }

  /* The commune in the query (shared links), what was typed after "#" (never sent to the server). */
  function remember() {
    var url = new URL(window.location.href);
    if (current) { url.searchParams.set("xa", current); } else { url.searchParams.delete("xa"); }
    var values = typed();
    var hash = new URLSearchParams();
    Object.keys(HASH).forEach(function (key) { if (values[key]) { hash.set(HASH[key], values[key]); } });
    url.hash = hash.toString();
    window.history.replaceState(null, "", url.toString());
  }

  function choose(code) {
    current = code;
    fillTyped(stored()[current]);
    render(view(current));
    remember();
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector("[data-cg-print]").addEventListener("click", function () { window.print(); });
  inputs.forEach(function (input) {
    input.addEventListener("input", function () { save(); render(view(current)); remember(); });
  });
  form.querySelector("[data-cg-typed-clear]").addEventListener("click", function () {
    fillTyped(null); save(); render(view(current)); remember();
  });
  var preset = new URLSearchParams(window.location.search).get("xa") || "";
  var shared = fromHash();
  current = preset;
  fillTyped(shared || stored()[current]);
  if (shared) { save(); }
  fetch(new URL(setup.data, window.location.href).href).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    Object.keys(data.communes).forEach(function (code) {
      data.communes[code].forEach(function (entry) { byCode[entry[0]] = { entry: entry, province: code }; });
    });
    province.addEventListener("change", function () { fillCommunes(province.value, ""); choose(""); });
    commune.addEventListener("change", function () { choose(commune.value); });
    if (preset && byCode[preset]) {
      province.value = byCode[preset].province;
      fillCommunes(province.value, preset);
    } else if (preset) {
      current = "";
    }
    if (preset || shared || inputs.some(function (input) { return input.value; })) { render(view(current)); }
    form.setAttribute("data-ready", "true");
  });
})();
