"""`{{ tool <id> }}`: the form of an interactive tool, in the page's language, with its data.

    {{ tool count-calculator }}   {{ tool key-group-chooser }}   {{ tool srv-generator }}
    {{ tool reg-generator }}      {{ tool grace-calculator }}

The shortcode writes an accessible HTML form (labels, hints, an alert region for bad input, a live
region for the result) and a `<script type="application/json">` block holding what the tool's script
needs: its strings (docs/data/tools.yml) and its figures, read here from facts.yml, key_groups.yml and
registry.yml so that none is typed twice. The logic lives once, in
overrides/assets/javascripts/tools/<id>.js; no executable script is written into the page (a
Content-Security-Policy may forbid inline script).
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

from vakb import build_kind, links
from vakb import data
from vakb.topics import facts as render_facts
from vakb.topics import grace
from vakb.shortcodes import Context, ShortcodeError, registrar, shortcode

BUILDERS = {}
builder = registrar(BUILDERS, "tool")  # @builder("count-calculator"): the form of {{ tool count-calculator }}


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def strings_of(tool_id: str, context: Context) -> dict:
    """Common and tool strings in the page's language, facts filled in."""
    tools = data.load("tools")
    merged = {**tools["common"], **tools["tools"][tool_id]["strings"]}
    return {key: render_facts.fill_placeholders(data.text(value, context.lang), context.lang) for key, value in merged.items()}


def fact(name: str):
    return data.load("facts")[name]["value"]


def script_json(payload: dict) -> str:
    # Inside <script>, "</script>" or "<!--" would end or confuse the element: escape <, > and &.
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# What a field can hold, so that a filled-in address stays within what a web server accepts
# (tests/browser/test_tools_browser.py): a whole number of the tools' limits, grouped by spaces
# ("2 147 483 647"), or a DNS name of 253 characters and its final dot.
MAX_LENGTH = {"numeric": 16, "name": 254}


def text_field(tool_id: str, name: str, label: str, value="", hint: str | None = None,
               numeric: bool = True, size: int = 8, maxlength: int | None = None) -> str:
    field_id = f"{tool_id}-{name}"
    maxlength = maxlength or MAX_LENGTH["numeric" if numeric else "name"]
    hint_html = f'<span class="vakb-tool__hint" id="{field_id}-hint">{esc(hint)}</span>' if hint else ""
    described = f' aria-describedby="{field_id}-hint"' if hint else ""
    mode = ' inputmode="numeric"' if numeric else ""
    return (
        f'<p class="vakb-tool__field"><label for="{field_id}">{esc(label)}</label>'
        f'<input id="{field_id}" name="{esc(name)}" type="text"{mode} size="{size}" maxlength="{maxlength}" autocomplete="off" '
        f'spellcheck="false" value="{esc(value)}" data-default="{esc(value)}"{described}>{hint_html}</p>'
    )


def output_block(tool_id: str, name: str, title: str, strings: dict, note: str | None = None) -> str:
    """A titled, copyable output: <pre><samp> (not <code>, so Material adds no second copy button).
    The <pre> is a named region: it scrolls, so it takes focus, and HTML allows aria-labelledby on
    a <pre> only with such a role."""
    out_id = f"{tool_id}-{name}"
    note_html = f'<p class="vakb-tool__note">{esc(note)}</p>' if note else ""
    return (
        f'<div class="vakb-tool__out"><p class="vakb-tool__out-title" id="{out_id}-title">{esc(title)}</p>'
        f'<pre class="vakb-tool__code" tabindex="0" role="region" aria-labelledby="{out_id}-title"><samp id="{out_id}"></samp></pre>'
        f'<button type="button" class="md-button vakb-tool__copy" data-copy="{out_id}" '
        f'aria-label="{esc(strings["copy_label"].format(what=title))}">{esc(strings["copy"])}</button>'
        f"{note_html}</div>"
    )


def form(tool_id: str, strings: dict, fields: str, result: str, payload: dict, lang: str) -> str:
    payload = {"lang": lang, "strings": strings, **payload}
    parts = [
        f'<form id="{tool_id}" class="vakb-tool" data-tool="{tool_id}" novalidate>',
        fields,
        f'<p class="vakb-tool__actions"><button type="submit" class="md-button md-button--primary">{esc(strings["submit"])}</button></p>',
        f'<p id="{tool_id}-message" class="vakb-tool__message" role="alert" hidden></p>',
        f'<div class="vakb-tool__output" aria-live="polite">{result}</div>',
        f'<p class="vakb-tool__link-hint" hidden>{esc(strings["link_hint"])}</p>',
        f'<script type="application/json" class="vakb-tool__data">{script_json(payload)}</script>',
        "</form>",
    ]
    # One line per element and no blank line: Markdown keeps the whole <form> as one raw HTML block.
    return "\n\n" + "\n".join(parts) + "\n\n"


@builder("count-calculator")
def count_calculator(context: Context) -> str:
    tool_id, s = "count-calculator", strings_of("count-calculator", context)
    limits = data.load("tools")["limits"]
    fields = (
        f'<fieldset><legend>{esc(s["legend"])}</legend>'
        + text_field(tool_id, "clients", s["clients"])
        + text_field(tool_id, "servers", s["servers"])
        + f'<p class="vakb-tool__hint">{esc(s["host_note"])}</p></fieldset>'
    )
    result = '<div id="count-result" class="vakb-tool__result" hidden></div>'
    payload = {
        "thresholds": {"client_os": fact("threshold_client_os"), "server_os": fact("threshold_server_os")},
        "limits": {"machines": limits["machines"]},
    }
    return form(tool_id, s, fields, result, payload, context.lang)


@builder("grace-calculator")
def grace_timeline(context: Context) -> str:
    """Installed on a date, rearmed N times: when the grace period ends (vakb.topics.grace)."""
    tool_id, s, lang = "grace-calculator", strings_of("grace-calculator", context), context.lang
    outcomes = data.load("grace")["outcomes"]
    systems = grace.systems()
    choices = "".join(
        f'<li><input type="radio" id="{tool_id}-{esc(system["id"])}" name="system" value="{esc(system["id"])}"'
        f'{" checked" if index == 0 else ""}>'
        f'<label for="{tool_id}-{esc(system["id"])}">{esc(data.text(system["name"], lang))}</label></li>'
        for index, system in enumerate(systems)
    )
    fields = (
        f'<fieldset><legend>{esc(s["system_legend"])}</legend><ul class="vakb-tool__choices">{choices}</ul></fieldset>'
        + text_field(tool_id, "installed", s["installed"], hint=s["installed_hint"], numeric=False, size=12,
                     maxlength=10)
        + text_field(tool_id, "rearms", s["rearms"], 0, hint=s["rearms_hint"], size=4)
    )
    result = '<div id="grace-result" class="vakb-tool__result" hidden></div>'
    payload = {
        "systems": [
            {
                "id": system["id"],
                "name": data.text(system["name"], lang),
                "grace": grace.grace_days(system),
                "rearms": grace.rearms(system),
                "confirmed": system["confirmed"],
                "after": {"name": data.text(outcomes[system["after"]]["name"], lang),
                          "detail": data.text(outcomes[system["after"]], lang)},
            }
            for system in systems
        ],
    }
    return form(tool_id, s, fields, result, payload, lang)


@builder("key-group-chooser")
def key_group_chooser(context: Context) -> str:
    tool_id, s, lang = "key-group-chooser", strings_of("key-group-chooser", context), context.lang
    groups = data.load("key_groups")
    generations = sorted(groups["generations"], key=lambda g: g["order"])
    boxes = []
    for generation in generations:
        items = "".join(
            f'<li><input type="checkbox" id="{tool_id}-{esc(p["id"])}" name="product" value="{esc(p["id"])}">'
            f'<label for="{tool_id}-{esc(p["id"])}">{esc(data.text(p, lang, "name"))}</label></li>'
            for p in groups["products"]
            if p["generation"] == generation["id"]
        )
        boxes.append(
            f'<fieldset><legend>{esc(data.text(generation, lang, "name"))}</legend>'
            f'<ul class="vakb-tool__choices">{items}</ul></fieldset>'
        )
    fields = f'<fieldset><legend>{esc(s["legend"])}</legend>{"".join(boxes)}</fieldset>'
    order = {g["id"]: g["order"] for g in generations}
    keys = sorted(groups["keys"], key=lambda k: (order[k["generation"]], k["rank"]))
    payload = {
        "products": [{"id": p["id"], "name": data.text(p, lang, "name")} for p in groups["products"]],
        # Smallest first: the script takes the first key that activates every selected product.
        "keys": [
            {
                "id": k["id"],
                "label": k["label"],
                "name": data.text(k, lang, "name"),
                "activates": list(k["activates"]),
                "hosts": [data.text(h, lang) for h in k["hosts"]],
            }
            for k in keys
        ],
    }
    result = '<div id="key-group-result" class="vakb-tool__result" hidden></div>'
    return form(tool_id, s, fields, result, payload, lang)


@builder("srv-generator")
def srv_generator(context: Context) -> str:
    tool_id, s = "srv-generator", strings_of("srv-generator", context)
    tools = data.load("tools")
    defaults, limits = tools["defaults"], tools["limits"]
    fields = (
        f'<fieldset><legend>{esc(s["legend"])}</legend>'
        + text_field(tool_id, "domain", s["domain"], hint=s["domain_hint"], numeric=False, size=30)
        + text_field(tool_id, "host", s["host"], hint=s["host_hint"], numeric=False, size=30)
        + text_field(tool_id, "port", s["port"], fact("kms_port"), size=6)
        + text_field(tool_id, "priority", s["priority"], defaults["srv_priority"], size=6)
        + text_field(tool_id, "weight", s["weight"], defaults["srv_weight"], size=6)
        + text_field(tool_id, "ttl", s["ttl"], defaults["srv_ttl"], size=8)
        + "</fieldset>"
    )
    result = (
        '<div id="srv-result" class="vakb-tool__result" hidden>'
        + output_block(tool_id, "zone", s["zone"], s)
        + output_block(tool_id, "dnscmd", s["dnscmd"], s)
        + output_block(tool_id, "nsupdate", s["nsupdate"], s)
        + output_block(tool_id, "publish-list", s["publish_list"], s, note=s["publish_list_note"])
        + "</div>"
    )
    payload = {"record": fact("srv_record"), "limits": {k: limits[k] for k in ("port", "srv_number", "ttl")}}
    return form(tool_id, s, fields, result, payload, context.lang)


# The values the registry generator sets, in form order, and how each is checked in the script.
REG_FIELDS = {
    "VLActivationInterval": "interval",
    "VLRenewalInterval": "interval",
    "KeyManagementServicePort": "port",
    "DisableDnsPublishing": "flag",
    "KeyManagementServiceName": "host",
}
SCOPE_HINT = {"host": "scope_host", "client": "scope_client", "both": "scope_both"}


def registry_value(name: str) -> dict:
    for value in data.load("registry")["values"]:
        if value["name"] == name:
            return value
    raise ShortcodeError(f"docs/data/registry.yml has no value {name!r}, which the registry generator sets")


def default_text(value: dict, context: Context) -> str:
    if "default_fact" in value:
        return render_facts.render_fact([value["default_fact"]], context)
    return data.text(value, context.lang, "default")


@builder("reg-generator")
def reg_generator(context: Context) -> str:
    tool_id, s, lang = "reg-generator", strings_of("reg-generator", context), context.lang
    versions = "".join(
        f'<li><input type="radio" id="{tool_id}-{v}" name="version" value="{v}"{" checked" if v == "win7" else ""}>'
        f'<label for="{tool_id}-{v}">{esc(s["version_" + v])}</label></li>'
        for v in ("vista", "win7")
    )
    fields, values = [], []
    for name, kind in REG_FIELDS.items():
        value = registry_value(name)
        hint = " ".join(
            part for part in (s.get(SCOPE_HINT.get(value["scope"], ""), ""),
                              s["default"].format(value=default_text(value, context).rstrip("."))) if part
        )
        entry = {"name": name, "type": value["type"], "kind": kind}
        if kind == "interval":
            entry["range"] = [fact(f) for f in value["range_facts"]]
        values.append(entry)
        if kind == "flag":
            field_id = f"{tool_id}-{name}"
            options = "".join(
                f'<option value="{v}">{esc(s[k])}</option>'
                for v, k in (("", "leave"), ("0", "dns_publish"), ("1", "dns_no_publish"))
            )
            fields.append(
                f'<p class="vakb-tool__field"><label for="{field_id}">{name}</label>'
                f'<select id="{field_id}" name="{name}" data-default="" aria-describedby="{field_id}-hint">{options}</select>'
                f'<span class="vakb-tool__hint" id="{field_id}-hint">{esc(hint)}</span></p>'
            )
        else:
            fields.append(text_field(tool_id, name, name, hint=hint, numeric=kind != "host",
                                     size=30 if kind == "host" else 8))
    body = (
        f'<fieldset><legend>{esc(s["version_legend"])}</legend><ul class="vakb-tool__choices">{versions}</ul></fieldset>'
        f'<fieldset><legend>{esc(s["values_legend"])}</legend>{"".join(fields)}</fieldset>'
    )
    result = (
        '<div id="reg-result" class="vakb-tool__result" hidden>'
        '<p id="reg-generator-key" class="vakb-tool__note"></p>'
        + output_block(tool_id, "file", s["reg_file"], s)
        + f'<p><button type="button" class="md-button vakb-tool__download">{esc(s["download"])}</button></p>'
        + output_block(tool_id, "commands", s["reg_add"], s)
        + '<p id="reg-generator-restart-text"></p>'
        + output_block(tool_id, "restart", s["restart_commands"], s)
        + "</div>"
    )
    payload = {
        "keys": {"vista": fact("registry_key_vista"), "win7": fact("registry_key_win7")},
        "services": {
            v: {"short": fact(f"service_{v}_short"), "name": data.text(fact(f"service_{v}"), lang)}
            for v in ("vista", "win7")
        },
        "values": values,
        "limits": {"port": data.load("tools")["limits"]["port"]},
        "fileName": s["file_name"],
    }
    return form(tool_id, s, body, result, payload, lang)


@shortcode("tool-list")
def render_tool_list(args: list, context: Context) -> str:
    """The tools page's list: each tool's title, linked to its section, and the question it answers."""
    if args:
        raise ShortcodeError("expected {{ tool-list }} with no argument")
    items = []
    for tool_id, tool in data.load("tools")["tools"].items():
        target = links.to_source(tool["page"], context.page)
        title = data.text(tool, context.lang, "title")
        answers = data.text(tool, context.lang, "answers")
        items.append(f"[{title}]({target}#{tool['anchor']})\n:   {answers}\n")
    return "\n".join(items)


# --- The print editions show each tool worked, not empty --------------------------------------
# An empty form prints as boxes with nothing in them. In print builds, the form is written filled
# in with the tool's `example` of tools.yml (a query string, as a shared address holds it); the
# tool's own script, which the print page loads, computes the result when the page opens, as it
# does for a shared address. A sentence above the form says it is an example.
TAG = re.compile(r"<(input|option)\b[^>]*>")
ATTRIBUTE = r'\b{name}="([^"]*)"'


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(ATTRIBUTE.format(name=name), tag)
    return html.unescape(found.group(1)) if found else None


def prefill(form_html: str, query: str) -> str:
    """The form with the values of `query` (name=value&...): text fields get the value, boxes and
    radio buttons of that name are checked when theirs is listed, and a select's option chosen."""
    values: dict[str, list[str]] = {}
    for name, value in urllib.parse.parse_qsl(query):
        values.setdefault(name, []).append(value)
    select_name = None

    def fill(match: re.Match) -> str:
        tag = match.group(0)
        if match.group(1) == "option":
            if select_name in values:
                tag = tag.replace(" selected", "")
                if _attribute(tag, "value") in values[select_name]:
                    tag = tag[:-1] + " selected>"
            return tag
        name, kind = _attribute(tag, "name"), _attribute(tag, "type")
        if name not in values:
            return tag
        if kind in ("checkbox", "radio"):
            tag = tag.replace(" checked", "")
            return tag[:-1] + " checked>" if _attribute(tag, "value") in values[name] else tag
        return re.sub(r'\bvalue="[^"]*"', f'value="{esc(values[name][0])}"', tag, count=1)

    out, position = [], 0
    for match in re.finditer(r'<select\b[^>]*\bname="([^"]*)"[^>]*>|</select>', form_html):
        out.append(TAG.sub(fill, form_html[position:match.start()]))
        select_name = match.group(1) if match.group(0) != "</select>" else None
        out.append(match.group(0))
        position = match.end()
    out.append(TAG.sub(fill, form_html[position:]))
    return "".join(out)


@shortcode("tool")
def render_tool(args: list, context: Context) -> str:
    if len(args) != 1 or args[0] not in BUILDERS:
        raise ShortcodeError(f"expected {{{{ tool <id> }}}} with id one of: {', '.join(sorted(BUILDERS))}")
    rendered = BUILDERS[args[0]](context)
    if not build_kind.print_edition(context.config):
        return rendered
    example = data.load("tools")["tools"][args[0]]["example"]
    note = f'<p class="vakb-tool__example">{esc(strings_of(args[0], context)["worked_example"])}</p>'
    return "\n\n" + note + prefill(rendered, example)
