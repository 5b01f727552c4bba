"""Reference data (GVLKs, key groups, registry values, count examples): content, checks, messages.

Expected values in this file are typed from the sources (../shared/sources/kms-facts.md sections 2,
3c, 3f and the 2008 French TechNet article), never copied from the program's output.
"""

from __future__ import annotations

import pathlib

import pytest

from vakb.topics import activation_count
from vakb import data
from vakb.topics import key_groups as key_hierarchy
from vakb.topics import client_setup_keys as render_gvlk
from vakb.topics import registry as render_registry
from vakb.shortcodes import Context, ShortcodeError

# kms-facts.md section 2: the 25 GVLKs Microsoft publishes, by edition.
PUBLISHED_GVLKS = {
    "vista-business": "YFKBB-PQJJV-G996G-VWGXY-2V3X8",
    "vista-business-n": "HMBQG-8H2RH-C77VX-27R82-VMQBT",
    "vista-enterprise": "VKK3X-68KWM-X2YGT-QR4M6-4BWMV",
    "vista-enterprise-n": "VTC42-BM838-43QHV-84HX6-XJXKV",
    "ws2008-web": "WYR28-R7TFJ-3X2YQ-YCY4H-M249D",
    "ws2008-standard": "TM24T-X9RMF-VWXK6-X8JC9-BFGM2",
    "ws2008-standard-without-hyper-v": "W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ",
    "ws2008-enterprise": "YQGMW-MPWTJ-34KDK-48M3W-X4Q6V",
    "ws2008-enterprise-without-hyper-v": "39BXF-X8Q23-P2WWT-38T2F-G3FPG",
    "ws2008-hpc": "RCTX3-KWVHP-BR6TB-RB6DM-6X7HP",
    "ws2008-datacenter": "7M67G-PC374-GR742-YH8V4-TCBY3",
    "ws2008-datacenter-without-hyper-v": "22XQ2-VRXRG-P8D42-K34TD-G3QQC",
    "ws2008-itanium": "4DWFP-JF3DJ-B7DTH-78FJB-PDRHK",
    "win7-professional": "FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4",
    "win7-professional-n": "MRPKT-YTG23-K7D7T-X2JMM-QY7MG",
    "win7-professional-e": "W82YF-2Q76Y-63HXB-FGJG9-GF7QX",
    "win7-enterprise": "33PXH-7Y6KF-2VJC9-XBBR8-HVTHH",
    "win7-enterprise-n": "YDRBP-3D83W-TY26F-D46B2-XCKRJ",
    "win7-enterprise-e": "C29WB-22CC8-VJ326-GHFJW-H9DH4",
    "ws2008r2-web": "6TPJF-RBVHG-WBW2R-86QPH-6RTM4",
    "ws2008r2-hpc": "TT8MH-CG224-D3D7Q-498W2-9QCTX",
    "ws2008r2-standard": "YC6KT-GKW9T-YTKYR-T4X34-R7VHC",
    "ws2008r2-enterprise": "489J6-VHDMP-X63PK-3K798-CPX3Y",
    "ws2008r2-datacenter": "74YFP-3QFB3-KQT8W-PMXWJ-7M648",
    "ws2008r2-itanium": "GT63C-RJFQ3-4GMB6-BRFB9-CB83V",
}

# kms-facts.md section 3c: every registry value (KeyManagementServicePriority/Weight do not exist).
REGISTRY_VALUES = {
    "DisableDnsPublishing", "DnsDomainPublishList", "EnableKmsLowPriority",
    "KeyManagementServiceListeningPort", "KeyManagementServiceName", "KeyManagementServicePort",
    "VLActivationInterval", "VLRenewalInterval", "KeyManagementServiceVersion", "UserOperations",
    "Activation\\Manual", "Activation\\NotificationDisabled", "SkipRearm",
}

KEY_IDS = ["vista", "win7", "2008-a", "2008-b", "2008-c", "2008r2-a", "2008r2-b", "2008r2-c"]

# The 2008 French TechNet article's example table: (WS2008, Vista) -> count, who activates.
SEED_COUNT_TABLE = [
    (4, 1, 5, "servers"),
    (1, 4, 5, "servers"),
    (1, 1, 2, "none"),
    (4, 22, 26, "both"),
]
# Thresholds as the seed article states them: 25 Vista machines, 5 Server 2008 machines.
SEED_THRESHOLDS = activation_count.Thresholds(client_os=25, server_os=5)

DATA_FILES = ["gvlk", "key_groups", "registry", "count_examples"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_is_valid(name):
    assert data.load(name)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_bilingual_text_has_both_languages(name):
    def walk(node, where):
        if isinstance(node, dict):
            if {"en", "fr"} & node.keys():
                assert node.get("en") and node.get("fr"), f"{name}: {where} lacks a language"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(data.load(name), name)


def test_gvlks_are_exactly_the_published_ones():
    editions = data.load("gvlk")["editions"]
    assert {e["id"]: e["key"] for e in editions} == PUBLISHED_GVLKS
    assert len(editions) == len(PUBLISHED_GVLKS)  # every edition once


def test_every_gvlk_uses_the_product_key_alphabet():
    alphabet = set("BCDFGHJKMPQRTVWXY2346789")
    for edition in data.load("gvlk")["editions"]:
        groups = edition["key"].split("-")
        assert [len(g) for g in groups] == [5] * 5, edition["id"]
        assert set("".join(groups)) <= alphabet, edition["id"]


# --- Broken documents: the message names the file and the line -------------------------------

def write(tmp_path: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """1-based line of the `occurrence`-th line containing `needle`."""
    return [number for number, line in enumerate(text.splitlines(), 1) if needle in line][occurrence]


def validation_error(tmp_path, name: str, text: str) -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(data.DataError) as caught:
        data.validate(name, data.parse_yaml(path), path)
    return str(caught.value)


def gvlk_text() -> str:
    return (data.DATA_DIR / "gvlk.yml").read_text(encoding="utf-8")


def test_key_outside_the_alphabet_is_reported_with_file_and_line(tmp_path):
    # 'A' and 'E' are not in the product-key alphabet; the key keeps its five-by-five shape.
    text = gvlk_text().replace("YFKBB-PQJJV-G996G-VWGXY-2V3X8", "YFKBA-PQJJV-G996G-VWGXY-2V3XE")
    message = validation_error(tmp_path, "gvlk", text)
    assert f"gvlk.yml:{line_of(text, 'YFKBA-')}:" in message
    assert "A, E not in the product-key alphabet" in message


def test_duplicate_key_and_edition_are_reported(tmp_path):
    text = gvlk_text().replace("HMBQG-8H2RH-C77VX-27R82-VMQBT", "YFKBB-PQJJV-G996G-VWGXY-2V3X8")
    text = text.replace("id: vista-enterprise-n\n", "id: vista-enterprise\n")
    message = validation_error(tmp_path, "gvlk", text)
    assert f"gvlk.yml:{line_of(text, 'YFKBB-PQJJV', 1)}: editions[1].key: duplicate key" in message
    assert "duplicate edition id 'vista-enterprise'" in message


def test_edition_missing_for_a_product_is_reported(tmp_path):
    lines = gvlk_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: ws2008r2-itanium")
    text = "".join(lines[:start] + lines[start + 5:])
    assert "GT63C" not in text
    assert "no edition for product 'ws2008r2-itanium'" in validation_error(tmp_path, "gvlk", text)


def test_schema_violation_is_reported_with_file_and_line(tmp_path):
    # Four groups instead of five: the schema's pattern refuses it.
    text = gvlk_text().replace("VKK3X-68KWM-X2YGT-QR4M6-4BWMV", "VKK3X-68KWM-X2YGT-QR4M6")
    message = validation_error(tmp_path, "gvlk", text)
    assert f"gvlk.yml:{line_of(text, 'VKK3X-68KWM-X2YGT-QR4M6')}: editions[2].key:" in message


def test_malformed_yaml_is_reported_with_file_and_line(tmp_path):
    text = "systems:\n  - id: vista\n    name: {en: Windows Vista, fr: Windows Vista\neditions: []\n"
    path = write(tmp_path, "gvlk", text)
    with pytest.raises(data.DataError) as caught:
        data.parse_yaml(path)
    assert f"{path.name}:" in str(caught.value)
    assert ":4:" in str(caught.value) or ":3:" in str(caught.value)


def test_key_group_list_contradicting_the_hierarchy_is_reported(tmp_path):
    text = (data.DATA_DIR / "key_groups.yml").read_text(encoding="utf-8")
    # Group A of Server 2008 wrongly given Standard (a group B product).
    broken = text.replace(
        "activates: [vista-business, vista-enterprise, ws2008-web, ws2008-hpc]\n",
        "activates: [vista-business, vista-enterprise, ws2008-web, ws2008-hpc, ws2008-standard]\n",
    )
    assert broken != text
    message = validation_error(tmp_path, "key_groups", broken)
    assert f"key_groups.yml:{line_of(broken, 'ws2008-hpc, ws2008-standard]')}:" in message
    assert "should not list ws2008-standard" in message


def test_duplicate_count_example_is_reported(tmp_path):
    text = (data.DATA_DIR / "count_examples.yml").read_text(encoding="utf-8").replace("id: seed-2", "id: seed-1")
    message = validation_error(tmp_path, "count_examples", text)
    assert f"count_examples.yml:{line_of(text, 'id: seed-1', 1)}: examples[1].id: duplicate example id" in message


def test_registry_example_of_the_wrong_type_is_reported(tmp_path):
    text = (data.DATA_DIR / "registry.yml").read_text(encoding="utf-8")
    broken = text.replace("    example: kms01.contoso.com\n", "    example: [kms01.contoso.com]\n")
    assert broken != text
    message = validation_error(tmp_path, "registry", broken)
    assert f"registry.yml:{line_of(broken, 'example: [kms01')}:" in message
    assert "REG_SZ needs a string" in message


# --- Key groups -------------------------------------------------------------------------------

def test_every_key_group_exists_once():
    ids = [k["id"] for k in data.load("key_groups")["keys"]]
    assert sorted(ids) == sorted(KEY_IDS) and len(ids) == len(KEY_IDS)


def test_key_groups_activate_what_microsoft_lists():
    keys = {k["id"]: set(k["activates"]) for k in data.load("key_groups")["keys"]}
    vista_client = {"vista-business", "vista-enterprise"}
    group_a_2008 = {"ws2008-web", "ws2008-hpc"}
    # Seed table: Group B activates Standard, Enterprise, group A and Vista VL.
    assert keys["2008-b"] == vista_client | group_a_2008 | {"ws2008-standard", "ws2008-enterprise"}
    # A Vista client key activates Vista only (no server).
    assert keys["vista"] == vista_client
    # Windows 7 key: Windows 7 and the previous generation's client editions.
    assert keys["win7"] == vista_client | {"win7-professional", "win7-enterprise"}
    # Group C of R2 activates everything.
    assert keys["2008r2-c"] == {p["id"] for p in data.load("key_groups")["products"]}
    # A newer key activates the previous generation; an older one never the newer.
    assert keys["2008r2-a"] > keys["2008-a"]
    assert not any(p.startswith(("win7", "ws2008r2")) for p in keys["2008-c"])


@pytest.mark.parametrize("selection, expected", [
    ({"vista-business"}, "vista"),
    ({"vista-business", "ws2008-web"}, "2008-a"),
    ({"ws2008-standard", "win7-professional"}, "2008r2-b"),
    ({"ws2008-datacenter"}, "2008-c"),
    ({"win7-enterprise"}, "win7"),
    ({"ws2008r2-itanium", "vista-enterprise"}, "2008r2-c"),
])
def test_smallest_key_for_a_selection(selection, expected):
    assert key_hierarchy.smallest_key(data.load("key_groups"), selection)["id"] == expected


# --- Registry ----------------------------------------------------------------------------------

def test_every_registry_value_of_the_reference_is_present():
    names = [v["name"] for v in data.load("registry")["values"]]
    assert set(names) == REGISTRY_VALUES and len(names) == len(REGISTRY_VALUES)
    assert not {"KeyManagementServicePriority", "KeyManagementServiceWeight"} & set(names)


def test_registry_anchors_follow_the_scheme():
    assert render_registry.anchor("VLRenewalInterval") == "vlrenewalinterval"
    assert render_registry.anchor("Activation\\Manual") == "activation-manual"


def values_by_name():
    return {v["name"]: v for v in data.load("registry")["values"]}


def test_reg_add_commands_are_ready_to_paste():
    values = values_by_name()
    assert render_registry.command(values["VLRenewalInterval"], "win7") == [
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform" '
        "/v VLRenewalInterval /t REG_DWORD /d 10080 /f",
        "net stop sppsvc",
        "net start sppsvc",
    ]
    assert render_registry.command(values["DisableDnsPublishing"], "vista") == [
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SL" /v DisableDnsPublishing /t REG_DWORD /d 1 /f',
        "net stop slsvc",
        "net start slsvc",
    ]
    manual = render_registry.command(values["Activation\\Manual"], "win7")[0]
    assert manual.startswith('reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform\\Activation" /v Manual ')
    publish = render_registry.command(values["DnsDomainPublishList"], "win7")[0]
    assert '/t REG_MULTI_SZ /d "contoso.com,10,50\\0fabrikam.com,20,50" /f' in publish


# --- Activation count --------------------------------------------------------------------------

@pytest.mark.parametrize("servers, clients, count, who", SEED_COUNT_TABLE)
def test_activation_count_matches_the_seed_table(servers, clients, count, who):
    result = activation_count.host_count(clients, servers, SEED_THRESHOLDS)
    assert result.count == count
    assert (result.client_os_activates, result.server_os_activates) == {
        "none": (False, False), "servers": (False, True), "both": (True, True)}[who]


def test_count_is_capped_by_the_cmid_cache():
    # 2 x the highest threshold seen: 50 once a client OS asked, 10 with servers only.
    assert activation_count.host_count(70, 0, SEED_THRESHOLDS).count == 50
    assert activation_count.host_count(0, 14, SEED_THRESHOLDS).count == 10
    assert activation_count.host_count(1, 14, SEED_THRESHOLDS).count == 15
    assert activation_count.host_count(0, 0, SEED_THRESHOLDS).count == 0


def test_count_refuses_negative_machines():
    with pytest.raises(ValueError):
        activation_count.host_count(-1, 3, SEED_THRESHOLDS)


def test_the_seed_examples_are_in_the_data():
    examples = data.load("count_examples")["examples"]
    seed_rows = [(e["servers"], e["clients"]) for e in examples if e["origin"] == "seed"]
    assert seed_rows == [(servers, clients) for servers, clients, _, _ in SEED_COUNT_TABLE]


def test_gvlk_shortcode_quotes_one_key_and_refuses_unknown_editions():
    assert render_gvlk.render_one_gvlk(["ws2008-standard"], Context(lang="fr")) == (
        "[`TM24T-X9RMF-VWXK6-X8JC9-BFGM2`](client-setup-keys.md#ws2008-standard)")
    with pytest.raises(ShortcodeError, match="edition id"):
        render_gvlk.render_one_gvlk(["ws2008-standrad"], Context(lang="en"))
