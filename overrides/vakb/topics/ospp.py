"""ospp.vbs reference (Office 2010's licensing script) from docs/data/ospp.yml, in the page's language.

    {{ ospp_reference }}   one section per group and per switch, each switch with its anchor (#dcmid)
    {{ table ospp }}       one-glance summary: switch, what it does, whether it is Office 2010's
    {{ ospp dcmid }}       link to one switch from any page: `ospp.vbs /dcmid` -> ospp/#dcmid
"""

import html
import re

from vakb import data, links
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode
from vakb.tables import html_table, table
from vakb.topics.facts import fill_placeholders, placeholder_problems
from vakb.topics.slmgr import inline  # data text to raw HTML, `code` spans kept: one helper for both references
from vakb.topics.sources import source_links
from vakb.typography import colon

PAGE = "ospp.md"
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
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


def switches() -> list:
    return data.load("ospp")["switches"]


def syntax(entry: dict, lang: str) -> str:
    value = f":{data.text(entry, lang, 'value')}" if "value" in entry else ""
    return f"cscript ospp.vbs {entry['switch']}{value}"


@shortcode("ospp_reference")
def render_reference(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ ospp_reference }} without arguments")
    lang, labels = context.lang, LABELS[context.lang]
    doc = data.load("ospp")
    out = []
    for group in doc["groups"]:
        out.append(f"## {data.text(group, lang)} {{ #{group['id']} }}\n")
        for entry in doc["switches"]:
            if entry["group"] != group["id"]:
                continue
            out.append(f"### `{entry['switch']}` {{ #{entry['id']} }}\n")
            out.append(f"```bat\n{syntax(entry, lang)}\n```\n")
            out.append(fill_placeholders(data.text(entry, lang, "meaning"), lang) + "\n")
            if "note" in entry:
                out.append(fill_placeholders(data.text(entry, lang, "note"), lang) + "\n")
            out.append(f"- **{labels['office2010']}**{colon(lang)} {OFFICE2010[entry['office2010']][lang]}\n"
                       f"- **{labels['sources']}**{colon(lang)} {source_links(entry['sources'], context)}\n")
    return expand_strict("\n".join(out), context)


@table("ospp")
def render_summary(args, context):
    if args:
        raise ShortcodeError("expected {{ table ospp }} without arguments")
    lang = context.lang
    rows = []
    for entry in switches():
        meaning = fill_placeholders(data.text(entry, lang, "meaning"), lang)
        first = meaning.split(". ")[0].rstrip(".") + "."
        # Markdown links of the meaning are shown as their text in the summary.
        first = MARKDOWN_LINK.sub(r"\1", first)
        rows.append((None, [
            f'<a href="#{entry["id"]}"><code>{entry["switch"]}</code></a>',
            inline(first),
            html.escape(SHORT[entry["office2010"]][lang]),
        ]))
    return html_table(LABELS[lang]["headers"], rows, "ospp-summary")


@shortcode("ospp")
def render_link(args: list, context: Context) -> str:
    known = {entry["id"]: entry for entry in switches()}
    if len(args) != 1 or args[0] not in known:
        raise ShortcodeError(f"expected {{{{ ospp <switch> }}}} with switch one of: {', '.join(known)}")
    target = links.to_source(f"{PAGE}#{args[0]}", context.page)
    return f"[`ospp.vbs {known[args[0]]['switch']}`]({target})"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("ospp")
def ospp_switches_are_consistent(doc):
    group_ids = [g["id"] for g in doc["groups"]]
    tags = {s["tag"] for s in data.load("sources")["sources"]}
    for index, message in data.unique(doc["switches"], "id", "anchor"):
        yield ["switches", index, "id"], message
    for index, entry in enumerate(doc["switches"]):
        # The anchor is the switch without its slash, so ospp/#dcmid can be guessed from `/dcmid`.
        if entry["id"] != entry["switch"].lstrip("/"):
            yield ["switches", index, "id"], f"anchor must be {entry['switch'].lstrip('/')!r} (the switch without '/')"
        if entry["group"] not in group_ids:
            yield ["switches", index, "group"], f"unknown group {entry['group']!r}; groups: {', '.join(group_ids)}"
        for tag in entry["sources"]:
            if tag not in tags:
                yield ["switches", index, "sources"], f"unknown source tag {tag!r} (see sources.yml)"
        for field in ("meaning", "note"):
            for lang in ("en", "fr"):
                for problem in placeholder_problems(entry.get(field, {}).get(lang, "")):
                    yield ["switches", index, field, lang], problem
    used = {entry["group"] for entry in doc["switches"]}
    switch_ids = {entry["id"] for entry in doc["switches"]}
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used:
            yield ["groups", index], f"group {group['id']!r} has no switch"
        if group["id"] in switch_ids:
            # Both are anchors of the ospp/ page: the same id twice breaks the switch's link.
            yield ["groups", index, "id"], f"group id {group['id']!r} is also a switch's anchor"
