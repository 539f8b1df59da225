/* Self-assessment (3 of 5): the result view. Areas from the weakest to the strongest, a
 * chart and a table of the level per area, under each answer the guidance written for it
 * (embedded in the page, hidden, so no request is made), and an action plan to print.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var el = sa.el;
  var th = sa.th;

  sa.renderResults = function (view, state) {
    var texts = view.texts;
    var t = texts.t;
    var result = view.result;

    var meta = result.querySelector("[data-hb-sa-report-meta]");
    meta.textContent = "";
    [
      ["report_organisation", state.organisation],
      ["respondent", state.respondent],
      ["report_date", texts.formatDate(state.date)],
    ].forEach(function (pair) {
      if (!pair[1]) return;
      meta.appendChild(el("dt", null, t(pair[0])));
      meta.appendChild(el("dd", null, pair[1]));
    });

    var scores = sa.levelsByArea(view.model, state.answers);
    var chart = result.querySelector("[data-hb-sa-chart]");
    chart.textContent = "";
    chart.appendChild(buildChart(view, scores));
    chart.appendChild(buildLevelTable(texts, scores));

    var ordered = scores.slice().sort(function (a, b) { return a.level - b.level; });
    var out = result.querySelector("[data-hb-sa-areas]");
    out.textContent = "";
    ordered.forEach(function (score) {
      var section = el("section", "hb-sa-result-area");
      section.setAttribute("data-area", score.area.id);
      section.appendChild(el("h3", null, score.area.title));
      section.appendChild(el("p", "hb-sa-result-level", t("table_level") + ": " + texts.levelOf(score.level)));
      score.area.questions.forEach(function (question) {
        section.appendChild(answerWithGuidance(view, question, state.answers[question.id]));
      });
      section.appendChild(buildActionTable(texts, score.area.title));
      out.appendChild(section);
    });
  };

  // One answer, then its guidance: a copy of the hidden block, its note when it is in
  // another language than the page, and a link to the guidance as a page of its own.
  function answerWithGuidance(view, question, choiceId) {
    var t = view.texts.t;
    var choice = sa.choiceOf(question, choiceId);
    var item = el("div", "hb-sa-result-question");
    item.setAttribute("data-question", question.id);
    item.appendChild(el("h4", null, question.number + ". " + question.text));
    var answer = el("p", "hb-sa-result-answer");
    answer.appendChild(el("strong", null, t("your_answer") + ": "));
    answer.appendChild(document.createTextNode(choice.text + " (" + view.model.levels[String(choice.level)] + ")"));
    item.appendChild(answer);
    var guidance = choice.guidance;
    var source = view.root.querySelector('[data-guidance="' + guidance.id + '"]');
    if (!source) return item;
    if (guidance.note) item.appendChild(el("p", "hb-sa-fallback", guidance.note));
    var copy = source.cloneNode(true);
    copy.removeAttribute("data-guidance");
    copy.setAttribute("data-guidance-shown", guidance.id);
    item.appendChild(copy);
    var link = el("a", "hb-sa-guidance-link", t("open_guidance"));
    link.href = guidance.url;
    item.appendChild(el("p", "hb-sa-noprint")).appendChild(link);
    return item;
  }

  function buildChart(view, scores) {
    var texts = view.texts;
    var number = texts.number;
    var rtl = view.rtl;
    var width = 640, labelHeight = 22, barHeight = 18, rowHeight = 50, top = 28;
    var height = top + rowHeight * scores.length + 8;
    var svg = sa.svgEl("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": "hb-sa-chart-title hb-sa-chart-desc",
      class: "hb-sa-chart-svg",
      direction: rtl ? "rtl" : "ltr",
    });
    var title = sa.svgEl("title", { id: "hb-sa-chart-title" });
    title.textContent = texts.t("chart_title");
    var desc = sa.svgEl("desc", { id: "hb-sa-chart-desc" });
    desc.textContent = texts.t("chart_desc") + " " + scores.map(function (score) {
      return score.area.title + ": " + texts.t("level_of", { value: number.format(score.level) });
    }).join("; ");
    svg.appendChild(title);
    svg.appendChild(desc);
    // Bars grow from the start edge: the left in English, the right in Arabic.
    var pad = 16;
    var x = function (value, w) { return rtl ? width - pad - value - (w || 0) : pad + value; };
    var scale = (width - pad - 56) / 4;
    for (var step = 0; step <= 4; step++) {
      var tick = sa.svgEl("text", { x: x(step * scale), y: 14, "text-anchor": "middle", class: "hb-sa-tick" });
      tick.textContent = number.format(step);
      svg.appendChild(tick);
    }
    scores.forEach(function (score, index) {
      var y = top + index * rowHeight;
      // Grid lines only beside the bar, so they never cross the area's name.
      for (var level = 0; level <= 4; level++) {
        var gx = x(level * scale);
        svg.appendChild(sa.svgEl("line", {
          x1: gx, x2: gx, y1: y + labelHeight - 3, y2: y + labelHeight + barHeight + 3, class: "hb-sa-grid",
        }));
      }
      var label = sa.svgEl("text", { x: x(0), y: y + 14, class: "hb-sa-bar-label", "text-anchor": "start" });
      label.textContent = score.area.title;
      svg.appendChild(label);
      var w = Math.max(2, score.level * scale);
      svg.appendChild(sa.svgEl("rect", {
        x: x(0, w), y: y + labelHeight, width: w, height: barHeight, rx: 3,
        class: "hb-sa-bar hb-sa-bar--" + Math.round(score.level),
        "data-area": score.area.id,
      }));
      var value = sa.svgEl("text", { x: x(w + 6), y: y + labelHeight + 14, class: "hb-sa-bar-value", "text-anchor": "start" });
      value.textContent = number.format(score.level);
      svg.appendChild(value);
    });
    return svg;
  }

  function buildLevelTable(texts, scores) {
    var table = el("table", "hb-sa-level-table");
    table.appendChild(el("caption", null, texts.t("chart_title")));
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    [texts.t("table_area"), texts.t("table_level")].forEach(function (text) { head.appendChild(th(text, "col")); });
    var body = table.appendChild(el("tbody"));
    scores.forEach(function (score) {
      var row = body.appendChild(el("tr"));
      row.appendChild(th(score.area.title, "row"));
      row.appendChild(el("td", null, texts.levelOf(score.level)));
    });
    return table;
  }

  // An empty table to fill in by hand on the printout.
  function buildActionTable(texts, areaTitle) {
    var table = el("table", "hb-sa-action-table");
    table.appendChild(el("caption", null, texts.t("action_plan") + ": " + areaTitle));
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    ["action_what", "action_who", "action_when"].forEach(function (key) { head.appendChild(th(texts.t(key), "col")); });
    var body = table.appendChild(el("tbody"));
    for (var i = 0; i < 3; i++) {
      var row = body.appendChild(el("tr"));
      for (var j = 0; j < 3; j++) row.appendChild(el("td", null, "\u00a0"));
    }
    return table;
  }
})(window.ngoHandbook = window.ngoHandbook || {});
