/* What every page script of the handbook shares: storage that never throws, and start-up.
 *
 * ngoHandbook.storage.get(key, validate, refused) → the value kept under `key` (JSON), or
 *   null. What the browser holds is untrusted (an older format, another site's value under
 *   the same key, a value edited by hand): a value that does not parse, or that `validate`
 *   refuses, is dropped and `refused()` is called, so the page can say so. Blocked storage
 *   (private mode, a browser setting) reads as empty.
 * ngoHandbook.storage.set(key, value) keeps `value` as JSON; a full or blocked storage is
 *   ignored (the page still works, nothing is kept). Returns whether it was kept.
 * ngoHandbook.storage.remove(key).
 * ngoHandbook.isRecord(value) → whether `value` is a plain JSON object (not null, not a list).
 * ngoHandbook.ready(fn) runs fn(document) once the page is parsed, and again for each
 *   page Material's instant loading swaps in (it replaces the page without a load event).
 */
(function (handbook) {
  "use strict";

  function area() {
    try {
      return window.localStorage;
    } catch {
      return null; // some browsers throw on the mere access when storage is blocked
    }
  }

  handbook.storage = {
    get: function (key, validate, refused) {
      var storage = area();
      var text;
      try {
        text = storage && storage.getItem(key);
      } catch {
        return null;
      }
      if (text === null || text === undefined) return null;
      var value;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      var accepted;
      try {
        accepted = value !== undefined && value !== null && (!validate || validate(value));
      } catch {
        accepted = false;
      }
      if (!accepted) {
        handbook.storage.remove(key);
        if (refused) refused();
        return null;
      }
      return value;
    },

    set: function (key, value) {
      var storage = area();
      try {
        storage.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },

    remove: function (key) {
      var storage = area();
      try {
        storage.removeItem(key);
      } catch {
        // blocked storage holds nothing to remove
      }
    },
  };

  handbook.isRecord = function (value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  };

  handbook.ready = function (fn) {
    function start() {
      var instant = window.document$;
      if (instant && typeof instant.subscribe === "function") {
        // Material's document$ replays the current page, then emits each page swapped in.
        instant.subscribe(function () { fn(document); });
      } else {
        fn(document);
      }
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  };
})(window.ngoHandbook = window.ngoHandbook || {});
