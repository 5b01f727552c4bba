"""The activation count topic: what a KMS host's count would be and whom it would activate, the
worked examples of docs/data/count_examples.yml, and their checks.

The rule itself (host_count) is a pure function: no MkDocs, no data loading, thresholds come in as
arguments, so the same rule is ported to the browser (the count calculator) and tested against this one. The rule, from the Windows 7 planning
guidance and the 2008 worked examples:

* the host counts distinct machines (CMIDs) that asked it for activation, clients and servers in
  one shared count; the host itself is not one of them;
* it keeps at most twice the highest threshold it has seen: 2 x 25 = 50 once any client OS asked,
  2 x 5 = 10 while only servers did; so the count never exceeds that cache;
* a client OS activates when the count is at least the client threshold, a server OS when it is at
  least the server threshold.
"""

from __future__ import annotations

import dataclasses
import html

from vakb import data
from vakb.tables import html_table, table
from vakb.topics.facts import fact_value, format_number


@dataclasses.dataclass(frozen=True)
class Thresholds:
    client_os: int  # Vista / Windows 7
    server_os: int  # Server 2008 / 2008 R2


@dataclasses.dataclass(frozen=True)
class HostCount:
    count: int
    cache_size: int
    client_os_activates: bool
    server_os_activates: bool


def cache_size(client_machines: int, server_machines: int, thresholds: Thresholds) -> int:
    """CMIDs the host keeps: twice the highest threshold among the machines that asked."""
    if client_machines > 0:
        return 2 * max(thresholds.client_os, thresholds.server_os)
    if server_machines > 0:
        return 2 * thresholds.server_os
    return 0


def host_count(client_machines: int, server_machines: int, thresholds: Thresholds) -> HostCount:
    """The count a host reports for that many distinct client-OS and server-OS machines."""
    if client_machines < 0 or server_machines < 0:
        raise ValueError("machine numbers cannot be negative")
    cache = cache_size(client_machines, server_machines, thresholds)
    count = min(client_machines + server_machines, cache)
    return HostCount(
        count=count,
        cache_size=cache,
        client_os_activates=count >= thresholds.client_os,
        server_os_activates=count >= thresholds.server_os,
    )


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("count_examples")
def count_examples_are_distinct(doc):
    for index, message in data.unique(doc["examples"], "id", "example id"):
        yield ["examples", index, "id"], message
    seen = {}
    for index, example in enumerate(doc["examples"]):
        inputs = (example["clients"], example["servers"])
        if inputs in seen:
            yield ["examples", index], f"same machines as example {seen[inputs]!r}"
        seen.setdefault(inputs, example["id"])


# --- {{ table count-examples }}: the worked examples of count_examples.yml, counts computed by host_count above ---

HEADERS = {
    "en": ["Server OS machines", "Client OS machines", "KMS hosts", "Count on the host", "KMS activation available for", "Note"],
    "fr": ["Serveurs", "Postes clients", "Hôtes KMS", "Décompte sur l'hôte", "Activation KMS possible pour", "Remarque"],
}
VERDICTS = {
    (False, False): {"en": "Nobody yet", "fr": "Personne pour l'instant"},
    (False, True): {"en": "Server OS only", "fr": "Systèmes serveur uniquement"},
    (True, True): {"en": "Client and server OS", "fr": "Systèmes client et serveur"},
}
ORIGIN = {
    "seed": {"en": "2008 example", "fr": "exemple de 2008"},
    "own": {"en": "", "fr": ""},
}


def thresholds(lang: str = "en") -> Thresholds:
    return Thresholds(
        client_os=fact_value("threshold_client_os", lang)[0],
        server_os=fact_value("threshold_server_os", lang)[0],
    )


def computed_examples():
    """[(example, HostCount)] for every example of the data file."""
    limits = thresholds()
    return [
        (example, host_count(example["clients"], example["servers"], limits))
        for example in data.load("count_examples")["examples"]
    ]


@table("count-examples")
def render_count_examples(args, context):
    lang = context.lang
    rows = []
    for example, result in computed_examples():
        verdict = VERDICTS[(result.client_os_activates, result.server_os_activates)][lang]
        note = data.text(example, lang, "note") if "note" in example else ORIGIN[example["origin"]][lang]
        cells = [format_number(example["servers"], lang), format_number(example["clients"], lang),
                 str(example.get("hosts", 1)), f"<strong>{format_number(result.count, lang)}</strong>",
                 html.escape(verdict), html.escape(note)]
        rows.append((f"count-{example['id']}", cells))
    return html_table(HEADERS[lang], rows)
