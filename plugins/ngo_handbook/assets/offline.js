/* "Save for offline reading": registers the handbook's service worker and, on request,
   stores every file of the current language on this device with the Cache API. */
(function () {
  "use strict";

  ngoHandbook.ready(function () {
    var box = document.querySelector("[data-hb-offline]");
    if (!box || box.hasAttribute("data-hb-ready")) return;
    box.setAttribute("data-hb-ready", "");
    if (!("serviceWorker" in navigator) || !("caches" in window) || !window.isSecureContext) return;

    var root = new URL(box.getAttribute("data-site-root"), location.href);
    var manifestUrl = new URL(box.getAttribute("data-manifest"), root);
    var language = box.getAttribute("data-language");
    var strings = JSON.parse(box.querySelector(".hb-offline__strings").textContent);
    var button = box.querySelector(".hb-offline__button");
    var status = box.querySelector(".hb-offline__status");
    var storageKey = "hb-offline:" + root.pathname + ":" + language;
    var cacheName = "hb-offline-" + root.pathname + "-" + language;

    function say(key, values) {
      status.textContent = ngoHandbook.format(strings[key] || "", values, language);
    }

    function isSaved(value) {
      return typeof value === "object" && typeof value.version === "string" && typeof value.date === "string";
    }

    function saved() {
      return ngoHandbook.storage.get(storageKey, isSaved);
    }

    function formatDate(iso) {
      return ngoHandbook.formatDate(iso, document.documentElement.lang) || iso.slice(0, 10);
    }

    function showState(manifest) {
      var state = saved();
      if (!state) { button.textContent = strings.save; status.textContent = ""; return; }
      button.textContent = strings.update;
      if (manifest && manifest.version !== state.version) say("outdated");
      else say("saved", { date: formatDate(state.date) });
    }

    function loadManifest() {
      return fetch(manifestUrl, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }

    function save() {
      button.disabled = true;
      box.setAttribute("aria-busy", "true");
      loadManifest().then(function (manifest) {
        var urls = manifest.files.map(function (file) { return new URL(file, root).href; });
        var done = 0;
        say("saving", { count: 0, total: urls.length });
        return caches.delete(cacheName).then(function () { return caches.open(cacheName); }).then(function (cache) {
          var queue = urls.slice();
          function worker() {
            var url = queue.shift();
            if (!url) return Promise.resolve();
            return fetch(url, { cache: "no-cache" }).then(function (response) {
              if (!response.ok) throw new Error(url + " " + response.status);
              return cache.put(url, response);
            }).then(function () {
              done += 1;
              say("saving", { count: done, total: urls.length });
              return worker();
            });
          }
          return Promise.all([worker(), worker(), worker(), worker()]);
        }).then(function () {
          ngoHandbook.storage.set(storageKey, { version: manifest.version, date: new Date().toISOString() });
          box.setAttribute("data-hb-offline-state", "saved");
          showState(manifest);
        });
      }).catch(function () {
        box.setAttribute("data-hb-offline-state", "failed");
        say("failed");
      }).then(function () {
        button.disabled = false;
        box.removeAttribute("aria-busy");
      });
    }

    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(function () {});
    box.hidden = false;
    button.addEventListener("click", save);
    showState(null);
    if (saved() && navigator.onLine) loadManifest().then(showState, function () {});
  });
})();
