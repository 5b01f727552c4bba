/* Links that never break, in the browser.
 * 1. On a redirect stub (overrides/vakb/build_steps/redirects.py), go to the new page keeping the #anchor
 *    the visitor came with (a meta refresh would drop it).
 * 2. On any page, follow a renamed anchor: the map below comes from docs/data/redirects.yml
 *    ("page#old-id": "new-id", page without language prefix).
 * 3. A code's page asked for in the case the site displays (/errors/0xC004F074/): pages are
 *    published lower case, so the server answered with the 404 page, where this goes on to the
 *    lower-case address (query and fragment kept). A lower-case address that is missing as well
 *    stays on the 404 page: no loop. Works on any static host; nginx needs no rule for it. */
(function () {
  var ANCHOR_REDIRECTS = {};
  var stub = document.currentScript && document.currentScript.getAttribute("data-redirect-to");
  if (stub) {
    var target = new URL(stub, location.href);
    if (!target.hash && location.hash) target.hash = location.hash;
    location.replace(target.href);
    return;
  }
  var code = /^(.*\/errors\/)(0x[0-9a-f]{8})(\/|\.html)?$/i.exec(location.pathname);
  if (code && code[2] !== code[2].toLowerCase()) {
    location.replace(code[1] + code[2].toLowerCase() + (code[3] || "/") + location.search + location.hash);
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
