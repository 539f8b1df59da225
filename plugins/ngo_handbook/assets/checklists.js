/* Checklists of the handbook: ticks kept in this browser, a reset and a print button.
 *
 * Each <section data-hb-checklist="ID"> keeps the ids of its ticked items in localStorage
 * under "ngo-handbook:checklist:<page path>#<ID>", so the same list on two pages (or in two
 * languages) is ticked separately. A kept value that is not a list of ids is dropped, and the
 * list says so. Without JavaScript the boxes still tick, nothing is kept, and the tools stay
 * hidden. */
(function () {
  "use strict";

  var PREFIX = "ngo-handbook:checklist:";

  function storageKey(section) {
    return PREFIX + window.location.pathname + "#" + section.getAttribute("data-hb-checklist");
  }

  // The ids ticked earlier; anything else kept under the key is dropped and reported.
  function load(key, report) {
    var ids = ngoHandbook.storage.get(key, Array.isArray, report) || [];
    var kept = ids.filter(function (id) { return typeof id === "string"; });
    if (kept.length !== ids.length) report();
    return kept;
  }

  function save(key, ids) {
    if (ids.length) ngoHandbook.storage.set(key, ids);
    else ngoHandbook.storage.remove(key);
  }

  function setUp(section) {
    if (section.hasAttribute("data-hb-ready")) return;
    section.setAttribute("data-hb-ready", "");
    var key = storageKey(section);
    var boxes = Array.prototype.slice.call(section.querySelectorAll("input[data-hb-item]"));
    var progress = section.querySelector(".hb-checklist__progress");
    var template = JSON.parse(section.getAttribute("data-hb-progress") || '"{count} / {total}"');

    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; });
      progress.textContent = ngoHandbook.format(template, { count: ticked.length, total: boxes.length });
      section.classList.toggle("hb-checklist--done", ticked.length === boxes.length);
      return ticked.map(function (box) { return box.getAttribute("data-hb-item"); });
    }

    var message = section.querySelector(".hb-checklist__message");
    var saved = load(key, function () {
      message.textContent = section.getAttribute("data-hb-dropped");
      message.hidden = false;
    });
    boxes.forEach(function (box) {
      box.checked = saved.indexOf(box.getAttribute("data-hb-item")) !== -1;
      box.addEventListener("change", function () { save(key, update()); });
    });
    update();

    section.querySelector(".hb-checklist__reset").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save(key, update());
      if (boxes.length) boxes[0].focus();
    });
    section.querySelector(".hb-checklist__print").addEventListener("click", function () {
      window.print();
    });
    section.querySelector(".hb-checklist__tools").hidden = false;
  }

  ngoHandbook.ready(function () {
    document.querySelectorAll("[data-hb-checklist]").forEach(setUp);
  });
})();
