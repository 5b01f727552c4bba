"""Section 7 of ./scripts/bench: how long the analyzer takes to answer, on the scripts as published.

The built site's assets/javascripts/evidence-read.js, -diagnose.js, -render.js, evidence.js (minified
as the site serves them) and evidence-data.js (the data the page inserts) run in Node, one process
per paste, and evidence.analyze() is timed on the pastes of tests/js/large-pastes.js (issue 23's
budgets), the ones the Node tests check the answers to:

- a 1 MB paste: three machines' collected outputs, a code line and a line nothing reads, repeated
  to 1,048,576 characters;
- 1 MB of French lines that start like Windows' messages and are none (the worst case of reading
  a message pasted without its code), held to the 1 MB budget;
- 200 machines' raw `slmgr /dlv` outputs one after the other, three in four in notification, CMIDs
  shared by some.

The first run of each process is what a reader waits for (the data compiled, the code not yet
optimised): the budget holds for it. The median of the runs after it is printed beside it. The
last run's answer is checked (the 200 machines are 200 rows; the 1 MB paste lists lines not read; the
unread lines give no code), so a fast wrong answer does not pass; the Node tests check the answers
in full. Node's V8 is Chromium's engine; a page adds its drawing, which
evidence-page.js caps at 200 findings.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCRIPTS = "assets/javascripts"
NEEDED = ["evidence-read.js", "evidence-diagnose.js", "evidence-render.js", "evidence.js", "evidence-data.js"]

RUNNER = r"""
"use strict";
const fs = require("fs");
const path = require("path");
const [scripts, pastesModule, kind, runs] = process.argv.slice(2);
global.window = global;  // evidence-data.js sets window.vakbEvidenceData, as in the page
require(path.join(scripts, "evidence-data.js"));
const evidence = require(path.join(scripts, "evidence.js"));
const data = global.vakbEvidenceData;
const text = require(pastesModule)[kind]();
const times = [];
let result = null;
for (let i = 0; i < Number(runs); i++) {
  const started = process.hrtime.bigint();
  result = evidence.analyze(text, data);
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const right = {megabyte: () => result.notReadCount > 200 && result.findings.length > 0,
               twoHundred: () => result.diagnosis.machines.length === 200,
               unreadLines: () => !result.findings.some((f) => f.kind === "code")}[kind]();
console.log(JSON.stringify({chars: text.length, times, right, machines: result.diagnosis.machines.length}));
"""

# The pastes are tests/js/large-pastes.js's, the ones tests/js/*.test.js check the answers to.
PASTES = ROOT / "tests" / "js" / "large-pastes.js"
CASES = [("megabyte", "1 MB paste (three machines' collected outputs, repeated)", "max_megabyte_ms"),
         ("unreadLines", "1 MB of lines nothing reads (French, starting like Windows' messages)", "max_megabyte_ms"),
         ("twoHundred", "200 machines' raw slmgr /dlv outputs", "max_200_machines_ms")]


def missing(site: pathlib.Path) -> list[str]:
    return [name for name in NEEDED if not (site / SCRIPTS / name).is_file()]


def measure(site: pathlib.Path, runs: int, node: str | None = None) -> list[dict]:
    """One row per case: {kind, label, budget key, chars, first, median of the others, right}."""
    node = node or shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed (Debian: apt-get install nodejs)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="vakb-bench-analyzer-") as tmp:
        runner = pathlib.Path(tmp) / "run.js"
        runner.write_text(RUNNER, encoding="utf-8")
        for kind, label, key in CASES:
            done = subprocess.run([node, str(runner), str((site / SCRIPTS).resolve()), str(PASTES), kind, str(max(runs, 2))],
                                  capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise RuntimeError(f"the analyzer failed in Node on the {label}: {done.stderr.strip()[-800:]}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            later = sorted(figures["times"][1:])
            rows.append({"kind": kind, "label": label, "budget": key, "chars": figures["chars"],
                         "first": figures["times"][0], "median": later[len(later) // 2], "right": figures["right"],
                         "machines": figures["machines"]})
    return rows
