/* Error-code lookup box of the errors index (docs/errors/, {{ error_lookup }} shortcode).
 *
 * Enter on a known code opens its page. The URLs come from the index rows the build rendered
 * (tr[data-code] a[href]), so they are right online (directory URLs) and offline (.html) alike.
 * Accepted: 0xC004F074, C004F074 (any case, surrounding spaces), unsigned decimal 3221549172,
 * signed decimal -1073418124. Anything else ("Error 0xC004F074", "0xC004F074.", a line of a
 * log) goes to the analyzer's parser (evidence.js, the one that reads pasted output), which the
 * analyzer on the same page (evidence-page.js, window.vakbEvidenceLoad) loads on demand: one
 * reading of codes for the box and the text area. What the user typed is never evaluated or
 * inserted as HTML: messages are set with textContent, and come from data attributes in the
 * page's language.
 */
(function () {
  "use strict";

  var TWO_32 = 4294967296;

  function hex8(value) {
    return "0x" + ("00000000" + value.toString(16).toUpperCase()).slice(-8);
  }

  /* Every reading of the input as a 32-bit code, most likely first (8 digits can be hex or decimal). */
  function candidates(raw) {
    var text = raw.trim();
    var found = [];
    var match = /^(0x)?([0-9a-f]{1,8})$/i.exec(text);
    if (match && (match[1] || match[2].length === 8)) {
      found.push(hex8(parseInt(match[2], 16)));
    }
    if (/^\d{1,10}$/.test(text)) {
      var unsigned = Number(text);
      if (unsigned < TWO_32) found.push(hex8(unsigned));
    } else if (/^-\d{1,10}$/.test(text)) {
      var signed = Number(text);
      if (signed >= -2147483648) found.push(hex8(signed + TWO_32));
    }
    return found;
  }

  /* Material's base: the root of this language's pages (main.html sets it), or null. */
  function languageRoot() {
    var config = document.getElementById("__config");
    try {
      if (!config) return null;
      var base = JSON.parse(config.textContent).base;
      return new URL(/\/$/.test(base) ? base : base + "/", window.location.href);
    } catch (err) {
      return null;
    }
  }

  function sameDocument(url) {
    return url.split("#")[0] === window.location.href.split("#")[0];
  }

  /* {code: URL of its page}. The rows' own links normally; where a print edition turned them into
     anchors of the same document, the row's path from the language root instead. */
  function pagesOf(root) {
    var pages = {};
    var base = languageRoot();
    var rows = root.ownerDocument.querySelectorAll("tr[data-code]");
    for (var i = 0; i < rows.length; i++) {
      var link = rows[i].querySelector("a[href]");
      var url = link ? link.href : "";
      if ((!url || sameDocument(url)) && base && rows[i].getAttribute("data-path")) {
        url = new URL(rows[i].getAttribute("data-path"), base).href;
      }
      if (url) pages[rows[i].getAttribute("data-code").toUpperCase()] = url;
    }
    return pages;
  }

  function init() {
    var form = document.getElementById("error-lookup");
    if (!form || form.getAttribute("data-ready") === "true") return;
    form.setAttribute("data-ready", "true");
    var input = form.querySelector("input[type=search]");
    var message = form.querySelector(".vakb-error-lookup__message");
    var pages = pagesOf(form);

    function say(text) {
      message.textContent = text;
      input.setAttribute("aria-invalid", text ? "true" : "false");
    }

    /* The codes the analyzer's parser finds in the entry, known codes first: callback(codes). */
    function analyzerReadings(text, callback) {
      if (typeof window.vakbEvidenceLoad !== "function") return callback([]);
      window.vakbEvidenceLoad(function (api, data) {
        callback(api ? api.lookup(text, data).map(function (reading) { return reading.code; }) : []);
      });
    }

    function open(readings) {
      for (var i = 0; i < readings.length; i++) {
        var target = pages[readings[i].toUpperCase()];
        if (target) {
          say("");
          window.location.assign(target);
          return true;
        }
      }
      return false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var entry = input.value;
      var readings = candidates(entry);
      if (open(readings)) return;
      if (readings.length) return say(form.getAttribute("data-unknown"));
      analyzerReadings(entry, function (found) {
        if (input.value !== entry || open(found)) return;
        say(form.getAttribute(found.length ? "data-unknown" : "data-invalid"));
      });
    });
    input.addEventListener("input", function () {
      if (message.textContent) say("");
    });
  }

  vakb.onEveryPage(init);  // site.js
})();
