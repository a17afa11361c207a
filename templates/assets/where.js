/* "Where do I go?": the offices page's finder. Pick a province, then a commune (or type part of its
 * name, tone marks optional), and see what office_view.py says of its office (office-view.js, the rule
 * the print view and the PDFs use): its name in Vietnamese with the translation, what is known of the
 * office, and the province hotline or where to ask instead.
 * A province's communes are fetched only when it is picked (one small file per province, the link
 * is on its <option>), once. The choice stays in the address (?tinh=…&xa=…): a reload or a shared
 * link shows the same commune. Everything is written with textContent.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-cg-finder]");
  /* An unzipped offline pack (file://) cannot fetch: there the page stays the list of provinces. */
  if (!form || !window.cgOfficeView || !window.fetch || window.location.protocol === "file:") { return; }
  var setup = JSON.parse(form.getAttribute("data-finder"));
  var province = form.querySelector("#cg-where-province");
  var filter = form.querySelector("#cg-where-filter");
  var commune = form.querySelector("#cg-where-commune");
  var status = form.querySelector("#cg-where-status");
  var result = document.querySelector("[data-cg-where-result]");
  var choose = commune.options[0].textContent;
  var loaded = {};  /* province code -> its file, fetched once */
  var data = null;  /* the file of the province shown */

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  /* "Bến Thành" and "ben thanh" alike: no tone marks, đ as d, any case and spacing. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d")
      .replace(/\s+/g, " ").trim();
  }

  function plural(forms, n) { return (n === 1 ? forms.one : forms.other).replace("{n}", n); }

  function communes() { return data ? data.communes[province.value] || [] : []; }

  function phoneLink(number) {
    var a = el("a", number);
    a.href = "tel:" + number.replace(/[^0-9+]/g, "");
    return a;
  }

  /* The office block, as a page shows it: the name as a heading, phone numbers as links. */
  function show(code) {
    var entry = communes().filter(function (e) { return e[0] === code; })[0];
    remember(entry ? code : "");
    result.textContent = "";
    result.hidden = !entry;
    if (!entry) { return; }
    var place = data.provinces[province.value];
    var office = window.cgOfficeView(setup.words, entry, place.hotline, null);
    result.appendChild(el("h2", office.name));
    result.appendChild(el("p", place.name, "cg-office__province"));
    if (office.rows.length) {
      var dl = el("dl");
      office.rows.forEach(function (row) {
        dl.appendChild(el("dt", row[0]));
        var dd = el("dd");
        if (row[0] === setup.words.labels.phone) { dd.appendChild(phoneLink(row[1])); } else { dd.textContent = row[1]; }
        dl.appendChild(dd);
      });
      result.appendChild(dl);
    }
    if (office.generic) { result.appendChild(el("p", office.generic)); }
    if (office.missing) { result.appendChild(el("p", office.missing, "cg-note")); }
    var help = el("p", null, "cg-where__hotline");
    if (place.hotline) {
      var parts = setup.words.hotline.split("{phone}");
      help.appendChild(document.createTextNode(parts[0]));
      help.appendChild(phoneLink(place.hotline));
      help.appendChild(document.createTextNode(parts.slice(1).join("")));
    } else {
      help.textContent = office.hotline;
    }
    result.appendChild(help);
    result.appendChild(el("p", office.volunteers));
  }

  /* The communes whose name holds what was typed; one left is chosen at once. */
  function refresh(wanted) {
    var typed = fold(filter.value);
    var list = communes().filter(function (e) { return !typed || fold(e[1]).indexOf(typed) !== -1; });
    var keep = list.length === 1 ? list[0][0] : wanted || commune.value;
    commune.textContent = "";
    commune.appendChild(el("option", choose)).value = "";
    list.forEach(function (entry) {  /* already A–Z */
      var option = el("option", entry[1]);
      option.value = entry[0];
      commune.appendChild(option);
    });
    commune.value = list.some(function (e) { return e[0] === keep; }) ? keep : "";
    status.textContent = !list.length ? setup.none : plural(typed ? setup.found : setup.count, list.length);
    show(commune.value);
  }

  function remember(code) {
    var url = new URL(window.location.href);
    url.searchParams.delete("tinh");
    url.searchParams.delete("xa");
    if (province.value) { url.searchParams.set("tinh", province.value); }
    if (code) { url.searchParams.set("xa", code); }
    window.history.replaceState(null, "", url.toString());
  }

  function load(code, then) {
    data = null;
    filter.disabled = commune.disabled = true;
    if (!code) { status.textContent = ""; show(""); return; }
    var ready = function (json) {
      if (province.value !== code) { return; }  /* another province was picked meanwhile */
      data = json;
      filter.disabled = commune.disabled = false;
      then();
    };
    if (loaded[code]) { ready(loaded[code]); return; }
    status.textContent = setup.loading;
    var option = province.querySelector("option[value='" + code + "']");
    fetch(new URL(option.getAttribute("data-src"), window.location.href).href)
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (json) { loaded[code] = json; ready(json); })
      .catch(function () { if (province.value === code) { status.textContent = setup.failed; } });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  province.addEventListener("change", function () {
    filter.value = "";
    commune.value = "";
    load(province.value, function () { refresh(""); });
  });
  filter.addEventListener("input", function () { if (data) { refresh(""); } });
  commune.addEventListener("change", function () { show(commune.value); });

  var params = new URLSearchParams(window.location.search);
  var preset = params.get("tinh") || "";
  form.hidden = false;
  if (/^[0-9]+$/.test(preset) && province.querySelector("option[value='" + preset + "']")) {
    province.value = preset;
    load(preset, function () {
      refresh(params.get("xa") || "");
      form.setAttribute("data-ready", "true");
    });
  } else {
    form.setAttribute("data-ready", "true");
  }
})();
