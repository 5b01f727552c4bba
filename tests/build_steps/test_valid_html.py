"""Every built page, both languages, is valid HTML for the W3C Nu Html Checker (vnu).

The checker is the `vnu-jar` npm package, pinned, installed on first use into .cache/vnu
(git-ignored) with npm; it runs on a Java runtime (Debian: default-jre-headless, or any
openjdk-*-jre-headless) and needs Node's npm only for that first install (Debian: npm).
One run of the checker reads the whole site (a JVM start per page would take minutes).
"""

from __future__ import annotations

import collections
import json
import pathlib
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU_VERSION = "26.9.27"
VNU_CACHE = ROOT / ".cache" / "vnu"
VNU_PACKAGE = VNU_CACHE / "node_modules" / "vnu-jar"


def vnu_jar() -> pathlib.Path:
    """The pinned vnu.jar, installed into .cache/vnu on first use (npm registry)."""
    manifest = VNU_PACKAGE / "package.json"
    if not (manifest.exists() and json.loads(manifest.read_text())["version"] == VNU_VERSION):
        if not shutil.which("npm"):
            pytest.fail("the Nu Html Checker is installed with npm: apt-get install npm")
        VNU_CACHE.mkdir(parents=True, exist_ok=True)
        # --ignore-scripts: the package's postinstall only offers to download a Java runtime.
        subprocess.run(["npm", "install", "--exact", "--ignore-scripts", f"vnu-jar@{VNU_VERSION}",
                        "--prefix", str(VNU_CACHE), "--no-audit", "--no-fund", "--loglevel=error"],
                       check=True)
    return VNU_PACKAGE / "build" / "dist" / "vnu.jar"


# The checker's JVM runs with its quick compiler only (C1) and the serial collector: one pass over the
# site is too short for the optimising compiler to pay back its work (13 CPU s became 7.5, the
# same wall time, measured 2026-12-07). C1's frames are larger, so the thread stack vnu checks the
# schema on is given room (at the default it stops with a StackOverflowError).
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


def vnu_errors(*folders: pathlib.Path) -> list[dict]:
    """The checker's error messages for every .html file under the folders (warnings left out)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("the Nu Html Checker needs a Java runtime: apt-get install default-jre-headless")
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html",
         *map(str, folders)],
        capture_output=True, text=True)
    # vnu writes its JSON report on stderr; exit status 1 means "errors found".
    report = json.loads(result.stderr)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


# A page the checker must refuse, checked in the same run as the site (one JVM start): a run that
# reported nothing because it read nothing would otherwise pass.
INVALID_PAGE = '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>x</div></p></body></html>'


def test_every_built_page_is_valid_html(site_dir, tmp_path):
    pages = [p for p in site_dir.rglob("*.html")]
    assert len(pages) > 100 and (site_dir / "fr" / "index.html") in pages
    (tmp_path / "invalid.html").write_text(INVALID_PAGE, encoding="utf-8")
    errors = vnu_errors(site_dir, tmp_path)
    refused = [m for m in errors if m.get("url", "").endswith("/invalid.html")]
    assert refused, "the checker did not refuse a <div> inside a <p>: did it read the pages?"
    errors = [m for m in errors if m not in refused]
    by_message = collections.Counter(m["message"] for m in errors)
    pages_hit = {m.get("url") for m in errors}
    sample = {}
    for m in errors:
        sample.setdefault(m["message"], f'{m.get("url", "?").split(str(site_dir))[-1]}:{m.get("lastLine")}')
    summary = "\n".join(f"{n} x {message} (e.g. {sample[message]})" for message, n in by_message.most_common())
    assert not errors, f"{len(errors)} errors in {len(pages_hit)} pages:\n{summary}"
