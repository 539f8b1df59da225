/* Self-assessment (4 of 5): answer files. Load one back into the form, compare the
 * answers now with an earlier file, or combine several respondents' files to see where
 * they agree. Everything is read in this browser.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var el = sa.el;
  var th = sa.th;

  function showFileError(view) {
    return function (error) { view.fileMessage.textContent = error.message; };
  }

  sa.loadFile = function (view, files) {
    sa.readFiles(view, files).then(function (states) {
      sa.applyState(view, states[0]);
      sa.save(view);
      view.update();
      view.fileMessage.textContent = sa.filesNote(view, states,
        view.texts.t("load_done", { file: states[0].fileName }));
      if (!view.result.hidden) sa.renderResults(view, sa.readState(view));
    }, showFileError(view));
  };

  sa.compare = function (view, files) {
    sa.readFiles(view, files).then(function (states) {
      var texts = view.texts, t = texts.t, model = view.model;
      var earlier = states[0], now = sa.readState(view);
      var out = view.root.querySelector("[data-hb-sa-compare-out]");
      out.textContent = "";
      out.appendChild(el("h3", null, t("compare_title")));
      var table = el("table", "hb-sa-compare-table");
      table.appendChild(el("caption", null,
        t("compare_title") + " (" + (texts.formatDate(earlier.date) || earlier.fileName) + ")"));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      ["question", "compare_earlier", "compare_now", "compare_change"].forEach(function (key) {
        head.appendChild(th(key === "question" ? t("table_area") + " / " + t("question") : t(key), "col"));
      });
      var body = table.appendChild(el("tbody"));
      var before = sa.levelsByArea(model, earlier.answers), after = sa.levelsByArea(model, now.answers);
      function addCells(row, a, b) {
        row.appendChild(el("td", null, texts.formatLevel(a)));
        row.appendChild(el("td", null, texts.formatLevel(b)));
        row.appendChild(el("td", null, texts.change(a, b)));
      }
      model.areas.forEach(function (area, index) {
        var row = body.appendChild(el("tr", "hb-sa-compare-area"));
        row.setAttribute("data-area", area.id);
        row.appendChild(sa.inLanguage(th(area.title, "row"), area, "title"));
        addCells(row, before[index].level, after[index].level);
        area.questions.forEach(function (question) {
          var questionRow = body.appendChild(el("tr"));
          questionRow.setAttribute("data-question", question.id);
          questionRow.appendChild(sa.inLanguage(th(texts.question(question), "row"), question, "text"));
          addCells(questionRow, sa.levelOf(question, earlier.answers[question.id]),
            sa.levelOf(question, now.answers[question.id]));
        });
      });
      out.appendChild(sa.wrap(table));
      view.fileMessage.textContent = sa.filesNote(view, states, "");
    }, showFileError(view));
  };

  sa.combine = function (view, files) {
    sa.readFiles(view, files).then(function (states) {
      var texts = view.texts, t = texts.t, model = view.model;
      var mine = sa.readState(view);
      var people = states.map(function (state, index) {
        return {
          name: state.respondent || state.organisation || t("respondent_n", { n: index + 1 }),
          answers: state.answers,
        };
      });
      if (Object.keys(mine.answers).length) {
        people.unshift({ name: mine.respondent || t("this_browser"), answers: mine.answers });
      }
      var out = view.root.querySelector("[data-hb-sa-combine-out]");
      out.textContent = "";
      out.appendChild(el("h3", null, t("combine_title")));
      var summary = out.appendChild(el("p", "hb-sa-combine-summary"));
      var table = el("table", "hb-sa-combine-table");
      table.appendChild(el("caption", null, t("combine_title")));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      head.appendChild(th(t("question"), "col"));
      people.forEach(function (person) { head.appendChild(th(person.name, "col")); });
      head.appendChild(th(t("combine_verdict"), "col"));
      var body = table.appendChild(el("tbody"));
      var levels = people.map(function (person) { return sa.levelsByArea(model, person.answers); });
      var agreeCount = 0;
      model.areas.forEach(function (area, index) {
        var areaRow = body.appendChild(el("tr", "hb-sa-compare-area"));
        areaRow.appendChild(sa.inLanguage(th(area.title, "row"), area, "title"));
        levels.forEach(function (byArea) {
          areaRow.appendChild(el("td", null, texts.formatLevel(byArea[index].level)));
        });
        areaRow.appendChild(el("td"));
        area.questions.forEach(function (question) {
          if (questionRow(view, body, question, people)) agreeCount++;
        });
      });
      summary.textContent = t("combine_summary", { count: agreeCount, total: model.questions.length });
      out.appendChild(sa.wrap(table));
      view.fileMessage.textContent = sa.filesNote(view, states, "");
    }, showFileError(view));
  };

  // One question's row of the combined table; true if everyone chose the same answer.
  function questionRow(view, body, question, people) {
    var texts = view.texts, t = texts.t;
    var row = body.appendChild(el("tr"));
    row.setAttribute("data-question", question.id);
    row.appendChild(sa.inLanguage(th(texts.question(question), "row"), question, "text"));
    var levels = [], chosen = [];
    people.forEach(function (person) {
      var choice = sa.choiceOf(question, person.answers[question.id]);
      if (choice) { levels.push(choice.level); chosen.push(choice.id); }
      var cell = el("td", null, choice ? texts.formatLevel(choice.level) : t("not_answered"));
      if (choice) cell.title = choice.text;
      row.appendChild(cell);
    });
    var agree = chosen.length === people.length &&
      chosen.every(function (id) { return id === chosen[0]; });
    var range = levels.length ? levels : [0];
    row.appendChild(el("td", agree ? "hb-sa-agree" : "hb-sa-differ", agree ? t("combine_agree") : t("combine_differ", {
      min: texts.number.format(Math.min.apply(null, range)),
      max: texts.number.format(Math.max.apply(null, range)),
    })));
    row.setAttribute("data-agree", String(agree));
    return agree;
  }
})(window.ngoHandbook = window.ngoHandbook || {});
