"""Three statements of issue 16 that sent admins the wrong way, guarded so they cannot come back.

1. DNS publishing events (12293 failure, 12294 success) are written in the host's *Application*
   log; only 12290 goes to the *Key Management Service* log (Windows 7 Volume Activation Technical
   Reference, "Windows Event Log"; KB2553863).
2. Event 12289 does not say "a result code of 0 means success": its HRESULT can be 0x0 while the
   client is not activated. What tells is the activated flag (3rd field, 1 or 0) and the host's
   current count (5th field) (same reference, Table 11).
3. A server edition hosts a KMS key of its own group or a *higher* one: the key_groups.yml host lists
   say so, and the prose of key-groups must say the same (the rule is derived from the data here).

The tests read the page sources and the data files, in both languages, so they fail before a build.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, read_yaml
from vakb import data

DOCS = ROOT / "docs"
DATA = DOCS / "data"
LANGS = ("en", "fr")


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each table row and list item on its own: one statement each."""
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.splitlines()
        if any(line.lstrip().startswith(("|", "- ", "* ")) for line in lines):
            current: list[str] = []
            for line in lines:
                if line.lstrip().startswith(("|", "- ", "* ")) and current:
                    blocks.append(" ".join(current))
                    current = []
                current.append(line.strip())
            if current:
                blocks.append(" ".join(current))
        else:
            blocks.append(" ".join(line.strip() for line in lines))
    return blocks


def _strings(node) -> list[str]:
    """Every text string of a YAML document, wherever it sits."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _statements() -> list[tuple[str, str]]:
    """(where, statement) for every page paragraph and every data string, both languages."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for block in _paragraphs(page.read_text(encoding="utf-8")):
            found.append((str(page.relative_to(ROOT)), block))
    for data_file in sorted(DATA.glob("*.yml")):
        for text in _strings(read_yaml(data_file)):
            found.append((str(data_file.relative_to(ROOT)), text))
    return found


STATEMENTS = _statements()
FACTS = data.load("facts")
DNS_EVENTS = (FACTS["event_host_dns_failure"]["value"], FACTS["event_host_dns_success"]["value"])
RESPONSE_EVENT = FACTS["event_client_response"]["value"]


def _mentions(statement: str, fact_names: tuple[str, ...], numbers: tuple[int, ...]) -> bool:
    return any(f"fact {name}" in statement for name in fact_names) or any(
        re.search(rf"(?<!\d){n}(?!\d)", statement) for n in numbers)


# A place an event is said to be written in: "*Key Management Service* log", "journal *Key Management
# Service*", "Key Management Service event log". The name of the service alone is not a log.
KMS_LOG = re.compile(r"Key Management Service\**\s+(event\s+)?log|journal\s+(d'événements\s+)?\**Key Management Service",
                     re.IGNORECASE)
APPLICATION_LOG = re.compile(r"Application\**\s+(event\s+)?log|journal\s+(d'événements\s+)?\**Application", re.IGNORECASE)


def test_the_dns_publishing_events_are_placed_in_the_application_log():
    about_dns_events = [(where, s) for where, s in STATEMENTS
                        if _mentions(s, ("event_host_dns_failure", "event_host_dns_success"), DNS_EVENTS)]
    assert about_dns_events, "no page or data file mentions the DNS publishing events any more"
    wrong = [(where, s) for where, s in about_dns_events
             if KMS_LOG.search(s) and not APPLICATION_LOG.search(s)]
    assert not wrong, "events 12293/12294 are in the host's Application log, not the Key Management Service log:\n" + \
        "\n".join(f"{where}: {s[:160]}" for where, s in wrong)


def test_the_dns_publishing_channel_of_the_error_pages_names_the_application_log():
    channel = data.load("errors")["channels"]["event-host-dns"]
    assert APPLICATION_LOG.search(channel["en"]) and not KMS_LOG.search(channel["en"])
    assert APPLICATION_LOG.search(channel["fr"]) and not KMS_LOG.search(channel["fr"])


# "a result code of 0 means success", "0x0 = success", « un code de résultat 0 signifie la réussite ».
ZERO_MEANS_SUCCESS = re.compile(
    r"(result|résultat|hresult|code)[^.;:|]*\b0(x0)?\b[^.;|]*(success|succeeded|réussite|réussi)"
    r"|\b0(x0)?\b\s*(=|means|signifie)\s*(success|la réussite)", re.IGNORECASE)


def test_no_statement_reads_event_12289_as_zero_means_success():
    about_response = [(where, s) for where, s in STATEMENTS
                      if _mentions(s, ("event_client_response",), (RESPONSE_EVENT,))]
    assert about_response
    wrong = [(where, s) for where, s in about_response if ZERO_MEANS_SUCCESS.search(s)]
    assert not wrong, "12289 can carry 0x0 for a client that is not activated:\n" + \
        "\n".join(f"{where}: {s[:160]}" for where, s in wrong)


# What each language must tell the reader to look at: the activated flag and the host's count.
RESPONSE_FIELDS = {
    "en": (re.compile(r"activated flag", re.I), re.compile(r"\bcount\b", re.I)),
    "fr": (re.compile(r"indicateur d'activation", re.I), re.compile(r"décompte", re.I)),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_response_channel_and_the_events_table_name_the_activated_flag_and_the_count(lang):
    flag, count = RESPONSE_FIELDS[lang]
    channel = data.load("errors")["channels"]["event-client-response"][lang]
    assert flag.search(channel) and count.search(channel), channel
    page = (DOCS / f"client-activation.{lang}.md").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines()
               if line.startswith("|") and "fact event_client_response" in line)
    assert flag.search(row) and count.search(row), row


# ---------------------------------------------------------------- key groups: prose versus data

# How each language words the two possible rules for "which keys an edition can host".
RULE_WORDS = {
    "en": {"higher": "own group or a higher one", "lower": "or of a lower"},
    "fr": {"higher": "son propre groupe ou d'un groupe supérieur", "lower": "ou d'un groupe de serveurs inférieur"},
}


def _hosting_rule_from_data() -> str:
    """'higher' if every listed host edition sits in the key's group or a lower one, so that an edition
    hosts keys of its own group or higher; 'lower' for the opposite. Fails when the data says neither."""
    key_groups = data.load("key_groups")
    rank = {g["id"]: g["rank"] for g in key_groups["groups"]}
    product_rank = {p["id"]: rank[p["group"]] for p in key_groups["products"]}
    comparisons = set()
    for key in key_groups["keys"]:
        for host in key["hosts"]:
            for edition in host.get("editions", []):
                difference = product_rank[edition] - key["rank"]
                comparisons.add((difference > 0) - (difference < 0))
    assert comparisons, "key_groups.yml lists no host editions to derive the rule from"
    if comparisons <= {0, -1} and -1 in comparisons:
        return "higher"
    if comparisons <= {0, 1} and 1 in comparisons:
        return "lower"
    pytest.fail(f"key_groups.yml host editions follow no single rule: {sorted(comparisons)}")


def _hosts_section(lang: str) -> str:
    page = (DOCS / f"key-groups.{lang}.md").read_text(encoding="utf-8")
    section = page.split("{ #hosts }", 1)[1]
    return " ".join(re.split(r"\n## ", section, maxsplit=1)[0].split())


def test_host_editions_in_the_data_exist_and_share_the_key_generation():
    key_groups = data.load("key_groups")
    products = {p["id"]: p for p in key_groups["products"]}
    for key in key_groups["keys"]:
        for host in key["hosts"]:
            for edition in host.get("editions", []):
                assert edition in products, f"{key['id']}: unknown edition {edition}"
                assert products[edition]["generation"] == key["generation"], (key["id"], edition)


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_groups_prose_states_the_rule_the_data_follows(lang):
    rule = _hosting_rule_from_data()
    opposite = "lower" if rule == "higher" else "higher"
    section = _hosts_section(lang)
    assert RULE_WORDS[lang][rule] in section, f"key-groups.{lang}.md must say: {RULE_WORDS[lang][rule]!r}"
    assert RULE_WORDS[lang][opposite] not in section


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_groups_example_is_a_host_the_data_lists(lang):
    """The prose gives Web (group A) as a host of a group B key; the data must list it."""
    key_groups = data.load("key_groups")
    key_b = next(k for k in key_groups["keys"] if k["id"] == "2008-b")
    assert "ws2008-web" in {e for host in key_b["hosts"] for e in host.get("editions", [])}
    assert "Web" in _hosts_section(lang)


# ---------------------------------------------------------------- smaller review leads, kept fixed

def test_no_firewall_command_selects_a_rule_by_its_display_name():
    """Built-in rule names are translated ('Key Management Service (TCP-In)' does not exist on French
    Windows): open the port with a rule of its own, identified by localport, instead."""
    by_name = re.compile(r"netsh\s+advfirewall\s+firewall\s+set\s+rule\s+name=", re.IGNORECASE)
    wrong = [where for where, s in STATEMENTS if by_name.search(s)]
    assert not wrong, wrong


def test_office_2010_is_not_rearmed_with_ospp_vbs():
    """Office 2010 rearms with ospprearm.exe; ospp.vbs /rearm belongs to Office 2013 and later.
    ospp.yml lists /rearm for the later versions, marked as not Office 2010's."""
    switches = {item["switch"]: item["office2010"] for item in data.load("ospp")["switches"]}
    assert switches["/rearm"] == "not-2010", switches
