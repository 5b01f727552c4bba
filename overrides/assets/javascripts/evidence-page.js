/* The analyzer's page side: a text area (id="evidence") whose findings appear under it as the
 * text changes. The parser is evidence.js (window.vakbEvidence); this file only draws.
 *
 * Markup it expects (written by the page's hook, not here):
 *   <div class="vakb-evidence" data-directory-urls="true|false">
 *     <textarea id="evidence" ...></textarea>
 *     <script type="application/json" class="vakb-evidence__data">{errors, slmgr, evidence, ...}</script>
 *     <div class="vakb-evidence__findings" aria-live="polite"></div>
 *   </div>
 * data-directory-urls is false in the offline bundle, where pages are <slug>.html files.
 *
 * Privacy: the pasted text is read from the text area and given to the parser, nothing else. No
 * request, no storage, nothing in the URL or history. Text from the paste reaches the page only
 * through textContent, never as markup.
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

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(container, result, lang, data, directoryUrls) {
    var api = window.vakbEvidence;
    var list = element("ul", "vakb-evidence__list");
    var several = result.machines.length > 1;
    result.findings.forEach(function (finding) {
      var item = element("li", "vakb-evidence__finding vakb-evidence__finding--" + finding.kind);
      var sentence = api.render(finding.message, lang, data);
      if (several && finding.machine) sentence = finding.machine + " — " + sentence;
      var href = resolveTarget(finding.target, directoryUrls);
      if (href) {
        var link = element("a", null, sentence);
        link.href = href;
        item.appendChild(link);
      } else {
        item.appendChild(element("span", null, sentence));
      }
      if (finding.details) item.appendChild(element("p", "vakb-evidence__details", api.render(finding.details, lang, data)));
      (finding.related || []).forEach(function (target) {
        var related = element("a", "vakb-evidence__related", target.replace(/^errors\/|\/$/g, "").toUpperCase().replace(/^0X/, "0x"));
        related.href = resolveTarget(target, directoryUrls);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(related);
      });
      if (finding.kind === "unreadable") {
        var examples = element("ul", "vakb-evidence__examples");
        finding.examples.forEach(function (example) {
          var line = element("li", null, api.render(example.label, lang, data) + (lang === "fr" ? "\u00a0: " : ": "));
          line.appendChild(element("code", null, example.text));
          examples.appendChild(line);
        });
        item.appendChild(examples);
        item.appendChild(element("p", "vakb-evidence__excerpt", api.render(finding.excerpt, lang, data)));
      }
      list.appendChild(item);
    });
    container.textContent = "";
    container.appendChild(list);
  }

  function init() {
    var area = document.getElementById("evidence");
    if (!area || area.getAttribute("data-ready") === "true" || !window.vakbEvidence) return;
    var root = area.closest(".vakb-evidence");
    var holder = root && root.querySelector(".vakb-evidence__data");
    var output = root && root.querySelector(".vakb-evidence__findings");
    if (!holder || !output) return;
    area.setAttribute("data-ready", "true");
    var data = JSON.parse(holder.textContent);
    var lang = (document.documentElement.lang || "en").slice(0, 2) === "fr" ? "fr" : "en";
    var directoryUrls = root.getAttribute("data-directory-urls") !== "false";
    var timer = null;

    function update() {
      timer = null;
      if (!area.value.trim()) {
        output.textContent = "";
        return;
      }
      draw(output, window.vakbEvidence.analyze(area.value, data), lang, data, directoryUrls);
    }

    area.addEventListener("input", function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY);
    });
    if (area.value) update();
  }

  if (window.vakb && typeof window.vakb.onEveryPage === "function") window.vakb.onEveryPage(init);  // site.js
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
