/* The office block's rule, for the browser: office_view() of generator/site/office_view.py, line for line.
 * The "print for your commune" view (print-view.js) and the offices page's finder (where.js) both use it,
 * so they say what the PDF says. entry is [code, name, [[key, value]…], generic, missing] as
 * data/communes-<lang>.json holds it (or null for the generic block), hotline the province's number
 * or "", typed what staff typed in the print view ({address, hours, phone}) or null.
 */
(function () {
  "use strict";
  var ROWS = ["counter", "address", "hours", "phone"];
  var TYPED = ["address", "hours", "phone"];

  window.cgOfficeView = function (words, entry, hotline, typed) {
    var mine = {};
    TYPED.forEach(function (key) { mine[key] = String((typed || {})[key] || "").trim(); });
    var known = {};
    if (entry) { entry[2].forEach(function (row) { known[row[0]] = row[1]; }); }
    var rows = ROWS.filter(function (key) { return mine[key] || known[key]; })
      .map(function (key) { return [words.labels[key], mine[key] || known[key]]; });
    if (!entry) {
      return { heading: words.heading, name: "", rows: rows, generic: words.generic, missing: "", hotline: "",
               volunteers: words.volunteers };
    }
    var phone = hotline ? words.hotline.replace("{phone}", hotline) : words.no_hotline;
    var missing = entry[4] && !(mine.address || mine.phone);
    return { heading: words.heading, name: entry[1], rows: rows, generic: entry[3] ? words.generic : "",
             missing: missing ? words.missing : "", hotline: phone, volunteers: words.volunteers };
  };
})();
