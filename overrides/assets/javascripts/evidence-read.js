/* The analyzer, part 1 of 3: reading. Turns what a helpdesk agent pastes (an error line, a decimal
 * code from a deployment log, slmgr /dli /dlv /xpr output, ospp.vbs /dstatus output, KMS event
 * text, several machines at once) into what was read: codes, one record per product output with
 * its fields, decoded events, clock offsets. It says nothing about what they mean: that is
 * evidence-diagnose.js; the words and the page are evidence-render.js; evidence.js joins them.
 *
 * Plain JavaScript with no request and no storage: the pasted text never leaves this function.
 * Runs in the browser (window.vakbEvidenceRead) and in Node (module.exports) for the tests.
 *
 * The data it gets (JSON): {errors: [{code, name, meaning: {en, fr}, windows_message?: {en, fr}}], slmgr: slmgr_output.yml,
 * evidence: evidence.yml, diagnoses: diagnoses.yml, thresholds: {client_os, server_os,
 * time_tolerance_hours}, defaults: {kms_port}}.
 *
 * Every scan is one pass over the lines or one global regular expression with fixed-length
 * tokens, so a 1 MB paste stays linear (no nested quantifiers that could backtrack).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.vakbEvidenceRead = api;
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

  /* Accents folded to their letter ("é" -> "e"), for a paste whose accents were lost on the way
     ("Cle de produit"): every label is known under both keys, the skeleton of the text as it is
     and the skeleton of the text folded. */
  function fold(text) {
    var value = String(text);
    return typeof value.normalize === "function" ? value.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : value;
  }

  function keysOf(text) {
    var dropped = skeleton(text);
    var folded = skeleton(fold(text));
    return folded === dropped ? [dropped] : [dropped, folded];
  }

  /* The words of a label, accents folded, for a label worded differently from the data's. */
  var FILLER = {de: 1, du: 1, des: 1, la: 1, le: 1, les: 1, l: 1, d: 1, a: 1, the: 1, of: 1, from: 1, par: 1, s: 1};
  function wordsOf(text) {
    return fold(text).toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w && !FILLER[w]; });
  }

  function short(text) {
    var value = String(text).replace(/\s+/g, " ").trim();
    return value.length > MAX_PARAM ? value.slice(0, MAX_PARAM - 1) + "…" : value;
  }

  function firstInt(text) {
    var match = /-?\d+/.exec(text);
    return match ? parseInt(match[0], 10) : null;
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
      statusByWmi: {},
      labelWords: [],        // [{words, key}]: labels by their words, for wording variants
      variants: {}           // skeleton of a pasted label -> the known key it was matched to, or ""
    };
    c.known = [];
    ((data.diagnoses || {}).known_lines || []).forEach(function (text) { c.known = c.known.concat(keysOf(text)); });
    (data.errors || []).forEach(function (e) { c.errors[hex8(parseInt(e.code, 16))] = e; });
    c.sentences = windowsSentences(data.errors || []);
    (ev.code_ranges || []).forEach(function (r) {
      c.ranges.push([parseInt(r.from, 16), parseInt(r.to, 16)]);
    });
    slmgr.fields.forEach(function (field) {
      var texts = field.labels.en.concat(field.labels.fr.map(function (l) { return l.text; }));
      var enCount = field.labels.en.length;
      texts.forEach(function (text, index) {
        keysOf(text).forEach(function (key) { addLabel(c, key, field, text, index, enCount); });
      });
    });
    slmgr.statuses.forEach(function (status) {
      c.statusByWmi[status.wmi] = status;
      status.labels.en.concat(status.labels.fr.map(function (l) { return l.text; })).forEach(function (text) {
        keysOf(text).forEach(function (key) { c.statuses.push({key: key, status: status}); });
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
      list.en.concat(list.fr).forEach(function (text) {
        keysOf(text).forEach(function (key) { c.eventLabels[key] = name; });
      });
    });
    var markers = ev.machine_markers || {en: [], fr: []};
    markers.en.concat(markers.fr).forEach(function (text) {
      keysOf(text).forEach(function (key) { c.markers[key] = true; });
    });
    if (compiledCache) compiledCache.set(data, c);
    return c;
  }

  function addLabel(c, key, field, text, index, enCount) {
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
          if (key.length > 6) c.labelWords.push({words: wordsOf(text), key: key, field: field});
        }
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

  /* ---- Windows' message of a documented code, pasted without its code ---------------------- */

  /* Messages name the service "Software Licensing Service" (slsvc, Vista and Windows Server 2008,
     and older message texts) or "Software Protection Service" (sppsvc), and errors.yml quotes both;
     French pages say "service de gestion de licences" or "service de protection logicielle". One
     key for each pair, in the messages and in the paste. */
  var PREAMBLES = [[/softwarelicensingservice/g, "softwareprotectionservice"],
    [/servicedeprotectionlogicielle/g, "servicedegestiondelicences"]];
  var MIN_WORDS = 4;  // a start shorter than this ("Access denied.") says too little on its own

  var folded = {};
  function foldLetter(letter) {
    return folded[letter] || (folded[letter] = fold(letter));
  }

  function sentenceKey(text) {
    var key = text;
    PREAMBLES.forEach(function (pair) { key = key.replace(pair[0], pair[1]); });
    return key;
  }

  /* From errors.yml's windows_message (en, fr): for each message, the key of its distinctive start
     and the codes whose message it is ("DNS name does not exist." is two codes' message). The
     distinctive start is the message up to the end of its first sentence that no other message
     has, and of at least MIN_WORDS words: "The Software Protection Service reported that the
     computer could not be activated." starts four messages, so 0xC004F074's start runs to "No Key
     Management Service (KMS) could be contacted.". Keys are skeletons (no spaces, no punctuation,
     accents folded, or dropped when the console lost them), so line wrapping, spacing and case do
     not matter. A message that holds its own code ("0x8007007b DNS name ...") is found by its code. */
  function windowsSentences(errors) {
    var messages = [];
    var coded = [];
    errors.forEach(function (e) {
      if (!e.windows_message || e.documented === false) return;
      ["en", "fr"].forEach(function (lang) {
        var text = e.windows_message[lang];
        if (!text) return;
        if (/0x[0-9A-Fa-f]{8}/.test(text)) {  // found by its code; its lines are then read
          coded.push({code: hex8(parseInt(e.code, 16)), wholes: keysOf(text.replace(/0x[0-9A-Fa-f]{8}/g, ""))});
          return;
        }
        messages.push({code: hex8(parseInt(e.code, 16)), text: text, whole: sentenceKey(skeleton(fold(text))),
          wholes: keysOf(text)});
      });
    });
    var byKey = {};
    var list = [];
    messages.forEach(function (m) {
      var sentences = m.text.replace(/([.!?])\s+/g, "$1\n").split("\n");
      var start = "";
      var key = "";
      for (var i = 0; i < sentences.length; i++) {
        start = start ? start + " " + sentences[i] : sentences[i];
        key = sentenceKey(skeleton(fold(start)));
        var words = start.split(/\s+/).length;
        var shared = messages.some(function (other) { return other.whole !== m.whole && other.whole.indexOf(key) >= 0; });
        if (!shared && words >= MIN_WORDS) break;
      }
      var entry = byKey[key];
      if (!entry) {
        entry = byKey[key] = {keys: keysOf(start).map(sentenceKey), start: start, codes: [], wholes: []};
        list.push(entry);
      }
      if (entry.codes.indexOf(m.code) < 0) entry.codes.push(m.code);
      entry.wholes = entry.wholes.concat(m.wholes);
    });
    return {list: list, coded: coded};
  }

  /* The codes whose Windows message `text` (the lines not otherwise understood) holds, as
     findCodes' entries to put after them ({codes}), and which lines belong to those messages
     ({covers(line)}: read, so not listed as "not read"). A code already found as such is left
     out with the other codes of its message: "0x8007232B DNS name does not exist." is 0x8007232B. */
  function sentenceCodes(c, text, found) {
    var none = {codes: [], covers: function () { return false; }};
    if (!c.sentences.list.length || !text) return none;
    // one key of the paste, accents folded: lost accents ("Cle") meet a message's folded key,
    // accents the console mangled ("Cl‚", dropped by the skeleton) meet its key without them
    var pasted = sentenceKey(skeleton(/[\u00c0-\u024f]/.test(text) ? text.replace(/[\u00c0-\u024f]/g, foldLetter) : text));
    var have = {};
    found.forEach(function (entry) { have[entry.code] = true; });
    var out = [];
    var wholes = [];  // the keys of the messages found, whose lines are then read, not "not read"
    c.sentences.coded.forEach(function (entry) { if (have[entry.code]) wholes = wholes.concat(entry.wholes); });
    var ownWholes = wholes.slice();
    c.sentences.list.forEach(function (sentence) {
      if (sentence.codes.some(function (code) { return have[code]; })) return;
      var hit = sentence.keys.some(function (key) { return pasted.indexOf(key) >= 0; });
      // part of the message of a code found as such ("0x8007007b DNS name does not exist."): that code
      var itsOwn = sentence.keys.some(function (key) {
        return ownWholes.some(function (whole) { return whole.indexOf(key) >= 0; });
      });
      if (!hit || itsOwn) return;
      wholes = wholes.concat(sentence.wholes);
      sentence.codes.forEach(function (code) {
        have[code] = true;
        out.push({code: code, known: true, forms: {message: true}, inputs: [short(sentence.start)], at: Infinity});
      });
    });
    if (!wholes.length) return none;
    return {codes: out, covers: function (line) {
      var keys = keysOf(line);
      keys = keys.concat(keys.map(sentenceKey));
      return keys[0].length >= 3 && wholes.some(function (whole) {
        return keys.some(function (key) { return whole.indexOf(key) >= 0; });
      });
    }};
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
  var NO_HOST = /auto-?discovery|auto-?d[ée]couverte|not available|non disponible|indisponible/i;

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
        // slmgr's "DNS auto-discovery: KMS name not available" (or its words in another order or
        // language): DNS gave the client no host
        return readHostPort(value) || {host: null, port: null, text: value.trim(), noHost: NO_HOST.test(value)};
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

  /* Each record belongs to an output: an slmgr record is one; ospp's products share theirs, which
     ends at its next "---Processing---" or at an slmgr output. Raw outputs pasted one after the
     other without a machine's name are told apart by it. */
  function newRecord(state, tool) {
    if (tool === "slmgr" || !state.osppOpen) state.output = (state.output || 0) + 1;
    state.osppOpen = tool === "ospp";
    var record = {tool: tool, index: state.records.length, machine: state.machine, fields: {}, lines: [], output: state.output};
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

  /* A label worded differently from the data's ("Nom de l'ordinateur KMS issu du DNS"): the known
     label sharing most of its words, when they share at least two and two thirds of the longer
     one's words, and no other field's label fits as well. Remembered per label, so a long paste compares each new label once. */
  function variantOf(c, label, labelKey, tool) {
    var cacheKey = labelKey + "|" + tool;
    if (c.variants[cacheKey] !== undefined) return c.variants[cacheKey];
    if (c.variantCount > 5000) {  // a long session of odd pastes: forget, rather than grow
      c.variants = {};
      c.variantCount = 0;
    }
    c.variantCount = (c.variantCount || 0) + 1;
    var words = wordsOf(label);
    var best = "";
    var bestScore = 0;
    var tie = false;
    var bestField = null;
    if (!c.wordIndex) {  // word -> the known labels that have it
      c.wordIndex = {};
      c.labelWords.forEach(function (entry, index) {
        entry.words.forEach(function (word) {
          var list = c.wordIndex[word] || (c.wordIndex[word] = []);
          if (list[list.length - 1] !== index) list.push(index);
        });
      });
    }
    var counts = {};
    var touched = [];
    if (words.length >= 2 && words.length <= 12) {
      words.filter(function (word, n) { return words.indexOf(word) === n; }).forEach(function (word) {
        var list = Object.prototype.hasOwnProperty.call(c.wordIndex, word) ? c.wordIndex[word] : [];
        for (var k = 0; k < list.length; k++) {
          if (!counts[list[k]]) {
            counts[list[k]] = 0;
            touched.push(list[k]);
          }
          counts[list[k]] += 1;
        }
      });
      for (var t = 0; t < touched.length; t++) {
        var i = touched[t];
        var common = counts[i];
        var score = common / Math.max(words.length, c.labelWords[i].words.length);
        if (common < 2 || score < 0.66) continue;
        // a field of the output being read wins over another tool's field that fits as well
        if (c.labelWords[i].field.tools.indexOf(tool) >= 0) score += 1;
        if (score > bestScore) {
          tie = false;
          best = c.labelWords[i].key;
          bestField = c.labelWords[i].field;
          bestScore = score;
        } else if (score === bestScore && c.labelWords[i].field !== bestField) {
          tie = true;  // two fields fit as well: neither is taken
        }
      }
    }
    if (tie) best = "";
    c.variants[cacheKey] = best;
    return best;
  }

  var BANNER = /^\s*(?:Microsoft \(R\) Windows Script Host|Copyright \(C\) Microsoft Corporation|={3}|-{3}\s*(?:Processing|Exiting)|(?:PS )?[A-Za-z]:\\[^>]{0,200}>)/i;

  /* A line of diagnoses.yml's known_lines (what surrounds the output and says nothing). */
  function known(c, line) {
    var key = skeleton(line.slice(0, 120));
    for (var i = 0; i < c.known.length; i++) if (key.indexOf(c.known[i]) === 0) return true;
    return false;
  }
  var INFO_LINE = /^\s*0x[0-9A-Fa-f]{1,8}\s*(?:,|$)/;
  /* w32tm /stripchart /dataonly: "09:31:07, +00.0312500s" (a French system may write 0,03). */
  var W32TM_LINE = /^\d{1,2}:\d{2}:\d{2}\s*,\s*([+-]?\d{1,9}(?:[.,]\d{1,9})?)s$/;

  function readLine(c, state, line) {
    if (line.length > MAX_LINE) return false;
    var trimmed = line.trim();
    if (!trimmed) return true;  // blank: nothing to read, nothing missed
    if (/^-{3}\s*Processing/i.test(trimmed)) {  // ospp.vbs starts an output
      state.osppOpen = false;
      state.record = null;
      return true;
    }
    var event = state.event;

    // The Info string of the event being read, on the line after "Info:".
    if (event && event.wantInfo && INFO_LINE.test(trimmed)) {
      event.info = trimmed;
      event.wantInfo = false;
      return true;
    }
    // An Info string alone (no header): which event it is follows from its shape.
    if (INFO_LINE.test(trimmed) && trimmed.split(",").length >= 7) {
      if (!event || event.info) event = newEvent(state, null);
      event.info = trimmed;
      return true;
    }

    var offset = W32TM_LINE.exec(trimmed);
    if (offset) {
      state.offsets.push({seconds: parseFloat(offset[1].replace(",", ".")), machine: state.machine});
      return true;
    }

    var key = skeleton(trimmed);
    if (c.flags[key]) {
      var flag = c.flags[key];
      recordFor(state, flag.field).fields[flag.field.id] = flag.on;
      return true;
    }
    for (var p = 0; p < c.prefixes.length; p++) {
      if (key.indexOf(c.prefixes[p].key) === 0) {
        var xprRecord = state.record && state.record.tool === "slmgr" ? state.record : newRecord(state, "slmgr");
        xprRecord.fields["expiration-date"] = short(trimmed);
        return true;
      }
    }
    if (/^event\s*\[\d+\]\s*:?$/i.test(trimmed)) {
      newEvent(state, null);
      return true;
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
        return true;
      }
    }

    // "DNS auto-discovery: KMS name not available" on a line of its own (some slmgr versions
    // print it without the "KMS machine name from DNS:" label before it)
    if (key.indexOf("dnsautodiscovery") === 0 || key.indexOf("autodecouvertedns") === 0) {
      var dnsRecord = state.record && state.record.tool === "slmgr" ? state.record : newRecord(state, "slmgr");
      if (!dnsRecord.fields["kms-name-from-dns"]) {
        dnsRecord.fields["kms-name-from-dns"] = {host: null, port: null, text: short(trimmed), noHost: true};
      }
      return true;
    }

    var colon = trimmed.indexOf(":");
    if (colon <= 0 || colon > 100) {
      if (event && /^(?:info|infos|informations)$/.test(key)) {
        event.wantInfo = true;
        return true;
      }
      return false;
    }
    var labelKey = skeleton(trimmed.slice(0, colon));
    var value = trimmed.slice(colon + 1).trim();

    var eventLabel = c.eventLabels[labelKey];
    if (eventLabel === "event-id") {
      var id = firstInt(value);
      if (!event || event.id || event.info) event = newEvent(state, null);
      event.id = id;
      return true;
    }
    if (eventLabel === "info" && event) {
      if (INFO_LINE.test(value)) event.info = value;
      else event.wantInfo = true;
      return true;
    }
    if (eventLabel === "error-code" && event) {
      // 8198's "Error code:" belongs to the event, not to an ospp product (same label)
      var eventCode = /0x[0-9A-Fa-f]{8}/.exec(value);
      if (eventCode) {
        var codeValue = hex8(parseInt(eventCode[0], 16));
        if (event.codes.indexOf(codeValue) < 0) event.codes.unshift(codeValue);
      }
      return true;
    }
    if (eventLabel === "computer") {
      if (event && !event.computer) event.computer = short(value);
      else if (!event) state.machine = short(value);
      return true;
    }
    if (c.markers[labelKey]) {
      state.machine = short(value);
      state.record = null;
      state.event = null;
      return true;
    }
    var candidates = c.labels[labelKey]
      || c.labels[variantOf(c, trimmed.slice(0, colon), labelKey, state.record ? state.record.tool : "slmgr")];
    if (!candidates) return false;
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
    if (!field) return false;
    var record = recordFor(state, field);
    record.fields[field.id] = read;
    state.event = null;
    return true;
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

  /* ---- WMI: wmic ... /format:list ("Name=value") and PowerShell's Format-List ("Name : value") --- */

  /* SoftwareLicensingProduct's and SoftwareLicensingService's properties, as the fields of an
     slmgr output (slmgr.vbs reads the same properties). */
  var WMI = {
    name: "name", description: "description", licensestatus: "status", graceperiodremaining: "grace",
    partialproductkey: "key", keymanagementservicemachine: "set-host", keymanagementserviceport: "set-port",
    discoveredkeymanagementservicemachinename: "used-host", discoveredkeymanagementservicemachineport: "used-port",
    clientmachineid: "cmid", keymanagementservicecurrentcount: "count", iskeymanagementservicemachine: "kms",
    licensestatusreason: "reason", server: "machine", pscomputername: "machine", id: "id"
  };
  var WMI_LINE = /^\s*(__SERVER|PSComputerName|[A-Z][A-Za-z]{1,60})(=|\s+:)\s?(.*)$/;
  // Words slmgr prints too ("Description : …" in French): WMI's only after "=" (wmic) or with the
  // padding PowerShell puts before its colons, two spaces or more.
  var WMI_COMMON = {name: 1, description: 1, id: 1};

  /* The WMI property of a line, or null: only the properties above. */
  function wmiLine(line) {
    var match = WMI_LINE.exec(line);
    if (!match) return null;
    var property = WMI[match[1].replace(/^__/, "").toLowerCase()];
    if (!property) return null;
    if (WMI_COMMON[property] && match[2] !== "=" && !/\s\s:$/.test(match[2])) return null;
    return {property: property, value: match[3].trim(), wmic: match[2] === "="};
  }

  /* SoftwareLicensingService's instance (no key): the machine's CMID, the host set with /skms, its
     KMS host state. Given to the machine's first product read from WMI just before it (the order
     collect-activation-wmi.cmd writes them), else a record of its own. */
  function wmiService(c, state, object) {
    if (!object.cmid && !object["set-host"] && object.kms === undefined) return;
    var machine = object.machine ? short(object.machine) : state.machine;
    var record = null;
    for (var i = state.records.length - 1; i >= 0 && !record; i--) {
      var r = state.records[i];
      if (!r.wmi) break;
      if (String(r.machine || "").toLowerCase() === String(machine || "").toLowerCase()) {
        while (i > 0 && state.records[i - 1].wmi && state.records[i - 1].machine === r.machine) i -= 1;
        record = state.records[i];
      }
    }
    if (!record) {
      record = newRecord(state, "slmgr");
      record.machine = machine;
      record.wmi = true;
    }
    wmiFields(c, record.fields, object);
  }

  /* An instance read from WMI as a record: only products with a key installed (an unfiltered query
     lists every product the system knows, most of them without a key). */
  function wmiRecord(c, state, object) {
    if (!object.key) return wmiService(c, state, object);
    var record = newRecord(state, "slmgr");
    record.wmi = true;
    if (object.machine) record.machine = short(object.machine);
    var f = record.fields;
    if (object.name) f["license-name"] = object.name;
    if (object.description) f.description = {text: object.description, channel: readChannel(c, object.description)};
    f["partial-product-key"] = object.key.toUpperCase();
    var status = object.status !== undefined ? c.statusByWmi[parseInt(object.status, 10)] : null;
    if (status) f["license-status"] = status;
    var minutes = parseInt(object.grace, 10);
    if (minutes > 0 && status) {
      var left = {minutes: minutes, days: Math.floor(minutes / 1440)};
      if (status.grace) f["time-remaining"] = left;
      else if (status.id === "licensed") f["volume-activation-expiration"] = left;
    }
    var reason = parseInt(object.reason, 10);
    if (reason && status && status.id === "notification") f["notification-reason"] = hex8(reason >>> 0);
    if (object["used-host"]) f["kms-name-from-dns"] = {host: short(object["used-host"]), port: parseInt(object["used-port"], 10) || null};
    wmiFields(c, f, object);
  }

  /* What a product and the service may both carry (a PowerShell query may join them). */
  function wmiFields(c, f, object) {
    if (object["set-host"]) f["registered-kms-name"] = {host: short(object["set-host"]), port: parseInt(object["set-port"], 10) || null};
    if (object.cmid && GUID.test(object.cmid)) f.cmid = GUID.exec(object.cmid)[0].toLowerCase();
    if (object.kms === "1" || /^true$/i.test(object.kms || "")) {
      f["kms-enabled"] = true;
      if (/^\d+$/.test(object.count || "")) f["current-count"] = parseInt(object.count, 10);
    }
  }

  /* ---- Event Viewer's XML view ------------------------------------------------------------- */

  /* An event copied from the XML view, as the lines of its text view: the ID, the computer, and
     an EventData value shaped like an Info string. Other XML lines are markup, read as nothing. */
  function fromXml(lines) {
    var out = [];
    lines.forEach(function (line) {
      if (line.length > MAX_LINE || line.indexOf("<") < 0) {
        out.push(line);
        return;
      }
      line.replace(/>\s*</g, ">\n<").split("\n").forEach(function (part) {
        var id = /<EventID\b[^>]{0,80}>\s*(\d{1,5})\s*<\/EventID>/.exec(part);
        var computer = /<Computer>([^<]{1,253})<\/Computer>/.exec(part);
        var value = /<Data\b[^>]{0,80}>([^<]{1,1000})<\/Data>/.exec(part);
        if (id) out.push("Event ID: " + id[1]);
        else if (computer) out.push("Computer: " + computer[1]);
        else if (value && INFO_LINE.test(value[1])) out.push("Info: " + value[1]);
        else if (!/^\s*</.test(part)) out.push(part);
      });
    });
    return out;
  }

  /* ---- the entry point --------------------------------------------------------------------- */

  /* Everything read from a paste: {c, input, codes, records, events: [{event, decoded}], offsets,
     targets}. */
  function read(text, data) {
    var c = compile(data);
    var input = String(text || "");
    var state = {records: [], record: null, events: [], event: null, machine: null,
      targets: (data.evidence || {}).targets, offsets: []};
    var codes = findCodes(c, input);

    var lines = input.split(/\r\n|\r|\n/);
    if (/<Event[\s>]/.test(input)) lines = fromXml(lines);
    var unread = [];  // the lines not understood (listed below, unless Windows' message of a code)
    var free = [];    // every line not read as data: where Windows' message of a code can be
    var wmi = null;        // the WMI instance being read
    var wmiMachine = null; // its machine, when the query named it (__SERVER, PSComputerName)
    var wmiBlank = 0;      // blank lines in a row inside it
    function endWmi() {
      if (wmi) wmiRecord(c, state, wmi);
      wmi = null;
    }
    for (var i = 0; i < lines.length; i++) {
      var property = lines[i].length <= MAX_LINE ? wmiLine(lines[i]) : null;
      if (property) {
        // an instance ends at a blank line or where a property it already has comes again
        if (wmi && wmi[property.property] !== undefined) endWmi();
        wmi = wmi || {machine: wmiMachine, wmic: property.wmic};
        wmi[property.property] = property.value;
        wmiBlank = 0;
        if (property.property === "machine") wmiMachine = property.value;
        continue;
      }
      if (wmi && !lines[i].trim()) {
        // PowerShell's Format-List separates instances with a blank line. wmic separates them with
        // two; each of its lines ends in CR CR LF, which a paste (or a text area) turns into a blank
        // line after every property: one blank line is inside an instance, two end it.
        wmiBlank += 1;
        if ((wmi.key !== undefined || wmi.name !== undefined || wmi.cmid !== undefined) && (!wmi.wmic || wmiBlank >= 2)) endWmi();
        continue;
      }
      if (wmi) endWmi();
      // wmic /node:NAME names the machine its answer is about (one name; a list is not told apart)
      var node = /\bwmic\b.{0,40}\/node:"?([A-Za-z0-9._-]{1,63})"?(?=\s)/i.exec(lines[i].slice(0, MAX_LINE));
      if (node) wmiMachine = node[1];
      var before = state.event;
      var understood = readLine(c, state, lines[i]);
      // codes written inside an event's text (8198's "Error code:") belong to that event
      if (state.event && state.event === before && lines[i].length <= MAX_LINE) {
        var inLine = findCodes(c, lines[i]);
        for (var k = 0; k < inLine.length; k++) {
          if (state.event.codes.indexOf(inLine[k].code) < 0) state.event.codes.push(inLine[k].code);
        }
      }
      // a line not understood is listed, never dropped silently: unless it holds a code, or
      // nothing but punctuation (separators), or is one of the banners every cscript run prints
      if (!understood) free.push(lines[i]);
      if (!understood && /[A-Za-z0-9]/.test(lines[i]) && !BANNER.test(lines[i]) && !known(c, lines[i])
          && !findCodes(c, lines[i].slice(0, MAX_LINE)).length) {
        unread.push(lines[i]);
      }
    }
    endWmi();
    // Windows' message of a documented code can only be among the lines not otherwise understood
    var sentences = sentenceCodes(c, free.join("\n"), codes);
    codes = codes.concat(sentences.codes);
    var notRead = [];  // the first 100 lines not understood, and how many there are
    var notReadCount = 0;
    unread.forEach(function (line) {
      if (sentences.covers(line)) return;
      notReadCount += 1;
      if (notRead.length < 100) notRead.push(short(line));
    });
    var decodedEvents = [];
    state.events.forEach(function (event) {
      var decoded = decodeEvent(c, event);
      if (decoded) decodedEvents.push({event: event, decoded: decoded});
    });
    // an event number alone ("12290", "Event ID 12290", "événement 12290")
    var bare = /^\s*(?:(?:event|[ée]v[ée]nement)?\s*(?:id)?\s*:?\s*)(\d{4,5})\s*\.?\s*$/i.exec(input);
    var bareEvent = bare && c.events[parseInt(bare[1], 10)] ? parseInt(bare[1], 10) : null;
    if (bareEvent) {
      notRead = [];
      notReadCount = 0;
    }
    return {c: c, input: input, codes: codes, records: state.records, events: decodedEvents, bareEvent: bareEvent,
      offsets: state.offsets, targets: state.targets, notRead: notRead, notReadCount: notReadCount};
  }

  return {read: read, compile: compile, findCodes: findCodes, skeleton: skeleton, hex8: hex8, short: short,
    errorTarget: errorTarget, fieldTarget: fieldTarget, GUID: GUID,
    limits: {maxLine: MAX_LINE, maxParam: MAX_PARAM, excerpt: EXCERPT}};
});
