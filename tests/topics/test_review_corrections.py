"""Corrections of the content review of 2026-12-07 (issue 24), guarded so they cannot come back.

1. 0x8007267C (DNS_ERROR_NO_DNS_SERVERS) happens first on the computer that activates: Microsoft's
   KB2009462 says activation fails with it when *that* machine has no DNS server configured and
   has you run `ipconfig /all` on it. The KMS host case (event 12293) comes second.

The tests read the data files, in both languages, so they fail before a build.
"""

from __future__ import annotations

import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "data"
LANGS = ("en", "fr")


def _load(name: str) -> dict:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def _error(code: str) -> dict:
    return next(entry for entry in _load("errors")["errors"] if entry["code"] == code)


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
    tags = {source["tag"] for source in _load("sources")["sources"]}
    assert {"KB2009462", "KMSISSUES"} <= tags


def test_0x8007267c_shows_up_on_the_client_before_the_host_event():
    seen_in = _error("0x8007267C")["seen_in"]
    assert seen_in[:2] == ["slmgr", "activation-ui"]
    assert "event-host-dns" in seen_in
