/* Self-assessment: progress, autosave, results with chart and guidance, keep/compare/combine.
 *
 * Everything happens in this browser: answers are kept in localStorage and in files the
 * user downloads or picks. No request is ever made. Without JavaScript the page stays a
 * complete questionnaire that prints for filling in on paper.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "ngo-handbook:self-assessment";
  var MODE_KEY = "ngo-handbook:self-assessment:mode";
  var FORMAT = "ngo-handbook-self-assessment";
  var SVG_NS = "http://www.w3.org/2000/svg";

  function init(root) {
    if (root.getAttribute("data-hb-sa-ready")) return;
    root.setAttribute("data-hb-sa-ready", "true");

    var strings = JSON.parse(root.getAttribute("data-strings"));
    var lang = document.documentElement.lang || root.getAttribute("data-language") || "en";
    var rtl = getComputedStyle(root).direction === "rtl";
    var form = root.querySelector("[data-hb-sa-form]");
    var model = readModel(root);
    var sections = Array.prototype.slice.call(root.querySelectorAll(".hb-sa-area"));
    var progress = root.querySelector("#hb-sa-progress");
    var progressText = root.querySelector("[data-hb-sa-progress-text]");
    var message = root.querySelector("[data-hb-sa-message]");
    var fileMessage = root.querySelector("[data-hb-sa-file-message]");
    var result = root.querySelector("[data-hb-sa-result]");
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    var mode = load(MODE_KEY) || "step";
    var current = 0;

    function t(key, values) {
      var text = strings[key] || key;
      Object.keys(values || {}).forEach(function (name) {
        text = text.split("{" + name + "}").join(String(values[name]));
      });
      return text;
    }

    // ---- state ---------------------------------------------------------------------

    function readState() {
      var answers = {};
      model.questions.forEach(function (question) {
        var checked = form.querySelector('input[name="q' + question.id + '"]:checked');
        if (checked) answers[question.id] = Number(checked.value);
      });
      return {
        format: FORMAT,
        version: 1,
        organisation: form.elements.organisation.value.trim(),
        respondent: form.elements.respondent.value.trim(),
        date: form.elements.date.value,
        answers: answers,
      };
    }

    function applyState(state) {
      form.elements.organisation.value = state.organisation || "";
      form.elements.respondent.value = state.respondent || "";
      form.elements.date.value = state.date || "";
      model.questions.forEach(function (question) {
        form.querySelectorAll('input[name="q' + question.id + '"]').forEach(function (input) {
          input.checked = Number(input.value) === state.answers[question.id];
        });
      });
    }

    function save() {
      store(STORAGE_KEY, JSON.stringify(readState()));
    }

    function update() {
      var answered = Object.keys(readState().answers).length;
      progress.value = answered;
      progressText.textContent = t("progress_text", { answered: answered, total: model.questions.length });
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

    function levelsByArea(answers) {
      return model.areas.map(function (area) {
        var levels = area.questions
          .map(function (question) { return levelOf(question, answers[question.id]); })
          .filter(function (level) { return level !== null; });
        var sum = levels.reduce(function (a, b) { return a + b; }, 0);
        return { area: area, level: levels.length ? Math.round((sum / levels.length) * 10) / 10 : null };
      });
    }

    function levelName(level) {
      return strings.levels[String(Math.max(1, Math.min(4, Math.round(level))))];
    }

    function showResults() {
      var state = readState();
      var missing = model.questions.filter(function (q) { return !(q.id in state.answers); });
      if (missing.length) {
        message.textContent = t("unanswered", { count: missing.length });
        var fieldset = root.querySelector("#hb-sa-q" + missing[0].id);
        if (mode === "step") goTo(sections.indexOf(fieldset.closest(".hb-sa-area")), false);
        fieldset.querySelector("input").focus();
        return;
      }
      message.textContent = "";
      if (!state.date) {
        form.elements.date.value = new Date().toISOString().slice(0, 10);
        state = readState();
        save();
      }
      renderResults(state);
      form.hidden = true;
      result.hidden = false;
      root.classList.add("hb-sa--result");
      result.querySelector("h2").focus();
      result.scrollIntoView();
    }

    function renderResults(state) {
      var meta = result.querySelector("[data-hb-sa-report-meta]");
      meta.textContent = "";
      [["report_organisation", state.organisation], ["respondent", state.respondent], ["report_date", formatDate(state.date)]]
        .forEach(function (pair) {
          if (!pair[1]) return;
          meta.appendChild(el("dt", null, t(pair[0])));
          meta.appendChild(el("dd", null, pair[1]));
        });

      var scores = levelsByArea(state.answers);
      var chart = result.querySelector("[data-hb-sa-chart]");
      chart.textContent = "";
      chart.appendChild(buildChart(scores));
      chart.appendChild(buildLevelTable(scores));

      var ordered = scores.slice().sort(function (a, b) { return a.level - b.level; });
      var out = result.querySelector("[data-hb-sa-areas]");
      out.textContent = "";
      ordered.forEach(function (score) {
        var section = el("section", "hb-sa-result-area");
        section.setAttribute("data-area", score.area.id);
        section.appendChild(el("h3", null, score.area.title));
        section.appendChild(el("p", "hb-sa-result-level",
          t("table_level") + ": " + t("level_of", { value: number.format(score.level) }) + " (" + levelName(score.level) + ")"));
        score.area.questions.forEach(function (question) {
          var choice = choiceOf(question, state.answers[question.id]);
          var item = el("div", "hb-sa-result-question");
          item.setAttribute("data-question", question.id);
          item.appendChild(el("h4", null, question.id + ". " + question.text));
          var answer = el("p", "hb-sa-result-answer");
          answer.appendChild(el("strong", null, t("your_answer") + ": "));
          answer.appendChild(document.createTextNode(choice.text + " (" + strings.levels[String(choice.level)] + ")"));
          item.appendChild(answer);
          var source = root.querySelector('[data-guidance="q' + question.id + "-c" + choice.id + '"]');
          if (source) {
            if (source.getAttribute("data-fallback") === "true") {
              item.appendChild(el("p", "hb-sa-fallback", t("fallback_note")));
            }
            var copy = source.cloneNode(true);
            copy.removeAttribute("data-guidance");
            copy.setAttribute("data-guidance-shown", "q" + question.id + "-c" + choice.id);
            item.appendChild(copy);
            var link = el("a", "hb-sa-guidance-link", t("open_guidance"));
            link.href = source.getAttribute("data-url");
            item.appendChild(el("p", "hb-sa-noprint")).appendChild(link);
          }
          section.appendChild(item);
        });
        section.appendChild(buildActionTable(score.area.title));
        out.appendChild(section);
      });
    }

    function buildChart(scores) {
      var width = 640, labelHeight = 22, barHeight = 18, rowHeight = 50, top = 28;
      var height = top + rowHeight * scores.length + 8;
      var svg = svgEl("svg", {
        viewBox: "0 0 " + width + " " + height,
        role: "img",
        "aria-labelledby": "hb-sa-chart-title hb-sa-chart-desc",
        class: "hb-sa-chart-svg",
        direction: rtl ? "rtl" : "ltr",
      });
      var title = svgEl("title", { id: "hb-sa-chart-title" });
      title.textContent = t("chart_title");
      var desc = svgEl("desc", { id: "hb-sa-chart-desc" });
      desc.textContent = t("chart_desc") + " " + scores.map(function (score) {
        return score.area.title + ": " + t("level_of", { value: number.format(score.level) });
      }).join("; ");
      svg.appendChild(title);
      svg.appendChild(desc);
      // Bars grow from the start edge: the left in English, the right in Arabic.
      var pad = 16;
      var x = function (value, w) { return rtl ? width - pad - value - (w || 0) : pad + value; };
      var scale = (width - pad - 56) / 4;
      for (var step = 0; step <= 4; step++) {
        var tick = svgEl("text", { x: x(step * scale), y: 14, "text-anchor": "middle", class: "hb-sa-tick" });
        tick.textContent = number.format(step);
        svg.appendChild(tick);
      }
      scores.forEach(function (score, index) {
        var y = top + index * rowHeight;
        // Grid lines only beside the bar, so they never cross the area's name.
        for (var level = 0; level <= 4; level++) {
          var gx = x(level * scale);
          svg.appendChild(svgEl("line", {
            x1: gx, x2: gx, y1: y + labelHeight - 3, y2: y + labelHeight + barHeight + 3, class: "hb-sa-grid",
          }));
        }
        var label = svgEl("text", { x: x(0), y: y + 14, class: "hb-sa-bar-label", "text-anchor": "start" });
        label.textContent = score.area.title;
        svg.appendChild(label);
        var w = Math.max(2, score.level * scale);
        var bar = svgEl("rect", {
          x: x(0, w), y: y + labelHeight, width: w, height: barHeight, rx: 3,
          class: "hb-sa-bar hb-sa-bar--" + Math.round(score.level),
          "data-area": score.area.id,
        });
        svg.appendChild(bar);
        var value = svgEl("text", { x: x(w + 6), y: y + labelHeight + 14, class: "hb-sa-bar-value", "text-anchor": "start" });
        value.textContent = number.format(score.level);
        svg.appendChild(value);
      });
      return svg;
    }

    function buildLevelTable(scores) {
      var table = el("table", "hb-sa-level-table");
      table.appendChild(el("caption", null, t("chart_title")));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      [t("table_area"), t("table_level")].forEach(function (text) { head.appendChild(th(text, "col")); });
      var body = table.appendChild(el("tbody"));
      scores.forEach(function (score) {
        var row = body.appendChild(el("tr"));
        row.appendChild(th(score.area.title, "row"));
        row.appendChild(el("td", null, t("level_of", { value: number.format(score.level) }) + " (" + levelName(score.level) + ")"));
      });
      return table;
    }

    function buildActionTable(areaTitle) {
      var table = el("table", "hb-sa-action-table");
      table.appendChild(el("caption", null, t("action_plan") + ": " + areaTitle));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      ["action_what", "action_who", "action_when"].forEach(function (key) { head.appendChild(th(t(key), "col")); });
      var body = table.appendChild(el("tbody"));
      for (var i = 0; i < 3; i++) {
        var row = body.appendChild(el("tr"));
        for (var j = 0; j < 3; j++) row.appendChild(el("td", null, "\u00a0"));
      }
      return table;
    }

    // ---- keep, compare, combine --------------------------------------------------------

    function download() {
      var state = readState();
      state.language = lang;
      state.saved = new Date().toISOString();
      state.levels = {};
      model.questions.forEach(function (question) {
        var level = levelOf(question, state.answers[question.id]);
        if (level !== null) state.levels[question.id] = level;
      });
      var blob = new Blob([JSON.stringify(state, null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      var slug = (state.organisation || "answers").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
      link.download = "self-assessment-" + (slug || "answers") + "-" + (state.date || state.saved.slice(0, 10)) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    function readFiles(files) {
      return Promise.all(Array.prototype.map.call(files, function (file) {
        return file.text().then(function (text) {
          var state = parseAnswers(text);
          if (!state) throw new Error(t("file_error", { file: file.name }));
          state.fileName = file.name;
          return state;
        });
      }));
    }

    function parseAnswers(text) {
      var data;
      try { data = JSON.parse(text); } catch (error) { return null; }
      if (!data || data.format !== FORMAT || typeof data.answers !== "object" || !data.answers) return null;
      var answers = {};
      model.questions.forEach(function (question) {
        var choice = choiceOf(question, Number(data.answers[question.id]));
        if (choice) answers[question.id] = choice.id;
      });
      return {
        format: FORMAT, version: 1, answers: answers,
        organisation: String(data.organisation || ""), respondent: String(data.respondent || ""),
        date: /^\d{4}-\d{2}-\d{2}$/.test(data.date || "") ? data.date : "",
      };
    }

    function loadFile(files) {
      readFiles(files).then(function (states) {
        applyState(states[0]);
        save();
        update();
        fileMessage.textContent = t("load_done", { file: states[0].fileName });
        if (!result.hidden) renderResults(readState());
      }, showFileError);
    }

    function compare(files) {
      readFiles(files).then(function (states) {
        var earlier = states[0], now = readState();
        var out = root.querySelector("[data-hb-sa-compare-out]");
        out.textContent = "";
        out.appendChild(el("h3", null, t("compare_title")));
        var table = el("table", "hb-sa-compare-table");
        table.appendChild(el("caption", null, t("compare_title") + " (" + (formatDate(earlier.date) || earlier.fileName) + ")"));
        var head = table.appendChild(el("thead")).appendChild(el("tr"));
        ["question", "compare_earlier", "compare_now", "compare_change"].forEach(function (key) {
          head.appendChild(th(key === "question" ? t("table_area") + " / " + t("question") : t(key), "col"));
        });
        var body = table.appendChild(el("tbody"));
        var before = levelsByArea(earlier.answers), after = levelsByArea(now.answers);
        model.areas.forEach(function (area, index) {
          var row = body.appendChild(el("tr", "hb-sa-compare-area"));
          row.setAttribute("data-area", area.id);
          row.appendChild(th(area.title, "row"));
          row.appendChild(el("td", null, formatLevel(before[index].level)));
          row.appendChild(el("td", null, formatLevel(after[index].level)));
          row.appendChild(el("td", null, change(before[index].level, after[index].level)));
          area.questions.forEach(function (question) {
            var r = body.appendChild(el("tr"));
            r.setAttribute("data-question", question.id);
            r.appendChild(th(question.id + ". " + question.text, "row"));
            var a = levelOf(question, earlier.answers[question.id]), b = levelOf(question, now.answers[question.id]);
            r.appendChild(el("td", null, formatLevel(a)));
            r.appendChild(el("td", null, formatLevel(b)));
            r.appendChild(el("td", null, change(a, b)));
          });
        });
        out.appendChild(wrap(table));
        fileMessage.textContent = "";
      }, showFileError);
    }

    function combine(files) {
      readFiles(files).then(function (states) {
        var mine = readState();
        var people = states.map(function (state, index) {
          return { name: state.respondent || state.organisation || t("respondent_n", { n: index + 1 }), answers: state.answers };
        });
        if (Object.keys(mine.answers).length) people.unshift({ name: mine.respondent || t("this_browser"), answers: mine.answers });
        var out = root.querySelector("[data-hb-sa-combine-out]");
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
        var agreeCount = 0;
        model.areas.forEach(function (area) {
          var areaRow = body.appendChild(el("tr", "hb-sa-compare-area"));
          areaRow.appendChild(th(area.title, "row"));
          people.forEach(function (person) {
            areaRow.appendChild(el("td", null, formatLevel(levelsByArea(person.answers)[model.areas.indexOf(area)].level)));
          });
          areaRow.appendChild(el("td"));
          area.questions.forEach(function (question) {
            var row = body.appendChild(el("tr"));
            row.setAttribute("data-question", question.id);
            row.appendChild(th(question.id + ". " + question.text, "row"));
            var levels = [], chosen = [];
            people.forEach(function (person) {
              var choice = choiceOf(question, person.answers[question.id]);
              if (choice) { levels.push(choice.level); chosen.push(choice.id); }
              var cell = el("td", null, choice ? formatLevel(choice.level) : t("not_answered"));
              if (choice) cell.title = choice.text;
              row.appendChild(cell);
            });
            var agree = chosen.length === people.length && chosen.every(function (id) { return id === chosen[0]; });
            if (agree) agreeCount++;
            var verdict = el("td", agree ? "hb-sa-agree" : "hb-sa-differ", agree ? t("combine_agree") : t("combine_differ", {
              min: number.format(Math.min.apply(null, levels.length ? levels : [0])),
              max: number.format(Math.max.apply(null, levels.length ? levels : [0])),
            }));
            row.setAttribute("data-agree", String(agree));
            row.appendChild(verdict);
          });
        });
        summary.textContent = t("combine_summary", { agree: agreeCount, total: model.questions.length });
        out.appendChild(wrap(table));
        fileMessage.textContent = "";
      }, showFileError);
    }

    function showFileError(error) {
      fileMessage.textContent = error.message;
    }

    // ---- helpers -----------------------------------------------------------------------

    function levelOf(question, choiceId) {
      var choice = choiceOf(question, choiceId);
      return choice ? choice.level : null;
    }

    function formatLevel(level) {
      return level === null || level === undefined ? "–" : number.format(level) + " (" + levelName(level) + ")";
    }

    function change(a, b) {
      if (a === null || b === null) return "–";
      var diff = Math.round((b - a) * 10) / 10;
      if (diff > 0) return "+" + number.format(diff) + " " + t("change_up");
      if (diff < 0) return "−" + number.format(-diff) + " " + t("change_down");
      return t("change_same");
    }

    function formatDate(value) {
      if (!value) return "";
      var parts = value.split("-").map(Number);
      return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date(parts[0], parts[1] - 1, parts[2]));
    }

    function wrap(table) {
      var box = el("div", "hb-sa-table-wrap");
      box.appendChild(table);
      return box;
    }

    // ---- wiring ------------------------------------------------------------------------

    var saved = load(STORAGE_KEY);
    if (saved) {
      var state = parseAnswers(saved);
      if (state) applyState(state);
    }
    root.querySelectorAll("[data-hb-sa-controls], [data-hb-sa-finish], [data-hb-sa-tools]").forEach(function (node) {
      node.hidden = false;
    });
    form.addEventListener("change", function () { save(); update(); });
    form.addEventListener("input", function () { save(); });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var modeName = button.getAttribute("data-mode");
      if (modeName) {
        mode = modeName;
        store(MODE_KEY, mode);
        showMode();
        return;
      }
      var action = button.getAttribute("data-action");
      if (action === "previous") goTo(current - 1, true);
      else if (action === "next") goTo(current + 1, true);
      else if (action === "results") showResults();
      else if (action === "questions") {
        result.hidden = true;
        form.hidden = false;
        root.classList.remove("hb-sa--result");
        form.querySelector("h2").focus();
      } else if (action === "print") window.print();
      else if (action === "download") download();
      else if (action === "clear" && window.confirm(t("start_again_confirm"))) {
        applyState({ answers: {} });
        remove(STORAGE_KEY);
        update();
        result.hidden = true;
        form.hidden = false;
        root.classList.remove("hb-sa--result");
        fileMessage.textContent = t("cleared");
      }
    });
    root.querySelectorAll("input[type=file]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (!input.files.length) return;
        var kind = input.getAttribute("data-file");
        if (kind === "load") loadFile(input.files);
        else if (kind === "compare") compare(input.files);
        else combine(input.files);
        input.value = "";
      });
    });
    update();
    showMode();
  }

  function readModel(root) {
    var areas = Array.prototype.map.call(root.querySelectorAll(".hb-sa-area"), function (section) {
      return {
        id: section.getAttribute("data-area"),
        title: section.querySelector("h2").textContent.trim(),
        questions: Array.prototype.map.call(section.querySelectorAll(".hb-sa-question"), function (fieldset) {
          var legend = fieldset.querySelector("legend").cloneNode(true);
          legend.querySelector(".hb-sa-number").remove();
          return {
            id: Number(fieldset.getAttribute("data-question")),
            text: legend.textContent.trim(),
            choices: Array.prototype.map.call(fieldset.querySelectorAll("input[type=radio]"), function (input) {
              return {
                id: Number(input.value),
                level: Number(input.getAttribute("data-level")),
                text: fieldset.querySelector('label[for="' + input.id + '"]').textContent.trim(),
              };
            }),
          };
        }),
      };
    });
    var questions = [];
    areas.forEach(function (area) { questions.push.apply(questions, area.questions); });
    return { areas: areas, questions: questions };
  }

  function choiceOf(question, choiceId) {
    for (var i = 0; i < question.choices.length; i++) {
      if (question.choices[i].id === choiceId) return question.choices[i];
    }
    return null;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function th(text, scope) {
    var cell = el("th", null, text);
    cell.scope = scope;
    return cell;
  }

  function svgEl(tag, attributes) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: not kept */ }
  }

  function remove(key) {
    try { window.localStorage.removeItem(key); } catch (error) { /* nothing kept */ }
  }

  function start() {
    document.querySelectorAll("[data-hb-sa]").forEach(init);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Material's instant navigation swaps pages without a reload.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
