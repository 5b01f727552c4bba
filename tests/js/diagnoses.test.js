/* The analyzer's diagnosis (docs/data/diagnoses.yml, evaluated by evidence-diagnose.js and put in
 * words by evidence-render.js) against hand-written pastes.
 *
 * Run: node --test tests/js/   (tests/topics/test_evidence_logic.py runs it, with the data as JSON
 * in EVIDENCE_PAYLOAD). tests/fixtures/diagnoses/cases.json names, for each rule, a paste that
 * fires it and a near miss that must not; the other tests read whole pastes: several raw outputs
 * one after the other, two hundred machines, the lines not read, the ticket reply.
 */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const childProcess = require("child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures");
const evidence = require(path.join(ROOT, "overrides", "assets", "javascripts", "evidence.js"));
const pastes = require("./large-pastes.js");

function loadPayload() {
  if (process.env.EVIDENCE_PAYLOAD) return JSON.parse(fs.readFileSync(process.env.EVIDENCE_PAYLOAD, "utf8"));
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const print = "import json, sys; from vakb.topics import evidence; json.dump(evidence.payload(), sys.stdout, ensure_ascii=False)";
  return JSON.parse(childProcess.execFileSync(fs.existsSync(venv) ? venv : "python3", ["-c", print], {encoding: "utf8", cwd: ROOT}));
}

const data = loadPayload();
const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, "diagnoses", "cases.json"), "utf8"));
const read = (rel) => fs.readFileSync(path.join(FIXTURES, rel), "utf8");
const verdictIds = (result) => result.diagnosis.verdict.map((e) => e.id);

test("every rule of diagnoses.yml has a paste that fires it and a near miss", () => {
  const ids = data.diagnoses.rules.map((r) => r.id);
  assert.deepEqual(Object.keys(cases).filter((k) => k !== "_").sort(), ids.slice().sort());
});

for (const rule of data.diagnoses.rules) {
  test(`rule ${rule.id}: fired by its paste, not by the near miss beside it`, () => {
    const fires = evidence.analyze(read(cases[rule.id].fires), data);
    assert.ok(fires.diagnosis.fired.includes(rule.id), `${cases[rule.id].fires} gives ${fires.diagnosis.fired}`);
    const near = evidence.analyze(read(cases[rule.id].near), data);
    assert.ok(!near.diagnosis.fired.includes(rule.id), `${cases[rule.id].near} gives ${near.diagnosis.fired}`);
    // shown in words in both languages, with every value filled, and a first step
    const entry = fires.diagnosis.verdict.find((e) => e.id === rule.id) || null;
    if (entry) {
      for (const lang of ["en", "fr"]) {
        const text = evidence.verdictText(entry, lang, data);
        assert.ok(!/[{}]|\?/.test(text), `${lang}: ${text}`);
        assert.ok(evidence.firstStepText(entry, lang, data).length > 10, `${lang}: no first step`);
        if (lang === "fr") assert.ok(!/ [:;!?]/.test(text), `French spacing: ${JSON.stringify(text)}`);
      }
      assert.ok(!/[{}]/.test(entry.link), entry.link);
    }
  });
}

test("the verdict comes most likely cause first: problems, then warnings, then notes", () => {
  const order = {problem: 0, warning: 1, info: 2, ok: 3};
  for (const rel of ["diagnoses/en-raw-two-dlv.txt", "evidence/fr-collected-one-machine.txt", "evidence/en-error-lines.txt"]) {
    const severities = evidence.analyze(read(rel), data).diagnosis.verdict.map((e) => order[e.severity]);
    assert.deepEqual(severities, severities.slice().sort(), rel);
  }
  // a clock offset beyond the tolerance explains the paste: it comes first, and its code is not repeated
  const clock = evidence.analyze(read("evidence/fr-collected-one-machine.txt"), data);
  assert.equal(clock.diagnosis.verdict[0].id, "clock-skew");
  assert.ok(!clock.diagnosis.verdict.some((e) => e.id === "error-code" && e.code === "0xC004F06C"));
});

test("nothing wrong says so, with the days the activation is still valid", () => {
  const result = evidence.analyze(read("evidence/en-client-licensed-dli.txt"), data);
  assert.deepEqual(verdictIds(result), ["activated-valid"]);
  assert.match(evidence.verdictText(result.diagnosis.verdict[0], "en", data), /^Nothing is wrong: activated, valid 169 more days/);
  assert.match(evidence.verdictText(result.diagnosis.verdict[0], "fr", data), /^Rien d'anormal\u00a0: activé, encore valide 169 jours/);
});

test("DNS auto-discovery: KMS name not available means no host found in DNS, with or without its label", () => {
  for (const rel of ["evidence/en-client-notification-dlv.txt", "diagnoses/en-dns-not-available-alone.txt", "evidence/fr-client-grace-dli.txt"]) {
    const result = evidence.analyze(read(rel), data);
    assert.equal(result.diagnosis.verdict[0].id, "dns-no-host", rel);
    assert.equal(result.diagnosis.verdict[0].link, "troubleshooting/clients-cannot-find-host/#step-2-dns-suffix");
  }
});

for (const [lang, rel, states] of [["en", "diagnoses/en-raw-two-dlv.txt", ["licensed", "initial-grace"]],
                                    ["fr", "diagnoses/fr-raw-two-dlv.txt", ["licensed", "licensed"]]]) {
  test(`two raw slmgr /dlv outputs one after the other (${lang}) are two machines`, () => {
    const result = evidence.analyze(read(rel), data);
    const machines = result.diagnosis.machines;
    assert.deepEqual(machines.map((m) => m.label), [{machine: 1}, {machine: 2}]);
    assert.deepEqual(machines.map((m) => m.state), states);
    assert.equal(evidence.render({key: "machine", params: {machine: 1}}, lang, data).length > 0, true);
  });
}

test("the machines a collection script names are named, and checked together", () => {
  const result = evidence.analyze(read("evidence/en-collected-three-machines.txt"), data);
  assert.deepEqual(result.diagnosis.machines.map((m) => m.label.text), ["PC0201", "PC0202", "PC0203"]);
  assert.deepEqual(verdictIds(result), ["duplicate-cmid", "mixed-states"]);
});

// How fast these two answer is ./scripts/bench's to measure (section 7), not a test's.
test("200 machines' outputs: one row each", () => {
  const result = evidence.analyze(pastes.twoHundred(), data);
  assert.equal(result.diagnosis.machines.length, 200);
  assert.equal(result.diagnosis.machines.filter((m) => m.state === "licensed").length, 50);
  const ids = verdictIds(result);
  assert.ok(ids.includes("duplicate-cmid") && ids.includes("dns-no-host") && ids.includes("mixed-states"), ids.join());
  const dns = result.diagnosis.verdict.find((e) => e.id === "notification");
  assert.equal(dns.machines.length, 150);
});

test("a 1 MB paste: the lines not read are counted, at most a hundred listed", () => {
  const text = pastes.megabyte();
  const result = evidence.analyze(text, data);
  assert.ok(result.notReadCount > 200 && result.notRead.length <= 100, String(result.notReadCount));
});

test("lines not understood are listed, never dropped silently; known surroundings are not", () => {
  const text = read("evidence/en-client-licensed-dli.txt") + "\nLicence thing: 42\nFoo bar baz\n";
  const result = evidence.analyze(text, data);
  assert.deepEqual(result.notRead, ["Licence thing: 42", "Foo bar baz"]);
  const collected = evidence.analyze(read("evidence/en-collected-one-machine.txt"), data);
  assert.ok(!collected.notRead.some((line) => /^(Log Name|Source|====|Collected)/.test(line)), collected.notRead.join("\n"));
});

test("the ticket reply gives what is wrong, the first step and the link, in the page's language", () => {
  const result = evidence.analyze(read("evidence/en-client-notification-dlv.txt"), data);
  for (const lang of ["en", "fr"]) {
    const reply = evidence.replyText(result.diagnosis, lang, data, (entry) => "https://kb.example/" + entry.link);
    const lines = reply.split("\n");
    assert.equal(lines[0], (lang === "fr" ? "Ce qui ne va pas\u00a0: " : "What is wrong: ") + evidence.verdictText(result.diagnosis.verdict[0], lang, data));
    assert.equal(lines[1], (lang === "fr" ? "Première étape\u00a0: " : "First step: ") + evidence.firstStepText(result.diagnosis.verdict[0], lang, data));
    assert.equal(lines[2], (lang === "fr" ? "En savoir plus\u00a0: " : "More: ") + "https://kb.example/troubleshooting/clients-cannot-find-host/#step-2-dns-suffix");
  }
});

test("WMI output: wmic /format:list and PowerShell's Format-List read like slmgr's", () => {
  const wmic = evidence.analyze(read("diagnoses/en-wmic-list.txt"), data);
  assert.deepEqual(wmic.diagnosis.machines.map((m) => [m.label, m.state, m.days, m.channel]),
    [[{text: "PC0301"}, "initial-grace", 3, "kms-client"]]);
  assert.deepEqual(verdictIds(wmic), ["grace-ending"]);
  assert.deepEqual(wmic.notRead, []);
  const ps = evidence.analyze(read("diagnoses/fr-powershell-format-list.txt"), data);
  assert.deepEqual(ps.diagnosis.machines.map((m) => [m.label.text, m.state, m.days, m.host]),
    [["POSTE-040", "licensed", 176, "kms01.contoso.fr"], ["POSTE-041", "notification", null, null]]);
  assert.deepEqual(verdictIds(ps), ["notification", "mixed-states"]);
  assert.deepEqual(ps.notRead, []);
  // French slmgr output's "Description : …" stays slmgr's (one space before the colon, not WMI's padding)
  const slmgr = evidence.analyze(read("evidence/fr-client-licensed-dli.txt"), data);
  assert.deepEqual(slmgr.diagnosis.machines.map((m) => m.channel), ["kms-client"]);
});

test("collect-activation-wmi.cmd's file: one row per machine that answered, named, with its service's CMID", () => {
  // the file as the script writes it (wmic's lines end in CR CR LF), as a text area gives it after a
  // paste (every line end one LF), and as it would be if wmic's lines ended in CR LF
  const raw = fs.readFileSync(path.join(FIXTURES, "diagnoses", "wmi-script-four-machines.txt"), "latin1");
  assert.ok(raw.includes("=Windows(R) 7, Enterprise edition\r\r\n"), "the fixture keeps wmic's CR CR LF");
  for (const text of [raw, raw.replace(/\r\n|\r/g, "\n"), raw.replace(/\r\r\n/g, "\r\n")]) {
    const result = evidence.analyze(text, data);
    assert.deepEqual(result.diagnosis.machines.map((m) => [m.label.text, m.state, m.channel, m.host, m.cmid]), [
      ["PC0301", "licensed", "kms-client", "kms01.contoso.com:1688", "b4a3c2d1-1e2f-4a5b-8c6d-7e8f9a0b1c2d"],
      ["PC0302", "notification", "kms-client", null, "b4a3c2d1-1e2f-4a5b-8c6d-7e8f9a0b1c2d"],
      ["PC-VISTA1", "initial-grace", "kms-client", "kms01.contoso.com", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"],
      ["SRV-KMS01", "licensed", "kms-host", null, "9e8d7c6b-5a49-4837-a261-5f4e3d2c1b0a"]]);
    assert.deepEqual(result.diagnosis.machines.map((m) => m.days), [180, null, 29, null]);
    const ids = verdictIds(result);
    for (const id of ["count-below-threshold", "duplicate-cmid", "notification", "host-set-by-hand", "mixed-states"]) {
      assert.ok(ids.includes(id), `${id} not in ${ids}`);
    }
    assert.deepEqual(result.diagnosis.verdict.find((e) => e.id === "duplicate-cmid").params.machines, {list: ["PC0301", "PC0302"]});
    assert.deepEqual(result.notRead, [], "the script's own lines are all read or known");
  }
});

test("a bare event number links the event's page", () => {
  for (const text of ["12290", "Event ID 12290", "événement 12290"]) {
    const result = evidence.analyze(text, data);
    assert.ok(result.findings.some((f) => f.id === "event:12290" && f.target === "events/12290/"), text);
    assert.deepEqual(result.notRead, []);
  }
  assert.ok(!evidence.analyze("2010", data).findings.some((f) => f.kind === "event"));
});

test("labels are matched by their words: lost accents and wording variants", () => {
  const result = evidence.analyze(read("diagnoses/fr-accents-lost-variants.txt"), data);
  const m = result.diagnosis.machines[0];
  assert.deepEqual([m.state, m.days, m.host, m.cmid], ["initial-grace", 5, "kms01.contoso.fr:1688", "6c2f9a1e-8b7d-4e35-a0f4-3d2c1b0a9e8f"]);
  assert.ok(result.findings.some((f) => f.id === "field:partial-key" && f.values.key === "HVTHH"), "Cle de produit partielle");
  assert.ok(result.findings.some((f) => f.id === "field:kms-host-set"), "Nom de l'ordinateur KMS inscrit dans le registre");
  assert.deepEqual(result.notRead, []);
  assert.equal(verdictIds(result)[0], "host-set-by-hand");
});

test("two raw ospp.vbs /dstatus outputs are split at ---Processing---, each machine's products together", () => {
  const result = evidence.analyze(read("diagnoses/en-raw-two-ospp.txt"), data);
  assert.deepEqual(result.diagnosis.machines.map((m) => [m.label, m.state]), [[{machine: 1}, "initial-grace"], [{machine: 2}, "licensed"]]);
  const noAnswer = result.diagnosis.verdict.find((e) => e.id === "no-answer");
  assert.deepEqual(noAnswer.machines, [{machine: 1}]);
  assert.deepEqual(evidence.analyze(read("evidence/en-ospp-dstatus.txt"), data).diagnosis.machines.length, 1);
});

test("an event copied from Event Viewer's XML view reads like its text view", () => {
  const xml = evidence.analyze(read("diagnoses/en-event-xml.txt"), data);
  const text = evidence.analyze(read("evidence/en-event-12288-clock.txt"), data);
  const events = (r) => r.findings.filter((f) => f.kind === "event").map((f) => [f.id, f.machine, f.code]);
  assert.deepEqual(events(xml), events(text));
  assert.deepEqual(events(xml), [["event:12288", "VISTA-PC07.contoso.com", "0xC004F06C"]]);
  assert.deepEqual(verdictIds(xml), verdictIds(text));
  assert.deepEqual(xml.notRead, []);
});
