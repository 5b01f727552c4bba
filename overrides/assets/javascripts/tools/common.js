/* Shared helpers of the interactive tools ({{ tool <id> }} in the pages).
 *
 * Pure helpers (formatting, number and DNS-name checks) are exported for Node, so the tests run the
 * very functions the pages run. The browser part mounts a tool on its <form>: it reads the JSON
 * block the build wrote, restores the fields from the query string, recomputes on every input,
 * writes the state back with history.replaceState (a filled-in tool can be pasted into a ticket),
 * shows a message in the page's language for bad input, and wires the copy buttons.
 * No request, no framework; works with Material's instant navigation (document$) and without.
 * The browser part needs site.js (vakb.onEveryPage, vakb.copyText), loaded before it on every page.
 */
(function (root) {
  "use strict";

  /* ---- pure helpers ---------------------------------------------------------------------- */

  // A number as the pages write it (overrides/hooks/render_facts.py, format_number): thousands
  // grouped from 1,000 on, with a comma in English and a narrow no-break space in French.
  function formatNumber(lang, n) {
    if (Math.abs(n) < 1000 || !isFinite(n)) return String(n);
    var grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "fr" ? "\u202f" : ",");
    return (n < 0 ? "-" : "") + grouped;
  }

  // "{count} machines" + {count: 3} -> "3 machines"; unknown placeholders stay as they are.
  // Given the page's language, numbers are written as in the pages (10,080 / 10 080).
  function format(template, values, lang) {
    return String(template).replace(/\{([a-z_]+)\}/g, function (whole, key) {
      if (!Object.prototype.hasOwnProperty.call(values, key)) return whole;
      var value = values[key];
      return typeof value === "number" && lang ? formatNumber(lang, value) : String(value);
    });
  }

  // What a message may quote of the reader's input. Control characters, bidi controls included,
  // are shown as U+XXXX (a U+202E typed in a name reversed the rest of the message); at most
  // EXCERPT_LENGTH characters, a cut marked with an ellipsis (a 3,000-character paste was repeated
  // whole); and the excerpt is wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so
  // that even right-to-left letters cannot change the direction of the sentence around it.
  var EXCERPT_LENGTH = 40;
  var CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  function codePoint(ch) {
    return "U+" + ("000" + ch.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
  }

  function excerpt(text) {
    var chars = Array.from(String(text));  // by code point: a cut never splits a surrogate pair
    var shown = "";
    for (var i = 0; i < chars.length; i++) {
      var piece = CONTROL.test(chars[i]) ? codePoint(chars[i]) : chars[i];
      if (shown.length + piece.length > EXCERPT_LENGTH) {
        shown += "\u2026";
        break;
      }
      shown += piece;
    }
    return "\u2068" + shown + "\u2069";
  }

  // A message from its template: the field's label, and an excerpt of each text value (what was
  // typed); numbers (limits) as they are.
  function message(template, label, values, lang) {
    var shown = { field: label };
    Object.keys(values || {}).forEach(function (key) {
      shown[key] = typeof values[key] === "string" ? excerpt(values[key]) : values[key];
    });
    return format(template, shown, lang);
  }

  // French uses the singular for 0 and 1, English for 1 only.
  function pluralKey(lang, n) {
    return (lang === "fr" ? n < 2 : n === 1) ? "one" : "other";
  }

  // Whole number in [min, max] from what was typed, or null. Spaces (1 688, 10 080) are allowed.
  function parseWhole(text, min, max) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f]/g, "");
    if (!/^\d+$/.test(cleaned)) return null;
    var value = Number(cleaned);
    return value >= min && value <= max ? value : null;
  }

  // A host name (RFC 1123 labels), with or without the final dot. The last label is never all
  // digits (RFC 3696), so a mistyped IPv4 address such as 10.0.0.256 is not taken for a name.
  function isDnsName(text) {
    var name = String(text).replace(/\.$/, "");
    if (!name || name.length > 253 || /(^|\.)\d+$/.test(name)) return false;
    return name.split(".").every(function (label) {
      return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label);
    });
  }

  function isIPv4(text) {
    var parts = String(text).split(".");
    return parts.length === 4 && parts.every(function (p) {
      return /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255;
    });
  }

  // Join names as a reader would: "a, b and c" / "a, b et c".
  function listOf(lang, items) {
    if (items.length < 2) return items.join("");
    var and = lang === "fr" ? " et " : " and ";
    return items.slice(0, -1).join(", ") + and + items[items.length - 1];
  }

  /* ---- browser part ---------------------------------------------------------------------- */

  function fieldNames(form) {
    var names = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && names.indexOf(el.name) < 0) names.push(el.name);
    });
    return names;
  }

  // {name: value} of the form; checkboxes give the list of ticked values.
  function readFields(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") {
        values[el.name] = values[el.name] || [];
        if (el.checked) values[el.name].push(el.value);
      } else if (el.type === "radio") {
        if (el.checked) values[el.name] = el.value;
      } else {
        values[el.name] = el.value.trim();
      }
    });
    return values;
  }

  function restoreFromQuery(form, search) {
    var params = new URLSearchParams(search);
    var found = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !params.has(el.name)) return;
      found = true;
      if (el.type === "checkbox") el.checked = params.getAll(el.name).indexOf(el.value) >= 0;
      // A radio button is only ever checked: an unknown value leaves the default choice in place.
      else if (el.type === "radio") { if (params.get(el.name) === el.value) el.checked = true; }
      // maxlength binds typing only: a longer value from an edited address is cut the same way.
      else el.value = el.maxLength > 0 ? params.get(el.name).slice(0, el.maxLength) : params.get(el.name);
    });
    return found;
  }

  // The query string with this form's fields replaced (values left at their default are omitted).
  function queryWith(form, search) {
    var params = new URLSearchParams(search);
    fieldNames(form).forEach(function (name) { params.delete(name); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") {
        if (el.checked) params.append(el.name, el.value);
      } else if (el.type === "radio") {
        if (el.checked && !el.defaultChecked) params.set(el.name, el.value);
      } else if (el.value.trim() !== (el.getAttribute("data-default") || "")) {
        params.set(el.name, el.value.trim());
      }
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function saveState(form) {
    var query = queryWith(form, location.search);
    if (query === location.search) return;
    try {
      history.replaceState(history.state, "", location.pathname + query + location.hash);
    } catch (err) {
      // Some browsers refuse to rewrite a file:// address; the tool works the same without it.
    }
  }

  // Each error names its field (err.field) or the fields it is about (err.fields); every one of
  // them is marked aria-invalid, which tools.css shows, and the message names the first.
  function showErrors(form, strings, errors, lang) {
    var box = form.querySelector(".vakb-tool__message");
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
    if (!errors.length) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    box.textContent = errors.map(function (err) {
      var inputs = (err.fields || [err.field]).map(function (name) {
        var field = form.elements[name];
        var input = field && (field.length && !field.tagName ? field[0] : field);
        if (input) input.setAttribute("aria-invalid", "true");
        return input;
      });
      var input = inputs[0];
      var label = input && input.id && form.querySelector('label[for="' + input.id + '"]');
      // A port is a name, written 1688 and 65535 as in the pages (vakb.topics.facts UNGROUPED_UNITS):
      // the bounds of a port field are not grouped like quantities.
      var isPort = /port$/i.test(err.field || "");
      return message(strings[err.key] || err.key, label ? label.textContent : err.field, err.values,
                     isPort ? null : lang);
    }).join(" ");
    box.hidden = false;
  }

  function wireCopyButtons(form, strings) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-copy]") : null;
      if (!button) return;
      var source = document.getElementById(button.getAttribute("data-copy"));
      var label = button.textContent, name = button.getAttribute("aria-label");
      // The accessible name changes with the visible text, so a screen reader hears the outcome too.
      function say(text) {
        button.textContent = text;
        button.setAttribute("aria-label", text);
      }
      root.vakb.copyText(source ? source.textContent : "").then(function () {
        say(strings.copied);
      }, function () {
        say(strings.copy_failed);
      }).then(function () {
        setTimeout(function () {
          button.textContent = label;
          button.setAttribute("aria-label", name);
        }, 2000);
      });
    });
  }

  /* Mount a tool: `tool.compute(values, payload)` returns {errors: [...]} or {empty: true} or
   * {result: ...}; `tool.render(result, form, payload)` fills the output; `tool.clear(form)` empties
   * it; `tool.emptyError` is the message for submitting an empty form. `touched` is false while
   * restoring the state at load, so a plain visit keeps a bare URL. */
  function mount(toolId, tool) {
    root.vakb.onEveryPage(function () {
      var form = document.getElementById(toolId);
      if (!form || form.getAttribute("data-mounted")) return;
      form.setAttribute("data-mounted", "true");
      var payload = JSON.parse(form.querySelector("script.vakb-tool__data").textContent);
      var strings = payload.strings;
      var hint = form.querySelector(".vakb-tool__link-hint");

      function update(touched, submitted) {
        var outcome = tool.compute(readFields(form), payload);
        var errors = outcome.errors || [];
        // An empty form is not an error while the reader browses, only when asked to compute.
        if (outcome.empty && submitted && tool.emptyError) errors = [tool.emptyError];
        showErrors(form, strings, errors, payload.lang);
        if (errors.length || outcome.empty) tool.clear(form, payload);
        else tool.render(outcome.result, form, payload);
        if (touched) {
          saveState(form);
          if (hint) hint.hidden = !location.search;
        }
      }

      wireCopyButtons(form, strings);
      form.addEventListener("input", function () { update(true); });
      form.addEventListener("change", function () { update(true); });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        update(true, true);
      });
      restoreFromQuery(form, location.search);
      update(false);
    });
  }

  // Put text in an element of the result, or an empty string when there is none.
  function setText(form, selector, text) {
    var el = form.querySelector(selector);
    if (el) el.textContent = text;
    return el;
  }

  // Show a result as sentences, one paragraph each, in its box (count-calculator.js,
  // grace-calculator.js). `attributes` are the figures the box carries for scripts and tests
  // (data-count...); a null value removes one. No sentences hides the box: that is how a tool
  // clears its result, with every attribute null so that no figure of an old result stays.
  function showSentences(box, attributes, sentences) {
    Object.keys(attributes).forEach(function (name) {
      if (attributes[name] === null) box.removeAttribute(name);
      else box.setAttribute(name, attributes[name]);
    });
    box.textContent = "";
    sentences.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
    });
    box.hidden = !sentences.length;
  }

  var api = {
    format: format,
    excerpt: excerpt,
    formatNumber: formatNumber,
    message: message,
    pluralKey: pluralKey,
    parseWhole: parseWhole,
    isDnsName: isDnsName,
    isIPv4: isIPv4,
    listOf: listOf,
    mount: mount,
    setText: setText,
    showSentences: showSentences
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.vakbTools = api;
})(typeof window !== "undefined" ? window : this);
