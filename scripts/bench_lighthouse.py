"""Lighthouse scores for scripts/benchmark.py, with Debian's Chromium, on pages served on 127.0.0.1.

Lighthouse comes from the npm registry, pinned: 12.8.2 is the last 12.x, which runs on Node 18.20+
(13.x wants Node 22.19; Debian 12 has 20). 12.2.3, pinned before, could not read Debian's Chromium
156 traces: its LCP element, render-blocking and lazy-LCP audits failed ("reading 'frame_sequence'").
It is installed on first use into .cache/lighthouse (git-ignored) with `npm i -E`, and driven from
one Node process for all the bench's runs (scripts/lighthouse_session.mjs), each run in a Chromium
of its own.
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
import threading

VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The full-page screenshot only illustrates Lighthouse's HTML report: no audit scores it, and taking
# it cost 1.5-1.8 s a run on the registry page.
FLAGS = {"onlyCategories": list(CATEGORIES), "disableFullPageScreenshot": True}
SESSION = pathlib.Path(__file__).with_name("lighthouse_session.mjs")
TIMEOUT_S = 300  # one run; a run on these pages takes 10-15 s


def ensure_installed(cache: pathlib.Path, say=print) -> pathlib.Path:
    """The node_modules folder holding the pinned Lighthouse, installed into cache on first use (npm registry)."""
    modules = cache / "node_modules"
    package = modules / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return modules
    if not shutil.which("npm") or not shutil.which("node"):
        raise RuntimeError("Lighthouse needs Node.js 18+ and npm (Debian: apt-get install nodejs npm)")
    say(f"installing lighthouse@{VERSION} into {cache} (first use)")
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--exact", f"lighthouse@{VERSION}", "--prefix", str(cache),
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    return modules


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


class Session:
    """One Node process running Lighthouse on URL after URL (scripts/lighthouse_session.mjs):
    `session.report(url)` is Lighthouse's result for one run, as a dict."""

    def __init__(self, modules: pathlib.Path, script: pathlib.Path = SESSION, node: str | None = None):
        self.command = [node or shutil.which("node") or "node", str(script), str(modules),
                        json.dumps({"chromeFlags": CHROME_FLAGS, "flags": FLAGS})]

    def __enter__(self) -> "Session":
        chromium = shutil.which("chromium")
        if not chromium:
            raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
        self.errors = tempfile.TemporaryFile("w+")  # Node's own messages, quoted if it stops
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.errors, text=True, env=dict(os.environ, CHROME_PATH=chromium))
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.errors.close()

    def report(self, url: str) -> dict:
        if self.process.poll() is not None:
            raise RuntimeError(f"lighthouse's Node process has stopped ({self.process.returncode}): {self.stderr()}")
        self.process.stdin.write(url + "\n")
        self.process.stdin.flush()
        watchdog = threading.Timer(TIMEOUT_S, self.process.kill)
        watchdog.start()
        try:
            line = self.process.stdout.readline()
        finally:
            watchdog.cancel()
        if not line:
            self.process.wait()
            raise RuntimeError(f"lighthouse gave no report on {url} (Node process stopped: "
                               f"{self.process.returncode}): {self.stderr()}")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"lighthouse failed on {url}: {answer['error'][-800:]}")
        return answer["report"]

    def stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read().strip()[-800:]


def run(session: Session, url: str) -> dict:
    """{"scores": {category: 0-100}, "failing": {category: [audit lines]}, "broken": [audit lines]} for one URL."""
    report = session.report(url)
    if report.get("runtimeError"):
        error = report["runtimeError"]  # {"code", "message", "errorStack"?, "artifactKey"?}: the head says what
        raise RuntimeError(f"lighthouse on {url}: {error.get('code')}: {error.get('message', '')[:300]}")
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    failing = {name: failing_audits(report, name) for name in CATEGORIES if scores[name] < 100}
    return {"scores": scores, "failing": failing, "broken": broken_audits(report)}


def runs(session: Session, url: str, count: int, attempts: int = 3) -> tuple[list[dict], list[str]]:
    """`count` reports for one URL, and the errors of the runs that were tried again. Lighthouse
    now and then fails to record a trace (NO_NAVSTART) on a page it measured fine the run before:
    such a run is tried again, up to `attempts` times, instead of stopping the whole bench."""
    reports, retried = [], []
    while len(reports) < count:
        for attempt in range(1, attempts + 1):
            try:
                reports.append(run(session, url))
                break
            except RuntimeError as err:
                if attempt == attempts:
                    raise
                retried.append(str(err)[-200:])
    return reports, retried
