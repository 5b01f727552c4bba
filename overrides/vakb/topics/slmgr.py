"""slmgr.vbs reference from docs/data/slmgr.yml, in the page's language.

    {{ slmgr_reference }}     one section per switch, grouped by task, each with its anchor (#ato)
    {{ table slmgr }}         one-glance summary: switch, what it does, machine, elevation, versions
    {{ table slmgr-later }}   switches of Windows 8 / 2012 and later (absent from these versions)
    {{ slmgr ato }}           link to one switch from any page: `slmgr /ato` -> slmgr/#ato

The reference, the summary, the link and the common checks are those of every script's switch
reference (script_switches.py, shared with ospp.vbs); this module holds what is slmgr's own.
"""

import html

from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import Context
from vakb.topics import script_switches
from vakb.topics.script_switches import inline

LABELS = {
    "en": {
        "runs_on": "Runs on",
        "elevation": "Elevation",
        "versions": "Versions",
        "note": "Note",
        "summary_headers": ["Switch", "What it does", "Runs on", "Elevation", "Versions"],
        "later_headers": ["Switches", "Since", "Purpose"],
    },
    "fr": {
        "runs_on": "S'exécute sur",
        "elevation": "Élévation",
        "versions": "Versions",
        "note": "Remarque",
        "summary_headers": ["Option", "Effet", "S'exécute sur", "Élévation", "Versions"],
        "later_headers": ["Options", "Depuis", "Usage"],
    },
}

ROLE = {
    "any": {"en": "any machine", "fr": "toute machine"},
    "kms-client": {"en": "KMS client", "fr": "client KMS"},
    "kms-host": {"en": "KMS host", "fr": "hôte KMS"},
    "token": {"en": "token-activated machine", "fr": "machine activée par jeton"},
}

ELEVATION = {
    "required": {"en": "required", "fr": "requise"},
    "not-required": {"en": "not required", "fr": "non requise"},
    "kms-only": {
        "en": "not for KMS activation; required for online activation",
        "fr": "non pour l'activation KMS ; requise pour l'activation en ligne",
    },
    "not-stated": {"en": "not stated by Microsoft", "fr": "non précisée par Microsoft"},
}

VERSIONS = {
    "all": {"en": "Vista, 2008, 7, 2008 R2", "fr": "Vista, 2008, 7, 2008 R2"},
    "win7-reference": {
        "en": "documented for 7 / 2008 R2 (Vista: check slmgr.vbs /?)",
        "fr": "documentée pour 7 / 2008 R2 (Vista : vérifier slmgr.vbs /?)",
    },
    "win7": {"en": "Windows 7 / 2008 R2 only", "fr": "Windows 7 / 2008 R2 uniquement"},
}


def facts(entry: dict, context: Context) -> list[tuple[str, str]]:
    labels, lang = LABELS[context.lang], context.lang
    return [(labels["runs_on"], ROLE[entry["role"]][lang]),
            (labels["elevation"], ELEVATION[entry["elevation"]][lang]),
            (labels["versions"], VERSIONS[entry["versions"]][lang])]


def summary_cells(entry: dict, lang: str) -> list[str]:
    return [ROLE[entry["role"]][lang], ELEVATION[entry["elevation"]][lang], VERSIONS[entry["versions"]][lang]]


SLMGR = script_switches.Script(
    name="slmgr",
    command="slmgr",
    syntax=lambda entry, lang: entry["syntax"],
    facts=facts,
    summary_headers={lang: labels["summary_headers"] for lang, labels in LABELS.items()},
    summary_cells=summary_cells,
)


# {{ slmgr_reference }}, {{ table slmgr }} and {{ slmgr <switch> }}
render_reference, render_summary, render_link = script_switches.register(SLMGR)


@table("slmgr-later")
def render_later(args, context):
    lang = context.lang
    rows = [
        (None, [
            ", ".join(f"<code>{html.escape(s)}</code>" for s in item["switches"]),
            html.escape(item["since"]),
            inline(data.text(item, lang)),
        ])
        for item in data.load("slmgr")["later_only"]
    ]
    return html_table(LABELS[lang]["later_headers"], rows)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

# --- slmgr.yml, glossary.yml, sources.yml (issue 4: slmgr, glossary and sources pages) ---

@data.check("slmgr")
def slmgr_switches_are_consistent(doc):
    yield from script_switches.problems(doc)
    present = {entry["switch"] for entry in doc["switches"]}
    for index, item in enumerate(doc["later_only"]):
        for name in item["switches"]:
            if name in present:
                yield ["later_only", index], f"{name} is listed both as present and as later-only"
