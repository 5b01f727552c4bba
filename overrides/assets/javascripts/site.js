/* Helpers shared by the site's scripts (window.vakb). mkdocs.yml lists this file first among
 * extra_javascript and overrides/hooks/page_scripts.py links it on every page, after Material's
 * bundle, so the scripts after it can use it when they run.
 *
 *   vakb.onEveryPage(fn)  runs fn for each page Material shows: on document$, which also emits after
 *                         an instant-navigation swap, or once the DOM is ready without Material.
 *   vakb.copyText(text)   a Promise, resolved once text is on the clipboard. Uses the Clipboard API
 *                         where the page may (https, localhost), else a hidden selected text area
 *                         and execCommand("copy"), which still works from file:// and plain http.
 *
 * And on every page: the language switcher keeps the reader's place. Material's switcher links
 * lead to the other language's page at its top (/fr/registry/), dropping the anchor the reader
 * was at and a tool's query string. The pages share their anchors in both languages, so at the
 * moment of the click the link gets the current query string and fragment
 * (/fr/registry/#vlrenewalinterval). Online and from file:// alike; it reads location, never
 * sends or stores it.
 */
(function (root) {
  "use strict";

  function onEveryPage(fn) {
    var document$ = root.document$;
    if (document$ && typeof document$.subscribe === "function") {
      document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  }

  function copyWithTextArea(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";  // off the layout: the page does not scroll or shift
      area.style.opacity = "0";
      var focused = document.activeElement;
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (err) {
        copied = false;
      }
      document.body.removeChild(area);
      if (focused && focused.focus) focused.focus();  // keyboard users stay on the button they pressed
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function copyText(text) {
    var clipboard = root.navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function" && root.isSecureContext !== false) {
      // A refusal (no permission, page not focused) still gets the older way.
      return clipboard.writeText(text).catch(function () { return copyWithTextArea(text); });
    }
    return copyWithTextArea(text);
  }

  function keepPlaceOnLanguageSwitch(event) {
    var link = event.target && event.target.closest ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (!link) return;
    // The link as Material wrote it, kept aside: after "back", the place may have changed.
    var plain = link.getAttribute("data-vakb-href") || link.getAttribute("href") || "";
    if (/[?#]/.test(plain)) return;
    link.setAttribute("data-vakb-href", plain);
    link.setAttribute("href", plain + root.location.search + root.location.hash);
  }

  // Capture phase: the href is set before Material or the browser follows the link.
  document.addEventListener("click", keepPlaceOnLanguageSwitch, true);

  root.vakb = Object.assign(root.vakb || {}, { onEveryPage: onEveryPage, copyText: copyText });
})(window);
