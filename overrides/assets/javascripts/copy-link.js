/* Copy buttons beside values (client setup keys: button.vakb-copy-value[data-copy-value]) copy
 * the value and say so.
 * "Copy link" on anchors: clicking a permalink (the ¶ beside a heading, or beside a table row or
 * list item that has a stable id: an error code, a registry value, an slmgr switch, a key) still
 * jumps to it, and also copies the full URL to the clipboard, ready to paste into a ticket.
 * The copied URL drops search's `?h=` (Material adds it to a result's address to highlight the
 * words searched; in a ticket it would highlight them for its reader too) and keeps any other
 * parameter as written (a tool's query), online and from file:// alike: vakb.permalinkUrl.
 * Row permalinks are added here because Markdown tables cannot carry them. Needs site.js. */
(function () {
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var copied = (config.translations || {})["clipboard.copied"] || "Copied to clipboard";
  var label = document.documentElement.lang === "fr" ? "Lien vers cette ligne" : "Link to this row";

  function addRowPermalinks() {
    // Heading permalinks are "¶", which screen readers announce as "pilcrow": name them by their
    // (translated) title instead.
    var headings = document.querySelectorAll("article a.headerlink[title]:not([aria-label])");
    Array.prototype.forEach.call(headings, function (link) {
      link.setAttribute("aria-label", link.getAttribute("title"));
    });
    var rows = document.querySelectorAll("article tr[id], article li[id], article dt[id]");
    Array.prototype.forEach.call(rows, function (row) {
      var cell = row.tagName === "TR" ? row.cells[0] : row;
      if (!cell || cell.querySelector("a.headerlink")) return;
      var link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + row.id;
      link.title = label;
      link.setAttribute("aria-label", label);
      link.textContent = "¶";
      cell.appendChild(link);
    });
  }

  /* The address to copy for a permalink's href, resolved against `base` (the page's address):
     without search's highlight parameter `h`, every other parameter kept as written. */
  function permalinkUrl(href, base) {
    var url = new URL(href, base);
    var kept = url.search.replace(/^\?/, "").split("&").filter(function (part) {
      return part && !/^h(?:=|$)/.test(part);
    });
    url.search = kept.length ? "?" + kept.join("&") : "";
    return url.href;
  }
  vakb.permalinkUrl = permalinkUrl;

  function announce(text) {
    var dialog = document.querySelector("[data-md-component=dialog]");
    if (!dialog) return;
    dialog.querySelector(".md-dialog__inner").textContent = text;
    dialog.classList.add("md-dialog--active");
    setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("article button.vakb-copy-value");
    if (!button) return;
    vakb.copyText(button.getAttribute("data-copy-value")).then(function () { announce(copied); }, function () {});
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("article a.headerlink");
    if (!link) return;
    var url = permalinkUrl(link.getAttribute("href"), location.href);
    link.setAttribute("data-copied-url", url);
    vakb.copyText(url).then(function () { announce(copied); }, function () {});
  });

  vakb.onEveryPage(addRowPermalinks);
})();
