/* Self-assessment (2 of 5): the answers. Read from and written to the form, kept in this
 * browser (localStorage), downloaded as a file and read back from files the user picks.
 * No request is ever made: files are made and read in the browser.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var STORAGE_KEY = "ngo-handbook:self-assessment";
  var FORMAT = "ngo-handbook-self-assessment";

  // The largest answers file read: one of this questionnaire's is a few kilobytes.
  var MAX_FILE_BYTES = 1000000;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function isAnswers(data) {
    return handbook.isRecord(data) && data.format === FORMAT && handbook.isRecord(data.answers);
  }

  function isDate(value) {
    if (!DATE.test(value)) return false;
    var date = new Date(value + "T00:00:00Z");
    return !isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }

  // The answers of a saved file or of the browser's storage, or null if `data` is not a
  // file of answers. Both are untrusted: an answer must be the id of one of its question's
  // choices, a name a text, a date a real one; anything else (a question the questionnaire
  // no longer has, a value edited by hand) is left out and counted in `dropped`.
  sa.parseAnswers = function (model, data) {
    if (!isAnswers(data)) return null;
    var dropped = 0;
    var answers = {};
    var known = {};
    model.questions.forEach(function (question) {
      var key = String(question.id);
      known[key] = true;
      if (!Object.prototype.hasOwnProperty.call(data.answers, key)) return;
      var value = data.answers[key];
      var choice = Number.isInteger(value) ? sa.choiceOf(question, value) : null;
      if (choice) answers[question.id] = choice.id;
      else dropped++;
    });
    Object.keys(data.answers).forEach(function (key) {
      if (!known[key]) dropped++;
    });
    function text(name, accept) {
      var value = data[name];
      if (value === undefined || value === null || value === "") return "";
      if (typeof value === "string" && accept(value)) return value;
      dropped++;
      return "";
    }
    var any = function () { return true; };
    return {
      format: FORMAT,
      version: 1,
      answers: answers,
      organisation: text("organisation", any),
      respondent: text("respondent", any),
      date: text("date", isDate),
      dropped: dropped,
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

  // Put the answers kept in this browser back into the form; `report()` when some or all
  // of what was kept could not be read.
  sa.restore = function (view, report) {
    var state = sa.parseAnswers(view.model, handbook.storage.get(STORAGE_KEY, isAnswers, report));
    if (!state) return;
    if (state.dropped) report();
    sa.applyState(view, state);
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

  // The answers of every file picked; rejected with a message naming a file that is too
  // large or not one of answers. Each state carries its `fileName` and what it `dropped`.
  sa.readFiles = function (view, files) {
    var texts = view.texts;
    return Promise.all(Array.prototype.map.call(files, function (file) {
      var notAnswers = new Error(texts.t("file_error", { file: file.name }));
      if (file.size > MAX_FILE_BYTES) {
        return Promise.reject(new Error(texts.t("file_too_large", {
          file: file.name, size: texts.size(file.size), limit: texts.size(MAX_FILE_BYTES),
        })));
      }
      return file.text().then(function (text) {
        var state;
        try {
          state = sa.parseAnswers(view.model, JSON.parse(text));
        } catch {
          state = null;
        }
        if (!state) throw notAnswers;
        state.fileName = file.name;
        return state;
      }, function () { throw notAnswers; });
    }));
  };

  // What to say after reading `states`: which files had answers left out, or `otherwise`.
  sa.filesNote = function (view, states, otherwise) {
    var partial = states.filter(function (state) { return state.dropped; });
    if (!partial.length) return otherwise;
    return partial.map(function (state) {
      return view.texts.t("file_partly", { file: state.fileName });
    }).join(" ");
  };
})(window.ngoHandbook = window.ngoHandbook || {});
