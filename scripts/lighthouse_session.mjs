// Lighthouse runs for ./scripts/bench (scripts/bench_lighthouse.py), in one Node process.
//
// Why not the CLI once per run: loading Lighthouse's modules takes Node about 4 s, which the CLI paid
// on each of the bench's 28 runs. Here they load once. Each run still gets a Chromium of its own,
// launched and killed around it, as the CLI does, so runs do not share a browser's state.
//
// Usage: node lighthouse_session.mjs <node_modules folder> <settings as JSON>
// Settings: {"chromeFlags": [...], "flags": {Lighthouse flags, e.g. onlyCategories}}.
// Reads one URL per line on stdin; answers each with one JSON line on stdout, in order:
// {"report": <Lighthouse's result>} or {"error": "<what went wrong>"}. Chromium is CHROME_PATH.

import path from 'node:path';
import {createInterface} from 'node:readline';
import {pathToFileURL} from 'node:url';

const [modules, settingsJson] = process.argv.slice(2);
const settings = JSON.parse(settingsJson);
const load = file => import(pathToFileURL(path.join(modules, file)).href);
const {default: lighthouse} = await load('lighthouse/core/index.js');
const chromeLauncher = await load('chrome-launcher/dist/index.js');

async function measure(url) {
  const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags: settings.chromeFlags});
  try {
    const result = await lighthouse(url, {...settings.flags, port: chrome.port, output: 'json', logLevel: 'error'});
    return result ? {report: result.lhr} : {error: `Lighthouse returned nothing for ${url}`};
  } finally {
    await chrome.kill();
  }
}

for await (const line of createInterface({input: process.stdin})) {
  const url = line.trim();
  if (!url) continue;
  let answer;
  try {
    answer = await measure(url);
  } catch (err) {
    answer = {error: String((err && err.stack) || err)};
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
