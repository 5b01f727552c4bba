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


def vnu_errors(folder: pathlib.Path) -> list[dict]:
    """The checker's error messages for every .html file under folder (warnings left out)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("the Nu Html Checker needs a Java runtime: apt-get install default-jre-headless")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True, text=True)
    # vnu writes its JSON report on stderr; exit status 1 means "errors found".
    report = json.loads(result.stderr)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_built_page_is_valid_html(site_dir):
    pages = [p for p in site_dir.rglob("*.html")]
    assert len(pages) > 100 and (site_dir / "fr" / "index.html") in pages
    errors = vnu_errors(site_dir)
    by_message = collections.Counter(m["message"] for m in errors)
    pages_hit = {m.get("url") for m in errors}
    sample = {}
    for m in errors:
        sample.setdefault(m["message"], f'{m.get("url", "?").split(str(site_dir))[-1]}:{m.get("lastLine")}')
    summary = "\n".join(f"{n} x {message} (e.g. {sample[message]})" for message, n in by_message.most_common())
    assert not errors, f"{len(errors)} errors in {len(pages_hit)} pages:\n{summary}"
