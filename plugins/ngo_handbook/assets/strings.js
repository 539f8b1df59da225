/* Interface strings, numbers and dates in the browser. ngoHandbook.format(message, values, language) fills in a
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

  // Numbers and dates by the language's own conventions (CLDR, through Babel:
  // ngoHandbook.formats, written just before this file), never by the browser's locale data.
  function formatsFor(language) {
    var formats = hb.formats || {};
    return formats[language] || formats[String(language).split(/[-_]/)[0]] || {};
  }

  function withDigits(text, digits) {
    if (!digits || digits === "0123456789") return text;
    return text.replace(/[0-9]/g, function (digit) { return digits.charAt(Number(digit)); });
  }

  // `value` with at most `fractionDigits` decimals (3 by default), grouped by thousands.
  hb.formatNumber = function (value, language, fractionDigits) {
    if (typeof value !== "number" || !isFinite(value)) return String(value);
    var form = formatsFor(language || document.documentElement.lang).number || {};
    var places = fractionDigits === undefined ? 3 : fractionDigits;
    var parts = String(Math.abs(Number(value.toFixed(places)))).split(".");
    var whole = parts[0];
    if (whole.length >= 4 + ((form.minimumGrouping || 1) - 1)) {
      whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u0000");
    }
    var text = whole.split("\u0000").join(form.group || ",");
    if (parts[1]) text += (form.decimal || ".") + parts[1];
    return (value < 0 ? "-" : "") + withDigits(text, form.digits);
  };

  // A file size in megabytes, to one decimal, with the language's unit (3,4 MБ in Kazakh).
  hb.formatMegabytes = function (bytes, language) {
    language = language || document.documentElement.lang;
    var pattern = formatsFor(language).megabytes || "{0} MB";
    return pattern.replace("{0}", hb.formatNumber(Math.max(bytes / 1000000, 0.1), language, 1));
  };

  // An ISO date (2026-03-14) written as the language writes dates in figures (14.03.2026).
  hb.formatDate = function (iso, language) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || "").slice(0, 10));
    if (!match) return "";
    var form = formatsFor(language || document.documentElement.lang).date || { order: "ymd", separator: "-" };
    var parts = { y: match[1], m: match[2], d: match[3] };
    var text = form.order.split("").map(function (field) { return parts[field]; }).join(form.separator);
    return withDigits(text, form.digits);
  };

  // A date typed in the language's order (any separator, Latin or the language's digits),
  // or as an ISO date: the ISO date, or "" when it is no date.
  hb.parseDate = function (text, language) {
    var form = formatsFor(language || document.documentElement.lang).date || { order: "ymd" };
    var digits = form.digits || "0123456789";
    var latin = String(text || "").replace(/./g, function (ch) {
      var index = digits.indexOf(ch);
      return index === -1 ? ch : String(index);
    });
    var numbers = latin.match(/\d+/g) || [];
    if (numbers.length !== 3) return "";
    var order = /^\s*\d{4}\D/.test(latin) ? "ymd" : form.order;
    var parts = {};
    order.split("").forEach(function (field, index) { parts[field] = Number(numbers[index]); });
    var date = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
    if (parts.y < 1000 || date.getUTCMonth() !== parts.m - 1 || date.getUTCDate() !== parts.d) return "";
    return date.toISOString().slice(0, 10);
  };

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
      return Object.prototype.hasOwnProperty.call(values, name) ? hb.formatNumber(values[name], language) : whole;
    });
  };
})();
