"""ospp.vbs reference (Office 2010's licensing script) from docs/data/ospp.yml, in the page's language.

    {{ ospp_reference }}   one section per group and per switch, each switch with its anchor (#dcmid)
    {{ table ospp }}       one-glance summary: switch, what it does, whether it is Office 2010's
    {{ ospp dcmid }}       link to one switch from any page: `ospp.vbs /dcmid` -> ospp/#dcmid

The reference, the summary, the link and the common checks are those of every script's switch
reference (script_switches.py, shared with slmgr.vbs); this module holds what is ospp's own.
"""

import html

from vakb import data
from vakb.shortcodes import Context
from vakb.topics import script_switches
from vakb.topics.sources import source_links

LABELS = {
    "en": {"office2010": "Office 2010", "sources": "Sources", "headers": ["Switch", "What it does", "Office 2010"]},
    "fr": {"office2010": "Office 2010", "sources": "Sources", "headers": ["Option", "Effet", "Office 2010"]},
}
OFFICE2010 = {
    "named": {"en": "named for Office 2010 by the sources", "fr": "citée pour Office 2010 par les sources"},
    "later-doc": {
        "en": "documented by Microsoft for later Office versions; not confirmed for Office 2010 (check `cscript ospp.vbs /?`)",
        "fr": "documentée par Microsoft pour les versions ultérieures d'Office ; non confirmée pour Office 2010 (vérifiez `cscript ospp.vbs /?`)",
    },
    "not-2010": {"en": "not for Office 2010 on these systems", "fr": "pas pour Office 2010 sur ces systèmes"},
}
SHORT = {
    "named": {"en": "yes", "fr": "oui"},
    "later-doc": {"en": "not confirmed", "fr": "non confirmée"},
    "not-2010": {"en": "no", "fr": "non"},
}


def syntax(entry: dict, lang: str) -> str:
    value = f":{data.text(entry, lang, 'value')}" if "value" in entry else ""
    return f"cscript ospp.vbs {entry['switch']}{value}"


def facts(entry: dict, context: Context) -> list[tuple[str, str]]:
    labels, lang = LABELS[context.lang], context.lang
    return [(labels["office2010"], OFFICE2010[entry["office2010"]][lang]),
            (labels["sources"], source_links(entry["sources"], context))]


OSPP = script_switches.Script(
    name="ospp",
    command="ospp.vbs",
    syntax=syntax,
    facts=facts,
    summary_headers={lang: labels["headers"] for lang, labels in LABELS.items()},
    summary_cells=lambda entry, lang: [html.escape(SHORT[entry["office2010"]][lang])],
)


# {{ ospp_reference }}, {{ table ospp }} and {{ ospp <switch> }}
render_reference, render_summary, render_link = script_switches.register(OSPP)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("ospp")
def ospp_switches_are_consistent(doc):
    yield from script_switches.problems(doc)
    tags = {s["tag"] for s in data.load("sources")["sources"]}
    for index, entry in enumerate(doc["switches"]):
        for tag in entry["sources"]:
            if tag not in tags:
                yield ["switches", index, "sources"], f"unknown source tag {tag!r} (see sources.yml)"
