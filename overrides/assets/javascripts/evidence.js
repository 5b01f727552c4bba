/* The analyzer: what a helpdesk agent pastes, read (evidence-read.js), diagnosed
 * (evidence-diagnose.js) and put in words (evidence-render.js). This file only joins the three
 * into one API, window.vakbEvidence in the browser (evidence-page.js loads the four in this order
 * on first use), module.exports in Node (tests/js/evidence.test.js).
 */
(function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = node
    ? factory(require("./evidence-read.js"), require("./evidence-diagnose.js"), require("./evidence-render.js"))
    : factory(root.vakbEvidenceRead, root.vakbEvidenceDiagnose, root.vakbEvidenceRender);
  if (node) module.exports = api;
  else root.vakbEvidence = api;
})(typeof self !== "undefined" ? self : this, function (read, diagnose, render) {
  "use strict";
  return {analyze: diagnose.analyze, lookup: diagnose.lookup, render: render.render, skeleton: read.skeleton,
    formatNumber: render.formatNumber, limits: read.limits, verdictText: render.verdictText,
    firstStepText: render.firstStepText, replyText: render.replyText, draw: render.draw};
});
