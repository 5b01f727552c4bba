/* The analyzer, part 3 of 3: rendering. The messages of docs/data/evidence.yml in the page's
 * language (numbers, French typography); values from the paste are inserted as text, never markup.
 * Runs in the browser (window.vakbEvidenceRender) and in Node (module.exports).
 */
(function (root, factory) {
  "use strict";
  var api = factory.apply(null, typeof module === "object" && module.exports ? [require("./evidence-read.js")] : [root.vakbEvidenceRead]);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.vakbEvidenceRender = api;
})(typeof self !== "undefined" ? self : this, function (read) {
  "use strict";
  var compile = read.compile;

  /* ---- messages ---------------------------------------------------------------------------- */

  function formatNumber(value, lang) {
    if (value === null || value === undefined || isNaN(value)) return "?";
    var digits = String(Math.abs(Math.round(value)));
    var separator = lang === "fr" ? "\u202f" : ",";
    var grouped = digits.length > 4 || (lang !== "fr" && digits.length > 3)
      ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator) : digits;
    return (value < 0 ? "-" : "") + grouped;
  }

  function resolve(param, lang, data) {
    var c = compile(data);
    if (param === null || param === undefined) return "?";
    if (typeof param !== "object") return String(param);
    if (param.n !== undefined) return formatNumber(param.n, lang);
    if (param.meaning) {
      var error = c.errors[param.meaning];
      return error ? error.meaning[lang] : "?";
    }
    if (param.status) return c.statuses.filter(function (s) { return s.status.id === param.status; })[0].status.name[lang];
    if (param.statusMeaning) {
      return c.statuses.filter(function (s) { return s.status.id === param.statusMeaning; })[0].status.meaning[lang];
    }
    if (param.channel) return c.channels.filter(function (ch) { return ch.channel.id === param.channel; })[0].channel.name[lang];
    if (param.eventName) return c.events[param.eventName].name[lang];
    if (param.msg) return data.evidence.messages[param.msg][lang];
    if (param.statusList) {
      return param.statusList.map(function (id) { return resolve({status: id}, lang, data); }).join(", ");
    }
    if (param.list) {
      return param.list.map(function (item) {
        return typeof item === "object" ? render({key: "machine", params: {machine: item.record}}, lang, data) : item;
      }).join(", ");
    }
    return "?";
  }

  /* French spacing for a whole sentence, data inserted into it included (errors.yml and
     slmgr_output.yml keep plain spaces; the site's hook fixes them in pages, this does it here):
     a no-break space before ":", a narrow one before ";", "!" and "?", no-break spaces inside
     « ». */
  function frenchTypography(text) {
    return text.replace(/[ \u00a0\u202f]+:/g, "\u00a0:")
      .replace(/[ \u00a0\u202f]+([;!?])/g, "\u202f$1")
      .replace(/«[ \u00a0]*/g, "«\u00a0")
      .replace(/[ \u00a0]*»/g, "\u00a0»");
  }

  /* A message in the page's language; values from the paste are inserted as text, never markup. */
  function render(message, lang, data) {
    var template = data.evidence.messages[message.key];
    if (!template) return message.key;
    var french = lang === "fr";
    var text = template[french ? "fr" : "en"].replace(/\{([a-z]+)\}/gi, function (all, name) {
      return Object.prototype.hasOwnProperty.call(message.params || {}, name) ? resolve(message.params[name], lang, data) : all;
    });
    return french ? frenchTypography(text) : text;
  }

  /* ---- the diagnosis in words (docs/data/diagnoses.yml) ------------------------------------- */

  function ui(key, lang, data, params) {
    var words = data.diagnoses.interface[key];
    var text = words ? words[lang === "fr" ? "fr" : "en"] : key;
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(params[name]); });
    return lang === "fr" ? frenchTypography(text) : text;
  }

  function machineName(label, lang, data) {
    if (!label) return ui("this_paste", lang, data);
    return label.text !== undefined ? label.text : ui("machine", lang, data, {n: label.machine});
  }

  /* "on PC01, PC02 and 3 more": the machines a verdict holds on (none named when the paste has one). */
  function machinesText(labels, lang, data) {
    if (!labels || !labels.length) return "";
    var names = labels.slice(0, 4).map(function (l) { return machineName(l, lang, data); });
    var list = names.join(", ");
    if (labels.length > 4) list = ui("and_more", lang, data, {list: list, more: formatNumber(labels.length - 4, lang)});
    return ui("on_machines", lang, data, {list: list});
  }

  function verdictText(entry, lang, data) {
    var rule = data.diagnoses.rules.filter(function (r) { return r.id === entry.id; })[0];
    var p = entry.params || {};
    var params = {};
    Object.keys(p).forEach(function (name) { if (p[name] !== undefined && p[name] !== null) params[name] = p[name]; });
    if (params.days !== undefined) params.days = {n: params.days};
    if (params.count !== undefined && typeof params.count === "number") params.count = {n: params.count};
    if (params.needed !== undefined) params.needed = {n: params.needed};
    var french = lang === "fr";
    var text = rule.message[french ? "fr" : "en"].replace(/\{([a-z]+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? resolve(params[name], lang, data) : "?";
    });
    return french ? frenchTypography(text) : text;
  }

  function firstStepText(entry, lang, data) {
    var key = lang === "fr" ? "fr" : "en";
    if (entry.firstStep.text) return lang === "fr" ? frenchTypography(entry.firstStep.text.fr) : entry.firstStep.text.en;
    var error = compile(data).errors[entry.firstStep.code];
    var text = error && error.first_step ? error.first_step[key] : "";
    return lang === "fr" ? frenchTypography(text) : text;
  }

  /* The ticket reply for a diagnosis, in the format of the error pages' replies: what is wrong,
     the first step, where to read more. `linkOf(entry)` gives the address to write. */
  function replyText(diagnosis, lang, data, linkOf) {
    var colon = lang === "fr" ? "\u00a0: " : ": ";
    var blocks = diagnosis.verdict.filter(function (e) { return e.severity !== "info"; }).slice(0, 5).map(function (entry) {
      var on = machinesText(entry.machines, lang, data);
      return [
        ui(entry.severity === "ok" ? "verdict_ok" : "reply_problem", lang, data) + colon + verdictText(entry, lang, data) + (on ? " (" + on + ")" : ""),
        ui("first_step", lang, data) + colon + firstStepText(entry, lang, data),
        ui("reply_more", lang, data) + colon + linkOf(entry)
      ].join("\n");
    });
    return blocks.join("\n\n");
  }

  /* ---- the page: verdict, table, details (evidence-page.js calls draw) ---------------------- */

  var SHOWN = 200;  // findings drawn at most, all machines together (a 1 MB paste has thousands)
  var TABLE_FROM = 3;  // machines from which a table sums them up above the details

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function findingItem(finding, lang, data, hrefOf) {
    var item = element("li", "vakb-evidence__finding vakb-evidence__finding--" + finding.kind);
    var sentence = render(finding.message, lang, data);
    var href = hrefOf(finding.target);
    if (href) {
      var link = element("a", null, sentence);
      link.href = href;
      item.appendChild(link);
    } else {
      item.appendChild(element("span", null, sentence));
    }
    if (finding.details) item.appendChild(element("p", "vakb-evidence__details", render(finding.details, lang, data)));
    (finding.related || []).forEach(function (target) {
      var related = element("a", "vakb-evidence__related", target.replace(/^errors\/|\/$/g, "").toUpperCase().replace(/^0X/, "0x"));
      related.href = hrefOf(target);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(related);
    });
    if (finding.kind === "unreadable") {
      var examples = element("ul", "vakb-evidence__examples");
      finding.examples.forEach(function (example) {
        var line = element("li", null, render(example.label, lang, data) + (lang === "fr" ? "\u00a0: " : ": "));
        line.appendChild(element("code", null, example.text));
        examples.appendChild(line);
      });
      item.appendChild(examples);
      item.appendChild(element("p", "vakb-evidence__excerpt", render(finding.excerpt, lang, data)));
    }
    return item;
  }

  function drawVerdict(box, result, lang, data, options) {
    var diagnosis = result.diagnosis;
    var colon = lang === "fr" ? "\u00a0: " : ": ";
    var wrong = diagnosis.verdict.some(function (e) { return e.severity === "problem" || e.severity === "warning"; });
    var section = element("section", "vakb-evidence__verdict");
    section.appendChild(element("p", "vakb-evidence__heading", ui(wrong ? "verdict" : "verdict_ok", lang, data)));
    var list = element("ol", "vakb-evidence__diagnoses");
    diagnosis.verdict.forEach(function (entry) {
      var item = element("li", "vakb-evidence__diagnosis vakb-evidence__diagnosis--" + entry.severity);
      item.setAttribute("data-rule", entry.id);
      // the severity in words, first: problems and notes differ by more than their colour
      item.appendChild(element("strong", "vakb-evidence__severity", ui(entry.severity, lang, data) + colon));
      item.appendChild(document.createTextNode(verdictText(entry, lang, data)));
      var on = machinesText(entry.machines, lang, data);
      if (on) item.appendChild(element("span", "vakb-evidence__on", " (" + on + ")"));
      var step = element("p", "vakb-evidence__first-step");
      step.appendChild(element("strong", null, ui("first_step", lang, data) + colon));
      step.appendChild(document.createTextNode(firstStepText(entry, lang, data) + " "));
      var href = options.hrefOf(entry.link);
      if (href) {
        var more = element("a", "vakb-evidence__read-more", ui("read_more", lang, data));
        more.href = href;
        step.appendChild(more);
      }
      item.appendChild(step);
      list.appendChild(item);
    });
    section.appendChild(list);
    if (options.copyText && diagnosis.verdict.length) {
      var reply = element("div", "vakb-evidence__reply");
      var button = element("button", "md-button vakb-evidence__reply-button", ui("reply_button", lang, data));
      button.type = "button";
      var status = element("span", "vakb-evidence__reply-status");
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        var text = replyText(diagnosis, lang, data, options.replyLinkOf || function (entry) { return options.hrefOf(entry.link); });
        options.copyText(text).then(function () {
          status.textContent = ui("reply_copied", lang, data);
        }, function () {
          status.textContent = ui("reply_failed", lang, data);
          var area = reply.querySelector("textarea") || reply.appendChild(element("textarea", "vakb-evidence__reply-text"));
          area.readOnly = true;
          area.setAttribute("aria-label", ui("reply_button", lang, data));
          area.value = text;
          area.select();
        });
      });
      reply.appendChild(button);
      reply.appendChild(status);
      section.appendChild(reply);
    }
    box.appendChild(section);
  }

  function drawTable(box, result, lang, data) {
    var machines = result.diagnosis.machines.filter(function (m) { return m.label; });
    if (machines.length < TABLE_FROM) return;
    var counts = {};
    var order = [];
    machines.forEach(function (m) {
      var state = m.state || "?";
      if (!counts[state]) { counts[state] = 0; order.push(state); }
      counts[state] += 1;
    });
    var summary = order.map(function (s) {
      return (s === "?" ? "?" : resolve({status: s}, lang, data)) + " " + formatNumber(counts[s], lang);
    }).join(", ");
    box.appendChild(element("p", "vakb-evidence__counts", ui("state_counts", lang, data, {list: summary})));
    var wrap = element("div", "vakb-evidence__table md-typeset__table");
    var table = element("table");
    table.appendChild(element("caption", null, ui("table_caption", lang, data, {count: formatNumber(machines.length, lang)})));
    var head = element("tr");
    ["col_machine", "col_product", "col_state", "col_days", "col_host", "col_cmid", "col_problem"].forEach(function (key) {
      var th = element("th", null, ui(key, lang, data));
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = element("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = element("tbody");
    // the machines that need action first
    machines.slice().sort(function (a, b) { return (b.problems.length > 0) - (a.problems.length > 0); }).forEach(function (m) {
      var row = element("tr");
      if (m.problems.length) row.className = "vakb-evidence__row--problem";
      var th = element("th", null, machineName(m.label, lang, data));
      th.scope = "row";
      row.appendChild(th);
      [m.product || "", m.state ? resolve({status: m.state}, lang, data) : "", m.days === null || m.days === undefined ? "" : formatNumber(m.days, lang),
        m.host || "", m.cmid || "", m.problems.join(", ")].forEach(function (text) { row.appendChild(element("td", null, text)); });
      body.appendChild(row);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
  }

  function drawDetails(box, result, lang, data, options) {
    var left = SHOWN;
    var hidden = 0;
    var machines = result.diagnosis.machines;
    var unreadable = result.findings.filter(function (f) { return f.kind === "unreadable"; });
    if (unreadable.length) {  // nothing read: the examples, in full view
      var only = element("ul", "vakb-evidence__list");
      only.appendChild(findingItem(unreadable[0], lang, data, options.hrefOf));
      box.appendChild(only);
      return;
    }
    var several = machines.length > 1;
    var outer = element("details", "vakb-evidence__all-details");
    outer.appendChild(element("summary", null, ui("details", lang, data)));
    // folded under a verdict; open when there is none (a bare event number, a host's events)
    if (!result.diagnosis.verdict.length) outer.open = true;
    machines.forEach(function (m) {
      var list = element("ul", "vakb-evidence__list");
      m.findings.forEach(function (finding) {
        if (left <= 0) { hidden += 1; return; }
        left -= 1;
        list.appendChild(findingItem(finding, lang, data, options.hrefOf));
      });
      if (!list.childNodes.length) return;
      if (several) {
        var fold = element("details", "vakb-evidence__machine");
        var state = m.state ? " — " + resolve({status: m.state}, lang, data) : "";
        fold.appendChild(element("summary", null, machineName(m.label, lang, data) + state));
        fold.appendChild(list);
        outer.appendChild(fold);
      } else {
        outer.appendChild(list);
      }
    });
    // codes read outside any machine's output
    var codes = result.findings.filter(function (f) { return f.kind === "code"; });
    if (codes.length) {
      var codeList = element("ul", "vakb-evidence__list");
      codes.forEach(function (finding) {
        if (left <= 0) { hidden += 1; return; }
        left -= 1;
        codeList.appendChild(findingItem(finding, lang, data, options.hrefOf));
      });
      outer.insertBefore(codeList, outer.childNodes[1] || null);
    }
    if (hidden > 0 && options.more) {
      outer.appendChild(element("p", "vakb-evidence__more", options.more.replace("{count}", formatNumber(hidden, lang))));
    }
    if (result.notRead && result.notRead.length) {
      var notRead = element("details", "vakb-evidence__not-read");
      notRead.appendChild(element("summary", null, ui("not_read", lang, data, {count: formatNumber(result.notReadCount || result.notRead.length, lang)})));
      var lines = element("ul", "vakb-evidence__not-read-lines");
      result.notRead.slice(0, 50).forEach(function (line) { lines.appendChild(element("li")).appendChild(element("code", null, line)); });
      notRead.appendChild(lines);
      outer.appendChild(notRead);
    }
    box.appendChild(outer);
  }

  /* Draws the verdict, the table of machines and the folded details into `container`.
     options: {hrefOf(target) -> URL or null, copyText(text) -> Promise (none: no reply button),
     replyLinkOf(entry) -> the address a ticket reply gives, more: "{count} more findings…"}. */
  function draw(container, result, lang, data, options) {
    var box = document.createDocumentFragment();
    if (result.diagnosis && result.diagnosis.verdict.length) drawVerdict(box, result, lang, data, options);
    if (result.diagnosis) drawTable(box, result, lang, data);
    drawDetails(box, result, lang, data, options);
    container.textContent = "";
    container.appendChild(box);
  }

  return {render: render, formatNumber: formatNumber, verdictText: verdictText, firstStepText: firstStepText,
    replyText: replyText, machineName: machineName, draw: draw};
});
