/* Activation count calculator (#count-calculator on the activation-count page).
 *
 * The rule is the one of overrides/vakb/topics/activation_count.py (which builds the worked-examples
 * table); tests/topics/test_tools_logic.py runs both over a grid of inputs and fails if they disagree.
 * The thresholds come from facts.yml through the page's JSON block.
 */
(function (root) {
  "use strict";
  var T = typeof module === "object" && module.exports ? require("./common.js") : root.vakbTools;

  // CMIDs the host keeps: twice the highest threshold among the machines that asked.
  function cacheSize(clients, servers, thresholds) {
    if (clients > 0) return 2 * Math.max(thresholds.client_os, thresholds.server_os);
    if (servers > 0) return 2 * thresholds.server_os;
    return 0;
  }

  // The count a host reports for that many distinct client-OS and server-OS machines (the host
  // itself is not one of them), whom it activates, and how many more machines each kind needs.
  function hostCount(clients, servers, thresholds) {
    var cache = cacheSize(clients, servers, thresholds);
    var count = Math.min(clients + servers, cache);
    return {
      count: count,
      cacheSize: cache,
      capped: clients + servers > cache,
      clientsActivate: count >= thresholds.client_os,
      serversActivate: count >= thresholds.server_os,
      clientsNeed: Math.max(0, thresholds.client_os - count),
      serversNeed: Math.max(0, thresholds.server_os - count)
    };
  }

  function compute(values, payload) {
    var range = payload.limits.machines;
    if (!values.clients && !values.servers) return { empty: true };
    var numbers = {}, errors = [];
    ["clients", "servers"].forEach(function (name) {
      var value = values[name] ? T.parseWhole(values[name], range[0], range[1]) : 0;
      if (value === null) errors.push({ field: name, key: "whole_number", values: { min: range[0], max: range[1] } });
      numbers[name] = value;
    });
    if (errors.length) return { errors: errors };
    return { result: hostCount(numbers.clients, numbers.servers, payload.thresholds) };
  }

  // The sentences of a result, in the page's language.
  function sentences(result, payload) {
    var s = payload.strings, lang = payload.lang, out = [T.format(s.count, { count: result.count }, lang)];
    if (result.capped) out.push(T.format(s.capped, { cache: result.cacheSize }, lang));
    [["clients", result.clientsActivate, result.clientsNeed, payload.thresholds.client_os],
     ["servers", result.serversActivate, result.serversNeed, payload.thresholds.server_os]].forEach(function (kind) {
      var key = kind[1] ? kind[0] + "_yes" : kind[0] + "_no_" + T.pluralKey(lang, kind[2]);
      out.push(T.format(s[key], { need: kind[2], threshold: kind[3] }, lang));
    });
    return out;
  }

  // The figures the result box carries (the browser tests read them); all null without a result.
  function figures(result) {
    return {
      "data-count": result ? String(result.count) : null,
      "data-clients-activate": result ? String(result.clientsActivate) : null,
      "data-servers-activate": result ? String(result.serversActivate) : null
    };
  }

  function render(result, form, payload) {
    T.showSentences(form.querySelector("#count-result"), figures(result), sentences(result, payload));
  }

  function clear(form) {
    T.showSentences(form.querySelector("#count-result"), figures(null), []);
  }

  // Either field may stay empty (it counts as 0), so an empty form is about both, not "required".
  var tool = { emptyError: { fields: ["clients", "servers"], key: "no_machines" }, cacheSize: cacheSize, hostCount: hostCount, compute: compute, sentences: sentences, render: render, clear: clear };
  if (typeof module === "object" && module.exports) module.exports = tool;
  else T.mount("count-calculator", tool);
})(typeof window !== "undefined" ? window : this);
