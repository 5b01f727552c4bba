/* The analyzer, part 2 of 3: diagnosing. From what evidence-read.js read, the findings (each names
 * a message of docs/data/evidence.yml with its parameters and the page#anchor that explains it).
 * Runs in the browser (window.vakbEvidenceDiagnose) and in Node (module.exports).
 */
(function (root, factory) {
  "use strict";
  var api = factory.apply(null, typeof module === "object" && module.exports ? [require("./evidence-read.js")] : [root.vakbEvidenceRead]);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.vakbEvidenceDiagnose = api;
})(typeof self !== "undefined" ? self : this, function (read) {
  "use strict";
  var compile = read.compile, findCodes = read.findCodes, short = read.short;
  var errorTarget = read.errorTarget, fieldTarget = read.fieldTarget;
  var EXCERPT = read.limits.excerpt;

  function codeFinding(c, entry) {
    var error = c.errors[entry.code];
    var finding = {kind: "code", id: "code:" + entry.code, code: entry.code, values: {known: entry.known}};
    if (error) {
      var decimalOnly = entry.forms.decimal && !entry.forms.hex && !entry.forms.bare;
      finding.message = {
        key: entry.forms.message ? "code-known-message" : decimalOnly ? "code-known-decimal" : "code-known",
        params: {code: entry.code, name: error.name || entry.code, meaning: {meaning: entry.code}, input: entry.inputs[0]}
      };
      finding.target = errorTarget(entry.code);
    } else {
      finding.message = {key: "code-unknown", params: {code: entry.code}};
      finding.target = null;
    }
    return finding;
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
    if (used && used.noHost) {
      add(list, {kind: "field", id: "field:dns-no-host", field: "kms-name-from-dns", values: {},
        message: {key: "dns-no-host", params: {}}, target: fieldTarget("kms-name-from-dns")}, machine, r);
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


  /* ---- the diagnosis: docs/data/diagnoses.yml's rules on each machine ------------------------ */

  var SEVERITY_ORDER = {problem: 0, warning: 1, info: 2, ok: 3};
  var CROSS = ["duplicate_cmid", "several_hosts", "mixed_states"];

  /* The machines of a paste, each with what its findings say. A machine is named by the paste
     (a collection script's header, an event's Computer field), else numbered in paste order when
     the paste holds several unnamed slmgr outputs, else it is the one machine of the paste. */
  function machinesOf(seen, findings) {
    var machines = [];
    var byKey = {};
    function machine(key, name) {
      if (!byKey[key]) {
        byKey[key] = {key: key, name: name, findings: [], statuses: [], channels: [], reasons: [], claimed: {},
          cmids: [], product: null, hostUsed: null, hostSet: null, dnsNoHost: false, graceDays: null,
          validityDays: null, countBelow: null, clockHours: null, hostKeyOnClientOs: false,
          publishingFailed: false, publishingOff: false, failed: null, port: null};
        machines.push(byKey[key]);
      }
      return byKey[key];
    }
    // unnamed outputs (several raw slmgr or ospp outputs, one after the other): one machine each
    var outputs = {};  // output -> its ordinal among the unnamed ones
    var unnamed = 0;
    seen.records.forEach(function (r) {
      if (!r.machine && !outputs[r.output]) outputs[r.output] = ++unnamed;
    });
    var recordKeys = seen.records.map(function (record) {
      if (record.machine) return {key: "name:" + record.machine.split(".")[0].toLowerCase(), name: record.machine};
      if (unnamed > 1) {
        var ordinal = outputs[record.output];
        return {key: "out:" + ordinal, name: null, ordinal: ordinal};
      }
      return {key: "", name: null};
    });
    function push(list, value) {
      if (value !== null && value !== undefined && list.indexOf(value) < 0) list.push(value);
    }
    var pasted = [];
    findings.forEach(function (f) {
      var where = f.record !== undefined ? recordKeys[f.record]
        : f.machine ? {key: "name:" + String(f.machine).split(".")[0].toLowerCase(), name: f.machine} : {key: "", name: null};
      if (f.kind === "code" || f.id === "explain:duplicate-cmid") {
        if (f.kind === "code" && f.values.known) pasted.push(f.code);
        return;  // codes are given to machines below; duplicates are a check across machines
      }
      var m = machine(where.key, where.name);
      if (where.ordinal) m.ordinal = where.ordinal;
      m.findings.push(f);
      var v = f.values || {};
      switch (f.id) {
        case "field:license-status": push(m.statuses, v.status); break;
        case "field:notification-reason": push(m.reasons, f.code); break;
        case "field:channel": push(m.channels, v.channel); break;
        case "field:kms-host-used": m.hostUsed = v.host + (v.port ? ":" + v.port : ""); break;
        case "field:kms-host-set": m.hostSet = v.host; break;
        case "field:dns-no-host": m.dnsNoHost = true; break;
        case "field:cmid": push(m.cmids, v.cmid); break;
        case "field:grace-remaining": m.graceDays = v.days; break;
        case "field:validity-remaining": m.validityDays = v.days; break;
        case "field:dns-publishing": if (v.on === false) m.publishingOff = true; break;
        case "explain:kms-host-key": if (v.clientOs) m.hostKeyOnClientOs = true; break;
        case "explain:clock-skew": m.clockHours = v.hours; break;
        case "explain:failed-requests": m.failed = v.failed; break;
        case "explain:port": m.port = v.port; break;
        case "explain:grace-ending": m.graceEnding = v.days; break;
        case "explain:validity-ending": m.validityEnding = v.days; break;
        default:
          if (/^explain:count-below-/.test(f.id)) m.countBelow = {count: v.count, needed: v.needed};
          if (f.kind === "event") {
            if (f.event === 12293) m.publishingFailed = true;
            if (f.code) push(m.reasons, f.code);
          }
      }
    });
    seen.records.forEach(function (record, index) {
      var name = record.fields["license-name"] || record.fields["ospp-license-name"];
      var m = byKey[recordKeys[index].key];
      if (m && name && !m.product) m.product = short(name);
    });
    if (!machines.length && pasted.length) machine("", null);
    // a code pasted as such belongs to the one machine of the paste, unless a machine already has it
    pasted.forEach(function (code) {
      var owned = machines.some(function (m) { return m.reasons.indexOf(code) >= 0; });
      if (!owned) push((byKey[""] || machines[0]).reasons, code);
    });
    var number = 0;
    machines.forEach(function (m) {
      if (!m.name && machines.length > 1) {
        number += 1;
        m.number = number;
      }
      // a machine's state is its worst product's (Office in grace on an activated Windows: grace)
      m.state = m.statuses.filter(function (s) { return s !== "licensed"; })[0] || m.statuses[0] || null;
    });
    return machines;
  }

  function crossChecks(machines, findings) {
    var cross = {};
    var duplicates = findings.filter(function (f) { return f.id === "explain:duplicate-cmid"; });
    if (duplicates.length) cross.duplicate_cmid = duplicates;
    var hosts = [];
    machines.forEach(function (m) {
      var host = m.hostUsed && m.hostUsed.toLowerCase();
      if (host && hosts.indexOf(host) < 0) hosts.push(host);
    });
    if (hosts.length > 1) cross.several_hosts = hosts;
    var states = [];
    machines.forEach(function (m) { if (m.state && states.indexOf(m.state) < 0) states.push(m.state); });
    if (states.length > 1) cross.mixed_states = states;
    return cross;
  }

  function within(list, values) {
    return values.some(function (v) { return list.indexOf(v) >= 0; });
  }

  /* Whether `when` holds on machine m; a code condition returns the code it takes. */
  function holds(c, when, m, codeOut) {
    var warn = c.data.evidence.warn_days;
    var checks = {
      status: function (list) { return within(list, m.statuses); },
      channel: function (list) { return within(list, m.channels); },
      reason: function (list) {
        for (var i = 0; i < m.reasons.length; i++) {
          if (list.indexOf(m.reasons[i]) >= 0 && !m.claimed[m.reasons[i]]) { codeOut.code = m.reasons[i]; return true; }
        }
        return false;
      },
      code: function () {
        for (var i = 0; i < m.reasons.length; i++) {
          var error = c.errors[m.reasons[i]];
          if (error && error.documented !== false && !m.claimed[m.reasons[i]]) { codeOut.code = m.reasons[i]; return true; }
        }
        return false;
      },
      dns_no_host: function (on) { return m.dnsNoHost === on; },
      host_set: function (on) { return !!m.hostSet === on; },
      host_used: function (on) { return !!m.hostUsed === on; },
      count_below: function () { return !!m.countBelow; },
      clock_skew: function () { return m.clockHours !== null; },
      host_key_on_client_os: function () { return m.hostKeyOnClientOs; },
      grace_ending: function () { return m.graceEnding !== undefined && m.graceDays !== null && m.graceDays <= warn; },
      validity_ending: function () { return m.validityEnding !== undefined; },
      validity_known: function () { return m.validityDays !== null; },
      publishing_failed: function () { return m.publishingFailed; },
      publishing_off: function () { return m.publishingOff; },
      failed_requests: function () { return m.failed > 0; },
      port_not_default: function () { return m.port !== null; }
    };
    return Object.keys(when).every(function (name) { return checks[name] ? checks[name](when[name]) : false; });
  }

  function machineLabel(m) {
    return m.name ? {text: m.name} : m.number ? {machine: m.number} : null;
  }

  /* The verdict: one entry per rule (and code) that holds, with the machines it holds on, the
     problems first, in the order of diagnoses.yml; the `ok` rule only when nothing else holds. */
  function diagnose(c, seen, findings) {
    var rules = (c.data.diagnoses || {rules: []}).rules;
    var machines = machinesOf(seen, findings);
    var cross = crossChecks(machines, findings);
    var entries = [];
    var byId = {};
    function note(rule, code, m, params) {
      var id = rule.id + (code ? ":" + code : "");
      var entry = byId[id];
      if (!entry) {
        entry = byId[id] = {id: rule.id, rule: rule, severity: rule.severity, code: code || null, machines: [], params: params,
          order: rules.indexOf(rule)};
        entries.push(entry);
      }
      if (m) {
        var label = machineLabel(m);
        if (label) entry.machines.push(label);
        m.problems = m.problems || [];
        if (rule.severity !== "ok" && rule.severity !== "info") m.problems.push(rule.id);
        // the smallest number of days left is the one to act on
        if (params.days !== undefined && (entry.params.days === undefined || params.days < entry.params.days)) entry.params.days = params.days;
      }
    }
    rules.forEach(function (rule) {
      var keys = Object.keys(rule.when);
      if (keys.some(function (k) { return CROSS.indexOf(k) >= 0; })) {
        if (!keys.every(function (k) { return cross[k]; })) return;
        if (cross.duplicate_cmid && keys.indexOf("duplicate_cmid") >= 0) {
          cross.duplicate_cmid.forEach(function (f) {
            note(rule, null, null, {cmid: f.values.cmid, count: f.values.count, machines: f.message.params.machines});
          });
          return;
        }
        note(rule, null, null, {host: cross.several_hosts ? cross.several_hosts.join(", ") : undefined,
          status: cross.mixed_states ? {statusList: cross.mixed_states} : undefined});
        return;
      }
      machines.forEach(function (m) {
        if (rule.severity === "ok" && m.okRule) return;
        for (var guard = 0; guard < 20; guard++) {
          var out = {};
          if (!holds(c, rule.when, m, out)) return;
          var params = {
            code: out.code, meaning: out.code ? {meaning: out.code} : undefined,
            host: m.hostSet || m.hostUsed || undefined,
            days: rule.when.grace_ending ? m.graceDays : rule.when.validity_ending || rule.when.validity_known ? m.validityDays : undefined,
            count: m.countBelow ? m.countBelow.count : undefined, needed: m.countBelow ? m.countBelow.needed : undefined,
            hours: m.clockHours, limit: c.data.thresholds.time_tolerance_hours,
            port: m.port, failed: m.failed, channel: m.channels[0] ? {channel: m.channels[0]} : undefined
          };
          if (rule.severity === "ok") m.okRule = rule.id;
          note(rule, out.code, m, params);
          (rule.explains || []).forEach(function (code) { m.claimed[code] = true; });
          if (!out.code) return;
          m.claimed[out.code] = true;  // one rule per code: the first, most precise, that explains it
        }
      });
    });
    var wrong = entries.filter(function (e) { return e.severity === "problem" || e.severity === "warning"; });
    var shown = wrong.length ? entries.filter(function (e) { return e.severity !== "ok"; })
      : entries.filter(function (e) { return e.severity === "ok" || e.severity === "info"; });
    shown.sort(function (a, b) {
      return (SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) || (a.order - b.order);
    });
    // an ok verdict holds only when every machine with a state is fine
    if (!wrong.length && machines.some(function (m) { return m.state && !m.okRule; })) {
      shown = shown.filter(function (e) { return e.severity !== "ok"; });
    }
    return {
      fired: entries.map(function (e) { return e.id; }),
      verdict: shown.map(function (e) {
        return {id: e.id, severity: e.severity, code: e.code, machines: e.machines, params: e.params,
          link: e.rule.link.replace("{code}", (e.code || "").toLowerCase()),
          firstStep: e.rule.first_step ? {text: e.rule.first_step} : {code: e.code}};
      }),
      machines: machines.map(function (m) {
        return {label: machineLabel(m), product: m.product, state: m.state, channel: m.channels[0] || null,
          days: m.state === "licensed" ? m.validityDays : m.graceDays, host: m.hostUsed || m.hostSet,
          cmid: m.cmids[0] || null, problems: m.problems || [], findings: m.findings};
      })
    };
  }

  /* ---- the entry points -------------------------------------------------------------------- */

  function analyze(text, data) {
    var seen = read.read(text, data);
    var c = seen.c;
    var input = seen.input;
    var state = seen;
    var codes = seen.codes;

    var findings = codes.map(function (entry) { return codeFinding(c, entry); });
    if (seen.bareEvent) {
      add(findings, {kind: "event", id: "event:" + seen.bareEvent, event: seen.bareEvent, values: {},
        message: {key: "event", params: {event: seen.bareEvent, name: {eventName: seen.bareEvent}}},
        target: "events/" + seen.bareEvent + "/"}, null);
    }
    state.records.forEach(function (record) { recordFindings(c, record, findings); });
    var decodedEvents = seen.events;
    var neededByMachine = {};
    decodedEvents.forEach(function (pair) {
      var event = pair.event, decoded = pair.decoded;
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
    var diagnosis = diagnose(c, seen, findings);
    return {
      diagnosis: diagnosis,
      notRead: readable ? seen.notRead : [],
      notReadCount: readable ? seen.notReadCount : 0,
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


  return {analyze: analyze, lookup: lookup, diagnose: diagnose};
});
