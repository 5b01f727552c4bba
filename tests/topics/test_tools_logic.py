"""The interactive tools' logic, run in Node from the very files the pages load.

The JavaScript in overrides/assets/javascripts/tools/ is the one implementation: each module exports
its pure functions when loaded by Node. The payload each tool gets is the JSON block that
render_tools.py writes into the page (figures from facts.yml, key_groups.yml, registry.yml), so
these tests follow the chain data -> page -> script. Expected values come from the issue, the 2008
seed article and facts.yml; the count and key rules are also compared with the Python modules the
reference tables are built with (activation_count.py, key_hierarchy.py).
"""

from __future__ import annotations

import atexit
import functools
import itertools
import json
import pathlib
import re
import select
import shutil
import subprocess

import pytest

from vakb.topics import activation_count
from vakb import data
from vakb.topics import key_groups as key_hierarchy
from vakb.topics import tools as render_tools
from vakb.shortcodes import Context

TOOLS_JS = pathlib.Path(__file__).resolve().parents[2] / "overrides" / "assets" / "javascripts" / "tools"
NODE = shutil.which("node") or "/usr/bin/node"


EXPRESSIONS_JS = pathlib.Path(__file__).resolve().parents[1] / "js" / "tool-expressions.js"
TIMEOUT_S = 60


@functools.lru_cache(maxsize=None)
def node_process() -> subprocess.Popen:
    """The Node process that evaluates this module's expressions (tests/js/tool-expressions.js),
    started on first use and stopped when the tests end."""
    process = subprocess.Popen([NODE, str(EXPRESSIONS_JS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8")
    atexit.register(process.kill)
    return process


def node(module: str, expression: str, given=None):
    """Evaluate `expression` in Node with `tool` = require(<module>.js), `common` = common.js and
    `given` = the JSON input."""
    process = node_process()
    process.stdin.write(json.dumps({"tool": str(TOOLS_JS / (module + ".js")), "common": str(TOOLS_JS / "common.js"),
                                    "expression": expression, "given": given}) + "\n")
    process.stdin.flush()
    # One answer per request, read whole each time: nothing waits in the pipe's Python buffer.
    ready, _, _ = select.select([process.stdout], [], [], TIMEOUT_S)
    assert ready, f"Node gave no answer in {TIMEOUT_S} s to {expression}"
    line = process.stdout.readline()
    assert line, f"Node stopped (exit {process.poll()}) on {expression}"
    answer = json.loads(line)
    assert "error" not in answer, answer["error"]
    return answer["value"]


@functools.lru_cache(maxsize=None)
def payload(tool_id: str, lang: str = "en") -> dict:
    """The JSON block render_tools.py writes into the page for this tool."""
    html = render_tools.BUILDERS[tool_id](Context(lang=lang))
    block = re.search(r'<script type="application/json" class="vakb-tool__data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def fact(name: str):
    return data.load("facts")[name]["value"]


# ---- count calculator ------------------------------------------------------------------------

# The 2008 French TechNet table (seed): Windows Server 2008, Windows Vista, KMS host -> count on the
# host, and for whom activation is available. The host column is 1 in every row; it is not counted.
SEED_TABLE = [
    # servers, clients, count, clients activate, servers activate
    (4, 1, 5, False, True),    # "Uniquement pour les systèmes Windows Server 2008"
    (1, 4, 5, False, True),    # "Uniquement pour les systèmes Windows Server 2008"
    (1, 1, 2, False, False),   # "Aucun système"
    (4, 22, 26, True, True),   # "Windows Vista et Windows Server 2008"
]


def count(clients: str, servers: str, lang: str = "en"):
    return node("count-calculator", "tool.compute(given.values, given.payload)",
                {"values": {"clients": clients, "servers": servers}, "payload": payload("count-calculator", lang)})


@pytest.mark.parametrize("servers, clients, expected, clients_ok, servers_ok", SEED_TABLE)
def test_count_calculator_gives_the_seed_table(servers, clients, expected, clients_ok, servers_ok):
    result = count(str(clients), str(servers))["result"]
    assert result["count"] == expected
    assert result["clientsActivate"] is clients_ok
    assert result["serversActivate"] is servers_ok


def test_count_never_exceeds_the_cmid_cache_and_the_needs_add_up():
    cache = fact("cmid_cache_size")
    servers_only_cache = fact("cmid_cache_size_servers_only")
    thresholds = payload("count-calculator")["thresholds"]
    assert thresholds == {"client_os": fact("threshold_client_os"), "server_os": fact("threshold_server_os")}
    grid = [[c, s] for c in range(0, 80, 3) for s in range(0, 80, 3)]
    results = node("count-calculator", "given.grid.map(([c, s]) => tool.hostCount(c, s, given.t))",
                   {"grid": grid, "t": thresholds})
    for (clients, servers), r in zip(grid, results):
        assert r["count"] <= (cache if clients else servers_only_cache)
        assert r["count"] == min(clients + servers, r["cacheSize"])
        assert r["count"] + r["clientsNeed"] == max(r["count"], fact("threshold_client_os"))
        assert r["count"] + r["serversNeed"] == max(r["count"], fact("threshold_server_os"))
    # 70 clients: the host reports its cache size, not 70.
    assert count("70", "")["result"]["count"] == cache


def test_count_rule_is_the_one_of_the_reference_table():
    """Same inputs, same answer as overrides/vakb/topics/activation_count.py (the worked-examples table)."""
    thresholds = payload("count-calculator")["thresholds"]
    grid = [[c, s] for c in range(0, 61) for s in range(0, 61)]
    results = node("count-calculator", "given.grid.map(([c, s]) => tool.hostCount(c, s, given.t))",
                   {"grid": grid, "t": thresholds})
    python_thresholds = activation_count.Thresholds(**thresholds)
    for (clients, servers), r in zip(grid, results):
        expected = activation_count.host_count(clients, servers, python_thresholds)
        assert (r["count"], r["cacheSize"], r["clientsActivate"], r["serversActivate"]) == (
            expected.count, expected.cache_size, expected.client_os_activates, expected.server_os_activates
        ), (clients, servers)


@pytest.mark.parametrize("clients, servers", [("abc", "4"), ("-1", "4"), ("2.5", ""), ("", "1000001")])
def test_count_calculator_refuses_what_is_not_a_machine_number(clients, servers):
    outcome = count(clients, servers)
    assert "result" not in outcome
    assert [e["key"] for e in outcome["errors"]] == ["whole_number"]


def test_count_sentences_say_what_each_kind_needs_in_both_languages():
    outcome = count("1", "4")
    texts = {lang: node("count-calculator", "tool.sentences(given.r, given.p)",
                        {"r": outcome["result"], "p": payload("count-calculator", lang)}) for lang in ("en", "fr")}
    need = str(fact("threshold_client_os") - 5)
    assert texts["en"][0] == "The host reports an activation count of 5."
    assert any(need + " more machines" in t for t in texts["en"])
    assert any(f"il manque {need} machines" in t for t in texts["fr"])
    assert any("Server OS machines activate" in t for t in texts["en"])
    assert any("Les serveurs s'activent" in t for t in texts["fr"])


# ---- key-group chooser -----------------------------------------------------------------------

PRODUCTS = [
    "vista-business", "vista-enterprise", "ws2008-web", "ws2008-hpc", "ws2008-standard", "ws2008-enterprise",
    "ws2008-datacenter", "ws2008-itanium", "win7-professional", "win7-enterprise", "ws2008r2-web",
    "ws2008r2-hpc", "ws2008r2-standard", "ws2008r2-enterprise", "ws2008r2-datacenter", "ws2008r2-itanium",
]


def test_the_chooser_offers_the_sixteen_products_of_the_issue():
    assert sorted(p["id"] for p in payload("key-group-chooser")["products"]) == sorted(PRODUCTS)


@pytest.mark.parametrize("selected, key", [
    (["vista-business"], "vista"),
    (["vista-enterprise", "ws2008-hpc"], "2008-a"),
    (["ws2008-enterprise"], "2008-b"),
    (["ws2008-itanium", "vista-business"], "2008-c"),
    (["win7-professional"], "win7"),
    (["win7-enterprise", "vista-business"], "win7"),
    (["ws2008r2-web", "ws2008-web"], "2008r2-a"),
    (["ws2008r2-standard", "win7-professional"], "2008r2-b"),
    (["ws2008-standard", "win7-professional"], "2008r2-b"),
    (["ws2008-datacenter", "win7-enterprise"], "2008r2-c"),
    (["ws2008r2-itanium"], "2008r2-c"),
])
def test_the_chooser_picks_the_smallest_key(selected, key):
    outcome = node("key-group-chooser", "tool.compute({product: given.s}, given.p)",
                   {"s": selected, "p": payload("key-group-chooser")})
    assert outcome["result"]["key"]["id"] == key
    assert not set(outcome["result"]["others"]) & set(selected)


def test_the_chooser_agrees_with_the_key_hierarchy_for_every_selection():
    document = data.load("key_groups")
    subsets = [list(c) for n in range(1, len(PRODUCTS) + 1) for c in itertools.combinations(PRODUCTS, n)]
    keys = node("key-group-chooser",
                "given.subsets.map(s => (tool.smallestKey(s, given.p.keys) || {id: null}).id)",
                {"subsets": subsets, "p": payload("key-group-chooser")})
    for subset, key in zip(subsets, keys):
        expected = key_hierarchy.smallest_key(document, subset)
        assert key == (expected["id"] if expected else None), subset


def test_the_chooser_ignores_unknown_products_and_wants_one():
    outcome = node("key-group-chooser", "tool.compute({product: ['win8-pro']}, given.p)",
                   {"p": payload("key-group-chooser")})
    assert outcome == {"empty": True}


# ---- SRV generator ---------------------------------------------------------------------------

def srv(**values):
    fields = {"domain": "", "host": "", "port": str(fact("kms_port")), "priority": "0", "weight": "0", "ttl": "3600"}
    fields.update(values)
    return node("srv-generator", "tool.compute(given.v, given.p)", {"v": fields, "p": payload("srv-generator")})


def test_srv_outputs_follow_the_issue_formats():
    result = srv(domain="corp.contoso.com", host="KMS1.corp.contoso.com.", priority="10", weight="20")["result"]
    record, port = fact("srv_record"), fact("kms_port")
    assert result["zone"] == f"{record}.corp.contoso.com. 3600 IN SRV 10 20 {port} kms1.corp.contoso.com."
    assert result["dnscmd"] == f"dnscmd /RecordAdd corp.contoso.com {record} 3600 SRV 10 20 {port} kms1.corp.contoso.com"
    assert result["nsupdate"].splitlines() == [
        f"update add {record}.corp.contoso.com. 3600 IN SRV 10 20 {port} kms1.corp.contoso.com.", "send"]
    assert result["publishList"] == "corp.contoso.com,10,20"


def test_srv_defaults_are_the_documented_ones():
    tools = data.load("tools")
    page = render_tools.BUILDERS["srv-generator"](Context(lang="en"))
    assert f'name="port" type="text" inputmode="numeric" size="6" maxlength="16" autocomplete="off" spellcheck="false" value="{fact("kms_port")}"' in page
    assert tools["defaults"]["srv_weight"] == 0 and f'name="weight" type="text" inputmode="numeric" size="6" maxlength="16" autocomplete="off" spellcheck="false" value="0"' in page


@pytest.mark.parametrize("name, valid", [
    ("contoso.com", True), ("a.b-c.d", True), ("kms01", True), ("xn--bcher-kva.example.", True),
    ("a" * 63 + ".com", True), ("a" * 64 + ".com", False), (".".join(["abcdefghi"] * 25) + ".abc", True),
    (".".join(["abcdefghi"] * 25) + ".abcd", False), ("-kms.contoso.com", False), ("kms-.contoso.com", False),
    ("kms..contoso.com", False), ("kms_1.contoso.com", False), ("kms 1.contoso.com", False), ("", False),
    ("contoso.com/", False), ("é.com", False), ("10.0.0.5", False), ("123", False),
])
def test_dns_name_check(name, valid):
    assert node("srv-generator", "common.isDnsName(given)", name) is valid


@pytest.mark.parametrize("port, ok", [("0", False), ("1", True), ("65535", True), ("65536", False), ("16 88", True), ("x", False)])
def test_srv_ports_from_1_to_65535(port, ok):
    outcome = srv(domain="contoso.com", host="kms.contoso.com", port=port)
    assert ("result" in outcome) is ok
    if not ok:
        assert outcome["errors"] == [{"field": "port", "key": "whole_number", "values": {"min": 1, "max": 65535}}]


def test_srv_wants_the_host_s_full_name():
    outcome = srv(domain="contoso.com", host="kms1")
    assert outcome == {"errors": [{"field": "host", "key": "short_name", "values": {"value": "kms1"}}]}
    assert "result" in srv(domain="contoso.com", host="kms1.contoso.com.")


def test_srv_refuses_bad_names_with_no_output():
    outcome = srv(domain="contoso..com", host="kms_1.contoso.com")
    assert "result" not in outcome
    assert [(e["field"], e["key"]) for e in outcome["errors"]] == [("domain", "bad_name"), ("host", "bad_name")]


# ---- registry generator ----------------------------------------------------------------------

def reg(version: str, **values):
    return node("reg-generator", "tool.compute(given.v, given.p)",
                {"v": {"version": version, **values}, "p": payload("reg-generator")})


def hex8(n: int) -> str:
    return f"dword:{n:08x}"


@pytest.mark.parametrize("version", ["vista", "win7"])
def test_reg_file_is_written_as_regedit_writes_it(version):
    interval, renewal = fact("activation_interval"), fact("renewal_interval")
    result = reg(version, VLActivationInterval=str(interval), VLRenewalInterval=str(renewal),
                 KeyManagementServicePort="1700", DisableDnsPublishing="1",
                 KeyManagementServiceName="kms1.contoso.com")["result"]
    key = fact(f"registry_key_{version}")
    assert key.startswith("HKLM\\")
    assert result["file"].split("\r\n") == [
        "Windows Registry Editor Version 5.00",
        "",
        "[HKEY_LOCAL_MACHINE\\" + key.removeprefix("HKLM\\") + "]",
        f'"VLActivationInterval"={hex8(interval)}',
        f'"VLRenewalInterval"={hex8(renewal)}',
        '"KeyManagementServicePort"="1700"',  # REG_SZ in registry.yml: a string, not a dword
        f'"DisableDnsPublishing"={hex8(1)}',
        '"KeyManagementServiceName"="kms1.contoso.com"',
        "",
        "",
    ]
    assert "\n" not in result["file"].replace("\r\n", "")
    commands = result["commands"].split("\r\n")
    assert commands[0] == f'reg add "{key}" /v VLActivationInterval /t REG_DWORD /d {interval} /f'
    assert commands[2] == f'reg add "{key}" /v KeyManagementServicePort /t REG_SZ /d "1700" /f'
    service = fact(f"service_{version}_short")
    assert result["restart"].split("\r\n") == [f"net stop {service}", f"net start {service}"]


def test_reg_dwords_are_eight_hex_digits():
    assert node("reg-generator", "[1, 120, 10080, 43200, 4294967295].map(tool.dword)") == [
        "dword:00000001", "dword:00000078", "dword:00002760", "dword:0000a8c0", "dword:ffffffff"]


def test_reg_file_download_is_utf16_with_a_byte_order_mark():
    text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"A"=dword:00000001\r\n\r\n'
    data_bytes = bytes(node("reg-generator", "Array.from(tool.utf16le(given))", text))
    assert data_bytes[:2] == b"\xff\xfe"
    assert data_bytes[2:].decode("utf-16-le") == text


@pytest.mark.parametrize("value, ok", [
    ("14", False), ("15", True), ("43200", True), ("43201", False), ("0", False), ("two hours", False),
])
def test_reg_intervals_are_refused_outside_the_documented_range(value, ok):
    low, high = fact("interval_minimum"), fact("interval_maximum")
    assert (low, high) == tuple(payload("reg-generator")["values"][0]["range"])
    for name in ("VLActivationInterval", "VLRenewalInterval"):
        outcome = reg("win7", **{name: value})
        assert ("result" in outcome) is ok
        if not ok:
            assert outcome["errors"] == [{"field": name, "key": "interval"}]


def test_reg_interval_message_states_the_range_in_both_languages():
    low, high = fact("interval_minimum"), fact("interval_maximum")
    for lang in ("en", "fr"):
        message = payload("reg-generator", lang)["strings"]["interval"]
        digits = re.sub(r"[\s\u00a0\u202f,]", "", message)
        assert str(low) in digits and str(high) in digits, message


@pytest.mark.parametrize("name, ok", [("kms1.contoso.com", True), ("10.0.0.5", True), ("10.0.0.256", False),
                                      ("kms 1", False), ("kms1.contoso.com:1688", False)])
def test_reg_service_name_is_a_dns_name_or_ipv4(name, ok):
    outcome = reg("vista", KeyManagementServiceName=name)
    assert ("result" in outcome) is ok


def test_reg_with_nothing_to_set_has_no_output():
    assert reg("win7") == {"empty": True}


def test_reg_value_types_come_from_registry_data():
    types = {v["name"]: v["type"] for v in data.load("registry")["values"]}
    for value in payload("reg-generator")["values"]:
        assert value["type"] == types[value["name"]]


# ---- what a message echoes of the input ------------------------------------------------------

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def echoed(value: str) -> str:
    """The message the SRV generator shows for this domain (the bad_name template, in English)."""
    template = payload("srv-generator")["strings"]["bad_name"]
    return node("srv-generator", "common.message(given.template, 'Domain', {value: given.value})",
                {"template": template, "value": value})


def test_a_message_echoes_a_short_excerpt_of_a_long_input():
    text = echoed("kms." * 750)  # 3,000 characters
    assert len(text) < len(payload("srv-generator")["strings"]["bad_name"]) + 80
    assert "kms.kms." in text and "\u2026" in text  # an excerpt, marked as cut
    assert text.startswith('Domain: "')


def test_a_message_cannot_be_turned_around_by_bidi_controls():
    # U+202E (RIGHT-TO-LEFT OVERRIDE) typed into the field reversed the rest of the message.
    text = echoed("evil\u202emoc.example\u2066x\u200f")
    inside = text.split(ISOLATE_START, 1)[1].split(ISOLATE_END, 1)[0]
    assert not BIDI_CONTROLS.search(inside.replace(ISOLATE_START, "").replace(ISOLATE_END, "")), repr(text)
    assert "evil" in inside and "moc.example" in inside
    assert "U+202E" in inside  # shown, so the reader sees why the name was refused
    # The excerpt is isolated: whatever it holds, the template's text after it keeps its direction.
    assert text.count(ISOLATE_START) == 1 and text.count(ISOLATE_END) == 1
    assert text.split(ISOLATE_END, 1)[1] == payload("srv-generator")["strings"]["bad_name"].split("{value}")[1]


def test_an_excerpt_never_splits_a_character():
    text = echoed("\U0001F600" * 100)
    assert "\ufffd" not in text
    assert text.encode("utf-16", "surrogatepass").decode("utf-16")  # no lone surrogate
    assert "\U0001F600" * 10 in text and "\u2026" in text


# ---- grace timeline --------------------------------------------------------------------------

import datetime  # noqa: E402 (kept with the tool it serves)

from vakb.topics import grace as grace_topic  # noqa: E402


def grace_compute(values: dict, lang: str = "en"):
    return node("grace-calculator", "tool.compute(given.v, given.p)",
                {"v": values, "p": payload("grace-calculator", lang)})


def test_grace_payload_comes_from_grace_yml_and_facts():
    systems = payload("grace-calculator")["systems"]
    assert [s["id"] for s in systems] == [s["id"] for s in data.load("grace")["systems"]]
    for system in systems:
        entry = next(s for s in data.load("grace")["systems"] if s["id"] == system["id"])
        assert system["grace"] == fact(entry["grace"])  # oob_grace is in days
        assert system["rearms"] == fact(entry["rearms"])


def test_windows_7_runs_120_days_without_activation():
    # The issue's example: 30 days of initial grace plus 3 rearms of 30 days each.
    win7 = next(s for s in payload("grace-calculator")["systems"] if s["id"] == "win7")
    assert (win7["grace"], win7["rearms"]) == (30, 3)
    result = grace_compute({"system": "win7", "installed": "2010-01-01", "rearms": "0"})["result"]
    assert result == {"system": "win7", "ends": "2010-01-31", "days": 30, "used": 0, "left": 3,
                      "latest": "2010-05-01", "total": 120}


def test_grace_timeline_is_the_rule_of_the_python_module():
    dates = ["2009-10-22", "2010-02-28", "2012-02-29", "2010-12-15"]
    cases = [(s["id"], d, n) for s in payload("grace-calculator")["systems"] for d in dates
             for n in range(0, s["rearms"] + 1)]
    results = node("grace-calculator",
                   "given.cases.map(([s, d, n]) => tool.compute({system: s, installed: d, rearms: String(n)}, given.p).result)",
                   {"cases": cases, "p": payload("grace-calculator")})
    for (system, day, used), r in zip(cases, results):
        expected = grace_topic.timeline(system, datetime.date.fromisoformat(day), used)
        assert (r["ends"], r["days"], r["left"], r["latest"], r["total"]) == (
            expected["ends"].isoformat(), expected["days"], expected["left"], expected["latest"].isoformat(),
            expected["total"]), (system, day, used)


@pytest.mark.parametrize("installed, rearms, keys", [
    ("2010-02-30", "0", ["bad_date"]),         # no such day
    ("15/03/2010", "0", ["bad_date"]),         # not YYYY-MM-DD
    ("2010-03-15", "4", ["too_many"]),         # Windows 7 allows 3
    ("2010-03-15", "-1", ["too_many"]),
    ("2010-03-15", "two", ["too_many"]),
    ("next week", "9", ["bad_date", "too_many"]),
])
def test_grace_timeline_refuses_bad_input_with_no_result(installed, rearms, keys):
    outcome = grace_compute({"system": "win7", "installed": installed, "rearms": rearms})
    assert "result" not in outcome
    assert [e["key"] for e in outcome["errors"]] == keys


def test_grace_timeline_allows_five_rearms_for_vista_sp1_enterprise_only():
    assert "result" in grace_compute({"system": "vista-sp1-enterprise", "installed": "2009-01-01", "rearms": "5"})
    assert "errors" in grace_compute({"system": "vista-sp1-business", "installed": "2009-01-01", "rearms": "5"})


def test_grace_timeline_without_a_date_is_empty_not_an_error():
    assert grace_compute({"system": "win7", "installed": "", "rearms": "2"}) == {"empty": True}


def test_grace_sentences_say_the_dates_and_the_outcome_in_both_languages():
    for lang in ("en", "fr"):
        p = payload("grace-calculator", lang)
        result = grace_compute({"system": "vista-rtm", "installed": "2007-06-01", "rearms": "1"}, lang)["result"]
        texts = node("grace-calculator", "tool.sentences(given.r, given.p)", {"r": result, "p": p})
        joined = " ".join(texts)
        assert result["ends"] in joined and result["latest"] in joined
        rfm = data.text(data.load("grace")["outcomes"]["rfm"]["name"], lang)
        assert rfm in joined, (lang, joined)
    unconfirmed = node("grace-calculator", "tool.sentences(given.r, given.p)", {
        "r": grace_compute({"system": "ws2008", "installed": "2008-06-01", "rearms": "0"})["result"],
        "p": payload("grace-calculator")})
    assert any("No Volume Activation source confirms" in t for t in unconfirmed)


def test_a_tool_builder_filed_twice_is_refused():
    """Builders are filed like shortcodes (vakb.shortcodes.registrar): a second module claiming a
    tool's id stops the build instead of silently replacing the first one's form."""
    with pytest.raises(RuntimeError, match="tool 'count-calculator' registered twice"):
        render_tools.builder("count-calculator")(lambda context: "")
    assert render_tools.BUILDERS["count-calculator"].__name__ != "<lambda>"
