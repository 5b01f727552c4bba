"""The "paste what you see" analyzer: its data and its place on pages.

payload(): what overrides/assets/javascripts/evidence.js reads: errors.yml (code, name, meaning,
and the message Windows displays, `windows_message` {en, fr}, for the codes a Microsoft page quotes),
slmgr_output.yml, evidence.yml (its events completed from events.yml: log, machine, Info field
order are typed once, there), and the thresholds, time tolerance and port of facts.yml, validated
like every data file; tests/js/evidence.test.js asks Python for it as JSON when run alone.
The build publishes it as a script (vakb.build_steps.evidence_data), fetched only when someone starts to
paste: the home page's first visit does not carry its 55 KB.

    {{ evidence }}   the text area, its label and hint in the page's language, and the findings
                     region (overrides/assets/javascripts/evidence-page.js drives it)
"""

from __future__ import annotations

import html
import json

from vakb import build_kind, data, links
from vakb.topics.errors import codes as error_codes
from vakb.shortcodes import Context, ShortcodeError, shortcode

# Where the build publishes the parser and its data (vakb.build_steps.evidence_data writes the second).
PARSER_SCRIPT = "assets/javascripts/evidence.js"
DATA_SCRIPT = "assets/javascripts/evidence-data.js"


def event_definitions(evidence: dict) -> list:
    """evidence.yml's events with what events.yml already says of each: its log, the machine that
    writes it and the order of its Info values (fields `in: info`), under the analyzer's names."""
    documented = {entry["id"]: entry for entry in data.load("events")["events"]}
    names = evidence["event_field_names"]
    return [
        dict(event, log=documented[event["id"]]["log"], machine=documented[event["id"]]["machine"],
             fields=[names.get(f["slug"], f["slug"]) for f in documented[event["id"]]["fields"] if f["in"] == "info"])
        for event in evidence["events"]
    ]


@data.check("evidence")
def events_are_documented(doc):
    """Each event the analyzer reads is an events.yml entry whose Info fields it can name."""
    documented = {entry["id"]: entry for entry in data.load("events")["events"]}
    for index, event in enumerate(doc["events"]):
        if event["id"] not in documented:
            yield ["events", index, "id"], f"event {event['id']} is not in docs/data/events.yml; document it there first"
            continue
        for field in documented[event["id"]]["fields"]:
            name = doc["event_field_names"].get(field["slug"], field["slug"])
            if field["in"] == "info" and name not in doc["event_fields"]:
                yield ["events", index, "id"], (f"Info field {field['slug']!r} of events.yml has no entry {name!r}"
                                                f" under event_fields")


def _windows_message(entry: dict) -> dict:
    """The message Windows displays for a documented code, as errors.yml quotes it (`fr` null when
    no French Microsoft page gives it): what lets the analyzer find a code from a pasted sentence."""
    message = entry.get("windows_message")
    return {"windows_message": {"en": message["en"], "fr": message["fr"]}} if message else {}


def error_entries() -> list[dict]:
    """Every code with a page: the documented ones (with Windows' message where errors.yml quotes
    it), then the catalogue's others."""
    return ([{"code": e["code"], "name": e["name"], "meaning": e["meaning"], "documented": True, **_windows_message(e)}
             for e in error_codes.entries()]
            + [{"code": e["code"], "name": e["name"], "meaning": e["meaning"], "documented": False}
               for e in error_codes.catalogue_only()])


def payload() -> dict:
    facts = data.load("facts")
    evidence = data.load("evidence")
    return {
        "errors": error_entries(),
        "slmgr": data.load("slmgr_output"),
        "evidence": dict(evidence, events=event_definitions(evidence)),
        "thresholds": {"client_os": facts["threshold_client_os"]["value"],
                       "server_os": facts["threshold_server_os"]["value"],
                       "time_tolerance_hours": facts["time_tolerance"]["value"]},
        "defaults": {"kms_port": facts["kms_port"]["value"]},
    }


def data_script() -> str:
    """The payload as a script that sets window.vakbEvidenceData (a script, not a JSON file, so that
    it loads from file:// too, where fetch() of a local file is refused)."""
    text = json.dumps(payload(), ensure_ascii=False, separators=(",", ":"))
    return "window.vakbEvidenceData=" + text.replace("</", "<\\/") + ";\n"


@shortcode("evidence")
def render_evidence(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ evidence }} (no arguments)")
    if build_kind.print_edition(context.config):
        return ""  # paper takes no paste; and print.html gathers pages whose relative script URLs it would break
    words = {key: html.escape(text[context.lang]) for key, text in data.load("evidence")["interface"].items()}
    scripts = {name: html.escape(links.to_site_file(path, context.page))
               for name, path in (("parser", PARSER_SCRIPT), ("data", DATA_SCRIPT))}
    directory_urls = "false" if build_kind.offline(context.config) else "true"
    # One line per element: Markdown leaves a raw HTML block alone only up to its first blank line.
    return "\n".join([
        # Out of the search index (data-search-exclude): its label would be the snippet of every
        # page it heads (the errors index's snippet is the page's introduction).
        f'<div class="vakb-evidence" data-search-exclude data-directory-urls="{directory_urls}"'
        f' data-parser="{scripts["parser"]}" data-data="{scripts["data"]}" data-loading="{words["loading"]}"'
        f' data-more="{words["more"]}">',
        f'<label class="vakb-evidence__label" for="evidence">{words["label"]}</label>',
        '<textarea id="evidence" class="vakb-evidence__input" rows="5" spellcheck="false" autocomplete="off"'
        ' autocapitalize="off" placeholder="Error: 0xC004F074" aria-describedby="evidence-hint"></textarea>',
        f'<p id="evidence-hint" class="vakb-evidence__hint">{words["hint"]}</p>',
        '<div class="vakb-evidence__findings" aria-live="polite"></div>',
        "</div>",
    ])

