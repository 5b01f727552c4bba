/* "Copy a ticket reply" button of each error-code page (overrides/hooks/error_page_markdown.py).
 *
 * The reply is plain text built at publication time (meaning, first step, page URL) and stored in a
 * <script type="application/json"> block: no inline script runs. The offline bundle carries no
 * online address, so there the reply ends with the address of the page the reader has open. Copies with the asynchronous
 * Clipboard API, falls back to a selected text area and execCommand("copy") where that API is
 * missing (file://, older browsers), and says in the page's language whether the copy worked.
 */
(function () {
  "use strict";

  function fallbackCopy(box, text) {
    var area = box.querySelector("textarea");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "vakb-ticket-reply__fallback";
      area.readOnly = true;
      area.rows = 5;
      box.appendChild(area);
    }
    area.value = text;
    area.focus();
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (err) {
      copied = false;
    }
    if (copied) area.remove();
    return copied;
  }

  function setUp(box) {
    if (box.getAttribute("data-ready") === "true") return;
    box.setAttribute("data-ready", "true");
    var button = box.querySelector("button");
    var status = box.querySelector(".vakb-ticket-reply__status");
    var source = box.querySelector("script.vakb-ticket-reply__text");
    if (!button || !status || !source) return;

    function report(ok) {
      status.textContent = box.getAttribute(ok ? "data-copied" : "data-failed");
      box.classList.toggle("vakb-ticket-reply--copied", ok);
    }

    button.addEventListener("click", function () {
      var reply = JSON.parse(source.textContent);
      // The published address, or (offline bundle) the address of the page the reader has open.
      var text = reply.text + "\n" + reply.link + (reply.url || window.location.href.split("#")[0]);
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { report(true); },
          function () { report(fallbackCopy(box, text)); }
        );
      } else {
        report(fallbackCopy(box, text));
      }
    });
  }

  function init() {
    var boxes = document.querySelectorAll(".vakb-ticket-reply");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
