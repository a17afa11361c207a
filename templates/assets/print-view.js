/* "Print for your commune": fill the handout's office block for the commune picked.
 * What the block says for each commune was decided when the site was built, with the PDF's rule
 * (generator/site/office_view.py), and written per language into data/communes-<lang>.json; this script
 * only puts it on the page, in the elements the handout template uses. Everything is written
 * with textContent: the data is never parsed as HTML.
 * ?xa=<GSO code> in the address preselects a commune, so a volunteer can share a link.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-cg-picker]");
  if (!form) { return; }
  var setup = JSON.parse(form.getAttribute("data-office-view"));
  var words = setup.words;
  var province = form.querySelector("#cg-province");
  var commune = form.querySelector("#cg-commune");
  var data = null;
  var byCode = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  /* office_view() of generator/site/office_view.py, line for line: entry is [code, name, rows, generic, missing]. */
  function view(code) {
    if (!code) { return setup.generic; }
    var found = byCode[code];
    var entry = found.entry;
    var hotline = data.provinces[found.province].hotline;
    return {
      heading: words.heading,
      name: entry[1],
      rows: entry[2].map(function (row) { return [words.labels[row[0]], row[1]]; }),
      generic: entry[3] ? words.generic : "",
      missing: entry[4] ? words.missing : "",
      hotline: hotline ? words.hotline.replace("{phone}", hotline) : "",
      volunteers: words.volunteers
    };
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

  function remember(code) {
    var url = new URL(window.location.href);
    if (code) { url.searchParams.set("xa", code); } else { url.searchParams.delete("xa"); }
    window.history.replaceState(null, "", url.toString());
  }

  form.hidden = false;
  form.querySelector("[data-cg-print]").addEventListener("click", function () { window.print(); });
  fetch(new URL(setup.data, window.location.href).href).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    Object.keys(data.communes).forEach(function (code) {
      data.communes[code].forEach(function (entry) { byCode[entry[0]] = { entry: entry, province: code }; });
    });
    province.addEventListener("change", function () { fillCommunes(province.value, ""); render(view("")); remember(""); });
    commune.addEventListener("change", function () { render(view(commune.value)); remember(commune.value); });
    var preset = new URLSearchParams(window.location.search).get("xa");
    if (preset && byCode[preset]) {
      province.value = byCode[preset].province;
      fillCommunes(province.value, preset);
      render(view(preset));
    }
    form.setAttribute("data-ready", "true");
  });
})();
