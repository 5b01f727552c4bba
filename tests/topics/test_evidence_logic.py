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

from conftest import read_yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "data"
SCRIPT = ROOT / "docs" / "downloads" / "collect-activation-evidence.cmd"
FIXTURES = ROOT / "tests" / "fixtures" / "evidence"
NODE = shutil.which("node") or "/usr/bin/node"

from vakb.topics import evidence as evidence_payload  # the payload the page embeds


def load(name: str):
    return read_yaml(DATA / f"{name}.yml")


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
    schema = read_yaml(DATA / "schemas" / f"{name}.schema.yml")
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


# ---- the WMI script, for a list of machines ---------------------------------------------------

WMI_SCRIPT = ROOT / "docs" / "downloads" / "collect-activation-wmi.cmd"
WMI_FIXTURE = ROOT / "tests" / "fixtures" / "diagnoses" / "wmi-script-four-machines.txt"


def wmi_script_lines() -> list[str]:
    raw = WMI_SCRIPT.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 20, "CRLF line ends"
    return raw.decode("ascii").split("\r\n")


def wmi_commands() -> list[str]:
    return [line for line in wmi_script_lines() if line.strip() and not re.match(r"\s*(rem\b|::|:\w)", line, re.I)]


def test_wmi_script_says_it_changes_nothing_and_was_not_run_on_windows():
    top = "\n".join(wmi_script_lines()[:30])
    assert "changes nothing on any computer" in top and "ne modifie rien sur aucun ordinateur" in top
    assert "NOT YET RUN ON WINDOWS" in top
    for version in ("Windows Vista", "Windows Server 2008", "Windows 7", "Windows Server 2008 R2"):
        assert version in top


def test_wmi_script_only_reads():
    """Every wmic is a `get` of SoftwareLicensingProduct or SoftwareLicensingService, on one node:
    no call (Activate, ReArmWindows, SetKeyManagementServiceMachine...), set, create or delete; no
    slmgr, reg or other tool; it writes to its output file only."""
    text = "\n".join(wmi_commands())
    runs = {r.lower() for r in re.findall(
        r"(?:^|[\s('&|])(wmic|slmgr|cscript|reg|netsh|sc|net|echo|set|if|for|goto|call|setlocal|endlocal|more|find|exit)\b",
        text, re.I | re.M)}
    assert runs <= {"wmic", "echo", "set", "if", "for", "goto", "call", "setlocal", "endlocal", "more", "find", "exit"}, runs
    wmic = [line for line in wmi_commands() if re.search(r"\bwmic\s", line, re.I) and not re.search(r"\becho\b", line, re.I)]
    assert len(wmic) == 3
    for line in wmic:
        command = re.search(r"wmic (.*?)(?:\s2\^?>|\s\^?\||'|$)", line).group(1)  # up to its redirection or pipe
        verbs = re.findall(r"\b(get|call|set|create|delete|assoc|list)\b", re.sub(r"%\w+%", "", command), re.I)
        assert [v.lower() for v in verbs] == ["get"], line
        assert re.search(r'wmic /node:"%~1" path SoftwareLicensing(Product|Service) ', line), line
        assert "/value" in line, line
    for line in wmi_commands():
        for target in re.findall(r">>?\s*(\"[^\"]*\"|\S+)", line):
            assert target in ('"%OUT%"', "nul", "&1") or target.startswith("&"), line
    forbidden = r"\b(setx|netsh|del|erase|copy|move|ren|schtasks|regedit|shutdown|slmgr|ospp|activate|rearm)\b"
    assert not re.search(forbidden, text, re.I), re.search(forbidden, text, re.I)


def test_wmi_script_reads_properties_the_data_documents_for_every_version_it_asks():
    """The product properties asked of every computer exist on every version (wmi.yml `all`); those
    of Windows 7 only are asked only of computers whose service version is not 6.0."""
    members = {(m["class"], m["name"]): m for m in load("wmi")["members"]}
    sets = dict(re.findall(r'^set "(PRODUCT7?|SERVICE)=([A-Za-z,]+)"$', "\n".join(wmi_commands()), re.M))
    assert set(sets) == {"PRODUCT", "PRODUCT7", "SERVICE"}
    for name, cls, versions in (("PRODUCT", "product", {"all"}), ("PRODUCT7", "product", {"win7"}),
                                ("SERVICE", "service", {"all"})):
        for prop in sets[name].split(","):
            assert (cls, prop) in members, f"{prop} is not a {cls} property in wmi.yml"
            assert members[(cls, prop)]["versions"] in versions, prop
    assert 'if "%VERSION:~0,4%"=="6.0." set "GET=%PRODUCT%"' in wmi_commands()


def test_wmi_script_output_format_is_the_analyzer_fixture():
    """What the script echoes for one computer comes in this order in the fixture, for each computer
    that answered; its header and end too."""
    fixture = WMI_FIXTURE.read_bytes().decode("ascii").replace("\r\r\n", "\n").replace("\r\n", "\n").split("\n")
    echoed = [m.group(1) for line in wmi_script_lines()
              if (m := re.match(r'>>?"%OUT%" echo (.+)$', line))]
    names = [line.removeprefix("Computer name: ") for line in fixture if line.startswith("Computer name: ")]
    assert names == ["PC0301", "PC0302", "PC-VISTA1", "SRV-KMS01"]
    per_machine = [e for e in echoed if "%~1" in e and "no answer" not in e]
    for name in names:
        position = fixture.index(f"Computer name: {name}")
        for line in per_machine:
            want = line.replace("%~1", name)
            assert want in fixture[position:], f"{name}: {want!r} not in the fixture after its name"
            position = fixture.index(want, position) + 1
    fixed = [e for e in echoed if "%" not in e]
    assert all(line in fixture for line in fixed), [line for line in fixed if line not in fixture]
    no_answer = next(e for e in echoed if "no answer" in e)
    assert no_answer.replace("%~1", "PC0399") in fixture
