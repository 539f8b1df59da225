/* Partner directory: filter the server-rendered list by city, focus area and free text.
 *
 * Every entry carries a search key (data-key) folded at build time by `fold()` in
 * partner_directory/folding.py; a query is folded here with the same rules, so "Казакстан"
 * finds "Қазақстан" and "istanbul" finds "İstanbul". A long directory's page holds only its
 * first entries: `data-entries` names a JSON file with every entry's search key, city and
 * areas, and the pages of the whole list (the list a browser without JavaScript shows),
 * which hold every entry's HTML as the build rendered it. The filters appear once the file
 * is read (the count is right from then on); an entry past the first part is shown once
 * the pages are read, made an element the first time.
 * The list is never re-rendered: an entry that stops matching is taken out of the list and
 * put back in its place when it matches again (entries that stay are left alone, so a
 * linked entry keeps its :target look). Taking entries out, rather than setting `hidden`
 * on thousands of them, keeps Chromium from rebuilding its layout tree for each keystroke.
 * At most PAGE matches are in the list at a time, with a "show more" button for the rest,
 * so that a keystroke lays out a hundred entries, not thousands. An entry opened by its
 * link (#org-…) is shown whatever the limit, and printing shows every match.
 */
(function () {
  "use strict";

  // Letters Unicode does not decompose; keep in step with _FOLDED_LETTERS in Python.
  var FOLDED_LETTERS = {
    "ı": "i", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и", "ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": ""
  };
  var SPECIAL = new RegExp("[" + Object.keys(FOLDED_LETTERS).join("") + "]", "g");
  var PAGE = 100;

  function foldText(text) {
    return text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(SPECIAL, function (letter) { return FOLDED_LETTERS[letter]; })
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  // The entries of the page itself, read from the DOM once; a keystroke then works on
  // plain arrays.
  function pageEntries(root) {
    return Array.prototype.map.call(root.querySelectorAll(".hb-partners-org"), function (el) {
      return {
        el: el,
        id: el.id,
        key: el.getAttribute("data-key"),
        city: el.getAttribute("data-city"),
        areas: (el.getAttribute("data-areas") || "").split(" ").filter(Boolean),
        shown: true
      };
    });
  }

  // Every entry of the directory from its JSON file ([anchor, city, areas, key] each),
  // keeping the page's own elements for the entries it holds.
  function allEntries(data, inPage) {
    var byId = {};
    inPage.forEach(function (entry) { byId[entry.id] = entry; });
    return data.entries.map(function (record) {
      return byId[record[0]] || {
        el: null,
        html: null, // until the file of HTML is read
        id: record[0],
        city: record[1],
        areas: record[2].split(" ").filter(Boolean),
        key: record[3],
        shown: false
      };
    });
  }

  // The element of an entry, made from its HTML the first time it is shown (null while its
  // HTML is not there yet). The HTML is the build's, every value in it escaped.
  var maker = document.createElement("template");
  function element(entry) {
    if (!entry.el && entry.html) {
      maker.innerHTML = entry.html;
      entry.el = maker.content.firstElementChild;
      entry.html = null;
    }
    return entry.el;
  }

  function setUp(root) {
    var source = root.getAttribute("data-entries");
    var inPage = pageEntries(root);
    if (!source) {
      start(root, inPage)();
      return;
    }
    // Until the file is read (or if it cannot be), the page shows its first part and the
    // link to the whole list, as it does without JavaScript.
    var base = new URL(source, location.href);
    read(base.href).then(function (response) { return response.json(); }).then(function (data) {
      var entries = allEntries(data, inPage);
      var complete = start(root, entries);
      var byId = {};
      entries.forEach(function (entry) { byId[entry.id] = entry; });
      var missing = false;
      return Promise.all(data.parts.map(function (part) {
        return read(new URL(part, base).href).then(function (response) {
          return response.text();
        }).then(function (text) {
          // Each entry's HTML as the page of the whole list has it; the page itself is
          // dropped once read (entries are made elements only when they are shown).
          var page = new DOMParser().parseFromString(text, "text/html");
          page.querySelectorAll(".hb-partners-list > .hb-partners-org").forEach(function (item) {
            var entry = byId[item.id];
            if (entry && !entry.el) entry.html = item.outerHTML;
          });
        }).catch(function () {
          missing = true; // offline, say: its entries stay out of the list
        });
      })).then(function () { complete(missing); });
    });
  }

  function read(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response;
    });
  }

  function start(root, entries) {
    var form = root.querySelector(".hb-partners-filters");
    var query = form.querySelector("input[type=search]");
    var city = form.querySelector("select");
    var areaBoxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var cityOptions = Array.prototype.slice.call(city.querySelectorAll("option[data-key]"));
    var count = root.querySelector(".hb-partners-count");
    var areasBox = form.querySelector("details");
    var tickedLabel = form.querySelector(".hb-partners-ticked");
    var more = root.querySelector(".hb-partners-more");
    var moreButton = more.querySelector("button");
    var texts = {
      all: JSON.parse(root.getAttribute("data-count-all")),
      some: JSON.parse(root.getAttribute("data-count-some")),
      none: root.getAttribute("data-count-none")
    };
    var total = entries.length;
    var list = root.querySelector(".hb-partners-list");
    var limit = PAGE;
    var pinned = null;

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

    // `keepLimit`: the same query with more entries shown (show more, printing, a link);
    // a changed query starts again from the first PAGE matches.
    function filter(keepLimit) {
      if (keepLimit !== true) limit = PAGE;
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
      var visible = 0;
      var previous = null; // the last entry in the list so far: the next one goes after it
      for (var i = 0; i < entries.length; i++) {
        var entry = entries[i];
        var match = (!wanted || entry.city === wanted) &&
          (!anyTicked || entry.areas.some(function (area) { return ticked[area]; }));
        for (var w = 0; match && w < byWord.length; w++) {
          var word = byWord[w];
          match = entry.key.indexOf(word.needle) !== -1 || word.cities[entry.city] === true ||
            entry.areas.some(function (area) { return word.areas[area] === true; });
        }
        var show = match && (shown < limit || entry === pinned) && Boolean(entry.el || entry.html);
        if (show !== entry.shown) {
          entry.shown = show;
          if (show) {
            list.insertBefore(element(entry), previous ? previous.nextSibling : list.firstChild);
          } else {
            list.removeChild(entry.el);
          }
        }
        if (show) previous = entry.el;
        if (match) shown++;
        if (show) visible++;
      }
      more.hidden = visible === shown;
      if (!more.hidden) {
        moreButton.textContent = ngoHandbook.format(JSON.parse(moreButton.getAttribute("data-label")), { count: shown - visible });
      }
      var tickedCount = Object.keys(ticked).length;
      tickedLabel.textContent = tickedCount
        ? "(" + ngoHandbook.format(JSON.parse(tickedLabel.getAttribute("data-ticked-label")), { count: tickedCount }) + ")"
        : "";
      var message = shown === total ? texts.all : shown === 0 ? texts.none : texts.some;
      message = ngoHandbook.format(message, { count: shown, total: total });
      if (count.textContent !== message) count.textContent = message;
      return shown;
    }

    form.addEventListener("input", filter);
    form.addEventListener("change", filter);
    moreButton.addEventListener("click", function () {
      var before = entries.filter(function (entry) { return entry.shown; }).length;
      limit += PAGE;
      filter(true);
      // Move to the first of the entries just shown, for keyboard and screen-reader users.
      var first = entries.filter(function (entry) { return entry.shown; })[before];
      if (first) {
        first.el.tabIndex = -1;
        first.el.focus();
      }
    });
    var limitOnScreen = PAGE;
    window.addEventListener("beforeprint", function () {
      limitOnScreen = limit;
      limit = Infinity;
      filter(true);
    });
    window.addEventListener("afterprint", function () {
      limit = limitOnScreen;
      filter(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // "reset" fires before the controls are cleared.
    form.addEventListener("reset", function () { setTimeout(filter, 0); });
    // On a wide screen the focus areas are shown; on a phone they wait behind their heading.
    if (window.matchMedia("(min-width: 45em)").matches) areasBox.open = true;
    form.hidden = false;
    var firstPart = root.querySelector(".hb-partners-first-part");
    if (firstPart) firstPart.hidden = true;
    root.classList.add("hb-partners--ready");
    // For the benchmark and tests: the same function a keystroke runs.
    root.hbFilter = filter;

    // The entry the address links to (#org-…) is shown even past the limit, and marked:
    // one that was out of the list when the link was followed is not the :target.
    function pin() {
      var id;
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch {
        return false; // a malformed address (#org-%ZZ) links to no entry
      }
      var linked = entries.filter(function (entry) { return entry.id === id; })[0];
      if (!linked) return false;
      if (pinned && pinned.el) pinned.el.classList.remove("hb-partners-org--linked");
      pinned = linked;
      if (element(pinned)) pinned.el.classList.add("hb-partners-org--linked");
      return true;
    }
    window.addEventListener("hashchange", function () {
      if (!pin()) return;
      filter(true);
      if (pinned.shown) pinned.el.scrollIntoView();
    });
    pin();
    filter();
    // Showing the filters pushed the list down: bring a linked entry back into view.
    if (pinned && pinned.shown) pinned.el.scrollIntoView();

    // Once every page of the whole list was read: show what matched but could not be
    // shown yet. When one could not be read (`missing`), the note that the page shows only
    // part of the directory comes back, with its link to the whole list.
    return function complete(missing) {
      var linkedShown = Boolean(pinned && pinned.shown);
      pin();
      filter(true);
      if (pinned && pinned.shown && !linkedShown) pinned.el.scrollIntoView();
      if (missing && firstPart) firstPart.hidden = false;
      root.classList.add("hb-partners--complete");
    };
  }

  ngoHandbook.ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hb-partners]"), setUp);
  });
})();
