/* Partner directory: filter the server-rendered list by city, focus area and free text.
 *
 * Every entry carries a search key (data-key) folded at build time by `fold()` in
 * partner_directory.py; a query is folded here with the same rules, so "Казакстан" finds
 * "Қазақстан" and "istanbul" finds "İstanbul". Filtering only toggles `hidden`: the list
 * is never re-rendered, which keeps a keystroke fast with thousands of entries.
 */
(function () {
  "use strict";

  // Letters Unicode does not decompose; keep in step with _FOLDED_LETTERS in Python.
  var FOLDED_LETTERS = {
    "ı": "i", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и", "ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": ""
  };
  var SPECIAL = new RegExp("[" + Object.keys(FOLDED_LETTERS).join("") + "]", "g");

  function foldText(text) {
    return text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(SPECIAL, function (letter) { return FOLDED_LETTERS[letter]; })
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function setUp(root) {
    var form = root.querySelector(".hb-partners-filters");
    var query = form.querySelector("input[type=search]");
    var city = form.querySelector("select");
    var areaBoxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var cityOptions = Array.prototype.slice.call(city.querySelectorAll("option[data-key]"));
    var count = root.querySelector(".hb-partners-count");
    var areasBox = form.querySelector("details");
    var tickedLabel = form.querySelector(".hb-partners-ticked");
    var texts = {
      all: root.getAttribute("data-count-all"),
      some: root.getAttribute("data-count-some"),
      none: root.getAttribute("data-count-none")
    };
    // Read the DOM once; a keystroke then works on plain arrays.
    var entries = Array.prototype.map.call(root.querySelectorAll(".hb-partners-org"), function (el) {
      return {
        el: el,
        key: el.getAttribute("data-key"),
        city: el.getAttribute("data-city"),
        areas: (el.getAttribute("data-areas") || "").split(" ").filter(Boolean),
        shown: true
      };
    });
    var total = entries.length;

    // Each query word must appear somewhere (inside a word too: Arabic joins "al-" to the
    // noun, Kazakh adds endings). It also matches every entry of a city or area whose
    // names contain it.
    function namedBy(items, word, id) {
      var found = {};
      items.forEach(function (item) {
        if (item.getAttribute("data-key").indexOf(word) !== -1) found[item[id]] = true;
      });
      return found;
    }

    function filter() {
      var words = foldText(query.value).split(" ").filter(Boolean);
      var wanted = city.value;
      var ticked = {};
      var anyTicked = false;
      areaBoxes.forEach(function (box) {
        if (box.checked) { ticked[box.value] = true; anyTicked = true; }
      });
      var byWord = words.map(function (word) {
        return {
          needle: word,
          cities: namedBy(cityOptions, word, "value"),
          areas: namedBy(areaBoxes, word, "value")
        };
      });
      var shown = 0;
      for (var i = 0; i < entries.length; i++) {
        var entry = entries[i];
        var match = (!wanted || entry.city === wanted) &&
          (!anyTicked || entry.areas.some(function (area) { return ticked[area]; }));
        for (var w = 0; match && w < byWord.length; w++) {
          var word = byWord[w];
          match = entry.key.indexOf(word.needle) !== -1 || word.cities[entry.city] === true ||
            entry.areas.some(function (area) { return word.areas[area] === true; });
        }
        if (match !== entry.shown) {
          entry.shown = match;
          entry.el.hidden = !match;
        }
        if (match) shown++;
      }
      var tickedCount = Object.keys(ticked).length;
      tickedLabel.textContent = tickedCount
        ? "(" + tickedLabel.getAttribute("data-ticked-label").replace("{count}", tickedCount) + ")"
        : "";
      var message = shown === total ? texts.all : shown === 0 ? texts.none : texts.some;
      message = message.replace("{shown}", shown).replace("{total}", total);
      if (count.textContent !== message) count.textContent = message;
      return shown;
    }

    form.addEventListener("input", filter);
    form.addEventListener("change", filter);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // "reset" fires before the controls are cleared.
    form.addEventListener("reset", function () { setTimeout(filter, 0); });
    // On a wide screen the focus areas are shown; on a phone they wait behind their heading.
    if (window.matchMedia("(min-width: 45em)").matches) areasBox.open = true;
    form.hidden = false;
    root.classList.add("hb-partners--ready");
    // For the benchmark and tests: the same function a keystroke runs.
    root.hbFilter = filter;
    filter();

    // Showing the filters pushed the list down: bring a linked entry back into view.
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && root.contains(target)) target.scrollIntoView();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hb-partners]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
