// Printable forms: keep what is typed in this browser (localStorage) until "Clear", limit
// "choose at most N", and print. A kept value of the wrong kind (edited by hand, an older
// form) is dropped and the page says so. Without JavaScript the form still prints blank.
(function () {
  "use strict";

  function storageKey(form) {
    return "ngo-handbook:form:" + location.pathname + ":" + form.dataset.hbForm;
  }

  function read(form, report) {
    return ngoHandbook.storage.get(storageKey(form), ngoHandbook.isRecord, report) || {};
  }

  function controls(form) {
    return Array.from(form.querySelectorAll("input, textarea"));
  }

  function controlKey(control) {
    return control.type === "radio" || control.type === "checkbox"
      ? control.name + "=" + control.value
      : control.name;
  }

  function save(form) {
    var values = {};
    controls(form).forEach(function (control) {
      if (control.type === "radio" || control.type === "checkbox") {
        if (control.checked) values[controlKey(control)] = true;
      } else if (control.value) {
        values[controlKey(control)] = control.value;
      }
    });
    // Storage full or disabled: the form still works, it just is not kept.
    if (Object.keys(values).length) ngoHandbook.storage.set(storageKey(form), values);
    else ngoHandbook.storage.remove(storageKey(form));
  }

  // A box is kept as true, a text as a string; any other value is dropped and reported.
  function restore(form, report) {
    var values = read(form, report);
    controls(form).forEach(function (control) {
      var key = controlKey(control);
      var value = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
      var box = control.type === "radio" || control.type === "checkbox";
      var fits = box ? value === true : typeof value === "string";
      if (value !== undefined && !fits) report();
      if (box) control.checked = fits;
      else control.value = fits ? value : "";
    });
  }

  // "Choose at most N": once N boxes are ticked, the others are disabled and a message says why.
  function applyLimits(form) {
    form.querySelectorAll("fieldset[data-max]").forEach(function (group) {
      var max = Number(group.dataset.max);
      var boxes = Array.from(group.querySelectorAll('input[type="checkbox"]'));
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= max; });
      var status = group.querySelector(".hb-form-limit");
      if (status) status.textContent = ticked >= max ? status.dataset.message : "";
    });
  }

  function setUp(page) {
    var form = page.querySelector("form[data-hb-form]");
    if (!form) return;
    var message = page.querySelector(".hb-form-message");
    restore(form, function () { message.textContent = message.dataset.dropped; });
    applyLimits(form);
    form.addEventListener("input", function () { applyLimits(form); save(form); });
    form.addEventListener("change", function () { applyLimits(form); save(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var print = page.querySelector(".hb-form-print");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    var clear = page.querySelector(".hb-form-clear");
    if (clear) {
      clear.hidden = false;
      clear.addEventListener("click", function () {
        if (!window.confirm(clear.dataset.confirm)) return;
        form.reset();
        controls(form).forEach(function (control) {
          if (control.type === "radio" || control.type === "checkbox") control.checked = false;
          else control.value = "";
        });
        ngoHandbook.storage.remove(storageKey(form));
        applyLimits(form);
      });
    }
  }

  ngoHandbook.ready(function () {
    document.querySelectorAll("[data-hb-form-page]").forEach(setUp);
  });
})();
