/* The site's search worker: Material's own worker, with two changes made before it sees anything.
 *
 * 1. The query is read the way helpdesk agents type it (rewrite below):
 *    - a signed or unsigned decimal error code (-1073418124, 3221549172) becomes its hexadecimal
 *      form (0xC004F074): a leading "-" is otherwise lunr's "exclude this word" operator;
 *    - stop words are dropped ("de", "la", the "d" of "d'hôte"): Material makes every word a
 *      prefix, and "de*" matched nearly every French page;
 *    - next to an error code, the words that only say it is one ("error", "code d'erreur") are
 *      dropped: they matched the title of the errors index and pushed the code's own page down;
 *    - words of one or two characters ("Group B", "KMS 1.2" is not one) match whole words only;
 *    - accents are dropped, in the query and in the index alike, so "periode de grace" finds
 *      "période de grâce".
 * 2. Accents are folded in every lunr pipeline (index and query), after the stop-word filter.
 *
 * overrides/main.html gives Material this file as its search worker. It must stay in a folder
 * named "workers": on file:// (the offline bundle's iframe-worker shim) Material finds its lunr
 * language files from the first script's address, cut at "/worker".
 */
"use strict";

/* Beside this file. The build writes here the name of the installed Material's worker, whose
 * fingerprint changes with every release (vakb.build_steps.page_scripts.fill_search_worker). */
var MATERIAL_WORKER = "search.a7633da7.min.js";
var QUERY = 2; /* Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3 */
var SETUP = 0;
var language = "en";
var separator = /[\s\-]+/;

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/* "-1073418124" or "3221549172" -> "0xC004F074"; anything else -> null. */
function decimalCode(word) {
  if (!/^[-\u2212]?\d{10}$/.test(word)) return null;
  var value = Number(word.replace("\u2212", "-"));
  if (value < 0) value += 4294967296;
  if (value < 2147483648 || value > 4294967295) return null; /* not an error HRESULT */
  return "0x" + value.toString(16).toUpperCase();
}

/* Words that, beside a code, only say that it is a code (both languages: agents mix them). */
var CODE_WORDS = ["error", "errors", "erreur", "erreurs", "code", "codes", "hresult"];

function isCode(word) {
  return /^(0x)?[0-9a-f]{8}$/i.test(word) && /\d/.test(word);
}

function isStopWord(word) {
  var filter = language === "en" ? self.lunr.stopWordFilter
    : self.lunr[language] && self.lunr[language].stopWordFilter;
  return typeof filter === "function" && filter(new self.lunr.Token(word)) === undefined;
}

function rewrite(query) {
  var words = [];
  query.trim().split(/\s+/).forEach(function (part) {
    var code = decimalCode(part);
    if (code) return words.push(code);
    part.split(separator).forEach(function (word) {
      if (word) words.push(word.toLowerCase());
    });
  });
  var hasCode = words.some(isCode);
  var kept = words.filter(function (word) {
    return !isStopWord(word) && !(hasCode && CODE_WORDS.indexOf(fold(word)) >= 0);
  });
  if (!kept.length) return query; /* only stop words: leave the reader's query alone */
  return kept.map(function (word) {
    word = fold(word);
    return /^[a-z0-9]{1,2}$/.test(word) ? word + "~0" : word;
  }).join(" ");
}

addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === SETUP && message.data && message.data.config) {
    language = message.data.config.lang[0] || "en";
    separator = new RegExp(message.data.config.separator);
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
});

function foldEveryPipeline() {
  var run = self.lunr.Pipeline.prototype.run;
  self.lunr.Pipeline.prototype.run = function (tokens) {
    return run.call(this, tokens).map(function (token) {
      return token.update(fold);
    });
  };
}

/* In a real worker importScripts is synchronous; the file:// shim returns a promise. Either way
   the pipeline is patched before the first message (SETUP) builds the index. */
var here = typeof document !== "undefined" && document.querySelector("script[src]")
  ? document.querySelector("script[src]").src : self.location.href;
Promise.resolve(importScripts(new URL(MATERIAL_WORKER, here).href)).then(foldEveryPipeline);
