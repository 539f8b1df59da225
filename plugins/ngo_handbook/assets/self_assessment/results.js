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

    // Weakest first, as the text above the chart says: the chart, its table and the
    // guidance below are in the same order (areas of equal level in questionnaire order).
    var ordered = sa.levelsByArea(view.model, state.answers).slice()
      .sort(function (a, b) { return a.level - b.level; });
    var chart = result.querySelector("[data-hb-sa-chart]");
    chart.textContent = "";
    chart.appendChild(buildChart(view, ordered));
    chart.appendChild(sa.wrap(buildLevelTable(texts, ordered)));

    var out = result.querySelector("[data-hb-sa-areas]");
    out.textContent = "";
    ordered.forEach(function (score) {
      var section = el("section", "hb-sa-result-area");
      section.setAttribute("data-area", score.area.id);
      section.appendChild(sa.inLanguage(el("h3", null, score.area.title), score.area, "title"));
      section.appendChild(el("p", "hb-sa-result-level", t("table_level") + ": " + texts.levelOf(score.level)));
      score.area.questions.forEach(function (question) {
        section.appendChild(answerWithGuidance(view, question, state.answers[question.id]));
      });
      section.appendChild(sa.wrap(buildActionTable(texts, score.area.title)));
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
    item.appendChild(sa.inLanguage(el("h4", null, view.texts.question(question)), question, "text"));
    var answer = el("p", "hb-sa-result-answer");
    answer.appendChild(el("strong", null, t("your_answer") + ": "));
    answer.appendChild(sa.inLanguage(el("span", null, choice.text), choice, "text"));
    answer.appendChild(document.createTextNode(" (" + view.model.levels[String(choice.level)] + ")"));
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

  // The chart is drawn at the width it is shown (a phone's or a column's), so its text
  // keeps the page's size; an area's name wraps onto more lines where it is too long.
  var LABEL_SIZE = 14, LINE = 18, BAR = 18, GAP = 14, TOP = 26, PAD = 8, VALUE_ROOM = 40;

  function wrapLabel(text, room, font) {
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = font;
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      var longer = line ? line + " " + word : word;
      if (line && measure.measureText(longer).width > room) {
        lines.push(line);
        line = word;
      } else {
        line = longer;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function buildChart(view, scores) {
    var texts = view.texts;
    var number = texts.number;
    var rtl = view.rtl;
    var width = Math.round(Math.max(260, Math.min(640, view.root.clientWidth || 640)));
    var font = "600 " + LABEL_SIZE + "px " + getComputedStyle(view.root).fontFamily;
    var labels = scores.map(function (score) { return wrapLabel(score.area.title, width - 2 * PAD, font); });
    var height = TOP + labels.reduce(function (sum, lines) { return sum + lines.length * LINE + BAR + GAP; }, 0);
    var svg = sa.svgEl("svg", {
      viewBox: "0 0 " + width + " " + height,
      width: width,
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
    var x = function (value, w) { return rtl ? width - PAD - value - (w || 0) : PAD + value; };
    var scale = (width - 2 * PAD - VALUE_ROOM) / 4;
    for (var step = 0; step <= 4; step++) {
      var anchor = step === 0 ? "start" : "middle";
      var tick = sa.svgEl("text", { x: x(step * scale), y: 14, "text-anchor": anchor, class: "hb-sa-tick" });
      tick.textContent = number.format(step);
      svg.appendChild(tick);
    }
    var y = TOP;
    scores.forEach(function (score, index) {
      var label = sa.svgEl("text", { x: x(0), y: y + LABEL_SIZE, class: "hb-sa-bar-label", "text-anchor": "start" });
      labels[index].forEach(function (line, lineIndex) {
        var part = sa.svgEl("tspan", { x: x(0), dy: lineIndex ? LINE : 0 });
        part.textContent = line;
        label.appendChild(part);
      });
      svg.appendChild(label);
      var barTop = y + labels[index].length * LINE + 2;
      // Grid lines only beside the bar, so they never cross the area's name.
      for (var level = 0; level <= 4; level++) {
        var gx = x(level * scale);
        svg.appendChild(sa.svgEl("line", { x1: gx, x2: gx, y1: barTop - 3, y2: barTop + BAR + 3, class: "hb-sa-grid" }));
      }
      var w = Math.max(2, score.level * scale);
      svg.appendChild(sa.svgEl("rect", {
        x: x(0, w), y: barTop, width: w, height: BAR, rx: 3,
        class: "hb-sa-bar hb-sa-bar--" + Math.round(score.level),
        "data-area": score.area.id,
      }));
      var value = sa.svgEl("text", { x: x(w + 6), y: barTop + 14, class: "hb-sa-bar-value", "text-anchor": "start" });
      value.textContent = number.format(score.level);
      svg.appendChild(value);
      y = barTop + BAR + GAP;
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
      row.appendChild(sa.inLanguage(th(score.area.title, "row"), score.area, "title"));
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
