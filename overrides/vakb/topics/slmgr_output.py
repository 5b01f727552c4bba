"""What `slmgr /dli`, `/dlv`, `/xpr` and `ospp.vbs /dstatus` print, from docs/data/slmgr_output.yml:
the field sections, tables and examples of the slmgr-output/ page, in the page's language.

    {{ slmgr-output-fields <group> }}     one section per field of the group, headed by the field's
                                          id (slmgr-output/#cmid, the anchor the paste analyzer links):
                                          English and French labels side by side, the switches that
                                          print it, the machine, what it means, what to do if wrong.
                                          Groups: any, kms-client, kms-host, xpr, ospp; each field is
                                          in exactly one (group_of), so each anchor exists once.
    {{ table slmgr-output }}              every slmgr line at a glance: which switch prints it, where
    {{ table slmgr-output-statuses }}     licence status values (rows #status-<id>)
    {{ table slmgr-output-channels }}     channels of the Description line (rows #channel-<id>)
    {{ slmgr-output-example <id> }}       one example output, with its source or marked illustrative

The analyzer (overrides/assets/javascripts/evidence.js) reads the same file; the page's prose (how
to run, how to read) is in docs/slmgr-output.{en,fr}.md.
"""

from __future__ import annotations

import html
import re

from vakb import data, links
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode
from vakb.tables import html_table, table
from vakb.topics.slmgr import ROLE
from vakb.topics.sources import source_links
from vakb.typography import colon

GROUPS = ("any", "kms-client", "kms-host", "xpr", "ospp")
SLMGR_SWITCHES = ("/dli", "/dlv", "/xpr")
OSPP_SWITCH = "/dstatus"

WORDS = {
    "en": {
        "labels": ["English Windows", "French Windows"],
        "printed_by": "Printed by",
        "machine": "On",
        "if_wrong": "If it is wrong",
        "label_source": {"frdocs": "Microsoft's French name", "unconfirmed": "unconfirmed"},
        "overview": ["Line", "/dli", "/dlv", "/xpr", "On"],
        "statuses": ["Status", "slmgr prints", "French Windows", "ospp.vbs prints", "WMI value", "Meaning"],
        "channels": ["The Description contains", "Channel", "What it means"],
        "also_ospp": "ospp.vbs also prints these lines of slmgr, with the same meaning:",
        "source": "Source",
        "illustrative": "Illustrative output, not a documented example.",
    },
    "fr": {
        "labels": ["Windows en anglais", "Windows en français"],
        "printed_by": "Affiché par",
        "machine": "Sur",
        "if_wrong": "Si la valeur ne va pas",
        "label_source": {"frdocs": "nom français de Microsoft", "unconfirmed": "non confirmé"},
        "overview": ["Ligne", "/dli", "/dlv", "/xpr", "Sur"],
        "statuses": ["État", "slmgr affiche", "Windows en français", "ospp.vbs affiche", "Valeur WMI", "Signification"],
        "channels": ["La Description contient", "Canal", "Signification"],
        "also_ospp": "ospp.vbs affiche aussi ces lignes de slmgr, avec le même sens :",
        "source": "Source",
        "illustrative": "Sortie illustrative, pas un exemple documenté.",
    },
}
# The page section that explains where French labels come from (an id of docs/slmgr-output.*.md).
FRENCH_LABELS_ANCHOR = "french-labels"


def document() -> dict:
    return data.load("slmgr_output")


def group_of(field: dict) -> str:
    """The one page section a field is described in: Office-only lines, the /xpr line, then by machine."""
    if field["tools"] == ["ospp"]:
        return "ospp"
    if field["switches"] == ["/xpr"]:
        return "xpr"
    return field["role"]


def fields_in(group: str) -> list[dict]:
    return [field for field in document()["fields"] if group_of(field) == group]


def switch_link(switch: str, context: Context) -> str:
    if switch == OSPP_SWITCH:
        return f"[`ospp.vbs {switch}`]({links.to_source('slmgr.md#ospp', context.page)})"
    return f"{{{{ slmgr {switch.lstrip('/')} }}}}"


def source_note(source: str, lang: str) -> str:
    return f"[{WORDS[lang]['label_source'][source]}](#{FRENCH_LABELS_ANCHOR})"


def french_label_cell(labels: list[dict], lang: str) -> str:
    return "<br>".join(f"`{label['text']}` ({source_note(label['source'], lang)})" for label in labels)


def field_section(field: dict, context: Context) -> str:
    lang, words = context.lang, WORDS[context.lang]
    out = [f"### {data.text(field, lang, 'name')} {{ #{field['id']} }}\n"]
    out.append(f"| {words['labels'][0]} | {words['labels'][1]} |\n|---|---|")
    out.append("| " + "<br>".join(f"`{text}`" for text in field["labels"]["en"]) + " | "
               + french_label_cell(field["labels"]["fr"], lang) + " |\n")
    out.append(f"**{words['printed_by']}**{colon(lang)} "
               + ", ".join(switch_link(s, context) for s in field["switches"])
               + f" · **{words['machine']}**{colon(lang)} {ROLE[field['role']][lang]}\n")
    out.append(data.text(field, lang, "meaning") + "\n")
    if "when_wrong" in field:
        out.append(f"**{words['if_wrong']}**{colon(lang)} {data.text(field, lang, 'when_wrong')}\n")
    return "\n".join(out)


@shortcode("slmgr-output-fields")
def render_fields(args: list, context: Context) -> str:
    if len(args) != 1 or args[0] not in GROUPS:
        raise ShortcodeError(f"expected {{{{ slmgr-output-fields <group> }}}} with group one of: {', '.join(GROUPS)}")
    sections = [field_section(field, context) for field in fields_in(args[0])]
    if args[0] == "ospp":
        shared = [f for f in document()["fields"] if "ospp" in f["tools"] and group_of(f) != "ospp"]
        sections.append(WORDS[context.lang]["also_ospp"] + " "
                        + ", ".join(f"[{data.text(f, context.lang, 'name')}](#{f['id']})" for f in shared) + ".\n")
    return expand_strict("\n".join(sections), context)


def label_html(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def french_labels_html(labels: list[dict], lang: str) -> str:
    return "<br>".join(
        f'{label_html(label["text"])} (<a href="#{FRENCH_LABELS_ANCHOR}">{WORDS[lang]["label_source"][label["source"]]}</a>)'
        for label in labels)


@table("slmgr-output")
def render_overview(args, context):
    if args:
        raise ShortcodeError("expected {{ table slmgr-output }} without arguments")
    lang = context.lang
    rows = []
    for field in document()["fields"]:
        if "slmgr" not in field["tools"]:
            continue
        marks = ["✓" if switch in field["switches"] else "" for switch in SLMGR_SWITCHES]
        rows.append((None, [f'<a href="#{field["id"]}">{html.escape(data.text(field, lang, "name"))}</a>',
                            *marks, html.escape(ROLE[field["role"]][lang])]))
    return html_table(WORDS[lang]["overview"], rows, "slmgr-output-overview")


@table("slmgr-output-statuses")
def render_statuses(args, context):
    if args:
        raise ShortcodeError("expected {{ table slmgr-output-statuses }} without arguments")
    lang = context.lang
    rows = [
        (f"status-{status['id']}", [
            html.escape(data.text(status, lang, "name")),
            "<br>".join(label_html(text) for text in status["labels"]["en"]),
            french_labels_html(status["labels"]["fr"], lang),
            "<br>".join(label_html(f"---{text}---") for text in status["ospp"]),
            str(status["wmi"]),
            html.escape(data.text(status, lang, "meaning")),
        ])
        for status in document()["statuses"]
    ]
    return html_table(WORDS[lang]["statuses"], rows, "slmgr-output-statuses")


@table("slmgr-output-channels")
def render_channels(args, context):
    if args:
        raise ShortcodeError("expected {{ table slmgr-output-channels }} without arguments")
    lang = context.lang
    rows = [
        (f"channel-{channel['id']}", [
            "<br>".join(label_html(text) for text in channel["shown"]),
            html.escape(data.text(channel, lang, "name")),
            html.escape(data.text(channel, lang, "meaning")),
        ])
        for channel in document()["channels"]
    ]
    return html_table(WORDS[lang]["channels"], rows, "slmgr-output-channels")


@shortcode("slmgr-output-example")
def render_example(args: list, context: Context) -> str:
    examples = {example["id"]: example for example in document()["examples"]}
    if len(args) != 1 or args[0] not in examples:
        raise ShortcodeError(f"expected {{{{ slmgr-output-example <id> }}}} with id one of: {', '.join(examples)}")
    example, lang = examples[args[0]], context.lang
    out = [f"### {data.text(example, lang, 'title')} {{ #{example['id']} }}\n"]
    out.append("```text\n" + example["text"].rstrip("\n") + "\n```\n")
    if "note" in example:
        out.append(html.escape(data.text(example, lang, "note"), quote=False) + "\n")
    if example.get("illustrative"):
        out.append(f"*{WORDS[lang]['illustrative']}*\n")
    else:
        out.append(f"**{WORDS[lang]['source']}**{colon(lang)} {source_links([example['source']], context)}\n")
    return "\n".join(out)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("slmgr_output")
def ids_are_unique_and_anchors_do_not_collide(doc):
    # Fields, examples, status rows (status-<id>) and channel rows (channel-<id>) share one page:
    # every anchor must be unique on it, and the field ids are what the analyzer links.
    seen: dict[str, list] = {}
    for part, prefix in (("fields", ""), ("examples", ""), ("statuses", "status-"), ("channels", "channel-")):
        for index, entry in enumerate(doc.get(part, [])):
            anchor = prefix + entry["id"]
            if anchor in seen:
                yield [part, index, "id"], f"anchor {anchor!r} is also {'/'.join(map(str, seen[anchor]))}"
            else:
                seen[anchor] = [part, index]


@data.check("slmgr_output")
def both_languages_are_written(doc):
    # The schema requires en and fr; a French text identical to the English one is a copy, not a translation.
    for part in ("fields", "statuses", "channels"):
        for index, entry in enumerate(doc[part]):
            for key in ("meaning", "when_wrong"):
                text = entry.get(key)
                if text and text["en"].strip() == text["fr"].strip():
                    yield [part, index, key], "the French text is the English one: write it in French"


@data.check("slmgr_output")
def switches_are_known_to_slmgr_yml(doc):
    reference = data.load("slmgr")
    known = {"slmgr": {entry["switch"] for entry in reference["switches"]},
             "ospp": {entry["switch"] for entry in data.load("ospp")["switches"]}}
    for part in ("fields", "examples"):
        for index, entry in enumerate(doc[part]):
            tools = entry["tools"] if part == "fields" else [entry["tool"]]
            switches = entry["switches"] if part == "fields" else [entry["switch"]]
            for switch in switches:
                owners = [tool for tool in tools if switch in known[tool]]
                if not owners:
                    yield [part, index, "switches" if part == "fields" else "switch"], (
                        f"{switch} is not a switch of {' or '.join(tools)} in "
                        + " or ".join(f"docs/data/{tool}.yml" for tool in tools))


@data.check("slmgr_output")
def channels_show_what_their_pattern_matches(doc):
    for index, channel in enumerate(doc["channels"]):
        pattern = re.compile(channel["pattern"])
        for text in channel["shown"]:
            if not pattern.search(text):
                yield ["channels", index, "shown"], f"{text!r} does not match the pattern {channel['pattern']!r}"


@data.check("slmgr_output")
def example_sources_are_listed(doc):
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    for index, example in enumerate(doc["examples"]):
        if "source" in example and example["source"] not in tags:
            yield ["examples", index, "source"], f"no source {example['source']!r} in docs/data/sources.yml"
