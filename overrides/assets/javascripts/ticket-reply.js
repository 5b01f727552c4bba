/* "Copy a ticket reply" button of every error-code page, documented or short
 * (overrides/vakb/topics/errors/page_markdown.py, ticket_reply).
 *
 * The reply is plain text built at publication time (meaning, first step) and stored in a
 * <script type="application/json"> block: no inline script runs. It ends with a link the ticket's
 * reader can open: online, the address of the page being read (without a query string such as
 * ?h= from search, or a fragment), or for a short page the address of its nearest documented page
 * (reply.href, relative to the page); in the offline bundle, whose file:// address means nothing
 * to that reader, the public address when the build was given one (reply.url), else the page named
 * in words (reply.named: "errors/0xC004F074 in the KMS knowledge base").
 * Copies with vakb.copyText (site.js) and says in the page's language whether the copy worked;
 * when it did not, the reply is shown selected in a text area, to copy by hand.
 */
(function () {
  "use strict";

  // When no way of copying works: the reply in a selected text area, to copy by hand.
  function showForManualCopy(box, text) {
    var area = box.querySelector("textarea");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "vakb-ticket-reply__fallback";
      area.readOnly = true;
      area.rows = 5;
      // Named after the button that made it; the status line above says what to do with it.
      area.setAttribute("aria-label", box.querySelector("button").textContent);
      var status = box.querySelector(".vakb-ticket-reply__status");
      if (status) {
        status.id = status.id || "vakb-ticket-reply-status";
        area.setAttribute("aria-describedby", status.id);
      }
      box.appendChild(area);
    }
    area.value = text;
    area.focus();
    area.select();
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
      var here = reply.href ? new URL(reply.href, window.location.href).href
                            : window.location.origin + window.location.pathname;
      var text = reply.text + "\n" + reply.link + (reply.url || (reply.offline ? reply.named : here));
      vakb.copyText(text).then(function () {
        var area = box.querySelector("textarea");
        if (area) area.remove();  // left by an earlier failed copy
        report(true);
      }, function () {
        showForManualCopy(box, text);
        report(false);
      });
    });
  }

  function init() {
    var boxes = document.querySelectorAll(".vakb-ticket-reply");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }

  vakb.onEveryPage(init);  // site.js
})();
