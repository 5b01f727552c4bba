"""The Markdown of one event's page, in one language, from its entry in docs/data/events.yml.

One template for both languages: headings carry the same explicit ids everywhere (`#fields`,
`#field-3-server-port`, `#example`, `#next-steps`), so a ticket can link a field and switch language
by adding `fr/`. Only the words (`labels` of events.yml) and the entry's texts change. Shortcodes are
left in the text: the shortcodes hook renders them like on any page.
"""

from __future__ import annotations

import json
import re

from vakb import generated_pages, links
from vakb.topics.errors import codes as error_codes
from vakb.topics.errors.page_markdown import UNINDEXED
from vakb.topics.events import catalog as event_catalog
from vakb.topics.sources import anchor as source_anchor
from vakb.typography import colon

HERE = event_catalog.PAGE_DIR

# Search indexes what readers look for on an event's page: its number and title, when it is
# logged, its message, its fields and what to do next. What every event page repeats (the details
# table with its log, machine and provider, the notes on the message and its Info line, the
# meanings of related codes) stays out of the index: with it, any query naming "KMS host" listed
# the event pages before the error or topic page that answers it. No boost either: the title
# alone puts an event first for "event 12288". The same attribute as the error pages'.


def _fence(text: str, language: str, indent: str = "") -> list[str]:
    return [f"{indent}```{language}", *(f"{indent}{line}" for line in text.splitlines()), f"{indent}```"]


def _sources(tags: list, lang: str) -> str:
    return ", ".join(f"[{tag}]({links.from_folder('sources.md#' + source_anchor(tag), HERE)})" for tag in tags)


def _details(entry: dict, lang: str) -> list[str]:
    words, catalog = event_catalog.labels(lang), event_catalog.catalog()
    text = event_catalog.text
    return [
        f"| {words['id']} | **{entry['id']}** |",
        "|---|---|",
        f"| {words['log']} | {text(catalog['logs'][entry['log']], lang)} |",
        f"| {words['machine']} | {text(catalog['machines'][entry['machine']], lang)} |",
        f"| {words['provider']} | {text(catalog['providers'][entry['provider']], lang)} |",
        f"| {words['confidence']} | **{entry['confidence']}**{colon(lang)} {text(catalog['confidence'][entry['confidence']], lang)} |",
        f"| {words['sources']} | {_sources(entry['sources'], lang)} |",
        "",
    ]


def _field(number: int, field: dict, lang: str) -> list[str]:
    words = event_catalog.labels(lang)
    place = f" {words['in_message']}" if field["in"] == "message" else ""
    out = [
        f"### {number}. {field['name']}{place} {{ #{event_catalog.field_anchor(number, field)} }}",
        "",
        event_catalog.text(field["meaning"], lang),
        "",
    ]
    if "values" in field:
        out += [f"| {words['values']} | |", "|---|---|"]
        out += [f"| `{value['value']}` | {value[lang]} |" for value in field["values"]]
        out.append("")
    return out


def _example_values(entry: dict) -> dict[int, str]:
    """{field number: its value in the page's example}, where the example shows it.

    The Info line is the example's text after `Info:` (or the whole text when the example is the
    Info line alone), one value per Info field in order; a message field takes the text between
    the words around its placeholder (`in the '%2' domain`). A field the example does not show
    has no value (the table says so), never a guess."""
    example = entry["example"].get("text")
    if not example:
        return {}
    values: dict[int, str] = {}
    numbered = list(enumerate(entry["fields"], 1))
    info = [n for n, field in numbered if field["in"] == "info"]
    if "Info:" in example:
        line = example.split("Info:", 1)[1].strip()
    elif "Info:" in entry["message"]:
        line = example.strip()
    else:
        line = ""
    parts = [part.strip() for part in line.split(",")] if line else []
    if info and len(parts) == len(info):
        values.update(zip(info, parts))
    template = entry["message"]
    placeholders = [m for m in re.finditer(r"%(\d+)", template)
                    if not template[:m.start()].rstrip().endswith("Info:")]
    in_message = [n for n, field in numbered if field["in"] == "message"]
    for n, match in zip(in_message, sorted(placeholders, key=lambda m: int(m.group(1)))):
        before = re.sub(r"%\d+", "", template[:match.start()])[-8:]
        after = re.sub(r"%\d+", "", template[match.end():])[:8]
        found = re.search(re.escape(before) + r"(.+?)" + re.escape(after), example)
        if found:
            values[n] = found.group(1)
    return values


def _first_sentence(text: str) -> str:
    found = re.match(r"(.+?[.!?])(\s|$)", text)
    return found.group(1) if found else text


def _value_meaning(field: dict, value: str | None, lang: str) -> str:
    """What the example's value means, when the field lists it; else what the field is."""
    def number(text):
        try:
            return int(text, 0)
        except (TypeError, ValueError):
            return None

    for known in field.get("values", []):
        if value is not None and (known["value"] == value or
                                  (number(value) is not None and number(known["value"]) == number(value))):
            return known[lang]
    return _first_sentence(event_catalog.text(field["meaning"], lang))


def _info_table(entry: dict, lang: str) -> list[str]:
    """One row per field: position (linked to its section), name, the example's value, meaning."""
    words = event_catalog.labels(lang)
    values = _example_values(entry)
    # Out of the search index: the sections below index the same words once (see UNINDEXED).
    out = [f'<div class="vakb-event-fields"{UNINDEXED} markdown>', "", words["info_table"], "",
           f"| {words['info_position']} | {words['info_name']} | {words['info_value']} | {words['info_meaning']} |",
           "|---|---|---|---|"]
    position = 0
    for number, field in enumerate(entry["fields"], 1):
        anchor = event_catalog.field_anchor(number, field)
        if field["in"] == "info":
            position += 1
            where = str(position)
        else:
            where = words["info_in_message"]
        value = values.get(number)
        shown = f"`{value}`" if value is not None else words["info_no_value"]
        meaning = _value_meaning(field, value, lang).replace("|", "\\|")
        out.append(f"| {where} | [{field['name']}](#{anchor}) | {shown} | {meaning} |")
    return out + ["", "</div>", ""]


def page_markdown(entry: dict, lang: str) -> str:
    """Verdict, next steps and the table of fields first (what a reader came for), then the
    reference sections; every anchor of the earlier layout is kept."""
    words = event_catalog.labels(lang)
    text = event_catalog.text
    title = text(entry["title"], lang)
    out = [
        "---",
        "description: " + json.dumps(f"{words['event']} {entry['id']}{colon(lang)} {title}", ensure_ascii=False),
        "---",
        "",
        f"# {words['event']} {entry['id']} — {title} {{ #top }}",
        "",
        f"**{words['verdict']}{colon(lang)}** {text(entry['verdict'], lang)}",
        # Indexed: the first words of the page, what a search hit for the event's number shows.
        "{: .vakb-verdict }",
        "",
    ]
    if "status" in entry:
        out += [f'!!! warning "{words["status"]}"', "", f"    {text(entry['status'], lang)}", ""]
    out += [f"## {words['next_steps']} {{ #next-steps }}", ""]
    for number, step in enumerate(entry["next_steps"], 1):
        out.append(f"{number}. {text(step, lang)}")
        if "command" in step:
            out += ["", *_fence(step["command"], "bat", "    "), ""]
    out += ["", f"## {words['fields']} {{ #fields }}", ""]
    if any(f["in"] == "info" for f in entry["fields"]):
        out += [words["fields_intro"] + f"\n{{:{UNINDEXED} }}", ""]
    else:
        out += [words["no_fields"] + f"\n{{:{UNINDEXED} }}", ""]
    out += _info_table(entry, lang)
    out += [
        f"## {words['when']} {{ #when }}", "", text(entry["when"], lang), "",
        f"## {words['message']} {{ #message }}", "", *_fence(entry["message"], "text"), "", words["message_note"] + f"\n{{:{UNINDEXED} }}", "",
    ]
    example = entry["example"]
    out += [f"## {words['example']} {{ #example }}", ""]
    if "text" in example:
        out += [*_fence(example["text"], "text"), ""]
    out += [text(example["note"], lang)]
    if "source" in example:
        out[-1] += f" ({words['example_from']}{colon(lang)} {_sources([example['source']], lang)})"
    out += ["", f"## {words['details']} {{ #details{UNINDEXED} }}", "", *_details(entry, lang)]
    out += [f"## {words['field_details']} {{ #field-details }}", ""]
    for number, field in enumerate(entry["fields"], 1):
        out += _field(number, field, lang)
    out += ["", f"## {words['related_codes']} {{ #related-codes{UNINDEXED} }}", ""]
    known = error_codes.by_code()
    out += [
        f"- {{{{ error {code} }}}} — {error_codes.text(known[code]['meaning'], lang)}" for code in entry["related"]
    ] or [words["no_related"]]
    out.append("")
    return "\n".join(out)


generated_pages.register(generated_pages.Generator(
    folder=event_catalog.PAGE_DIR,
    data_file="data/events.yml",
    keys=lambda: [str(entry["id"]) for entry in event_catalog.entries()],
    markdown=lambda key, lang, file, config, files: page_markdown(event_catalog.by_id()[int(key)], lang),
))
