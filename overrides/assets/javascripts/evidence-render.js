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


  return {render: render, formatNumber: formatNumber};
});
