/* A documented code's Windows message pasted without its code gives the code (evidence-read.js,
 * from errors.yml's windows_message, English and French).
 *
 * Every message of the data, pasted whole, and again rewrapped with odd spacing, upper-cased,
 * without its accents: its code is found (with the codes that share the very same message).
 * tests/fixtures/windows-messages/cases.json, written by hand: starts, the Windows 7 wording,
 * mangled accents, and near misses that must give no code.
 *
 * Run: node --test tests/js/   (tests/topics/test_evidence_logic.py runs it with the data as JSON).
 */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const childProcess = require("child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const evidence = require(path.join(ROOT, "overrides", "assets", "javascripts", "evidence.js"));
const pastes = require("./large-pastes.js");
const cases = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "windows-messages", "cases.json"), "utf8"));

function loadPayload() {
  if (process.env.EVIDENCE_PAYLOAD) return JSON.parse(fs.readFileSync(process.env.EVIDENCE_PAYLOAD, "utf8"));
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const python = fs.existsSync(venv) ? venv : "python3";
  const print = "import json, sys; from vakb.topics import evidence; json.dump(evidence.payload(), sys.stdout, ensure_ascii=False)";
  return JSON.parse(childProcess.execFileSync(python, ["-c", print], {encoding: "utf8", cwd: ROOT}));
}

const data = loadPayload();
const withMessage = data.errors.filter((e) => e.windows_message);

function codesOf(text) {
  return evidence.analyze(text, data).findings.filter((f) => f.kind === "code").map((f) => f.code);
}

/* Rewrapped at 30 columns with two spaces here and there, as a console or a mail client does. */
function rewrap(text) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = "";
  for (const word of words) {
    if (line && (line + " " + word).length > 30) {
      lines.push(line);
      line = word;
    } else line = line ? line + (lines.length % 2 ? "  " : " ") + word : word;
  }
  return lines.concat([line]).join("\r\n");
}

function withoutAccents(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

test("the analyzer's data carries Windows' message of the documented codes (33, French for 30, on 2026-12-07)", () => {
  assert.ok(withMessage.length >= 33, String(withMessage.length));
  assert.ok(withMessage.filter((e) => e.windows_message.fr).length >= 30);
});

for (const entry of withMessage) {
  for (const lang of ["en", "fr"]) {
    const message = entry.windows_message[lang];
    if (!message) continue;
    test(`${entry.code} (${lang}): its message gives the code, however it is pasted`, () => {
      // the codes whose message is this very sentence (DNS name does not exist: two codes)
      const same = withMessage.filter((e) => e.windows_message[lang] === message).map((e) => e.code);
      for (const text of [message, rewrap(message), message.toUpperCase(), withoutAccents(message), "Error:\n" + message + "\n"]) {
        const found = codesOf(text);
        assert.ok(found.includes(entry.code), `${JSON.stringify(text)} gave ${found}`);
        assert.deepEqual(found.filter((code) => !same.includes(code)), [], `${JSON.stringify(text)}: other codes`);
      }
      // the lines of a message that gave its code are read, not listed as "not read"
      assert.equal(evidence.analyze(rewrap(message), data).notReadCount, 0);
    });
  }
}

for (const item of cases.finds) {
  test(`finds ${item.codes.join(", ")}: ${item.why}`, () => {
    assert.deepEqual(codesOf(item.text), item.codes);
  });
}

for (const item of cases.misses) {
  test(`near miss gives no code: ${item.why}`, () => {
    assert.deepEqual(codesOf(item.text), []);
    assert.deepEqual(codesOf(item.text.toUpperCase() + "\n"), []);
  });
}

test("a message found gives the diagnosis of its code, first step and link, in both languages", () => {
  const result = evidence.analyze(cases.finds[0].text, data);
  const [finding] = result.findings;
  assert.equal(finding.target, "errors/0xc004f074/");
  assert.equal(finding.message.key, "code-known-message");
  assert.match(evidence.render(finding.message, "en", data), /^Windows' message for 0xC004F074 \(SL_E_VL_BINDING_SERVICE_UNAVAILABLE\): /);
  assert.match(evidence.render(finding.message, "fr", data), /^Message de Windows pour 0xC004F074 /);
  const [first] = result.diagnosis.verdict;
  assert.equal(first.code, "0xC004F074");
  assert.ok(first.link.startsWith("errors/0xc004f074/") || first.link.startsWith("troubleshooting/"), first.link);
});

// How long this takes is ./scripts/bench's to measure (section 7, the same paste), not a test's.
test("1 MB of lines that start like a message and are none: no code found", () => {
  const result = evidence.analyze(pastes.unreadLines(), data);
  assert.equal(result.findings.filter((f) => f.kind === "code").length, 0);
});
