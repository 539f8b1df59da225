/* The search index is fetched, and the search worker started, when the reader turns to
 * the search, not with every page.
 *
 * Material's script asks for the language's search/search_index.json as soon as a page
 * opens, and parses it (hundreds of kilobytes) on the page's only thread while the page
 * is still starting: on a phone that is the longest wait of the page, and on a paid
 * connection a cost for a reader who never searches. Material offers no setting for this,
 * so its request is held here until the reader shows they want to search: the search
 * field gets the focus (a tap or click on the search icon, Material's keyboard shortcuts),
 * or the page was opened with a search in its address (`?q=`) or from a search result
 * (`?h=`: Material marks the words found, with the index's rules). The search then says
 * "Initializing search" for the moment the index takes to arrive, as it does today on a
 * slow line.
 *
 * Material also starts its search worker (a thread with lunr and the spelling rules of the
 * language) as every page opens, though it has nothing to do before the index arrives:
 * starting it costs a phone about as much as laying out the page. Here the worker Material
 * makes stands in for the real one until Material first writes to it (the index, once it
 * has arrived): then the real worker starts, and its answers reach Material's listeners.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var waiting = [];
  var address = new URLSearchParams(location.search);
  var wanted = address.has("q") || address.has("h");

  function release() {
    if (wanted) return;
    wanted = true;
    document.removeEventListener("focusin", onFocus, true);
    waiting.splice(0).forEach(function (send) { send(); });
  }

  function onFocus(event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) release();
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.hbSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.hbSearchIndex || wanted) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };
  if (!wanted) document.addEventListener("focusin", onFocus, true);

  var SEARCH_WORKER = /\/assets\/javascripts\/workers\//;
  var Worker = window.Worker;
  if (typeof Worker !== "function" || typeof EventTarget !== "function") return;

  // A worker that starts when the first message is posted to it.
  function LateWorker(url, options) {
    var stand = new EventTarget();
    var real = null;
    function relay(event) {
      var copy = event.type === "message"
        ? new MessageEvent("message", { data: event.data })
        : new Event(event.type);
      stand.dispatchEvent(copy);
      if (typeof stand["on" + event.type] === "function") stand["on" + event.type](copy);
    }
    stand.onmessage = stand.onmessageerror = stand.onerror = null;
    stand.postMessage = function () {
      if (real === null) {
        real = new Worker(url, options);
        real.addEventListener("message", relay);
        real.addEventListener("messageerror", relay);
        real.addEventListener("error", relay);
      }
      return real.postMessage.apply(real, arguments);
    };
    stand.terminate = function () {
      if (real !== null) real.terminate();
    };
    return stand;
  }

  window.Worker = function (url, options) {
    var path = new URL(String(url), location.href).pathname;
    return SEARCH_WORKER.test(path) ? LateWorker(url, options) : new Worker(url, options);
  };
  window.Worker.prototype = Worker.prototype;
})();
