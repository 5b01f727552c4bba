/* Links that never break, in the browser.
 * 1. On a redirect stub (overrides/hooks/redirects.py), go to the new page keeping the #anchor
 *    the visitor came with (a meta refresh would drop it).
 * 2. On any page, follow a renamed anchor: the map below comes from docs/data/redirects.yml
 *    ("page#old-id": "new-id", page without language prefix). */
(function () {
  var ANCHOR_REDIRECTS = {};
  var stub = document.currentScript && document.currentScript.getAttribute("data-redirect-to");
  if (stub) {
    var target = new URL(stub, location.href);
    if (!target.hash && location.hash) target.hash = location.hash;
    location.replace(target.href);
    return;
  }
  // The id a fragment names, or "" when it is not valid percent-encoding (a link cut short in a
  // ticket, such as #%E0%A4%A): decodeURIComponent would throw on every page load.
  function fragmentId() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (err) {
      return "";
    }
  }
  function follow() {
    var id = fragmentId();
    if (!id || document.getElementById(id)) return;
    var root = new URL(document.querySelector("#__config") ?
      JSON.parse(document.querySelector("#__config").textContent).base : ".", location.href);
    var path = location.pathname.slice(root.pathname.length)
      .replace(/(index)?\.html$/, "").replace(/\/$/, "");
    var renamed = ANCHOR_REDIRECTS[path + "#" + id];
    if (renamed && document.getElementById(renamed)) {
      history.replaceState(null, "", "#" + renamed);
      document.getElementById(renamed).scrollIntoView();
    }
  }
  window.addEventListener("hashchange", follow);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
