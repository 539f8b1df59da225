/* Self-assessment (2 of 5): the answers. Read from and written to the form, kept in this
 * browser (localStorage), downloaded as a file and read back from files the user picks.
 * No request is ever made: files are made and read in the browser.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var STORAGE_KEY = "ngo-handbook:self-assessment";
  var FORMAT = "ngo-handbook-self-assessment";

  function isAnswers(data) {
    return Boolean(data) && data.format === FORMAT && typeof data.answers === "object" &&
      Boolean(data.answers);
  }

  // The answers of a saved file or of the browser's storage, keeping only choices the
  // questionnaire still has; null if `data` is not a file of answers.
  sa.parseAnswers = function (model, data) {
    if (!isAnswers(data)) return null;
    var answers = {};
    model.questions.forEach(function (question) {
      var choice = sa.choiceOf(question, Number(data.answers[question.id]));
      if (choice) answers[question.id] = choice.id;
    });
    return {
      format: FORMAT,
      version: 1,
      answers: answers,
      organisation: String(data.organisation || ""),
      respondent: String(data.respondent || ""),
      date: /^\d{4}-\d{2}-\d{2}$/.test(data.date || "") ? data.date : "",
    };
  };

  // What the form holds now.
  sa.readState = function (view) {
    var form = view.form;
    var answers = {};
    view.model.questions.forEach(function (question) {
      var checked = form.querySelector('input[name="q' + question.id + '"]:checked');
      if (checked) answers[question.id] = Number(checked.value);
    });
    return {
      format: FORMAT,
      version: 1,
      organisation: form.elements.organisation.value.trim(),
      respondent: form.elements.respondent.value.trim(),
      date: handbook.parseDate(form.elements.date.value, view.model.language),
      answers: answers,
    };
  };

  sa.applyState = function (view, state) {
    var form = view.form;
    form.elements.organisation.value = state.organisation || "";
    form.elements.respondent.value = state.respondent || "";
    form.elements.date.value = handbook.formatDate(state.date, view.model.language);
    view.model.questions.forEach(function (question) {
      form.querySelectorAll('input[name="q' + question.id + '"]').forEach(function (input) {
        input.checked = Number(input.value) === state.answers[question.id];
      });
    });
  };

  sa.save = function (view) {
    handbook.storage.set(STORAGE_KEY, sa.readState(view));
  };

  // Put the answers kept in this browser back into the form.
  sa.restore = function (view) {
    var state = sa.parseAnswers(view.model, handbook.storage.get(STORAGE_KEY, isAnswers));
    if (state) sa.applyState(view, state);
  };

  sa.forget = function () {
    handbook.storage.remove(STORAGE_KEY);
  };

  // The answers as a JSON file, with each answer's level so that the file reads alone.
  sa.download = function (view) {
    var state = sa.readState(view);
    state.language = view.model.language;
    state.saved = new Date().toISOString();
    state.levels = {};
    view.model.questions.forEach(function (question) {
      var level = sa.levelOf(question, state.answers[question.id]);
      if (level !== null) state.levels[question.id] = level;
    });
    var blob = new Blob([JSON.stringify(state, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    var slug = (state.organisation || "answers").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
    link.download = "self-assessment-" + (slug || "answers") + "-" +
      (state.date || state.saved.slice(0, 10)) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  // The answers of every file picked; rejected with a message naming a file that is not
  // one of answers.
  sa.readFiles = function (view, files) {
    return Promise.all(Array.prototype.map.call(files, function (file) {
      return file.text().then(function (text) {
        var data;
        try {
          data = JSON.parse(text);
        } catch {
          data = null;
        }
        var state = sa.parseAnswers(view.model, data);
        if (!state) throw new Error(view.texts.t("file_error", { file: file.name }));
        state.fileName = file.name;
        return state;
      });
    }));
  };
})(window.ngoHandbook = window.ngoHandbook || {});
