/* Evidence analyzer: reads what a helpdesk agent pastes (an error line, a decimal code from a
 * deployment log, slmgr /dli /dlv /xpr output, ospp.vbs /dstatus output, KMS event text, several
 * machines at once) and returns findings, each naming a message of docs/data/evidence.yml with its
 * parameters and the page#anchor that explains it.
 *
 * Plain JavaScript with no request and no storage: the pasted text never leaves this function.
 * Runs in the browser (window.vakbEvidence) and in Node (module.exports) for the tests.
 *
 * The data it gets (JSON): {errors: [{code, name, meaning: {en, fr}}], slmgr: slmgr_output.yml,
 * evidence: evidence.yml, thresholds: {client_os, server_os, time_tolerance_hours},
 * defaults: {kms_port}}.
 *
 * Every scan is one pass over the lines or one global regular expression with fixed-length
 * tokens, so a 1 MB paste stays linear (no nested quantifiers that could backtrack).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.vakbEvidence = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TWO_32 = 4294967296;
  var MAX_LINE = 2000;          // longer lines are not read as labelled output (codes still are)
  var MAX_PARAM = 80;           // no pasted value longer than this goes into a message
  var EXCERPT = 40;             // characters of an unreadable paste echoed back
  var GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

  /* ---- small helpers --------------------------------------------------------------------- */

  function hex8(value) {
    return "0x" + ("00000000" + value.toString(16).toUpperCase()).slice(-8);
  }

  /* Label comparison key: lower case, ASCII letters and digits only. Accented letters are dropped
     rather than folded, so a French label still matches when the console code page mangled its
     accents ("Cl‚ de produit" and "Clé de produit" give the same key). */
  function skeleton(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "");
  }

  function short(text) {
    var value = String(text).replace(/\s+/g, " ").trim();
    return value.length > MAX_PARAM ? value.slice(0, MAX_PARAM - 1) + "…" : value;
  }

  function firstInt(text) {
    var match = /-?\d+/.exec(text);
    return match ? parseInt(match[0], 10) : null;
  }

  function allInts(text) {
    return (String(text).match(/\d+/g) || []).map(function (d) { return parseInt(d, 10); });
  }

  function errorTarget(code) {
    return "errors/" + code.toLowerCase() + "/";
  }

  function fieldTarget(id) {
    return "slmgr-output/#" + id;
  }

  /* ---- the data, compiled once per data object ---------------------------------------------- */

  var compiledCache = typeof WeakMap === "function" ? new WeakMap() : null;

  function compile(data) {
    if (compiledCache && compiledCache.has(data)) return compiledCache.get(data);
    // The lookup box passes only {errors} (and maybe evidence.code_ranges): every part is optional.
    var ev = data.evidence || {};
    var slmgr = data.slmgr || {fields: [], statuses: [], channels: []};
    var c = {
      data: data,
      errors: {},            // "0xC004F074" -> error entry
      ranges: [],
      labels: {},            // skeleton -> [fields] (labelled lines "Label: value"); slmgr and
                             // ospp share some labels (License Status / LICENSE STATUS)
      flags: {},             // skeleton of a whole line -> {field, on}
      prefixes: [],          // [{key, field}] for /xpr lines that carry a date after the label
      statuses: [],          // [{key, status}] longest first
      osppStatuses: {},
      channels: [],
      events: {},
      eventByDescription: [],
      eventLabels: {},
      markers: {},
      statusByWmi: {}
    };
    (data.errors || []).forEach(function (e) { c.errors[hex8(parseInt(e.code, 16))] = e; });
    (ev.code_ranges || []).forEach(function (r) {
      c.ranges.push([parseInt(r.from, 16), parseInt(r.to, 16)]);
    });
    slmgr.fields.forEach(function (field) {
      var texts = field.labels.en.concat(field.labels.fr.map(function (l) { return l.text; }));
      var enCount = field.labels.en.length;
      texts.forEach(function (text, index) {
        var key = skeleton(text);
        if (field.value === "flag") {
          if (field.id === "expiration-date") c.prefixes.push({key: key, field: field});
          else {
            // first label of each language means "on", the second "off"
            var position = index < enCount ? index : index - enCount;
            c.flags[key] = {field: field, on: position === 0};
          }
        } else {
          var list = c.labels[key] || (c.labels[key] = []);
          if (list.indexOf(field) < 0) list.push(field);
        }
      });
    });
    slmgr.statuses.forEach(function (status) {
      c.statusByWmi[status.wmi] = status;
      status.labels.en.concat(status.labels.fr.map(function (l) { return l.text; })).forEach(function (text) {
        c.statuses.push({key: skeleton(text), status: status});
      });
      status.ospp.forEach(function (text) { c.osppStatuses[skeleton(text)] = status; });
    });
    c.statuses.sort(function (a, b) { return b.key.length - a.key.length; });
    slmgr.channels.forEach(function (channel) {
      c.channels.push({re: new RegExp(channel.pattern), channel: channel});
    });
    (ev.events || []).forEach(function (event) {
      c.events[event.id] = event;
      c.eventByDescription.push({key: skeleton(event.description.en), event: event});
    });
    Object.keys(ev.event_labels || {}).forEach(function (name) {
      var list = ev.event_labels[name];
      list.en.concat(list.fr).forEach(function (text) { c.eventLabels[skeleton(text)] = name; });
    });
    var markers = ev.machine_markers || {en: [], fr: []};
    markers.en.concat(markers.fr).forEach(function (text) {
      c.markers[skeleton(text)] = true;
    });
    if (compiledCache) compiledCache.set(data, c);
    return c;
  }

  /* ---- error codes ------------------------------------------------------------------------- */

  function inRanges(c, value) {
    for (var i = 0; i < c.ranges.length; i++) {
      if (value >= c.ranges[i][0] && value <= c.ranges[i][1]) return true;
    }
    return false;
  }

  /* Hex: 0x + 8 digits, or 8 bare digits; not part of a GUID (followed by -hex), a version or a
     longer word. Decimal: 9 or 10 digits, optionally signed; not part of a date, an address or a
     number with separators. */
  var HEX_RE = /(^|[^0-9A-Za-z_.-])(0[xX])?([0-9A-Fa-f]{8})(?![0-9A-Za-z_]|-[0-9A-Fa-f])/g;
  var DEC_RE = /(^|[^0-9A-Za-z_.,:\/-])(-?)(\d{9,10})(?![0-9A-Za-z_]|[.,:\/]\d)/g;

  /* The code a token stands for, or null. `form` is hex, bare or decimal. */
  function codeOf(c, digits, form, negative) {
    var value;
    if (form === "decimal") {
      value = Number(digits);
      if (negative) {
        if (value > 2147483648 || value === 0) return null;
        value = TWO_32 - value;
      } else if (value < 2147483648 || value >= TWO_32) {
        return null;
      }
    } else {
      value = parseInt(digits, 16);
    }
    var code = hex8(value);
    var known = !!c.errors[code];
    if (known || inRanges(c, value)) return {code: code, known: known};
    if (form === "hex" && /^0x[89C]/.test(code)) return {code: code, known: false};
    return null;
  }

  /* Every code in the text, each once, in order of first appearance. */
  function findCodes(c, text) {
    var seen = {};
    var order = [];
    function note(reading, input, form, index) {
      if (!reading) return;
      var entry = seen[reading.code];
      if (!entry) {
        entry = seen[reading.code] = {code: reading.code, known: reading.known, forms: {}, inputs: [], at: index};
        order.push(entry);
      }
      entry.forms[form] = true;
      if (entry.inputs.length < 3 && entry.inputs.indexOf(input) < 0) entry.inputs.push(short(input));
      if (index < entry.at) entry.at = index;
    }
    var match;
    HEX_RE.lastIndex = 0;
    while ((match = HEX_RE.exec(text))) {
      var form = match[2] ? "hex" : "bare";
      note(codeOf(c, match[3], form), (match[2] || "") + match[3], form, match.index);
    }
    DEC_RE.lastIndex = 0;
    while ((match = DEC_RE.exec(text))) {
      note(codeOf(c, match[3], "decimal", match[2] === "-"), match[2] + match[3], "decimal", match.index);
    }
    order.sort(function (a, b) { return a.at - b.at; });
    return order;
  }

  function codeFinding(c, entry) {
    var error = c.errors[entry.code];
    var finding = {kind: "code", id: "code:" + entry.code, code: entry.code, values: {known: entry.known}};
    if (error) {
      var decimalOnly = entry.forms.decimal && !entry.forms.hex && !entry.forms.bare;
      finding.message = {
        key: decimalOnly ? "code-known-decimal" : "code-known",
        params: {code: entry.code, name: error.name || entry.code, meaning: {meaning: entry.code}, input: entry.inputs[0]}
      };
      finding.target = errorTarget(entry.code);
    } else {
      finding.message = {key: "code-unknown", params: {code: entry.code}};
      finding.target = null;
    }
    return finding;
  }

  /* ---- reading values ---------------------------------------------------------------------- */

  function readStatus(c, value) {
    var key = skeleton(value);
    for (var i = 0; i < c.statuses.length; i++) {
      if (key.indexOf(c.statuses[i].key) === 0) return c.statuses[i].status;
    }
    return null;
  }

  function readOsppStatus(c, value) {
    var match = /-{2,}\s*([A-Za-z_ ]{3,40}?)\s*-{2,}/.exec(value);
    return match ? c.osppStatuses[skeleton(match[1])] || null : null;
  }

  function readChannel(c, value) {
    for (var i = 0; i < c.channels.length; i++) {
      if (c.channels[i].re.test(value)) return c.channels[i].channel;
    }
    return null;
  }

  /* "43200 minute(s) (30 day(s))" or ospp's "178 days  (256774 minute(s) before expiring)". */
  function readMinutes(value) {
    var minutes = /(\d+)\s*minute/i.exec(value);
    var days = /(\d+)\s*(?:day|jour)/i.exec(value);
    var result = {minutes: null, days: null};
    if (minutes) result.minutes = parseInt(minutes[1], 10);
    if (days) result.days = parseInt(days[1], 10);
    if (result.minutes === null) result.minutes = firstInt(value);
    if (result.days === null && result.minutes !== null) result.days = Math.floor(result.minutes / 1440);
    return result.minutes === null ? null : result;
  }

  function readHostPort(value) {
    var match = /^\s*([A-Za-z0-9_.\-\[\]]{1,253}):(\d{1,5})\s*$/.exec(value);
    return match ? {host: match[1], port: parseInt(match[2], 10)} : null;
  }

  /* Checks a value has the shape its field expects; a label that is also a common word (Name,
     Description) in other tools' output is refused when the value does not fit. */
  function readValue(c, field, value) {
    switch (field.value) {
      case "text":
        if (field.id === "license-name" || field.id === "ospp-license-name") {
          return /windows|office|edition|édition/i.test(value) ? value.trim() : null;
        }
        return value.trim() || null;
      case "description": {
        var channel = readChannel(c, value);
        return channel || /channel|canal/i.test(value) ? {text: value.trim(), channel: channel} : null;
      }
      case "status":
        return field.tools.indexOf("ospp") >= 0 && field.tools.indexOf("slmgr") < 0
          ? readOsppStatus(c, value) : readStatus(c, value);
      case "minutes":
        return readMinutes(value);
      case "count":
      case "port":
        return firstInt(value);
      case "host-port":
        return readHostPort(value) || {host: null, port: null, text: value.trim()};
      case "cmid": {
        var guid = GUID.exec(value);
        return guid ? guid[0].toLowerCase() : null;
      }
      case "partial-key": {
        var key = /\b[A-Z0-9]{5}\b/i.exec(value);
        return key ? key[0].toUpperCase() : null;
      }
      case "code": {
        var code = /0x[0-9A-Fa-f]{8}/.exec(value);
        return code ? hex8(parseInt(code[0], 16)) : null;
      }
      default:
        return value.trim() || null;
    }
  }

  /* ---- walking the lines ------------------------------------------------------------------- */

  function newRecord(state, tool) {
    var record = {tool: tool, index: state.records.length, machine: state.machine, fields: {}, lines: []};
    state.records.push(record);
    state.record = record;
    return record;
  }

  function newEvent(state, id) {
    var event = {id: id, machine: state.machine, computer: null, info: null, codes: [], domain: null, wantInfo: false};
    state.events.push(event);
    state.event = event;
    return event;
  }

  /* A record starts at a product's name (or slmgr's version line); a second name in the same
     record means a second product or machine. */
  function recordFor(state, field) {
    var tool = field.tools.indexOf("slmgr") >= 0 ? "slmgr" : "ospp";
    var current = state.record;
    var starts = field.id === "license-name" || field.id === "service-version" || field.id === "ospp-license-name";
    if (field.tools.length > 1 && current) tool = current.tool;
    if (!current || current.tool !== tool || (starts && (current.fields[field.id] || (field.id === "service-version" && current.fields["license-name"])))) {
      return newRecord(state, tool);
    }
    return current;
  }

  var INFO_LINE = /^\s*0x[0-9A-Fa-f]{1,8}\s*(?:,|$)/;
  /* w32tm /stripchart /dataonly: "09:31:07, +00.0312500s" (a French system may write 0,03). */
  var W32TM_LINE = /^\d{1,2}:\d{2}:\d{2}\s*,\s*([+-]?\d{1,9}(?:[.,]\d{1,9})?)s$/;

  function readLine(c, state, line) {
    if (line.length > MAX_LINE) return;
    var trimmed = line.trim();
    if (!trimmed) return;
    var event = state.event;

    // The Info string of the event being read, on the line after "Info:".
    if (event && event.wantInfo && INFO_LINE.test(trimmed)) {
      event.info = trimmed;
      event.wantInfo = false;
      return;
    }
    // An Info string alone (no header): which event it is follows from its shape.
    if (INFO_LINE.test(trimmed) && trimmed.split(",").length >= 7) {
      if (!event || event.info) event = newEvent(state, null);
      event.info = trimmed;
      return;
    }

    var offset = W32TM_LINE.exec(trimmed);
    if (offset) {
      state.offsets.push({seconds: parseFloat(offset[1].replace(",", ".")), machine: state.machine});
      return;
    }

    var key = skeleton(trimmed);
    if (c.flags[key]) {
      var flag = c.flags[key];
      recordFor(state, flag.field).fields[flag.field.id] = flag.on;
      return;
    }
    for (var p = 0; p < c.prefixes.length; p++) {
      if (key.indexOf(c.prefixes[p].key) === 0) {
        var xprRecord = state.record && state.record.tool === "slmgr" ? state.record : newRecord(state, "slmgr");
        xprRecord.fields["expiration-date"] = short(trimmed);
        return;
      }
    }
    if (/^event\s*\[\d+\]\s*:?$/i.test(trimmed)) {
      newEvent(state, null);
      return;
    }
    for (var d = 0; d < c.eventByDescription.length; d++) {
      if (key.indexOf(c.eventByDescription[d].key) === 0) {
        if (!event || event.description) event = newEvent(state, null);
        if (!event.id) event.id = c.eventByDescription[d].event.id;
        // 12293 and 12294 open with the same words: the end of the sentence tells them apart
        if (event.id === 12293 || event.id === 12294) event.id = /successful|réussi/i.test(trimmed) ? 12294 : 12293;
        event.description = true;
        var domain = /['‘’«"]\s*([A-Za-z0-9.\-]{1,253})\s*['‘’»"]/.exec(trimmed);
        if (domain) event.domain = domain[1];
        var inlineInfo = /Info\s*:\s*(0x[0-9A-Fa-f]{1,8}.*)$/i.exec(trimmed);
        if (inlineInfo) event.info = inlineInfo[1];
        else event.wantInfo = true;
        return;
      }
    }

    var colon = trimmed.indexOf(":");
    if (colon <= 0 || colon > 100) {
      if (event && /^(?:info|infos|informations)$/.test(key)) event.wantInfo = true;
      return;
    }
    var labelKey = skeleton(trimmed.slice(0, colon));
    var value = trimmed.slice(colon + 1).trim();

    var eventLabel = c.eventLabels[labelKey];
    if (eventLabel === "event-id") {
      var id = firstInt(value);
      if (!event || event.id || event.info) event = newEvent(state, null);
      event.id = id;
      return;
    }
    if (eventLabel === "info" && event) {
      if (INFO_LINE.test(value)) event.info = value;
      else event.wantInfo = true;
      return;
    }
    if (eventLabel === "error-code" && event) {
      // 8198's "Error code:" belongs to the event, not to an ospp product (same label)
      var eventCode = /0x[0-9A-Fa-f]{8}/.exec(value);
      if (eventCode) {
        var codeValue = hex8(parseInt(eventCode[0], 16));
        if (event.codes.indexOf(codeValue) < 0) event.codes.unshift(codeValue);
      }
      return;
    }
    if (eventLabel === "computer") {
      if (event && !event.computer) event.computer = short(value);
      else if (!event) state.machine = short(value);
      return;
    }
    if (c.markers[labelKey]) {
      state.machine = short(value);
      state.record = null;
      state.event = null;
      return;
    }
    var candidates = c.labels[labelKey];
    if (!candidates) return;
    // a label both tools print goes to the tool of the output being read (slmgr by default)
    var tool = state.record ? state.record.tool : "slmgr";
    var ordered = candidates.filter(function (f) { return f.tools.indexOf(tool) >= 0; })
      .concat(candidates.filter(function (f) { return f.tools.indexOf(tool) < 0; }));
    var field = null;
    var read = null;
    for (var n = 0; n < ordered.length && read === null; n++) {
      read = readValue(c, ordered[n], value);
      if (read !== null && read !== undefined) field = ordered[n];
      else read = null;
    }
    if (!field) return;
    var record = recordFor(state, field);
    record.fields[field.id] = read;
    state.event = null;
  }

  /* ---- events ------------------------------------------------------------------------------ */

  /* Which event an Info string without an ID belongs to, from the shape of its fields. */
  function guessEvent(parts) {
    if (parts.length >= 9 && readHostPort(parts[2]) && GUID.test(parts[3])) return 12288;
    if (parts.length >= 9 && /^\d+$/.test(parts[1]) && GUID.test(parts[3])) return 12290;
    if (parts.length >= 7 && parts.slice(2, 7).every(function (p) { return /^\d+$/.test(p); })) return 12289;
    return null;
  }

  function decodeEvent(c, event) {
    var parts = event.info ? event.info.split(",").map(function (p) { return p.trim(); }) : [];
    while (parts.length && !parts[parts.length - 1]) parts.pop();
    if (!event.id && parts.length) event.id = guessEvent(parts);
    var definition = c.events[event.id];
    if (!definition) return null;
    var fields = {};
    definition.fields.forEach(function (name, index) {
      if (index < parts.length) fields[name] = parts[index];
    });
    var decoded = {id: definition.id, definition: definition, raw: fields, values: {}};
    var v = decoded.values;
    if (fields.hresult !== undefined) {
      var hr = /^0x([0-9A-Fa-f]{1,8})$/.exec(fields.hresult);
      v.hresult = hr ? hex8(parseInt(hr[1], 16)) : null;
    } else if (event.codes.length) {
      v.hresult = event.codes[0];
    }
    if (fields["status-flags"] !== undefined) {
      var flags = parseInt(fields["status-flags"], 16) || 0;
      v.flags = c.data.evidence.status_flags.filter(function (f) { return (flags & f.mask) !== 0; })
        .map(function (f) { return f.id; });
    }
    ["current-count", "activation-interval", "renewal-interval", "n-policy", "time-to-expiration", "fbound"].forEach(function (name) {
      if (fields[name] !== undefined && /^-?\d+$/.test(fields[name])) v[name] = parseInt(fields[name], 10);
    });
    if (fields["license-status"] !== undefined) {
      var status = c.statusByWmi[parseInt(fields["license-status"], 10)];
      if (status) v["license-status"] = status.id;
    }
    if (fields["kms-host-port"]) {
      var hp = readHostPort(fields["kms-host-port"]);
      v["kms-host"] = hp ? short(hp.host) : short(fields["kms-host-port"]);
      if (hp) v["kms-port"] = hp.port;
    }
    if (fields.cmid && GUID.test(fields.cmid)) v.cmid = GUID.exec(fields.cmid)[0].toLowerCase();
    if (fields["client-fqdn"]) v["client-fqdn"] = short(fields["client-fqdn"]);
    if (event.domain) v.domain = short(event.domain);
    return decoded;
  }

  /* ---- findings ---------------------------------------------------------------------------- */

  function add(list, finding, machine, record) {
    finding.machine = machine === undefined ? null : machine;
    if (record !== undefined) finding.record = record;
    list.push(finding);
    return finding;
  }

  function isClientOs(name) {
    return !!name && !/server/i.test(name);
  }

  /* A host count too low for the machines asking. `needed` is the count a client said it needs
     (event 12288); without it, both thresholds are checked against the count. */
  function countFindings(c, list, count, needed, machine, record) {
    var t = c.data.thresholds;
    if (count === null || count === undefined || count < 0) return;
    var target = c.data.evidence.targets["activation-count"];
    var limit;
    var key;
    if (needed !== undefined) {
      if (count >= needed) return;
      limit = needed;
      key = needed <= t.server_os ? "server" : "client";
    } else if (count < t.server_os) {
      limit = t.server_os;
      key = "server";
    } else if (count < t.client_os) {
      limit = t.client_os;
      key = "client";
    } else {
      return;
    }
    add(list, {kind: "explanation", id: "explain:count-below-" + key, values: {count: count, needed: limit},
      message: {key: "explain-count-below-" + key, params: {count: count, client: t.client_os, server: t.server_os, missing: limit - count}},
      target: target, targets: [target, errorTarget("0xC004F038")]}, machine, record);
  }

  function recordFindings(c, record, list) {
    var f = record.fields;
    var ev = c.data.evidence;
    var t = c.data.thresholds;
    var machine = record.machine;
    var r = record.index;
    var status = f["license-status"] || f["ospp-license-status"];
    var statusField = f["license-status"] ? "license-status" : "ospp-license-status";
    var description = f.description || f["ospp-license-description"];
    var channel = description ? description.channel : null;
    var name = f["license-name"] || f["ospp-license-name"];
    var remaining = f["time-remaining"] || null;
    var validity = f["volume-activation-expiration"] || null;
    if (record.tool === "ospp" && f["ospp-remaining-grace"]) {
      if (status && status.grace) remaining = f["ospp-remaining-grace"];
      else if (status && status.id === "licensed") validity = f["ospp-remaining-grace"];
    }

    if (status) {
      add(list, {kind: "field", id: "field:license-status", field: statusField, values: {status: status.id},
        message: {key: "license-status", params: {status: {status: status.id}, meaning: {statusMeaning: status.id}}},
        target: fieldTarget(statusField)}, machine, r);
    }
    var reason = f["notification-reason"] || (record.tool === "ospp" && status && status.id === "notification" ? f["ospp-error-code"] : null);
    if (reason) {
      add(list, {kind: "field", id: "field:notification-reason", field: "notification-reason", code: reason, values: {code: reason},
        message: {key: "notification-reason", params: {code: reason, meaning: {meaning: reason}}},
        target: c.errors[reason] ? errorTarget(reason) : fieldTarget("notification-reason")}, machine, r);
    }
    if (description) {
      var descriptionField = f.description ? "description" : "ospp-license-description";
      add(list, {kind: "field", id: "field:channel", field: descriptionField, values: {channel: channel ? channel.id : null},
        message: {key: "channel", params: {channel: channel ? {channel: channel.id} : "?", description: short(description.text)}},
        target: fieldTarget(descriptionField)}, machine, r);
    }
    var key = f["partial-product-key"] || f["ospp-partial-key"];
    if (key) {
      var keyField = f["partial-product-key"] ? "partial-product-key" : "ospp-partial-key";
      add(list, {kind: "field", id: "field:partial-key", field: keyField, values: {key: key},
        message: {key: "partial-key", params: {key: key}}, target: fieldTarget(keyField)}, machine, r);
    }
    if (remaining && status && status.grace) {
      add(list, {kind: "field", id: "field:grace-remaining", field: f["time-remaining"] ? "time-remaining" : "ospp-remaining-grace",
        values: {minutes: remaining.minutes, days: remaining.days},
        message: {key: "grace-remaining", params: {days: {n: remaining.days}, minutes: {n: remaining.minutes}}},
        target: fieldTarget(f["time-remaining"] ? "time-remaining" : "ospp-remaining-grace")}, machine, r);
    }
    if (validity && (!status || status.id === "licensed")) {
      add(list, {kind: "field", id: "field:validity-remaining", field: f["volume-activation-expiration"] ? "volume-activation-expiration" : "ospp-remaining-grace",
        values: {minutes: validity.minutes, days: validity.days},
        message: {key: "validity-remaining", params: {days: {n: validity.days}, minutes: {n: validity.minutes}}},
        target: fieldTarget(f["volume-activation-expiration"] ? "volume-activation-expiration" : "ospp-remaining-grace")}, machine, r);
    }
    var used = f["kms-name-from-dns"];
    if (used && used.host) {
      add(list, {kind: "field", id: "field:kms-host-used", field: "kms-name-from-dns", values: {host: short(used.host), port: used.port},
        message: {key: "kms-host-used", params: {host: short(used.host), port: used.port}}, target: fieldTarget("kms-name-from-dns")}, machine, r);
    }
    var set = f["registered-kms-name"] || f["ospp-kms-registry-override"];
    if (set) {
      var setField = f["registered-kms-name"] ? "registered-kms-name" : "ospp-kms-registry-override";
      var setHost = set.host ? set.host + (set.port ? ":" + set.port : "") : set.text;
      add(list, {kind: "field", id: "field:kms-host-set", field: setField, values: {host: short(setHost)},
        message: {key: "kms-host-set", params: {host: short(setHost)}}, target: fieldTarget(setField)}, machine, r);
    }
    if (f["activation-interval"] && f["renewal-interval"]) {
      var activation = f["activation-interval"].minutes;
      var renewal = f["renewal-interval"].minutes;
      add(list, {kind: "field", id: "field:intervals", field: "activation-interval", values: {activation: activation, renewal: renewal},
        message: {key: "intervals", params: {activation: {n: activation}, renewal: {n: renewal}}}, target: fieldTarget("activation-interval")}, machine, r);
    }
    if (f.cmid) {
      add(list, {kind: "field", id: "field:cmid", field: "cmid", values: {cmid: f.cmid},
        message: {key: "cmid", params: {cmid: f.cmid}}, target: fieldTarget("cmid")}, machine, r);
    }
    var isHost = f["kms-enabled"] === true || (channel && channel.id === "kms-host");
    if (f["kms-enabled"] === true) {
      add(list, {kind: "field", id: "field:kms-enabled", field: "kms-enabled", values: {},
        message: {key: "kms-enabled", params: {}}, target: fieldTarget("kms-enabled")}, machine, r);
    }
    if (f["current-count"] !== undefined) {
      add(list, {kind: "field", id: "field:current-count", field: "current-count", values: {count: f["current-count"]},
        message: {key: "current-count", params: {count: f["current-count"], client: t.client_os, server: t.server_os}},
        target: fieldTarget("current-count")}, machine, r);
    }
    if (f["listening-port"] !== undefined) {
      add(list, {kind: "field", id: "field:listening-port", field: "listening-port", values: {port: f["listening-port"]},
        message: {key: "listening-port", params: {port: f["listening-port"]}}, target: fieldTarget("listening-port")}, machine, r);
    }
    if (f["dns-publishing"] !== undefined) {
      add(list, {kind: "field", id: "field:dns-publishing", field: "dns-publishing", values: {on: f["dns-publishing"]},
        message: {key: f["dns-publishing"] ? "dns-publishing-on" : "dns-publishing-off", params: {}},
        target: f["dns-publishing"] ? fieldTarget("dns-publishing") : ev.targets["dns-publishing"]}, machine, r);
    }
    if (f["total-requests"] !== undefined) {
      var failed = f["failed-requests"] || 0;
      add(list, {kind: "field", id: "field:requests", field: "total-requests", values: {total: f["total-requests"], failed: failed},
        message: {key: "requests", params: {total: {n: f["total-requests"]}, failed: {n: failed}}}, target: fieldTarget("total-requests")}, machine, r);
    }
    if (f["expiration-date"]) {
      add(list, {kind: "field", id: "field:expiration-date", field: "expiration-date", values: {line: f["expiration-date"]},
        message: {key: "expiration", params: {line: f["expiration-date"]}}, target: fieldTarget("expiration-date")}, machine, r);
    }

    // ---- what the fields mean together ----
    if (channel && channel.id === "kms-host") {
      var clientOs = isClientOs(name);
      add(list, {kind: "explanation", id: "explain:kms-host-key", values: {clientOs: clientOs},
        message: {key: clientOs ? "explain-kms-host-key-client-os" : "explain-kms-host-key", params: {name: short(name || ""), description: short(description.text)}},
        target: ev.targets["kms-host-key"]}, machine, r);
    }
    if (isHost && f["current-count"] !== undefined) countFindings(c, list, f["current-count"], undefined, machine, r);
    if (status && status.id === "notification") {
      add(list, {kind: "explanation", id: "explain:notification", code: reason || null, values: {code: reason || null},
        message: reason ? {key: "explain-notification", params: {code: reason}} : {key: "explain-notification-no-reason", params: {}},
        target: reason && c.errors[reason] ? errorTarget(reason) : ev.targets.notification,
        targets: [reason && c.errors[reason] ? errorTarget(reason) : null, ev.targets.notification].filter(Boolean)}, machine, r);
    }
    if (status && status.grace && remaining && remaining.days !== null && remaining.days <= ev.warn_days) {
      add(list, {kind: "explanation", id: "explain:grace-ending", values: {days: remaining.days},
        message: {key: "explain-grace-ending", params: {days: {n: remaining.days}}}, target: ev.targets.grace}, machine, r);
    }
    if (validity && validity.days !== null && validity.days <= ev.warn_days && (!status || status.id === "licensed")) {
      add(list, {kind: "explanation", id: "explain:validity-ending", values: {days: validity.days},
        message: {key: "explain-validity-ending", params: {days: {n: validity.days}}}, target: ev.targets.validity}, machine, r);
    }
    var defaultPort = c.data.defaults.kms_port;
    if (f["listening-port"] !== undefined && f["listening-port"] !== defaultPort) {
      add(list, {kind: "explanation", id: "explain:port", values: {port: f["listening-port"]},
        message: {key: "explain-port", params: {port: f["listening-port"], "default": defaultPort}}, target: ev.targets["host-port"]}, machine, r);
    }
    if (f["failed-requests"] > 0) {
      add(list, {kind: "explanation", id: "explain:failed-requests", values: {failed: f["failed-requests"]},
        message: {key: "explain-failed-requests", params: {failed: {n: f["failed-requests"]}, total: {n: f["total-requests"] || f["failed-requests"]}}},
        target: ev.targets["failed-requests"]}, machine, r);
    }
  }

  function eventFindings(c, event, decoded, list, neededByMachine) {
    var v = decoded.values;
    var id = decoded.id;
    var machine = event.computer || event.machine;
    var base = {kind: "event", id: "event:" + id, event: id, values: v, target: "events/" + id + "/"};
    var name = {eventName: id};
    if (v.hresult === "0x00000000") base.message = {key: "event-result-ok", params: {event: id, name: name}};
    else if (v.hresult) {
      base.message = {key: "event-result-code", params: {event: id, name: name, code: v.hresult}};
      base.code = v.hresult;
      if (c.errors[v.hresult]) base.related = [errorTarget(v.hresult)];
    } else base.message = {key: "event", params: {event: id, name: name}};
    var details = null;
    if (id === 12288 && v["kms-host"]) {
      details = {key: "event-12288", params: {host: v["kms-host"] + (v["kms-port"] ? ":" + v["kms-port"] : ""),
        status: v["license-status"] ? {status: v["license-status"]} : "?", minutes: {n: v["time-to-expiration"]}, needed: v["n-policy"]}};
    } else if (id === 12289 && v["current-count"] !== undefined) {
      details = {key: "event-12289", params: {activated: {msg: v.fbound === 1 ? "answer-yes" : "answer-no"}, count: v["current-count"],
        activation: {n: v["activation-interval"]}, renewal: {n: v["renewal-interval"]}}};
    } else if (id === 12290 && v.cmid) {
      details = {key: "event-12290", params: {client: v["client-fqdn"] || "?", cmid: v.cmid,
        status: v["license-status"] ? {status: v["license-status"]} : "?", needed: v["n-policy"]}};
    } else if ((id === 12293 || id === 12294) && v.domain) {
      details = {key: "event-" + id, params: {domain: v.domain}};
    }
    if (details) base.details = details;
    add(list, base, machine);
    (v.flags || []).forEach(function (flagId) {
      if (flagId === "other-pc") return;  // a warning only (ff793440 note 1)
      var flag = c.data.evidence.status_flags.filter(function (f) { return f.id === flagId; })[0];
      add(list, {kind: "event-flag", id: "event-flag:" + flagId, event: id, values: {flag: flagId},
        message: {key: "event-flag", params: {name: flag.name}}, target: "events/" + id + "/"}, machine);
    });
    if (id === 12289 && v["current-count"] !== undefined && (v.fbound === 0 || (v.flags || []).indexOf("not-enough-count") >= 0)) {
      countFindings(c, list, v["current-count"], neededByMachine[machine || ""], machine);
    }
  }

  /* The time offset with the host; beyond the tolerance the host answers 0xC004F06C. */
  function clockFindings(c, offset, list) {
    var code = c.data.evidence.clock_skew_code;
    var limit = c.data.thresholds.time_tolerance_hours;
    add(list, {kind: "field", id: "field:time-offset", values: {seconds: offset.seconds},
      message: {key: "time-offset", params: {seconds: {n: offset.seconds}}}, target: errorTarget(code)}, offset.machine);
    if (Math.abs(offset.seconds) > limit * 3600) {
      var hours = Math.round(Math.abs(offset.seconds) / 3600);
      add(list, {kind: "explanation", id: "explain:clock-skew", code: code, values: {hours: hours},
        message: {key: "explain-clock-skew", params: {hours: hours, limit: limit}}, target: errorTarget(code)}, offset.machine);
    }
  }

  /* Machines that share a CMID. An identity is a machine's name (first label, lower case) or,
     for an unnamed output, the output itself: pasting one output twice is not a duplicate. */
  function duplicateCmids(state, decodedEvents, list) {
    var byCmid = {};
    function note(cmid, identity, label) {
      if (!cmid) return;
      var entry = byCmid[cmid] || (byCmid[cmid] = {order: Object.keys(byCmid).length, ids: {}, labels: []});
      if (!entry.ids[identity]) {
        entry.ids[identity] = true;
        entry.labels.push(label);
      }
    }
    state.records.forEach(function (record) {
      if (!record.fields.cmid) return;
      if (record.machine) note(record.fields.cmid, "name:" + record.machine.split(".")[0].toLowerCase(), record.machine);
      else note(record.fields.cmid, "output:" + JSON.stringify(record.fields), {record: record.index + 1});
    });
    decodedEvents.forEach(function (pair) {
      var v = pair.decoded.values;
      var name = pair.decoded.id === 12290 ? v["client-fqdn"] : (pair.event.computer || pair.event.machine);
      if (v.cmid && name) note(v.cmid, "name:" + name.split(".")[0].toLowerCase(), name);
    });
    Object.keys(byCmid).sort(function (a, b) { return byCmid[a].order - byCmid[b].order; }).forEach(function (cmid) {
      var entry = byCmid[cmid];
      if (entry.labels.length < 2) return;
      add(list, {kind: "explanation", id: "explain:duplicate-cmid", values: {cmid: cmid, count: entry.labels.length},
        message: {key: "explain-duplicate-cmid", params: {count: entry.labels.length, cmid: cmid, machines: {list: entry.labels.slice(0, 6)}}},
        target: state.targets["duplicate-cmid"], targets: [state.targets["duplicate-cmid"], state.targets["activation-count"]]}, null);
    });
  }

  /* ---- the entry points -------------------------------------------------------------------- */

  function analyze(text, data) {
    var c = compile(data);
    var input = String(text || "");
    var state = {records: [], record: null, events: [], event: null, machine: null,
      targets: data.evidence.targets, offsets: []};
    var codes = findCodes(c, input);

    var lines = input.split(/\r\n|\r|\n/);
    for (var i = 0; i < lines.length; i++) {
      var before = state.event;
      readLine(c, state, lines[i]);
      // codes written inside an event's text (8198's "Error code:") belong to that event
      if (state.event && state.event === before && lines[i].length <= MAX_LINE) {
        var inLine = findCodes(c, lines[i]);
        for (var k = 0; k < inLine.length; k++) {
          if (state.event.codes.indexOf(inLine[k].code) < 0) state.event.codes.push(inLine[k].code);
        }
      }
    }

    var findings = codes.map(function (entry) { return codeFinding(c, entry); });
    state.records.forEach(function (record) { recordFindings(c, record, findings); });
    var decodedEvents = [];
    var neededByMachine = {};
    state.events.forEach(function (event) {
      var decoded = decodeEvent(c, event);
      if (!decoded) return;
      decodedEvents.push({event: event, decoded: decoded});
      // the count a client needs (12288) explains its 12289, whichever comes first in the paste
      if (decoded.id === 12288 && decoded.values["n-policy"] !== undefined) {
        neededByMachine[event.computer || event.machine || ""] = decoded.values["n-policy"];
      }
    });
    decodedEvents.forEach(function (pair) { eventFindings(c, pair.event, pair.decoded, findings, neededByMachine); });
    state.offsets.forEach(function (offset) { clockFindings(c, offset, findings); });
    duplicateCmids(state, decodedEvents, findings);

    var readable = findings.length > 0;
    if (!readable && input.trim()) {
      var excerpt = input.trim().replace(/\s+/g, " ");
      findings.push({kind: "unreadable", id: "unreadable", machine: null,
        message: {key: "unreadable", params: {}},
        excerpt: {key: "excerpt", params: {excerpt: excerpt.length > EXCERPT ? excerpt.slice(0, EXCERPT) + "…" : excerpt}},
        examples: data.evidence.examples.map(function (e) { return {label: {key: "example-" + e.kind, params: {}}, text: e.text}; }),
        target: null});
    }
    return {
      readable: readable,
      machines: state.records.map(function (r) { return r.machine; }).filter(Boolean)
        .filter(function (m, index, all) { return all.indexOf(m) === index; }),
      records: state.records.length,
      events: decodedEvents.length,
      findings: findings
    };
  }

  /* The codes of a one-line entry, for the lookup box: known codes first. */
  function lookup(text, data) {
    var c = compile(data);
    return findCodes(c, String(text || "")).sort(function (a, b) { return (b.known ? 1 : 0) - (a.known ? 1 : 0); })
      .map(function (entry) { return {code: entry.code, known: entry.known, target: entry.known ? errorTarget(entry.code) : null}; });
  }

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

  return {analyze: analyze, lookup: lookup, render: render, skeleton: skeleton, formatNumber: formatNumber,
    limits: {maxLine: MAX_LINE, maxParam: MAX_PARAM, excerpt: EXCERPT}};
});
