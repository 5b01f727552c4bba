"""The WMI reference (wmi/): the data against Microsoft's member list and slmgr, and the built pages
against the data, in both languages.

Expected names come from Microsoft's "WMI Properties and Methods" table of the Windows 7 / 2008 R2
Volume Activation Technical Reference (copied below, names only), never from the build's output.
"""

from __future__ import annotations

import copy
import html
import re

import pytest

from vakb import data
from vakb.topics import wmi

LANGS = ("en", "fr")
PREFIX = {"en": "", "fr": "fr/"}

# Member names of Table 12 (ff793441) that this page documents, per class (a subset of the table:
# the ones slmgr.vbs reads or calls). A name here missing from wmi.yml, or typed differently, fails.
TABLE_12 = {
    "service": {
        "Version", "KeyManagementServiceMachine", "IsKeyManagementServiceMachine", "VLActivationInterval",
        "VLRenewalInterval", "KeyManagementServiceCurrentCount", "RequiredClientCount", "ClientMachineID",
        "RemainingWindowsReArmCount", "KeyManagementServiceListeningPort", "KeyManagementServiceDnsPublishing",
        "KeyManagementServiceLowPriority", "KeyManagementServiceHostCaching", "KeyManagementServiceTotalRequests",
        "KeyManagementServiceFailedRequests",
        "InstallProductKey", "SetKeyManagementServiceMachine", "ClearKeyManagementServiceMachine",
        "SetKeyManagementServicePort", "SetVLActivationInterval", "SetVLRenewalInterval",
        "ClearProductKeyFromRegistry", "ReArmWindows", "RefreshLicenseStatus",
        "DisableKeyManagementServiceDnsPublishing",
    },
    "product": {
        "ID", "Name", "Description", "ApplicationID", "LicenseStatus", "LicenseStatusReason",
        "GracePeriodRemaining", "EvaluationEndDate", "OfflineInstallationId", "PartialProductKey", "ProductKeyID",
        "KeyManagementServicePort", "DiscoveredKeyManagementServiceMachineName",
        "DiscoveredKeyManagementServiceMachinePort",
        "UninstallProductKey", "Activate", "DepositOfflineConfirmationId",
    },
}


def members() -> list:
    return data.load("wmi")["members"]


def page(built_pages, lang: str) -> str:
    return built_pages[f"{PREFIX[lang]}wmi/"].read_text(encoding="utf-8")


def code_blocks(page_html: str) -> list[str]:
    """The text of every code block of a built page, as a reader copies it."""
    blocks = re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", page_html, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks]


# ---- the data --------------------------------------------------------------------------------

def test_the_members_are_those_of_microsofts_table_in_their_class():
    found = {cls: {m["name"] for m in members() if m["class"] == cls} for cls in TABLE_12}
    assert found == TABLE_12


def test_license_status_values_are_those_of_the_slmgr_output_statuses():
    status = next(m for m in members() if m["name"] == "LicenseStatus")
    values = [int(v["value"]) for v in status["values"]]
    assert values == list(range(7))  # 0 Unlicensed ... 6 Extended grace
    statuses = sorted(s["wmi"] for s in data.load("slmgr_output")["statuses"])
    assert values == statuses


def test_grace_period_remaining_is_in_minutes():
    grace = next(m for m in members() if m["name"] == "GracePeriodRemaining")
    assert "minute" in grace["meaning"]["en"].lower() and "minute" in grace["meaning"]["fr"].lower()


def test_every_member_names_an_slmgr_switch_that_exists():
    switches = {s["id"] for s in data.load("slmgr")["switches"]}
    for member in members():
        assert member["slmgr"], member["name"]
        assert set(member["slmgr"]) <= switches, member["name"]


def problems(document) -> list[str]:
    return [message for check in data.CHECKS["wmi"] for _, message in check(document)]


def test_checks_refuse_a_duplicate_member_and_an_unknown_switch():
    document = copy.deepcopy(data.load("wmi"))
    assert problems(document) == []
    document["members"].append(copy.deepcopy(document["members"][0]))
    document["members"][1]["slmgr"] = ["nosuchswitch"]
    found = problems(document)
    assert any("duplicate member" in p for p in found), found
    assert any("nosuchswitch" in p for p in found), found


def test_commands_are_written_from_the_data():
    status = next(m for m in members() if m["name"] == "LicenseStatus")
    app = data.load("wmi")["windows_application_id"]
    cmds = wmi.commands(status)
    assert cmds["wmic"][0] == (f'wmic path SoftwareLicensingProduct where "ApplicationID=\'{app}\' and '
                               'PartialProductKey is not null" get Name,LicenseStatus')
    assert cmds["wmic"][1].startswith("wmic /node:<computer> path SoftwareLicensingProduct ")
    assert cmds["powershell"][1].startswith("Get-WmiObject -Class SoftwareLicensingProduct -ComputerName <computer> ")
    count = next(m for m in members() if m["name"] == "KeyManagementServiceCurrentCount")
    assert wmi.commands(count)["powershell"][0] == (
        "Get-WmiObject -Class SoftwareLicensingService | Select-Object KeyManagementServiceCurrentCount")
    install = next(m for m in members() if m["name"] == "InstallProductKey")
    assert wmi.commands(install)["wmic"][0] == 'wmic path SoftwareLicensingService call InstallProductKey "<product key>"'
    assert wmi.commands(install)["powershell"][1] == (
        '(Get-WmiObject -Class SoftwareLicensingService -ComputerName <computer>).InstallProductKey("<product key>")')


# ---- the built pages -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_member_has_its_anchor_and_its_commands_in_each_language(built_pages, lang):
    text = page(built_pages, lang)
    blocks = "\n".join(code_blocks(text))
    for member in members():
        assert f'id="{wmi.anchor(member)}"' in text, (lang, member["name"])
        for command in wmi.commands(member)["wmic"] + wmi.commands(member)["powershell"]:
            assert command in blocks, (lang, command)


def test_commands_are_the_same_bytes_in_both_languages(built_pages):
    english, french = (code_blocks(page(built_pages, lang)) for lang in LANGS)
    assert len(english) >= 2 * len(members())
    assert english == french


@pytest.mark.parametrize("lang", LANGS)
def test_wmi_is_linked_where_a_reader_looks(built_pages, lang):
    for slug in ("slmgr", "kms-mak-rearm", "client-activation", "slmgr-output"):
        text = built_pages[f"{PREFIX[lang]}{slug}/"].read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)+wmi/(#[a-z]+)?"', text), (lang, slug)
