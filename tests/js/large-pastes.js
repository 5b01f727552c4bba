/* The large pastes the analyzer is held to (issue 23): a 1 MB paste, 200 machines' raw outputs,
 * and 1 MB of lines nothing reads. tests/js/diagnoses.test.js and windows-messages.test.js check
 * what the analyzer answers to them; ./scripts/bench (scripts/bench_analyzer.py) times it on the
 * published scripts. One definition for both, so the bench times exactly what the tests check.
 * Not a test file itself (node --test runs *.test.js). */
"use strict";

const fs = require("fs");
const path = require("path");

const EVIDENCE = path.join(__dirname, "..", "fixtures", "evidence");
const read = (name) => fs.readFileSync(path.join(EVIDENCE, name), "utf8");

/** Three machines' collected outputs, a code line and a line nothing reads, to 1,048,576 characters. */
function megabyte() {
  const block = read("en-collected-three-machines.txt") + "Error: 0xC004F074\nsomething else entirely\n";
  return block.repeat(Math.ceil(1048576 / block.length)).slice(0, 1048576);
}

/** 200 raw `slmgr /dlv` outputs one after the other: three in four in notification (one in four
 * licensed), CMIDs shared by some (190 distinct). */
function twoHundred() {
  const one = read("en-client-notification-dlv.txt");
  let text = "";
  for (let i = 0; i < 200; i++) {
    let machine = one.replace("7d1b4c2e-9a0f-4b36-8f21-5c7e3a9d0b44", "7d1b4c2e-9a0f-4b36-8f21-" + String(100000000000 + (i % 190)));
    if (i % 4 === 0) machine = machine.replace("License Status: Notification", "License Status: Licensed").replace(/Notification Reason.*\n/, "");
    text += machine;
  }
  return text;
}

/** 1 MB of French lines that start like Windows' messages and are none of them: the worst case
 * of the search for a message pasted without its code. */
function unreadLines() {
  const line = "Le service de gestion de licences a signalé quelque chose d'autre, ligne ";
  let text = "";
  for (let i = 0; text.length < 1048576; i++) text += line + i + "\n";
  return text;
}

module.exports = {megabyte, twoHundred, unreadLines};
