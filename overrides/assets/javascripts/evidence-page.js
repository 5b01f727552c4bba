/* The analyzer's page side: a text area (id="evidence") whose findings appear under it as the
 * text changes. The parser is evidence.js (window.vakbEvidence); this file only loads it and asks
 * it to draw (evidence-render.js: the verdict first, then the details per machine, folded; at
 * most 200 findings drawn, and a line (data-more) saying how many more there are).
 *
 * Markup it expects ({{ evidence }}, overrides/vakb/topics/evidence.py):
 *   <div class="vakb-evidence" data-directory-urls="true|false"
 *        data-parser="../assets/javascripts/evidence-read.js … evidence.js" data-data="../assets/javascripts/evidence-data.js"
 *        data-loading="Reading…" data-more="{count} more findings not shown…">
 *     <textarea id="evidence" ...></textarea>
 *     <div class="vakb-evidence__findings" aria-live="polite"></div>
 *   </div>
 * data-directory-urls is false in the offline bundle, where pages are <slug>.html files.
 * The parser (evidence-read.js, evidence-diagnose.js, evidence-render.js, evidence.js) and its data (55 KB, window.vakbEvidenceData) are not part of the page: they
 * are inserted as <script src> (same origin: allowed by the CSP's script-src 'self', and working
 * from file://, where fetch() is refused) the first time the text area gets focus, input or a
 * paste, so a first visit that does not paste does not download them. A page may instead carry
 * the data inline (<script type="application/json" class="vakb-evidence__data">) with the parser
 * already loaded, as tests/browser/test_evidence_page_browser.py's standalone page does.
 *
 * window.vakbEvidenceLoad(callback) gives other scripts of the page (the errors index's lookup
 * box, error-lookup.js) the same parser: callback(api, data), or callback(null) if it cannot load.
 *
 * Privacy: the pasted text is read from the text area and given to the parser, nothing else. No
 * request, no storage, nothing in the URL or history entries of its own. Back from a finding's
 * page brings the paste and its verdict again without any of that: the back/forward cache keeps
 * the page whole, or the browser restores the text area's content (it is not autocomplete="off",
 * which would forbid that) and the pageshow handler below reads it again. Text from the paste
 * reaches the page only through textContent, never as markup.
 */
(function () {
  "use strict";

  var DELAY = 150;  // ms after the last keystroke: a 1 MB paste is read once, not per character

  /* Material's base: the root of this language's pages (main.html sets it), or the document. */
  function languageRoot() {
    var config = document.getElementById("__config");
    try {
      var base = JSON.parse(config.textContent).base;
      return new URL(/\/$/.test(base) ? base : base + "/", window.location.href);
    } catch (err) {
      return new URL("./", window.location.href);
    }
  }

  /* "errors/0xc004f074/" or "slmgr-output/#cmid" as a URL of this language and build. */
  function resolveTarget(target, directoryUrls) {
    if (!target) return null;
    var parts = target.split("#");
    var path = parts[0];
    if (!directoryUrls) path = path.replace(/\/$/, ".html");
    return new URL(path + (parts[1] ? "#" + parts[1] : ""), languageRoot()).href;
  }

  /* The verdict, the table of machines and the folded details: evidence-render.js draws them. */
  function draw(container, result, lang, data, directoryUrls) {
    var more = container.parentNode && container.parentNode.getAttribute("data-more");
    window.vakbEvidence.draw(container, result, lang, data, {
      hrefOf: function (target) { return resolveTarget(target, directoryUrls); },
      // a ticket reply gives an address its reader can open: this site's online, the page named
      // from the site's root offline (a file:// address means nothing to that reader)
      replyLinkOf: function (entry) {
        return /^https?:$/.test(window.location.protocol) ? resolveTarget(entry.link, directoryUrls) : entry.link;
      },
      copyText: window.vakb && typeof window.vakb.copyText === "function" ? window.vakb.copyText : null,
      more: more
    });
  }

  /* ---- loading the parser and its data, once per page ----------------------------------- */

  var waiting = [];
  var state = "idle";  // idle, loading, ready, failed

  function ready() {
    return window.vakbEvidence && window.vakbEvidenceData;
  }

  function settle() {
    state = ready() ? "ready" : "failed";
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (callback) {
      if (state === "ready") callback(window.vakbEvidence, window.vakbEvidenceData);
      else callback(null);
    });
  }

  function load(callback) {
    if (ready()) state = "ready";
    if (state === "ready") return callback(window.vakbEvidence, window.vakbEvidenceData);
    if (state === "failed") return callback(null);
    waiting.push(callback);
    if (state === "loading") return;
    var root = document.querySelector(".vakb-evidence[data-parser]");
    if (!root) return settle();
    state = "loading";
    // data-parser: the parser's scripts, space-separated, in the order they must run
    var sources = root.getAttribute("data-parser").split(/\s+/).filter(Boolean).concat([root.getAttribute("data-data")]);
    var pending = sources.length;
    sources.forEach(function (source) {
      var script = document.createElement("script");
      script.src = new URL(source, window.location.href).href;
      script.async = false;  // inserted scripts run in insertion order: reading before what joins it
      script.onload = script.onerror = function () {
        pending -= 1;
        if (pending === 0) settle();
      };
      document.head.appendChild(script);
    });
  }

  window.vakbEvidenceLoad = load;

  function init() {
    var area = document.getElementById("evidence");
    if (!area || area.getAttribute("data-ready") === "true") return;
    var root = area.closest(".vakb-evidence");
    var output = root && root.querySelector(".vakb-evidence__findings");
    if (!output) return;
    var holder = root.querySelector(".vakb-evidence__data");
    if (holder && !window.vakbEvidenceData) window.vakbEvidenceData = JSON.parse(holder.textContent);
    area.setAttribute("data-ready", "true");
    var lang = (document.documentElement.lang || "en").slice(0, 2) === "fr" ? "fr" : "en";
    var directoryUrls = root.getAttribute("data-directory-urls") !== "false";
    var timer = null;

    function update() {
      timer = null;
      if (!area.value.trim()) {
        output.textContent = "";
        return;
      }
      if (!ready() && root.getAttribute("data-loading")) output.textContent = root.getAttribute("data-loading");
      load(function (api, data) {
        if (!api || !area.value.trim()) {
          output.textContent = "";  // not "Reading…" forever when the parser could not load
          return;
        }
        draw(output, api.analyze(area.value, data), lang, data, directoryUrls);
      });
    }

    function prepare() {
      load(function () {});
    }

    area.addEventListener("focus", prepare);
    area.addEventListener("paste", prepare);
    area.addEventListener("input", function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY);
    });
    if (area.value) update();
    // Back to this page after following a finding: from the back/forward cache the page comes
    // back whole (text and verdict); otherwise the browser's form restoration puts the text back
    // in the text area after the scripts ran, with no input event and no verdict. Either way the
    // text comes from the browser's own history entry of this tab, never from the page's storage.
    window.addEventListener("pageshow", function () {
      if (area.value.trim() && !output.querySelector(".vakb-evidence__verdict, .vakb-evidence__finding")) update();
    });
  }
  if (window.vakb && typeof window.vakb.onEveryPage === "function") window.vakb.onEveryPage(init);  // site.js
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
