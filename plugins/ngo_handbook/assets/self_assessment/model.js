/* Self-assessment (1 of 5): the questionnaire as the page describes it, and what every
 * other part shares: levels, formatted numbers and texts, small DOM builders.
 *
 * The page carries the questionnaire as JSON (<script type="application/json"
 * data-hb-sa-model>): areas with their questions, choices, levels and guidance, the level
 * names and the interface strings of the page's language. Nothing is read back out of the
 * questionnaire's HTML. The parts meet on `ngoHandbook.selfAssessment`; main.js starts it.
 */
(function (handbook) {
  "use strict";

  var sa = (handbook.selfAssessment = handbook.selfAssessment || {});
  var SVG_NS = "http://www.w3.org/2000/svg";

  // The model embedded in `root`, with `questions` listing every question in order.
  sa.readModel = function (root) {
    var model = JSON.parse(root.querySelector("script[data-hb-sa-model]").textContent);
    model.questions = [];
    model.areas.forEach(function (area) {
      model.questions.push.apply(model.questions, area.questions);
    });
    return model;
  };

  sa.choiceOf = function (question, choiceId) {
    for (var i = 0; i < question.choices.length; i++) {
      if (question.choices[i].id === choiceId) return question.choices[i];
    }
    return null;
  };

  sa.levelOf = function (question, choiceId) {
    var choice = sa.choiceOf(question, choiceId);
    return choice ? choice.level : null;
  };

  // The mean level of each area's answered questions, to one decimal (null: none answered).
  sa.levelsByArea = function (model, answers) {
    return model.areas.map(function (area) {
      var levels = area.questions
        .map(function (question) { return sa.levelOf(question, answers[question.id]); })
        .filter(function (level) { return level !== null; });
      var sum = levels.reduce(function (a, b) { return a + b; }, 0);
      return {
        area: area,
        level: levels.length ? Math.round((sum / levels.length) * 10) / 10 : null,
      };
    });
  };

  // Texts in the page's language: `t(key, values)` fills a string (a plural one by
  // `values.count`), the rest formats levels, changes and dates.
  sa.texts = function (model) {
    var language = model.language;
    // Levels to one decimal, written as the language writes numbers (1,5 in Kazakh).
    var number = { format: function (value) { return handbook.formatNumber(value, language, 1); } };
    var texts = { number: number };

    texts.t = function (key, values) {
      var message = model.strings[key];
      if (message === undefined) return key;
      return handbook.format(message, values || {}, language);
    };

    // "7. How do new volunteers start?", the number in the language's own digits.
    texts.question = function (question) {
      return number.format(question.number) + ". " + question.text;
    };

    texts.levelName = function (level) {
      return model.levels[String(Math.max(1, Math.min(4, Math.round(level))))];
    };

    texts.levelOf = function (level) {
      return texts.t("level_of", { value: number.format(level) }) + " (" + texts.levelName(level) + ")";
    };

    texts.formatLevel = function (level) {
      if (level === null || level === undefined) return "–";
      return number.format(level) + " (" + texts.levelName(level) + ")";
    };

    texts.change = function (before, after) {
      if (before === null || after === null) return "–";
      var diff = Math.round((after - before) * 10) / 10;
      if (diff > 0) return "+" + number.format(diff) + " " + texts.t("change_up");
      if (diff < 0) return "−" + number.format(-diff) + " " + texts.t("change_down");
      return texts.t("change_same");
    };

    texts.size = function (bytes) {
      return handbook.formatMegabytes(bytes, language);
    };

    texts.formatDate = function (value) {
      return handbook.formatDate(value, language);
    };

    return texts;
  };

  sa.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  // `node` marked with the language of `item[key]` when that text is shown in another
  // language than the page's, not yet translated (the model's `key_lang`, `key_dir`).
  sa.inLanguage = function (node, item, key) {
    if (item[key + "_lang"]) {
      node.lang = item[key + "_lang"];
      node.dir = item[key + "_dir"];
    }
    return node;
  };

  sa.th = function (text, scope) {
    var cell = sa.el("th", null, text);
    cell.scope = scope;
    return cell;
  };

  sa.svgEl = function (tag, attributes) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  };

  // A table in a box that scrolls sideways on a phone.
  sa.wrap = function (table) {
    var box = sa.el("div", "hb-sa-table-wrap");
    box.appendChild(table);
    return box;
  };
})(window.ngoHandbook = window.ngoHandbook || {});
