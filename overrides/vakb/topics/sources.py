"""Public references from docs/data/sources.yml, in the page's language.

    {{ table sources <topic> }}   the references of one topic, with what each was used for
    {{ sources_by_topic }}        a section per topic (id = topic id), each with its table
    {{ table sources-index }}     every reference once, by tag, with its address and status; each
                                  row has the id src-<tag> (sources/#src-kb968915)

Only live and archived references are links. A retired TechNet address is shown as text: the
build never links an address that nobody could check.
"""

import html

from vakb import data, links
from vakb.tables import html_table, table
from vakb.shortcodes import ShortcodeError, shortcode

STATUS = {
    "live": {"en": "live", "fr": "en ligne"},
    "archived": {"en": "Microsoft archive copy", "fr": "copie archivée par Microsoft"},
    "dead-technet": {"en": "retired TechNet address (not linked)", "fr": "adresse TechNet retirée (sans lien)"},
    "historical": {"en": "old Microsoft address (not linked)", "fr": "ancienne adresse Microsoft (sans lien)"},
    "unlinked": {"en": "no public address", "fr": "pas d'adresse publique"},
}
HEADERS = {
    "en": {"topic": ["Reference", "Used for", "Status"], "index": ["Tag", "Reference", "Address", "Read from"]},
    "fr": {"topic": ["Référence", "Utilisée pour", "État"], "index": ["Repère", "Référence", "Adresse", "Lue dans"]},
}


def anchor(tag: str) -> str:
    return "src-" + tag.lower()


def title_cell(source: dict) -> str:
    title = html.escape(source["title"])
    if source["status"] in ("live", "archived"):
        return f'<a href="{html.escape(source["url"])}">{title}</a>'
    return title


@table("sources")
def render_topic(args, context):
    doc = data.load("sources")
    topics = [t["id"] for t in doc["topics"]]
    if len(args) != 1 or args[0] not in topics:
        raise ShortcodeError(f"expected {{{{ table sources <topic> }}}} with topic one of: {', '.join(topics)}")
    lang = context.lang
    rows = [
        (None, [
            f'<a href="#{anchor(s["tag"])}"><code>{html.escape(s["tag"])}</code></a> {title_cell(s)}',
            html.escape(data.text(s, lang, "used_for")),
            STATUS[s["status"]][lang],
        ])
        for s in doc["sources"]
        if args[0] in s["topics"]
    ]
    return html_table(HEADERS[lang]["topic"], rows, "sources")


@table("sources-index")
def render_index(args, context):
    if args:
        raise ShortcodeError("expected {{ table sources-index }} without arguments")
    lang = context.lang
    rows = []
    for s in sorted(data.load("sources")["sources"], key=lambda s: s["tag"].casefold()):
        address = STATUS[s["status"]][lang]
        if s.get("old_url"):
            address += f"<br><code>{html.escape(s['old_url'])}</code>"
        rows.append((anchor(s["tag"]), [
            f"<code>{html.escape(s['tag'])}</code>",
            title_cell(s),
            address,
            html.escape(s.get("copy", "")),
        ]))
    return html_table(HEADERS[lang]["index"], rows, "sources-index")


@shortcode("sources_by_topic")
def render_by_topic(args, context):
    """A section per topic (heading id = topic id, same in both languages) with its table."""
    if args:
        raise ShortcodeError("expected {{ sources_by_topic }} without arguments")
    out = []
    for topic in data.load("sources")["topics"]:
        out.append(f"### {data.text(topic, context.lang)} {{ #{topic['id']} }}\n")
        out.append(render_topic([topic["id"]], context))
    return "\n".join(out)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("sources")
def sources_are_consistent(doc):
    topic_ids = [t["id"] for t in doc["topics"]]
    for index, message in data.unique(doc["sources"], "tag"):
        yield ["sources", index, "tag"], message
    used = set()
    for index, source in enumerate(doc["sources"]):
        for topic in source["topics"]:
            used.add(topic)
            if topic not in topic_ids:
                yield ["sources", index, "topics"], f"unknown topic {topic!r}; topics: {', '.join(topic_ids)}"
    for index, topic in enumerate(doc["topics"]):
        if topic["id"] not in used:
            yield ["topics", index], f"topic {topic['id']!r} has no source"


# --- Links from generated sections to the Sources page's entry of each tag ---

def source_links(tags, context) -> str:
    return ", ".join(f"[{tag}]({links.to_source('sources.md#' + anchor(tag), context.page)})" for tag in tags)
