/* Grace timeline calculator (#grace-calculator, section #grace-timeline-tool of the kms-mak-rearm page).
 *
 * A volume machine starts with an initial grace period; each rearm restarts it on the day it runs.
 * So a machine installed on day D whose N rearms each ran on the last day of a grace period must be
 * activated by D + grace x (N + 1), and at the latest by D + grace x (rearms allowed + 1).
 * The rule is the one of overrides/vakb/topics/grace.py (timeline); tests/topics/test_tools_logic.py
 * runs both and fails if they disagree. Grace days, rearm counts and outcomes come from grace.yml
 * and facts.yml through the page's JSON block.
 */
(function (root) {
  "use strict";
  var T = typeof module === "object" && module.exports ? require("./common.js") : root.vakbTools;
  var DAY = 86400000;

  // "2010-03-15" -> milliseconds at 00:00 UTC, or null when it is not a real calendar date.
  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text).trim());
    if (!m) return null;
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var time = Date.UTC(y, mo - 1, d);
    var back = new Date(time);
    if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
    return time;
  }

  function isoDate(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function findSystem(id, payload) {
    for (var i = 0; i < payload.systems.length; i++) if (payload.systems[i].id === id) return payload.systems[i];
    return payload.systems[0];
  }

  // The dates for a machine installed on `installed` (ms, UTC) with `used` rearms already used.
  function timeline(system, installed, used) {
    return {
      system: system.id,
      ends: isoDate(installed + system.grace * (used + 1) * DAY),
      days: system.grace * (used + 1),
      used: used,
      left: system.rearms - used,
      latest: isoDate(installed + system.grace * (system.rearms + 1) * DAY),
      total: system.grace * (system.rearms + 1)
    };
  }

  function compute(values, payload) {
    var system = findSystem(values.system, payload);
    if (!values.installed) return { empty: true };
    var errors = [];
    var installed = parseDate(values.installed);
    if (installed === null) errors.push({ field: "installed", key: "bad_date", values: { value: values.installed } });
    var used = values.rearms ? T.parseWhole(values.rearms, 0, system.rearms) : 0;
    if (used === null) errors.push({ field: "rearms", key: "too_many", values: { system: system.name, max: system.rearms } });
    if (errors.length) return { errors: errors };
    return { result: timeline(system, installed, used) };
  }

  // The sentences of a result, in the page's language.
  function sentences(result, payload) {
    var s = payload.strings, lang = payload.lang, system = findSystem(result.system, payload);
    var out = [T.format(result.used ? s.ends_some : s.ends_none, result, lang)];
    out.push(T.format(result.left ? s.left_some : s.left_none, result, lang));
    out.push(T.format(s.after, { outcome: system.after.name, detail: system.after.detail }, lang));
    out.push(T.format(s.earlier, { grace: system.grace }, lang));
    if (!system.confirmed) out.push(T.format(s.unconfirmed, { grace: system.grace }, lang));
    return out;
  }

  // The figures the result box carries (the browser tests read them); all null without a result.
  function figures(result) {
    return {
      "data-ends": result ? result.ends : null,
      "data-latest": result ? result.latest : null,
      "data-left": result ? String(result.left) : null
    };
  }

  function render(result, form, payload) {
    T.showSentences(form.querySelector("#grace-result"), figures(result), sentences(result, payload));
  }

  function clear(form) {
    T.showSentences(form.querySelector("#grace-result"), figures(null), []);
  }

  var tool = { emptyError: { field: "installed", key: "required" }, parseDate: parseDate, timeline: timeline,
               compute: compute, sentences: sentences, render: render, clear: clear };
  if (typeof module === "object" && module.exports) module.exports = tool;
  else T.mount("grace-calculator", tool);
})(typeof window !== "undefined" ? window : this);
