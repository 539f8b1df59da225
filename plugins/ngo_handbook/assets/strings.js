/* Interface strings in the browser. ngoHandbook.format(message, values, language) fills in a
   text from strings/<language>.yml: a message whose grammar follows a number is a mapping of
   CLDR plural categories, and values.count chooses the form through
   ngoHandbook.pluralRules[language] (Babel's rules, written just before this file). */
(function () {
  "use strict";
  var hb = window.ngoHandbook = window.ngoHandbook || {};
  hb.pluralRules = hb.pluralRules || {};

  function ruleFor(language) {
    return hb.pluralRules[language] || hb.pluralRules[String(language).split(/[-_]/)[0]];
  }

  function showNumber(value, language) {
    if (typeof value !== "number" || !isFinite(value)) return String(value);
    try { return new Intl.NumberFormat(language).format(value); } catch (e) { return String(value); }
  }

  hb.format = function (message, values, language) {
    values = values || {};
    language = language || document.documentElement.lang || "en";
    var text = message;
    if (message && typeof message === "object") {
      var category = "other";
      var rule = ruleFor(language);
      if (rule && values.count !== undefined) {
        try { category = rule(Number(values.count)); } catch (e) { category = "other"; }
      }
      text = message[category] !== undefined ? message[category] : message.other;
    }
    return String(text == null ? "" : text).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? showNumber(values[name], language) : whole;
    });
  };
})();
