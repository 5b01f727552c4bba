"""Lighthouse scores for scripts/benchmark.py, with Debian's Chromium, on pages served on 127.0.0.1.

Lighthouse comes from the npm registry, pinned: 12.8.2 is the last 12.x, which runs on Node 18.20+
(13.x wants Node 22.19; Debian 12 has 20). 12.2.3, pinned before, could not read Debian's Chromium
156 traces: its LCP element, render-blocking and lazy-LCP audits failed ("reading 'frame_sequence'").
It is installed on first use into .cache/lighthouse (git-ignored) with `npm i -E`.
Lighthouse's defaults are kept (mobile form factor, simulated slow 4G and 4x CPU slowdown): the
pages must open at once on old laptops and slow links.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import tempfile

VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def cli(cache: pathlib.Path) -> pathlib.Path:
    return cache / "node_modules" / "lighthouse" / "cli" / "index.js"


def ensure_installed(cache: pathlib.Path, say=print) -> pathlib.Path:
    """The pinned Lighthouse CLI, installed into cache on first use (npm registry)."""
    package = cache / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return cli(cache)
    if not shutil.which("npm") or not shutil.which("node"):
        raise RuntimeError("Lighthouse needs Node.js 18+ and npm (Debian: apt-get install nodejs npm)")
    say(f"installing lighthouse@{VERSION} into {cache} (first use)")
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--exact", f"lighthouse@{VERSION}", "--prefix", str(cache),
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    return cli(cache)


def failing_audits(report: dict, category: str) -> list[str]:
    """Audits of a category that cost points (score < 1), with their titles: what to fix."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{ref['id']} ({audit['score']:.2f}): {audit.get('displayValue') or audit['title']}")
    return found


def broken_audits(report: dict) -> list[str]:
    """Audits Lighthouse could not run (a Chromium its trace parser does not know, for example)."""
    return [f"{name}: {audit['errorMessage'][:160]}" for name, audit in report["audits"].items()
            if audit.get("errorMessage")]


def run(lighthouse: pathlib.Path, url: str) -> dict:
    """{"scores": {category: 0-100}, "failing": {category: [audit lines]}, "broken": [audit lines]} for one URL."""
    chromium = shutil.which("chromium")
    if not chromium:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="vakb-lighthouse-") as tmp:
        output = pathlib.Path(tmp) / "report.json"
        command = ["node", str(lighthouse), url, "--quiet", "--output=json", f"--output-path={output}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        done = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0 or not output.exists():
            raise RuntimeError(f"lighthouse failed on {url} ({done.returncode}): {done.stderr.strip()[-800:]}")
        report = json.loads(output.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    failing = {name: failing_audits(report, name) for name in CATEGORIES if scores[name] < 100}
    return {"scores": scores, "failing": failing, "broken": broken_audits(report)}


def runs(lighthouse: pathlib.Path, url: str, count: int, attempts: int = 3) -> tuple[list[dict], list[str]]:
    """`count` reports for one URL, and the errors of the runs that were tried again. Lighthouse
    now and then fails to record a trace (NO_NAVSTART) on a page it measured fine the run before:
    such a run is tried again, up to `attempts` times, instead of stopping the whole bench."""
    reports, retried = [], []
    while len(reports) < count:
        for attempt in range(1, attempts + 1):
            try:
                reports.append(run(lighthouse, url))
                break
            except RuntimeError as err:
                if attempt == attempts:
                    raise
                retried.append(str(err)[-200:])
    return reports, retried
