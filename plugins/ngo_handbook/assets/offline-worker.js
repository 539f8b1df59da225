/* Service worker of the handbook: answers the site's own requests from the network first
   and, when there is no connection, from the copies kept on this device. A file whose name
   carries a hash of its content (main.57a0d79d.min.css, partners.3f2a9c1d0b7e.json) never
   changes under that name: once kept, it is answered from the device without the network,
   and not written again on every page. It never sends anything anywhere and ignores every
   request that is not a GET to this site. */
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

const FIXED = /\.[0-9a-f]{8,}(\.min)?\.[a-z0-9]+$/;

function fromNetwork(request) {
  return fetch(request).then((response) => keep(request, response), () => fromCache(request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (FIXED.test(url.pathname)) {
    event.respondWith(caches.match(request).then((kept) => kept || fromNetwork(request)));
  } else {
    event.respondWith(fromNetwork(request));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "version" && event.source) event.source.postMessage({ version: VERSION });
});
