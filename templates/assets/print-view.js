/* "Print for your commune": fill the handout's office block for the commune picked,
 * from data/communes.json (all 3,321 communes, offices and province hotlines).
 * Everything is written with textContent: the data is never parsed as HTML.
 * ?xa=<GSO code> in the address preselects a commune, so a volunteer can share a link.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-cg-picker]");
  if (!form) { return; }
  var root = new URL(form.getAttribute("data-root") || "./", window.location.href);
  var lang = form.getAttribute("data-lang") || "vi";
  var province = form.querySelector("#cg-province");
  var commune = form.querySelector("#cg-commune");
  var data = null;

  function label(key) { return form.getAttribute("data-l-" + key) || ""; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function local(row, base) { return row[base + "_" + lang] || row[base + "_vi"] || ""; }
  function nameOf(code) {
    var c = data.communes[code];
    var office = data.offices[code];
    if (office && office["name_" + lang]) { return office["name_" + lang]; }
    return lang === "en" ? c[1] : c[0];
  }

  function render(code) {
    document.querySelectorAll("[data-office]").forEach(function (box) {
      box.textContent = "";
      box.appendChild(el("h2", box.getAttribute("data-level") === "commune" ? label("office") : label("office-help")));
      if (!code) {
        box.appendChild(el("p", label("office-generic")));
        box.appendChild(el("p", label("volunteers"), "note"));
        return;
      }
      var c = data.communes[code];
      var office = data.offices[code];
      var strong = el("strong", nameOf(code));
      var p = el("p");
      p.appendChild(strong);
      box.appendChild(p);
      if (office) {
        var dl = el("dl");
        [["counter", "counter"], ["address", "address"], ["hours", "hours"]].forEach(function (pair) {
          var value = local(office, pair[0]);
          if (value) { dl.appendChild(el("dt", label(pair[1]))); dl.appendChild(el("dd", value)); }
        });
        if (office.phone) { dl.appendChild(el("dt", label("phone"))); dl.appendChild(el("dd", office.phone)); }
        box.appendChild(dl);
      } else {
        box.appendChild(el("p", label("office-generic")));
      }
      if (!office || !(office.address_vi || office.phone)) { box.appendChild(el("p", label("no-office-row"), "note")); }
      var hotline = (data.provinces[c[2]] || {}).hotline;
      if (hotline) { box.appendChild(el("p", label("hotline").replace("{phone}", hotline), "hotline")); }
      box.appendChild(el("p", label("volunteers"), "note"));
    });
  }

  function fillCommunes(provinceCode, selected) {
    commune.textContent = "";
    commune.appendChild(el("option", province.options[0].textContent)).value = "";
    var codes = Object.keys(data.communes).filter(function (code) { return data.communes[code][2] === provinceCode; });
    codes.sort(function (a, b) { return nameOf(a).localeCompare(nameOf(b), lang); });
    codes.forEach(function (code) {
      var option = el("option", nameOf(code));
      option.value = code;
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
  fetch(new URL("data/communes.json", root).href).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    province.addEventListener("change", function () { fillCommunes(province.value, ""); render(""); remember(""); });
    commune.addEventListener("change", function () { render(commune.value); remember(commune.value); });
    var preset = new URLSearchParams(window.location.search).get("xa");
    if (preset && data.communes[preset]) {
      province.value = data.communes[preset][2];
      fillCommunes(province.value, preset);
      render(preset);
    }
    form.setAttribute("data-ready", "true");
  });
})();
