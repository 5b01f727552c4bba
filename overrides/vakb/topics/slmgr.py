"""slmgr.vbs reference from docs/data/slmgr.yml, in the page's language.

    {{ slmgr_reference }}     one section per switch, grouped by task, each with its anchor (#ato)
    {{ table slmgr }}         one-glance summary: switch, what it does, machine, elevation, versions
    {{ table slmgr-later }}   switches of Windows 8 / 2012 and later (absent from these versions)
    {{ slmgr ato }}           link to one switch from any page: `slmgr /ato` -> slmgr/#ato
"""

import html

from vakb.typography import colon
from vakb import links
from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode

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


def switches() -> list:
    return data.load("slmgr")["switches"]


def inline(text: str) -> str:
    """Escape a data string for raw HTML, keeping its `code` spans."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


@shortcode("slmgr_reference")
def render_reference(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ slmgr_reference }} without arguments")
    lang, labels = context.lang, LABELS[context.lang]
    doc = data.load("slmgr")
    out = []
    for group in doc["groups"]:
        out.append(f"## {data.text(group, lang)} {{ #{group['id']} }}\n")
        for entry in doc["switches"]:
            if entry["group"] != group["id"]:
                continue
            out.append(f"### `{entry['switch']}` {{ #{entry['id']} }}\n")
            out.append(f"```bat\n{entry['syntax']}\n```\n")
            out.append(data.text(entry, lang, "meaning") + "\n")
            facts = [
                f"- **{labels['runs_on']}**{colon(lang)} {ROLE[entry['role']][lang]}",
                f"- **{labels['elevation']}**{colon(lang)} {ELEVATION[entry['elevation']][lang]}",
                f"- **{labels['versions']}**{colon(lang)} {VERSIONS[entry['versions']][lang]}",
            ]
            out.append("\n".join(facts) + "\n")
            if "note" in entry:
                out.append(data.text(entry, lang, "note") + "\n")
    return expand_strict("\n".join(out), context)


@table("slmgr")
def render_summary(args, context):
    if args:
        raise ShortcodeError("expected {{ table slmgr }} without arguments")
    lang = context.lang
    rows = []
    for entry in switches():
        first_sentence = data.text(entry, lang, "meaning").split(". ")[0].rstrip(".") + "."
        rows.append((None, [
            f'<a href="#{entry["id"]}"><code>{entry["switch"]}</code></a>',
            inline(first_sentence),
            ROLE[entry["role"]][lang],
            ELEVATION[entry["elevation"]][lang],
            VERSIONS[entry["versions"]][lang],
        ]))
    return html_table(LABELS[lang]["summary_headers"], rows, "slmgr-summary")


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


@shortcode("slmgr")
def render_link(args: list, context: Context) -> str:
    known = {entry["id"]: entry for entry in switches()}
    if len(args) != 1 or args[0] not in known:
        raise ShortcodeError(f"expected {{{{ slmgr <switch> }}}} with switch one of: {', '.join(known)}")
    target = links.to_source(f"slmgr.md#{args[0]}", context.page)
    return f"[`slmgr {known[args[0]]['switch']}`]({target})"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

# --- slmgr.yml, glossary.yml, sources.yml (issue 4: slmgr, glossary and sources pages) ---

@data.check("slmgr")
def slmgr_switches_are_consistent(doc):
    group_ids = [g["id"] for g in doc["groups"]]
    for index, message in data.unique(doc["switches"], "id", "anchor"):
        yield ["switches", index, "id"], message
    for index, message in data.unique(doc["switches"], "switch"):
        yield ["switches", index, "switch"], message
    for index, entry in enumerate(doc["switches"]):
        # The anchor is the switch without its slash, so slmgr/#ato can be guessed from `/ato`.
        if entry["id"] != entry["switch"].lstrip("/"):
            yield ["switches", index, "id"], f"anchor must be {entry['switch'].lstrip('/')!r} (the switch without '/')"
        if entry["group"] not in group_ids:
            yield ["switches", index, "group"], f"unknown group {entry['group']!r}; groups: {', '.join(group_ids)}"
    used = {entry["group"] for entry in doc["switches"]}
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used:
            yield ["groups", index], f"group {group['id']!r} has no switch"
    present = {entry["switch"] for entry in doc["switches"]}
    for index, item in enumerate(doc["later_only"]):
        for name in item["switches"]:
            if name in present:
                yield ["later_only", index], f"{name} is listed both as present and as later-only"
