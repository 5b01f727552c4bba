/* The site's search worker: Material's own worker, with changes to what it reads and answers.
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
 *      "période de grâce";
 *    - everyday words and spellings fold to the word the pages use (below).
 * 2. Accents are folded in every lunr pipeline (index and query), after the stop-word filter.
 * 3. Everyday words (docs/data/search_words.yml, compiled by vakb.topics.search_words into each
 *    index's config.words) fold to their group's first word before anything else, in the index
 *    (every lunr pipeline) and in the query (rewrite): "license" and "licence", "not increasing"
 *    and "does not grow", "compteur" and "décompte" meet. A phrase ("not valid") folds to one word,
 *    before the stop-word filter drops its "not".
 * 4. A hit always says what the page is about (leads, below): a page whose own entry has no text
 *    (an error or event page starts with a heading) shows its first section's text, and a short
 *    error page shows its meaning, which its index entry carries beside the indexed fields
 *    (vakb.topics.errors.pages.search_documents) so that hundreds of meanings do not weigh on
 *    ranking. Only the results change, not what is indexed; their "Missing:" line names the words
 *    the reader typed ("phone"), not the page's words they were folded to ("telephone").
 *
 * Node loads this file for its tests (tests/build_steps/test_search_words.py): there it only exports
 * its functions.
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
var RESULT = 3;
var language = "en";
var separator = /[\s\-]+/;

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/* The everyday words of this index's language: words (folded word -> word), stems (longest first:
   [stem, word]) and phrases (longest first: [[words], word]). */
var equivalents = {words: {}, stems: [], phrases: []};

function setEquivalents(table) {
  var result = {words: {}, stems: [], phrases: []};
  Object.keys(table || {}).forEach(function (key) {
    if (key.indexOf(" ") >= 0) result.phrases.push([key.split(" "), table[key]]);
    else if (key.slice(-1) === "*") result.stems.push([key.slice(0, -1), table[key]]);
    else result.words[key] = table[key];
  });
  result.phrases.sort(function (a, b) { return b[0].length - a[0].length; });
  result.stems.sort(function (a, b) { return b[0].length - a[0].length; });
  equivalents = result;
  return result;
}

/* Folds a sequence of words (lower case): [{start, end, word}], one per word or phrase kept, word
   null when it stays as it is. Same rule as vakb.topics.search_words.apply. */
function foldEquivalents(words) {
  var keys = words.map(function (word) { return fold(word.toLowerCase()); });
  var out = [];
  for (var i = 0; i < keys.length;) {
    var phrase = null;
    for (var p = 0; p < equivalents.phrases.length && !phrase; p++) {
      var parts = equivalents.phrases[p][0];
      if (parts.every(function (part, k) { return keys[i + k] === part; })) phrase = equivalents.phrases[p];
    }
    if (phrase) {
      out.push({start: i, end: i + phrase[0].length, word: phrase[1]});
      i += phrase[0].length;
      continue;
    }
    var word = Object.prototype.hasOwnProperty.call(equivalents.words, keys[i]) ? equivalents.words[keys[i]] : null;
    for (var s = 0; s < equivalents.stems.length && word === null; s++) {
      if (keys[i].indexOf(equivalents.stems[s][0]) === 0) word = equivalents.stems[s][1];
    }
    out.push({start: i, end: i + 1, word: word});
    i += 1;
  }
  return out;
}

/* The reader's own words for each word the last query folded ("telephone" -> "phone"), so that a
   hit's "Missing:" line names what the reader typed, not the page's word. */
var typed = {};

function equivalentWords(words) {
  return foldEquivalents(words).map(function (span) {
    if (span.word === null) return words[span.start];
    typed[span.word] = words.slice(span.start, span.end).join(" ");
    return span.word;
  });
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
  typed = {};
  words = equivalentWords(words);
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

/* Page location -> what its hit shows when its own entry has no text: its first section's text,
   or a short error page's meaning (before its symbolic name). */
var leads = {};

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function setLeads(docs) {
  leads = {};
  (docs || []).forEach(function (doc) {
    var page = doc.location.split("#")[0];
    if (doc.meaning) leads[page] = "<p>" + escapeHtml(doc.meaning) + "</p>";
    else if (page !== doc.location && doc.text && !(page in leads)) leads[page] = doc.text;
  });
}

function readersWords(terms) {
  var out = {};
  Object.keys(terms).forEach(function (term) {
    out[Object.prototype.hasOwnProperty.call(typed, term) ? typed[term] : term] = terms[term];
  });
  return out;
}

/* A result as Material posts it: {type: RESULT, data: {items: [[page entry, sections...], ...]}}. */
function withLeads(message) {
  if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
  message.data.items.forEach(function (docs) {
    docs.forEach(function (doc) {
      if (doc.terms) doc.terms = readersWords(doc.terms);
      var lead = doc.location.indexOf("#") < 0 && leads[doc.location];
      if (!lead) return;
      if (doc.meaning) doc.text = lead + (doc.text ? " <code>" + doc.text + "</code>" : "");
      else if (!doc.text) doc.text = lead;
    });
  });
  return message;
}

function onMessage(event) {
  var message = event.data;
  if (!message) return;
  if (message.type === SETUP && message.data && message.data.config) {
    language = message.data.config.lang[0] || "en";
    separator = new RegExp(message.data.config.separator);
    setEquivalents(message.data.config.words);
    setLeads(message.data.docs);
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
}

/* Tokens of a field or a query word: everyday words folded (a phrase becomes its first token,
   carrying the phrase's position), then lunr's pipeline, then accents folded. */
function foldTokens(tokens) {
  return foldEquivalents(tokens.map(String)).map(function (span) {
    var token = tokens[span.start];
    return span.word === null ? token : token.update(function () { return span.word; });
  });
}

function foldEveryPipeline() {
  var run = self.lunr.Pipeline.prototype.run;
  self.lunr.Pipeline.prototype.run = function (tokens) {
    return run.call(this, foldTokens(tokens)).map(function (token) {
      return token.update(fold);
    });
  };
}

if (typeof module === "object" && module.exports) {
  module.exports = {fold: fold, setEquivalents: setEquivalents, equivalentWords: equivalentWords, rewrite: rewrite,
                    setLeads: setLeads, withLeads: withLeads};
} else {
  addEventListener("message", onMessage);
  /* Material answers with the global postMessage (the worker's, or the file:// shim's): its results
     pass through withLeads first. */
  var post = self.postMessage;
  self.postMessage = function (message) {
    return post.apply(self, [withLeads(message)].concat([].slice.call(arguments, 1)));
  };
  /* In a real worker importScripts is synchronous; the file:// shim returns a promise. Either way
     the pipeline is patched before the first message (SETUP) builds the index. */
  var here = typeof document !== "undefined" && document.querySelector("script[src]")
    ? document.querySelector("script[src]").src : self.location.href;
  Promise.resolve(importScripts(new URL(MATERIAL_WORKER, here).href)).then(foldEveryPipeline);
}
