/* The search index is fetched when the reader first reaches for search, not on every page load.
 *
 * Material requests search/search_index.json as soon as a page loads (online; from file:// it
 * already waits until search is opened). The index is about half of a first visit's bytes (80 KB
 * gzip of 165 in English), and most visits come from a link in a ticket and never search. This
 * script holds Material's request back until the reader points at, focuses or opens the search box
 * (Material's keyboard shortcuts focus it too), then lets it go: Material sees an ordinary, slightly
 * later response, and the worker builds the index as before.
 *
 * It must run before Material's bundle, which sends the request while it starts: overrides/main.html
 * links it first, deferred like the bundle (deferred scripts run in document order).
 * tests/browser/test_search_on_demand_browser.py checks both halves: no index on load, results on use.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") return; /* the offline bundle: Material waits already */

  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.vakbSearchIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.vakbSearchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  function isSearch(target) {
    return target instanceof Element &&
      !!target.closest(".md-search, label[for='__search'], #__search");
  }

  /* Pointing at the search box starts the download a few hundred milliseconds before the click. */
  ["pointerover", "pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearch(event.target)) want();
    }, { passive: true, capture: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") want();
  }, true);
  /* A page opened with a search query in its address (?q=) searches at once. */
  if (/[?&]q=/.test(location.search)) want();
})();
