"""Corrections of the content review of 2026-12-07 (issue 24), guarded so they cannot come back.

1. 0x8007267C (DNS_ERROR_NO_DNS_SERVERS) happens first on the computer that activates: Microsoft's
   KB2009462 says activation fails with it when *that* machine has no DNS server configured and
   has you run `ipconfig /all` on it. The KMS host case (event 12293) comes second.
2. Event 8198 shows the text Windows writes (`License Activation (slui.exe) failed with the following
   error code: hr=...`), not the paraphrase of Microsoft's article; 12290 gives the export command.
3. A KMS host's channel can be bare `VOLUME_KMS` (the Office 2010 KMS host licence): the channel
   pattern takes it, and never takes `VOLUME_KMSCLIENT`.
4. Two claims public reports contradict are shown with what each source says: the DHCP domain of
   workgroup clients against a primary DNS suffix, and the unlimited rearm of KMS client images
   against the limit of 3.

The tests read the page sources and the data files, in both languages, so they fail before a build.
"""

from __future__ import annotations

import re

from conftest import ROOT
from vakb import data

DOCS = ROOT / "docs"
LANGS = ("en", "fr")


def _error(code: str) -> dict:
    return next(entry for entry in data.load("errors")["errors"] if entry["code"] == code)


def test_0x8007267c_starts_with_the_activating_machine_dns_configuration():
    entry = _error("0x8007267C")
    first_cause, first_step = entry["causes"][0], entry["fix"][0]
    words = {
        "en": ("trying to activate", "DNS server"),
        "fr": ("tente de s'activer", "serveur DNS"),
    }
    for lang in LANGS:
        for needle in words[lang]:
            assert needle in first_cause[lang], (lang, first_cause[lang])
        assert "KMS host" not in first_cause["en"].split("(")[0]
    assert "ipconfig /all" in first_step["command"]
    for lang in LANGS:
        assert "hôte" not in first_step[lang] and "host" not in first_step[lang], first_step[lang]
    # The host publishing case is still there, after the client one.
    assert any("12293" in str(cause) or "event_host_dns_failure" in cause["en"] for cause in entry["causes"][1:])


def test_0x8007267c_cites_the_articles_that_discuss_the_code():
    entry = _error("0x8007267C")
    assert "KB2009462" in entry["sources"]
    assert "KMSISSUES" in entry["sources"]
    # KMSGEN never mentions the code: it must not be cited for it.
    assert "KMSGEN" not in entry["sources"]
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    assert {"KB2009462", "KMSISSUES"} <= tags


def test_0x8007267c_shows_up_on_the_client_before_the_host_event():
    seen_in = _error("0x8007267C")["seen_in"]
    assert seen_in[:2] == ["slmgr", "activation-ui"]
    assert "event-host-dns" in seen_in


def _event(event_id: int) -> dict:
    return next(entry for entry in data.load("events")["events"] if entry["id"] == event_id)


def test_event_8198_message_is_the_windows_text_not_the_article_paraphrase():
    entry = _event(8198)
    assert entry["message"].startswith("License Activation (slui.exe) failed with the following error code:")
    assert "hr=" in entry["message"]
    assert "couldn't be activated" not in entry["message"]
    assert "hr=0x" in entry["example"]["text"]


def test_event_12290_gives_the_command_to_export_the_kms_log():
    commands = [step.get("command", "") for step in _event(12290)["next_steps"]]
    assert any(command.startswith('wevtutil epl "Key Management Service" ') for command in commands)


def test_the_provider_note_names_security_spp_for_windows_7():
    provider = data.load("events")["providers"]["licensing"]
    for lang in LANGS:
        assert "Microsoft-Windows-Security-SPP" in provider[lang]
        assert "12290" in provider[lang]


def test_kms_host_channel_takes_bare_volume_kms_and_never_the_client_channel():
    channels = {channel["id"]: channel for channel in data.load("slmgr_output")["channels"]}
    host = re.compile(channels["kms-host"]["pattern"])
    assert host.search("Microsoft Office 2010 KMS, VOLUME_KMS channel")
    assert host.search("Windows(R), VOLUME_KMS_R2_C channel")
    assert not host.search("Windows(R) 7, VOLUME_KMSCLIENT channel")


def _section(page: str, anchor: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    match = re.search(r"^#+ .*\{ #" + re.escape(anchor) + r" \}\n(.*?)(?=^#+ |\Z)", text, re.S | re.M)
    assert match, (page, anchor)
    return match.group(1)


def _each_language_says(page: str, anchor: str, needles: dict[str, tuple[str, ...]]):
    """Each language's section `anchor` of `page` ("...{lang}.md") holds that language's needles."""
    for lang in LANGS:
        section = _section(page.format(lang=lang), anchor)
        for needle in needles[lang]:
            assert needle in section, (lang, needle)


def test_workgroup_suffix_section_sets_microsoft_against_the_field_reports():
    _each_language_says("troubleshooting/clients-cannot-find-host.{lang}.md", "workgroup-suffix", {
        "en": ("option 15", "primary", "0x8007007B", "Microsoft"),
        "fr": ("option 15", "principal", "0x8007007B", "Microsoft"),
    })
    for lang in LANGS:
        assert "src-com-suffix" in (DOCS / f"troubleshooting/clients-cannot-find-host.{lang}.md").read_text(encoding="utf-8")


def test_unlimited_rearm_claim_is_shown_against_the_limit_of_three():
    _each_language_says("kms-mak-rearm.{lang}.md", "kms-image-rearm-limit", {
        "en": ("unlimited number of times", "KB929828", "3 times", "not confirmed"),
        "fr": ("nombre illimité de fois", "KB929828", "3 fois", "pas confirmé"),
    })
    # The claim is no longer stated as a plain fact anywhere else.
    for lang, words in (("en", "rearmed without limit"), ("fr", "réarmée sans limite")):
        for page in DOCS.rglob(f"*.{lang}.md"):
            assert words not in page.read_text(encoding="utf-8"), page


def test_office_2010_host_license_pack_is_a_step_with_its_activation_id_and_the_upk_warning():
    actid = data.load("facts")["office_2010_kms_host_actid"]["value"]
    assert actid == "bfe7a195-4f8f-4f0b-a622-cf13c7d16864"
    for lang in LANGS:
        step = _section(f"troubleshooting/office-2010.{lang}.md", "step-1-host-prerequisites")
        assert "Office 2010 KMS Host License Pack" in step
        assert "{{ fact office_2010_kms_host_actid }}" in step
        assert "confirm" not in step.lower(), "the host licence pack is confirmed by Microsoft's article"
        key_step = _section(f"troubleshooting/office-2010.{lang}.md", "step-2-office-host-key")
        assert "/upk {{ fact office_2010_kms_host_actid }}" in key_step
        assert "Windows" in key_step
        remove = _section(f"troubleshooting/kms-host-changes.{lang}.md", "step-4-remove-a-host")
        assert "/upk {{ fact office_2010_kms_host_actid }}" in remove


def test_removing_a_host_restarts_the_licensing_service_after_the_new_key():
    for lang in LANGS:
        remove = _section(f"troubleshooting/kms-host-changes.{lang}.md", "step-4-remove-a-host")
        assert "net stop {{ fact service_win7_short }} && net start {{ fact service_win7_short }}" in remove
        revert = _section(f"kms-mak-rearm.{lang}.md", "revert-kms-host-key")
        ipk, restart = revert.index("/ipk"), revert.index("net stop {{ fact service_win7_short }}")
        assert ipk < restart < revert.index("/ato", ipk)


def test_a_failed_host_replaced_says_what_happens_to_its_srv_record_and_clients():
    needles = {"en": ("same computer name and IP address", "scavenging", "/skms"),
               "fr": ("même nom d'ordinateur et la même adresse IP", "nettoyage", "/skms")}
    for lang in LANGS:
        step = _section(f"troubleshooting/kms-host-changes.{lang}.md", "step-3-replace-a-host")
        for needle in needles[lang]:
            assert needle in step, (lang, needle)


def test_duplicate_cmids_step_tells_a_generalized_image_from_one_that_was_not():
    for lang in LANGS:
        step = _section(f"troubleshooting/count-not-growing.{lang}.md", "step-2-duplicate-cmids")
        assert "setupact.log" in step and "'GENERALIZE'" in step
        assert "KB929829" in step


def test_every_netsh_winhttp_step_says_it_is_a_lead():
    """Review C4: no Microsoft page read says which proxy setting activation uses, so each step that
    runs `netsh winhttp show proxy` says so, in both languages (0x80072EE2 and 0x80072EE7)."""
    steps = [(entry["code"], step) for entry in data.load("errors")["errors"] for step in entry.get("fix", [])
             if "netsh winhttp" in step.get("command", "")]
    assert {code for code, _ in steps} >= {"0x80072EE2", "0x80072EE7"}
    for code, step in steps:
        assert "lead" in step["en"] and "piste" in step["fr"], code
