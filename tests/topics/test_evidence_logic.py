"""The evidence analyzer: its data files, its Node tests, and the collection script.

The analyzer's logic is tested in Node (tests/js/evidence.test.js, run here with `node --test`)
on the fixtures of tests/fixtures/evidence/, with the data converted from docs/data/ YAML to JSON
by vakb.topics.evidence. This file adds what is easier to check from Python: the data
files against their schemas, the pages the analyzer links to, and the collection script
(docs/downloads/collect-activation-evidence.cmd): read-only, slmgr switches that exist on every
version it claims, and an output format that is one of the analyzer's fixtures.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess

import jsonschema
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "data"
SCRIPT = ROOT / "docs" / "downloads" / "collect-activation-evidence.cmd"
FIXTURES = ROOT / "tests" / "fixtures" / "evidence"
NODE = shutil.which("node") or "/usr/bin/node"

from vakb.topics import evidence as evidence_payload  # the payload the page embeds


def load(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def test_node_tests_pass(tmp_path):
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(evidence_payload.payload(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([NODE, "--test", str(ROOT / "tests" / "js")], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env={"EVIDENCE_PAYLOAD": str(payload), "PATH": "/usr/bin:/bin"})
    failures = "\n".join(line for line in result.stdout.splitlines() if line.startswith("not ok")) or result.stdout[-3000:]
    assert result.returncode == 0, failures + result.stderr[-2000:]
    assert re.search(r"^# pass [1-9]\d*$", result.stdout, re.M)


@pytest.mark.parametrize("name", ["slmgr_output", "evidence"])
def test_data_file_matches_its_schema(name):
    schema = yaml.safe_load((DATA / "schemas" / f"{name}.schema.yml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(load(name))


def test_field_and_status_ids_are_unique():
    data = load("slmgr_output")
    for group in ("fields", "statuses", "channels"):
        ids = [entry["id"] for entry in data[group]]
        assert len(ids) == len(set(ids)), group


def test_every_french_label_says_where_it_comes_from():
    """A French label either appears in Microsoft's French documentation or is marked unconfirmed."""
    data = load("slmgr_output")
    labels = [label for entry in data["fields"] + data["statuses"] for label in entry["labels"]["fr"]]
    assert {label["source"] for label in labels} <= {"frdocs", "unconfirmed"}
    sourced = {label["text"] for label in labels if label["source"] == "frdocs"}
    assert {"Clé de produit partielle", "État de la licence", "Décompte actuel", "Écoute sur le port",
            "ID de l'ordinateur client (CMID)", "Avec licence"} <= sourced


def anchors_of(page: pathlib.Path) -> set[str]:
    return set(re.findall(r"\{ #([a-z0-9-]+) \}", page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explanation_targets_exist_in_both_languages(lang):
    for name, target in load("evidence")["targets"].items():
        slug, _, anchor = target.rstrip("/").partition("/#")
        page = ROOT / "docs" / f"{slug.rstrip('/')}.{lang}.md"
        assert page.exists(), f"{name}: {page.name}"
        if anchor:
            assert anchor in anchors_of(page), f"{name}: #{anchor} not in {page.name}"


# ---- the collection script -------------------------------------------------------------------

def script_lines() -> list[str]:
    return SCRIPT.read_bytes().decode("ascii").split("\r\n")


def commands() -> list[str]:
    """The script's lines that run something (not comments, labels or blank lines)."""
    return [line for line in script_lines() if line.strip() and not re.match(r"\s*(rem\b|::|:\w)", line, re.I)]


def test_script_is_ascii_with_crlf_line_ends():
    raw = SCRIPT.read_bytes()
    raw.decode("ascii")
    assert raw.count(b"\n") == raw.count(b"\r\n") > 20


def test_script_says_at_its_top_that_it_changes_nothing():
    top = "\n".join(script_lines()[:12])
    assert "changes nothing on this computer" in top
    assert "ne modifie rien sur cet ordinateur" in top


def test_script_runs_only_commands_that_read():
    text = "\n".join(commands())
    runs = set(re.findall(r"(?:^|[\s('&|])(cscript|wevtutil|nslookup|w32tm|reg|wmic|find|echo|set|if|for|goto|setlocal|endlocal)\b", text, re.I | re.M))
    assert {r.lower() for r in runs} <= {"cscript", "wevtutil", "nslookup", "w32tm", "reg", "wmic", "find", "echo",
                                          "set", "if", "for", "goto", "setlocal", "endlocal"}
    for line in commands():
        lowered = line.lower()
        if "wevtutil" in lowered:
            assert re.search(r"wevtutil qe ", lowered), line
        if "w32tm" in lowered:
            assert "/stripchart" in lowered and not re.search(r"/(resync|config|register|unregister)", lowered), line
        if re.search(r"\breg\b", lowered):
            assert "reg query" in lowered, line
        if "wmic" in lowered:
            assert re.search(r"wmic computersystem get ", lowered), line
        # writes go to the evidence file only
        for target in re.findall(r">>?\s*(\"[^\"]*\"|\S+)", line):
            assert target in ('"%OUT%"', "nul", "&1") or target.startswith("&"), line
    forbidden = r"\b(setx|netsh|sc\s|net\s+(start|stop)|del|erase|copy|move|ren|chcp|schtasks|regedit|shutdown)\b"
    assert not re.search(forbidden, text, re.I)


def slmgr_switches_in_script() -> set[str]:
    return set(re.findall(r'slmgr\.vbs"?\s+(/[a-z]+)', "\n".join(commands()), re.I)) | \
           set(re.findall(r'"%SLMGR%"\s+(/[a-z]+)', "\n".join(commands()), re.I))


def test_script_slmgr_switches_exist_on_every_version_it_claims():
    claimed = "\n".join(script_lines()[:20])
    for version in ("Windows Vista", "Windows Server 2008", "Windows 7", "Windows Server 2008 R2"):
        assert version in claimed
    switches = slmgr_switches_in_script()
    assert switches == {"/dlv", "/xpr"}
    by_switch = {entry["switch"]: entry for entry in load("slmgr")["switches"]}
    for switch in switches:
        assert switch in by_switch, switch
        # `all`: documented for Vista / 2008 and for Windows 7 / 2008 R2 (slmgr.yml's legend)
        assert by_switch[switch]["versions"] == "all", switch
        assert by_switch[switch]["group"] == "information", switch


def echoed_lines() -> list[str]:
    """What the script writes to its file, in order, for a run that found the KMS host."""
    lines, skipping = [], False
    for line in script_lines():
        if line.startswith(":nohost"):
            skipping = True
        elif line.startswith(":timedone"):
            skipping = False
        match = re.match(r'>>?"%OUT%" echo(?:\.|\s(.*))$', line)
        if match and not skipping and match.group(1):
            lines.append(match.group(1))
    return lines


@pytest.mark.parametrize("fixture", ["en-collected-one-machine.txt", "fr-collected-one-machine.txt"])
def test_script_output_format_is_an_analyzer_fixture(fixture):
    text = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    position = 0
    for echoed in echoed_lines():
        pattern = re.compile("^" + re.sub(r"%\w+%", ".+", re.escape(echoed).replace(r"\%", "%")) + "$")
        for index in range(position, len(text)):
            if pattern.match(text[index]):
                position = index + 1
                break
        else:
            pytest.fail(f"{fixture}: no line after {position} matches the script's {echoed!r}")
