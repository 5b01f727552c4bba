/* The evidence analyzer (overrides/assets/javascripts/evidence.js) against hand-written fixtures.
 *
 * Run: node --test tests/js/   (tests/topics/test_evidence_logic.py runs it too, with the data as JSON
 * in EVIDENCE_PAYLOAD). Each tests/fixtures/evidence/<name>.txt is a paste; <name>.json says what
 * the text shows, written by reading the text, never copied from the analyzer: the exact list of
 * codes, findings that must be there (a subset of their values), findings that must not be, and
 * how many of some there are.
 */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const childProcess = require("child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "evidence");
const evidence = require(path.join(ROOT, "overrides", "assets", "javascripts", "evidence.js"));

/* The data as the page will get it: from EVIDENCE_PAYLOAD, or built from docs/data by Python. */
function loadPayload() {
  if (process.env.EVIDENCE_PAYLOAD) return JSON.parse(fs.readFileSync(process.env.EVIDENCE_PAYLOAD, "utf8"));
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const python = fs.existsSync(venv) ? venv : "python3";
  const print = "import json, sys; from vakb.topics import evidence; json.dump(evidence.payload(), sys.stdout, ensure_ascii=False)";
  const out = childProcess.execFileSync(python, ["-c", print], {encoding: "utf8", cwd: ROOT});
  return JSON.parse(out);
}

const data = loadPayload();
const fixtureNames = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();

function codesOf(result) {
  return result.findings.filter((f) => f.kind === "code").map((f) => f.code);
}

/* True when every key of `expected` is in `actual` with an equal value (deep for arrays). */
function matches(actual, expected) {
  return Object.keys(expected).every((key) => {
    if (key === "values") return matches(actual.values || {}, expected.values);
    return JSON.stringify(actual[key]) === JSON.stringify(expected[key]);
  });
}

test("there are at least 10 fixtures per language, each with its sidecar", () => {
  for (const lang of ["en", "fr"]) {
    const mine = fixtureNames.filter((n) => n.startsWith(lang + "-"));
    assert.ok(mine.length >= 10, `${lang}: ${mine.length} fixtures`);
  }
  for (const name of fixtureNames) {
    assert.ok(fs.existsSync(path.join(FIXTURES, name + ".json")), `${name}.json is missing`);
  }
});

for (const name of fixtureNames) {
  test(`fixture ${name}`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, name + ".txt"), "utf8");
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, name + ".json"), "utf8"));
    const result = evidence.analyze(text, data);
    const summary = () => result.findings.map((f) => `${f.id} ${JSON.stringify(f.values || {})}`).join("\n");

    assert.equal(result.readable, expected.readable, "readable");
    assert.deepEqual(codesOf(result), expected.codes, "codes, each once, in order");
    for (const want of expected.findings) {
      const found = result.findings.some((f) => matches(f, want));
      assert.ok(found, `missing ${JSON.stringify(want)}\nfound:\n${summary()}`);
    }
    for (const id of expected.absent || []) {
      assert.ok(!result.findings.some((f) => f.id === id), `${id} should not be found\nfound:\n${summary()}`);
    }
    for (const [id, count] of Object.entries(expected.count || {})) {
      assert.equal(result.findings.filter((f) => f.id === id).length, count, `number of ${id}`);
    }
    if (expected.machines) assert.deepEqual(result.machines, expected.machines, "machines");

    // Every message renders in both languages with no placeholder left.
    for (const finding of result.findings) {
      for (const lang of ["en", "fr"]) {
        for (const message of [finding.message, finding.details, finding.excerpt].filter(Boolean)) {
          const text = evidence.render(message, lang, data);
          assert.ok(!/\{[a-z]+\}|\?\s*$|undefined|NaN/i.test(text), `${finding.id} (${lang}): ${text}`);
          // French typography holds for the whole sentence, data inserted into it included
          if (lang === "fr") assert.ok(!/ [:;!?»]|« /.test(text), `${finding.id}: plain space in ${JSON.stringify(text)}`);
        }
      }
    }
  });
}

// ---- codes in every form ---------------------------------------------------------------------

const CODE_CASES = [
  ["0xC004F074", ["0xC004F074"]],
  ["C004F074", ["0xC004F074"]],
  ["c004f074", ["0xC004F074"]],
  ["0xc004f074", ["0xC004F074"]],
  ["Error: 0xC004F074.", ["0xC004F074"]],
  ["(0xC004F074)", ["0xC004F074"]],
  ["hr=0xC004F074", ["0xC004F074"]],
  ["3221549172", ["0xC004F074"]],
  ["-1073418124", ["0xC004F074"]],
  ["returned -1073418124.", ["0xC004F074"]],
  ["2147942405", ["0x80070005"]],                       // 0x80070005 as unsigned decimal
  ["0xC004F074 then 0xC004F038, again c004f074 and 3221549172", ["0xC004F074", "0xC004F038"]],
  ["0xC004F999", ["0xC004F999"]],                       // licensing range, unknown to the data
  ["C004F999", ["0xC004F999"]],
  ["0x80070002", ["0x80070002"]],                       // written as a code: shown, not linked
  // not codes
  ["DEADBEEF", []],
  ["12345678", []],
  ["123456789", []],
  ["2147483647", []],
  ["4294967296", []],
  ["2147942402", []],                                   // 0x80070002 as a decimal: no reason to read it
  ["-5", []],
  ["0x0", []],
  ["0x4000008", []],
  ["0x04000000", []],
  ["0x4004F040", ["0x4004F040"]],                       // informational, but a catalogue code with its page
  ["2ffcfc30-6a6a-49ec-92b8-f6150c7df211", []],
  ["55041-00168-305-190596-03-1033-7600.0000-3052009", []],
  ["6.1.7600.16385", []],
  ["10.0.0.20:1688 2010/6/1 9:12", []],
  ["abcC004F074", []],
  ["C004F074xyz", []]
];

for (const [input, expected] of CODE_CASES) {
  test(`codes in ${JSON.stringify(input)}`, () => {
    assert.deepEqual(codesOf(evidence.analyze(input, data)), expected);
  });
}

test("a known code links to its page, an unknown one to none", () => {
  const [known] = evidence.analyze("0xC004F074", data).findings;
  assert.equal(known.target, "errors/0xc004f074/");
  assert.equal(known.message.key, "code-known");
  const [decimal] = evidence.analyze("-1073418124", data).findings;
  assert.equal(decimal.message.key, "code-known-decimal");
  assert.match(evidence.render(decimal.message, "en", data), /^-1073418124 is 0xC004F074/);
  const [unknown] = evidence.analyze("0x80070002", data).findings;
  assert.equal(unknown.target, null);
  assert.equal(unknown.message.key, "code-unknown");
});

test("the lookup box's one-line form finds the code in any form", () => {
  assert.deepEqual(evidence.lookup("Error 0xC004F074.", data), [{code: "0xC004F074", known: true, target: "errors/0xc004f074/"}]);
  assert.equal(evidence.lookup("-1073418124", data)[0].target, "errors/0xc004f074/");
  assert.equal(evidence.lookup(" c004f038 ", data)[0].code, "0xC004F038");
  assert.deepEqual(evidence.lookup("hello", data), []);
  // the lookup box has only the index rows' codes: that is enough
  const rows = {errors: data.errors.map((e) => ({code: e.code}))};
  assert.deepEqual(evidence.lookup("ZTI ERROR rc = 3221549172", rows), [{code: "0xC004F074", known: true, target: "errors/0xc004f074/"}]);
  assert.deepEqual(evidence.lookup("0x80070002", rows), [{code: "0x80070002", known: false, target: null}]);
});

// ---- what is echoed, and how fast ------------------------------------------------------------

test("unreadable text gets what is accepted, one example per kind, and a short excerpt", () => {
  const secret = "my-secret-server-name.internal.example and more words that go on ".repeat(20);
  const result = evidence.analyze(secret, data);
  assert.equal(result.readable, false);
  assert.equal(result.findings.length, 1);
  const [finding] = result.findings;
  assert.equal(finding.kind, "unreadable");
  assert.deepEqual(finding.examples.map((e) => e.label.key).sort(),
    ["example-code", "example-decimal", "example-event", "example-ospp", "example-slmgr"]);
  const excerpt = evidence.render(finding.excerpt, "fr", data);
  assert.ok(excerpt.length < 80, excerpt);
  assert.ok(JSON.stringify(result).length < 2500, "the result carries no more than the excerpt of the input");
  assert.equal(evidence.analyze("   \n  ", data).findings.length, 0, "an empty paste says nothing");
});

test("pasted values are shortened before they reach a message", () => {
  const longHost = "h".repeat(300) + ".contoso.com";
  const text = `Name: Windows(R) 7, Enterprise edition\nDescription: Windows Operating System, VOLUME_KMSCLIENT channel ${"x".repeat(300)}\n` +
    `License Status: Licensed\n    KMS machine name from DNS: ${longHost}:1688\n`;
  for (const finding of evidence.analyze(text, data).findings) {
    for (const value of Object.values(finding.message.params || {})) {
      if (typeof value === "string") assert.ok(value.length <= 80, `${finding.id}: ${value.length}`);  // the limit the issue implies: a short excerpt
    }
  }
});

test("a 1 MB paste is read in linear time (sanity bound, not a benchmark)", () => {
  const fixture = fs.readFileSync(path.join(FIXTURES, "en-collected-one-machine.txt"), "utf8");
  const mixed = (fixture + "\nrandom deadbeef 12345678 0x4000008 2ffcfc30-6a6a-49ec-92b8-f6150c7df211\n").repeat(Math.ceil(1e6 / (fixture.length + 80)));
  const oneLine = "0x".repeat(250000) + "a:".repeat(250000);
  const digits = "1".repeat(1e6);
  const colons = "Name: Windows edition\n".repeat(45000);
  for (const text of [mixed, oneLine, digits, colons]) {
    const started = Date.now();
    const result = evidence.analyze(text, data);
    const elapsed = Date.now() - started;
    assert.ok(text.length >= 9e5);
    assert.ok(elapsed < 5000, `${elapsed} ms for ${text.length} characters`);
    assert.ok(result.findings.length < 100000);
  }
});

test("each example the unreadable answer shows is itself read, and says something complete", () => {
  for (const example of data.evidence.examples) {
    const result = evidence.analyze(example.text, data);
    assert.ok(result.readable, example.text);
    for (const finding of result.findings) {
      const unknown = Object.entries(finding.message.params || {}).filter(([, value]) => value === "?");
      assert.deepEqual(unknown, [], `${example.text}: ${evidence.render(finding.message, "en", data)}`);
    }
  }
});

// ---- messages --------------------------------------------------------------------------------

test("every message exists in both languages, French with its no-break spaces", () => {
  const messages = data.evidence.messages;
  for (const [key, message] of Object.entries(messages)) {
    assert.ok(message.en && message.fr, key);
    assert.ok(!/ [:;!?]/.test(message.fr), `${key}: a plain space before a French colon or mark: ${message.fr}`);
    assert.ok(!/[^\u00a0]:(\s|$)/.test(message.fr.replace(/https?:/g, "")), `${key}: colon without no-break space: ${message.fr}`);
    assert.ok(!/[^\u202f][;!?]/.test(message.fr), `${key}: ; ! ? without narrow no-break space: ${message.fr}`);
    const names = (text) => (text.match(/\{[a-z]+\}/gi) || []).sort();
    assert.deepEqual(names(message.fr), names(message.en), `${key}: same parameters in both languages`);
  }
});

test("numbers are written in the page's language", () => {
  assert.equal(evidence.formatNumber(10080, "en"), "10,080");
  assert.equal(evidence.formatNumber(10080, "fr"), "10\u202f080");
  assert.equal(evidence.formatNumber(120, "fr"), "120");
  assert.equal(evidence.formatNumber(1688, "fr"), "1688");
});

test("findings name fields, events and pages that exist in the data", () => {
  const fieldIds = new Set(data.slmgr.fields.map((f) => f.id));
  const eventIds = new Set(data.evidence.events.map((e) => e.id));
  const targets = new Set(Object.values(data.evidence.targets));
  const codes = new Set(data.errors.map((e) => e.code.toLowerCase()));
  for (const name of fixtureNames) {
    const text = fs.readFileSync(path.join(FIXTURES, name + ".txt"), "utf8");
    for (const finding of evidence.analyze(text, data).findings) {
      if (finding.field) assert.ok(fieldIds.has(finding.field), `${name}: field ${finding.field}`);
      if (finding.event) assert.ok(eventIds.has(finding.event), `${name}: event ${finding.event}`);
      for (const target of [finding.target].concat(finding.targets || [], finding.related || []).filter(Boolean)) {
        const error = /^errors\/(0x[0-9a-f]{8})\/$/.exec(target);
        const field = /^slmgr-output\/#([a-z0-9-]+)$/.exec(target);
        const event = /^events\/(\d+)\/$/.exec(target);
        assert.ok(
          (error && codes.has(error[1])) || (field && fieldIds.has(field[1])) || (event && eventIds.has(Number(event[1]))) || targets.has(target),
          `${name}: ${finding.id} links to ${target}`
        );
      }
    }
  }
});
