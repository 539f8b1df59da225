/* Service worker of the handbook: answers the site's own requests from the network first
   and, when there is no connection, from the copies kept on this device. It never sends
   anything anywhere and ignores every request that is not a GET to this site. */
"use strict";

const VERSION = "__VERSION__";
const RUNTIME = "hb-runtime";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function keep(request, response) {
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    caches.open(RUNTIME).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function fromCache(request) {
  const hit = await caches.match(request, { ignoreSearch: true });
  if (hit) return hit;
  if (request.mode === "navigate") {
    // A folder URL without its trailing slash, or index.html spelled out.
    const url = new URL(request.url);
    const variants = [url.pathname.replace(/index\.html$/, ""), url.pathname + "/"];
    for (const path of variants) {
      const match = await caches.match(new URL(path, url), { ignoreSearch: true });
      if (match) return match;
    }
  }
  return Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then((response) => keep(request, response), () => fromCache(request)));
});

self.addEventListener("message", (event) => {
  if (event.data === "version" && event.source) event.source.postMessage({ version: VERSION });
});
