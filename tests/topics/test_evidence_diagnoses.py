"""The analyzer's diagnoses (docs/data/diagnoses.yml): every rule links an anchor the built site
has, in both languages, and every step of the troubleshooting guides is reached by a rule or listed
as not diagnosable from a paste. The data check (vakb/topics/evidence.py) is called on small
documents; what the rules conclude is tested in Node (tests/js/diagnoses.test.js).
"""

from __future__ import annotations

import copy
import re

import pytest

from vakb import data
from vakb.topics import evidence
from vakb.topics.errors import codes as error_codes

LANGS = {"en": "", "fr": "fr/"}


def ids_in(site_dir, page: str, lang: str) -> set[str]:
    path = site_dir / LANGS[lang] / page / "index.html"
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8"))) if path.exists() else set()


def rule_targets() -> list[str]:
    """Every page#anchor a rule can link; errors/{code}/ stands for every documented code."""
    targets = []
    for rule in data.load("diagnoses")["rules"]:
        if "{code}" in rule["link"]:
            targets += [rule["link"].replace("{code}", e["code"].lower()) for e in error_codes.entries()]
        else:
            targets.append(rule["link"])
    return targets


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_links_an_anchor_of_the_built_site(site_dir, lang):
    missing = []
    for target in rule_targets():
        page, anchor = target.split("/#")
        if anchor not in ids_in(site_dir, page, lang):
            missing.append(f"{LANGS[lang]}{target}")
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_step_is_reached_by_a_rule_or_said_not_diagnosable(site_dir, lang):
    doc = data.load("diagnoses")
    reached = {rule["link"] for rule in doc["rules"]}
    excused = {entry["step"] for entry in doc["not_diagnosable"]}
    guides = sorted(p.parent.name for p in (site_dir / LANGS[lang] / "troubleshooting").glob("*/index.html"))
    assert len(guides) >= 6, guides
    steps = {f"troubleshooting/{guide}/#{anchor}" for guide in guides
             for anchor in ids_in(site_dir, f"troubleshooting/{guide}", lang) if re.fullmatch(r"step-\d+-[a-z0-9-]+", anchor)}
    assert len(steps) > 30
    assert not steps - reached - excused, sorted(steps - reached - excused)
    assert not (reached | excused) & {s for s in reached | excused if s.startswith("troubleshooting/")} - steps
    assert not reached & excused


def problems_of(doc) -> list[str]:
    return [message for check in data.CHECKS["diagnoses"] for _, message in check(doc)]


def test_the_data_check_accepts_the_file_and_refuses_what_does_not_hold():
    doc = data.load("diagnoses")
    assert problems_of(doc) == []
    cases = [
        (lambda d: d["rules"][0].__setitem__("link", "troubleshooting/client-not-activating/#step-9-nowhere"), "no heading"),
        (lambda d: d["rules"][0]["when"].__setitem__("status", ["asleep"]), "unknown status"),
        (lambda d: d["rules"][0]["when"].__setitem__("reason", ["0xC004F0FF"]), "has no page"),
        (lambda d: d["rules"][0]["message"].__setitem__("fr", d["rules"][0]["message"]["fr"] + " {host}"), "French"),
        (lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])), "duplicate rule id"),
        (lambda d: d["not_diagnosable"].append({"step": d["rules"][0]["link"], "why": "it is linked all the same"}), "diagnosable"),
        (lambda d: d["rules"].__setitem__(slice(None), [r for r in d["rules"] if r["severity"] != "ok"]), "severity ok"),
    ]
    for change, expected in cases:
        broken = copy.deepcopy(doc)
        change(broken)
        found = problems_of(broken)
        assert any(expected in p for p in found), (expected, found)


def test_the_payload_carries_the_rules_and_each_documented_code_its_first_step():
    payload = evidence.payload()
    assert payload["diagnoses"] == data.load("diagnoses")
    documented = [e for e in payload["errors"] if e["documented"]]
    assert documented and all(e["first_step"]["en"] and e["first_step"]["fr"] for e in documented)
    assert not any("{{" in e["first_step"][lang] for e in documented for lang in ("en", "fr"))


# How the rules read to a helpdesk agent and a French administrator: the first step is an action
# (it starts with what to do, not with a condition or "nothing to fix"), messages are short, and the
# French says it in French: a host set with /skms is "spécifié", as Microsoft's French slmgr.vbs
# reference says it (not "fixé à la main"), and slmgr's English output is not quoted.
FIRST_VERBS = {
    "en": {"Install", "Resynchronise", "Check", "Run", "Read", "Look", "Connect", "List", "Start", "Turn"},
    "fr": {"Installez", "Resynchronisez", "Vérifiez", "Exécutez", "Lisez", "Cherchez", "Connectez", "Listez",
           "Commencez", "Réactivez"},
}
MAX_MESSAGE = 180  # characters of a message as written, before its values go in


@pytest.mark.parametrize("lang", LANGS)
def test_each_first_step_starts_with_what_to_do(lang):
    for rule in data.load("diagnoses")["rules"]:
        if rule["severity"] == "ok" or "first_step" not in rule:
            continue
        first_word = rule["first_step"][lang].split()[0]
        assert first_word in FIRST_VERBS[lang], f"{rule['id']} ({lang}): {rule['first_step'][lang]!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_messages_are_short_and_french_is_french(lang):
    for rule in data.load("diagnoses")["rules"]:
        message = rule["message"][lang]
        assert len(message) <= MAX_MESSAGE, f"{rule['id']} ({lang}): {len(message)} characters"
        if lang == "fr":
            text = message + " " + rule.get("first_step", {}).get("fr", "")
            assert "à la main" not in text, f"{rule['id']}: Microsoft's French says « spécifié » for /skms"
            assert "KMS name not available" not in text, f"{rule['id']}: an English quotation in French"
