/* Self-assessment (5 of 5): the page. Progress, one area at a time or all at once,
 * autosave, the result view and the file tools, wired to the page's buttons.
 *
 * Everything happens in this browser: answers are kept in localStorage and in files the
 * user downloads or picks. No request is ever made. Without JavaScript the page stays a
 * complete questionnaire that prints for filling in on paper.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var MODE_KEY = "ngo-handbook:self-assessment:mode";
  var MODES = ["step", "all"];

  function isMode(value) {
    return MODES.indexOf(value) !== -1;
  }

  function init(root) {
    if (root.getAttribute("data-hb-sa-ready")) return;
    root.setAttribute("data-hb-sa-ready", "true");

    var model = sa.readModel(root);
    var view = {
      root: root,
      model: model,
      texts: sa.texts(model),
      rtl: getComputedStyle(root).direction === "rtl",
      form: root.querySelector("[data-hb-sa-form]"),
      result: root.querySelector("[data-hb-sa-result]"),
      fileMessage: root.querySelector("[data-hb-sa-file-message]"),
      update: update,
    };
    var t = view.texts.t;
    var form = view.form;
    var result = view.result;
    var sections = Array.prototype.slice.call(root.querySelectorAll(".hb-sa-area"));
    var progress = root.querySelector("#hb-sa-progress");
    var progressText = root.querySelector("[data-hb-sa-progress-text]");
    var message = root.querySelector("[data-hb-sa-message]");
    var mode = handbook.storage.get(MODE_KEY, isMode) || "step";
    var current = 0;

    function update() {
      var answered = Object.keys(sa.readState(view).answers).length;
      progress.value = answered;
      progressText.textContent = t("progress_text", { count: answered, total: model.questions.length });
    }

    // ---- one area at a time, or all at once ------------------------------------------

    function showMode() {
      root.querySelectorAll("[data-mode]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-mode") === mode));
      });
      sections.forEach(function (section, index) {
        section.hidden = mode === "step" && index !== current;
        var nav = section.querySelector("[data-hb-sa-step-nav]");
        nav.hidden = mode !== "step";
        nav.querySelector('[data-action="previous"]').disabled = index === 0;
        nav.querySelector('[data-action="next"]').disabled = index === sections.length - 1;
        nav.querySelector("[data-hb-sa-position]").textContent = t("area_position", {
          n: index + 1,
          total: sections.length,
        });
      });
    }

    function goTo(index, focus) {
      current = Math.max(0, Math.min(sections.length - 1, index));
      showMode();
      if (focus) sections[current].querySelector("h2").focus();
    }

    // ---- results ---------------------------------------------------------------------

    function showResults() {
      var state = sa.readState(view);
      var missing = model.questions.filter(function (question) { return !(question.id in state.answers); });
      if (missing.length) {
        message.textContent = t("unanswered", { count: missing.length });
        var fieldset = root.querySelector("#hb-sa-q" + missing[0].id);
        if (mode === "step") goTo(sections.indexOf(fieldset.closest(".hb-sa-area")), false);
        fieldset.querySelector("input").focus({ preventScroll: true });
        // The question just below the bar that stays on screen (and holds the message).
        var bar = root.querySelector("[data-hb-sa-controls]").getBoundingClientRect();
        window.scrollBy(0, fieldset.getBoundingClientRect().top - bar.bottom - 8);
        return;
      }
      message.textContent = "";
      if (!state.date) {
        form.elements.date.value = handbook.formatDate(new Date().toISOString(), model.language);
        state = sa.readState(view);
        sa.save(view);
      }
      sa.renderResults(view, state);
      form.hidden = true;
      result.hidden = false;
      root.classList.add("hb-sa--result");
      result.querySelector("h2").focus();
      result.scrollIntoView();
    }

    function showQuestions() {
      result.hidden = true;
      form.hidden = false;
      root.classList.remove("hb-sa--result");
    }

    var actions = {
      previous: function () { goTo(current - 1, true); },
      next: function () { goTo(current + 1, true); },
      results: showResults,
      questions: function () {
        showQuestions();
        form.querySelector("h2").focus();
      },
      print: function () { window.print(); },
      download: function () { sa.download(view); },
      clear: function () {
        if (!window.confirm(t("start_again_confirm"))) return;
        sa.applyState(view, { answers: {} });
        sa.forget();
        update();
        showQuestions();
        view.fileMessage.textContent = t("cleared");
      },
    };
    var fileActions = { load: sa.loadFile, compare: sa.compare, combine: sa.combine };

    // ---- wiring ------------------------------------------------------------------------

    sa.restore(view);
    root.querySelectorAll("[data-hb-sa-controls], [data-hb-sa-finish], [data-hb-sa-tools]").forEach(function (node) {
      node.hidden = false;
    });
    form.addEventListener("change", function (event) {
      var date = form.elements.date;
      if (event.target === date) {
        var written = date.value.trim();
        var iso = handbook.parseDate(written, model.language);
        if (iso) date.value = handbook.formatDate(iso, model.language);
        date.setAttribute("aria-invalid", String(Boolean(written) && !iso));
      }
      sa.save(view);
      update();
    });
    form.addEventListener("input", function () { sa.save(view); });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var modeName = button.getAttribute("data-mode");
      if (isMode(modeName)) {
        mode = modeName;
        handbook.storage.set(MODE_KEY, mode);
        showMode();
        return;
      }
      var action = button.getAttribute("data-action");
      if (Object.prototype.hasOwnProperty.call(actions, action)) actions[action]();
    });
    root.querySelectorAll("input[type=file]").forEach(function (input) {
      input.addEventListener("change", function () {
        var kind = input.getAttribute("data-file");
        if (!input.files.length || !Object.prototype.hasOwnProperty.call(fileActions, kind)) return;
        fileActions[kind](view, input.files);
        input.value = "";
      });
    });
    update();
    showMode();
  }

  handbook.ready(function () {
    document.querySelectorAll("[data-hb-sa]").forEach(init);
  });
})(window.ngoHandbook = window.ngoHandbook || {});
