"""The "paste what you see" analyzer: its data and its place on pages.

payload(): what the analyzer's scripts (overrides/assets/javascripts/evidence-read.js, -diagnose.js,
-render.js, joined by evidence.js) read: errors.yml (code, name, meaning, and the message Windows
displays, `windows_message` {en, fr}, for the codes a Microsoft page quotes),
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
import re

from mkdocs.exceptions import PluginError

from vakb import build_kind, data, links
from vakb.topics.errors import codes as error_codes
from vakb.shortcodes import Context, ShortcodeError, shortcode

# Where the build publishes the parser and its data (vakb.build_steps.evidence_data writes the second).
# The parser is four scripts, loaded in this order: reading, diagnosing, rendering, then the file
# that joins them into window.vakbEvidence.
PARSER_SCRIPTS = ["assets/javascripts/evidence-read.js", "assets/javascripts/evidence-diagnose.js",
                  "assets/javascripts/evidence-render.js", "assets/javascripts/evidence.js"]
PARSER_SCRIPT = PARSER_SCRIPTS[-1]
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


# The values a rule's message may insert (docs/data/diagnoses.yml; evidence-diagnose.js gives them).
DIAGNOSIS_PARAMS = {"code", "meaning", "host", "days", "count", "needed", "hours", "limit", "port", "failed",
                    "cmid", "machines", "status", "channel"}
# The sections every error page has (vakb/topics/errors/page_markdown.py).
ERROR_PAGE_SECTIONS = {"meaning", "causes", "fix", "where-it-shows-up", "related-codes", "related-topics"}
_ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9_-]+)")


def page_anchors(page: str) -> set[str] | None:
    """The heading ids of docs/<page>.en.md and .fr.md that both languages have, or None when the
    page does not exist in both."""
    found = []
    for lang in ("en", "fr"):
        path = data.DATA_DIR.parent / f"{page}.{lang}.md"
        if not path.exists():
            path = data.DATA_DIR.parent / page / f"index.{lang}.md"
        if not path.exists():
            return None
        found.append(set(_ANCHOR.findall(path.read_text(encoding="utf-8"))))
    return found[0] & found[1]


@data.check("diagnoses")
def diagnoses_are_consistent(doc):
    """Rules name statuses, channels and codes the analyzer knows, insert only values it gives (the
    same in both languages), and link an anchor that the page has in both languages."""
    yield from ((["rules", index, "id"], message) for index, message in data.unique(doc["rules"], "id", "rule id"))
    output = data.load("slmgr_output")
    known = {"status": {s["id"] for s in output["statuses"]}, "channel": {c["id"] for c in output["channels"]}}
    documented = {e["code"] for e in error_codes.entries()}
    linked = set()
    for index, rule in enumerate(doc["rules"]):
        for kind in ("status", "channel"):
            for value in rule["when"].get(kind, []):
                if value not in known[kind]:
                    yield ["rules", index, "when", kind], f"unknown {kind} {value!r}: slmgr_output.yml has {sorted(known[kind])}"
        for code in rule["when"].get("reason", []):
            if code not in documented:
                yield ["rules", index, "when", "reason"], f"{code} has no page in errors.yml"
        names = {lang: set(re.findall(r"\{([a-z]+)\}", rule["message"][lang])) for lang in ("en", "fr")}
        if names["en"] != names["fr"]:
            yield ["rules", index, "message"], f"English inserts {sorted(names['en'])}, French {sorted(names['fr'])}"
        if names["en"] - DIAGNOSIS_PARAMS:
            yield ["rules", index, "message"], f"unknown values {sorted(names['en'] - DIAGNOSIS_PARAMS)}; known: {sorted(DIAGNOSIS_PARAMS)}"
        if "first_step_of" in rule and "code" not in rule["when"] and "reason" not in rule["when"]:
            yield ["rules", index, "first_step_of"], "first_step_of: reason needs a code: `code` or `reason` in `when`"
        page, anchor = rule["link"].rstrip("/").split("/#") if "/#" in rule["link"] else (rule["link"], "")
        if page == "errors/{code}":
            if "code" not in rule["when"] and "reason" not in rule["when"]:
                yield ["rules", index, "link"], "errors/{code}/ needs a code: `code` or `reason` in `when`"
            elif anchor not in ERROR_PAGE_SECTIONS:
                yield ["rules", index, "link"], f"an error page has no #{anchor}; it has {sorted(ERROR_PAGE_SECTIONS)}"
            continue
        if page.startswith("errors/0x"):
            if page.removeprefix("errors/").upper().replace("0X", "0x") not in documented or anchor not in ERROR_PAGE_SECTIONS:
                yield ["rules", index, "link"], f"{rule['link']}: no documented code page with that section"
            continue
        anchors = page_anchors(page)
        if anchors is None:
            yield ["rules", index, "link"], f"no page docs/{page}.en.md and .fr.md"
        elif anchor not in anchors:
            yield ["rules", index, "link"], f"docs/{page}.en.md and .fr.md have no heading {{ #{anchor} }}"
        linked.add(rule["link"])
    if not any(rule["severity"] == "ok" for rule in doc["rules"]):
        yield ["rules"], "no rule of severity ok: the page could not say that nothing is wrong"
    for index, entry in enumerate(doc["not_diagnosable"]):
        page, anchor = entry["step"].split("/#")
        anchors = page_anchors(page)
        if anchors is None or anchor not in anchors:
            yield ["not_diagnosable", index, "step"], f"docs/{page}.en.md and .fr.md have no heading {{ #{anchor} }}"
        if entry["step"] in linked:
            yield ["not_diagnosable", index, "step"], "a rule links this step: it is diagnosable"


def _windows_message(entry: dict) -> dict:
    """The message Windows displays for a documented code, as errors.yml quotes it (`fr` null when
    no French Microsoft page gives it): what lets the analyzer find a code from a pasted sentence."""
    message = entry.get("windows_message")
    return {"windows_message": {"en": message["en"], "fr": message["fr"]}} if message else {}


def _first_step(entry: dict) -> dict:
    """The entry's first fix step as plain text in each language (what the diagnosis says to do)."""
    steps = {}
    for lang in data.LANGUAGES:
        try:
            steps[lang] = error_codes.plain_text(error_codes.text(entry["fix"][0], lang), lang)
        except ShortcodeError as err:
            raise PluginError(error_codes.located(entry, lang, err)) from None
    return steps


def error_entries() -> list[dict]:
    """Every code with a page: the documented ones (with their first fix step, for the analyzer's
    diagnosis, and Windows' message where errors.yml quotes it), then the catalogue's others."""
    return ([{"code": e["code"], "name": e["name"], "meaning": e["meaning"], "documented": True,
              "first_step": _first_step(e), **_windows_message(e)}
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
        "diagnoses": data.load("diagnoses"),
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
    scripts = {"parser": html.escape(" ".join(links.to_site_file(path, context.page) for path in PARSER_SCRIPTS)),
               "data": html.escape(links.to_site_file(DATA_SCRIPT, context.page))}
    directory_urls = "false" if build_kind.offline(context.config) else "true"
    # One line per element: Markdown leaves a raw HTML block alone only up to its first blank line.
    return "\n".join([
        # Out of the search index (data-search-exclude): its label would be the snippet of every
        # page it heads (the errors index's snippet is the page's introduction).
        f'<div class="vakb-evidence" data-search-exclude data-directory-urls="{directory_urls}"'
        f' data-parser="{scripts["parser"]}" data-data="{scripts["data"]}" data-loading="{words["loading"]}"'
        f' data-more="{words["more"]}">',
        f'<label class="vakb-evidence__label" for="evidence">{words["label"]}</label>',
        # not autocomplete="off": it would forbid the browser to put the paste back in the text area
        # when the reader comes back from a finding's page (evidence-page.js reads it again)
        '<textarea id="evidence" class="vakb-evidence__input" rows="5" spellcheck="false"'
        ' autocapitalize="off" placeholder="Error: 0xC004F074" aria-describedby="evidence-hint"></textarea>',
        f'<p id="evidence-hint" class="vakb-evidence__hint">{words["hint"]}</p>',
        '<div class="vakb-evidence__findings" aria-live="polite"></div>',
        "</div>",
    ])

