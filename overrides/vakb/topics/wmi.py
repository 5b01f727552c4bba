"""The WMI interface of Volume Activation 2.0 from docs/data/wmi.yml, in the page's language.

    {{ wmi_reference }}      one section per class and kind, one heading per member (#licensestatus)
    {{ table wmi }}          one-glance summary: member, class, kind, slmgr switches, versions
    {{ wmi LicenseStatus }}  link to one member from any page -> wmi/#licensestatus

The ready commands (wmic and PowerShell 2.0 Get-WmiObject, on this machine and on another one) are
written here from the member's class, name and arguments, never typed in the data: they are the
same bytes in both languages.
"""

from __future__ import annotations

import html

from vakb import data
from vakb import links
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode
from vakb.tables import html_table, table
from vakb.typography import colon

CLASS_NAME = {"service": "SoftwareLicensingService", "product": "SoftwareLicensingProduct"}
REMOTE = "<computer>"

LABELS = {
    "en": {
        "properties": "properties",
        "methods": "methods",
        "type": "Type",
        "slmgr": "slmgr equivalent",
        "none": "none",
        "versions": "Versions",
        "values": "Values",
        "value": "Value",
        "meaning": "Meaning",
        "read": "Read it",
        "call": "Call it",
        "local_remote": "on this machine, then on another one (replace `<computer>`)",
        "summary_headers": ["Member", "Class", "Kind", "slmgr", "Versions"],
        "kind": {"property": "property", "method": "method"},
    },
    "fr": {
        "properties": "propriétés",
        "methods": "méthodes",
        "type": "Type",
        "slmgr": "Équivalent slmgr",
        "none": "aucun",
        "versions": "Versions",
        "values": "Valeurs",
        "value": "Valeur",
        "meaning": "Signification",
        "read": "La lire",
        "call": "L'appeler",
        "local_remote": "sur cette machine, puis sur une autre (remplacez `<computer>`)",
        "summary_headers": ["Membre", "Classe", "Nature", "slmgr", "Versions"],
        "kind": {"property": "propriété", "method": "méthode"},
    },
}

VERSIONS = {
    "all": {"en": "Vista, 2008, 7, 2008 R2", "fr": "Vista, 2008, 7, 2008 R2"},
    "win7": {"en": "Windows 7 / 2008 R2 only", "fr": "Windows 7 / 2008 R2 uniquement"},
}


def document() -> dict:
    return data.load("wmi")


def anchor(member: dict) -> str:
    return member.get("anchor", member["name"].lower())


def members() -> list:
    return document()["members"]


@data.check("wmi")
def anchors_are_unique(doc):
    # Every member has its own heading id on one page: a name in both classes is listed once.
    yield from ((["members", i, "name"], message) for i, message in data.unique(doc["members"], "name", "member"))
    seen = {}
    for index, member in enumerate(doc["members"]):
        mark = anchor(member)
        if mark in seen:
            yield ["members", index, "anchor"], f"anchor {mark!r} is also member {seen[mark]}"
        seen[mark] = index


@data.check("wmi")
def slmgr_switches_exist(doc):
    known = {entry["id"] for entry in data.load("slmgr")["switches"]}
    for index, member in enumerate(doc["members"]):
        for switch in member["slmgr"]:
            if switch not in known:
                yield ["members", index, "slmgr"], f"{switch!r} is not a switch id of docs/data/slmgr.yml"


@data.check("wmi")
def french_is_written(doc):
    for index, member in enumerate(doc["members"]):
        if member["meaning"]["en"].strip() == member["meaning"]["fr"].strip():
            yield ["members", index, "meaning"], "the French text is the English one: write it in French"


# ---- the commands ----------------------------------------------------------------------------

def windows_filter(wql_case: str = "upper") -> str:
    app = document()["windows_application_id"]
    if wql_case == "upper":
        return f"ApplicationID='{app}' AND PartialProductKey IS NOT NULL"
    return f"ApplicationID='{app}' and PartialProductKey is not null"


def wmic_target(member: dict, remote: bool) -> str:
    node = f"/node:{REMOTE} " if remote else ""
    target = f"wmic {node}path {CLASS_NAME[member['class']]}"
    if member["class"] == "product":
        target += f' where "{windows_filter("lower")}"'
    return target


def ps_objects(member: dict, remote: bool) -> str:
    computer = f" -ComputerName {REMOTE}" if remote else ""
    command = f"Get-WmiObject -Class {CLASS_NAME[member['class']]}{computer}"
    if member["class"] == "product":
        command += f' -Filter "{windows_filter()}"'
    return command


def commands(member: dict) -> dict[str, list[str]]:
    """{"wmic": [local, remote], "powershell": [local, remote]} for a member."""
    out: dict[str, list[str]] = {"wmic": [], "powershell": []}
    name = member["name"]
    for remote in (False, True):
        if member["kind"] == "property":
            # On the product class, the product's name says which licence a value belongs to.
            shown = [name] if member["class"] == "service" or name == "Name" else ["Name", name]
            out["wmic"].append(f"{wmic_target(member, remote)} get {','.join(shown)}")
            out["powershell"].append(f"{ps_objects(member, remote)} | Select-Object {', '.join(shown)}")
        else:
            args = [a["placeholder"] for a in member["args"]]
            wmic_args = (" " + ", ".join(f'"{a}"' for a in args)) if args else ""
            ps_args = ", ".join(f'"{a}"' for a in args)
            out["wmic"].append(f"{wmic_target(member, remote)} call {name}{wmic_args}")
            if member["class"] == "service":
                out["powershell"].append(f"({ps_objects(member, remote)}).{name}({ps_args})")
            else:
                out["powershell"].append(f"{ps_objects(member, remote)} | ForEach-Object {{ $_.{name}({ps_args}) }}")
    return out


# ---- rendering -------------------------------------------------------------------------------

def slmgr_links(member: dict, lang: str) -> str:
    if not member["slmgr"]:
        return LABELS[lang]["none"]
    return ", ".join(f"{{{{ slmgr {switch} }}}}" for switch in member["slmgr"])


def member_markdown(member: dict, lang: str) -> str:
    labels = LABELS[lang]
    c = colon(lang)
    out = [f"### `{member['name']}` {{ #{anchor(member)} }}\n"]
    out.append(data.text(member["meaning"], lang) + "\n")
    facts = []
    if member["kind"] == "property":
        facts.append(f"- **{labels['type']}**{c} `{member['type']}`")
    else:
        signature = ", ".join(a["name"] for a in member["args"])
        facts.append(f"- **{labels['type']}**{c} `uint32 {member['name']}({signature})`")
    facts.append(f"- **{labels['slmgr']}**{c} {slmgr_links(member, lang)}")
    facts.append(f"- **{labels['versions']}**{c} {VERSIONS[member['versions']][lang]}")
    out.append("\n".join(facts) + "\n")
    if "values" in member:
        rows = [f"| {labels['value']} | {labels['meaning']} |", "|---|---|"]
        rows += [f"| `{v['value']}` | {data.text(v, lang)} |" for v in member["values"]]
        out.append("\n".join(rows) + "\n")
    verb = labels["read"] if member["kind"] == "property" else labels["call"]
    out.append(f"{verb}, {labels['local_remote']}{c}\n")
    cmds = commands(member)
    out.append("```bat\n" + "\n".join(cmds["wmic"]) + "\n```\n")
    out.append("```powershell\n" + "\n".join(cmds["powershell"]) + "\n```\n")
    return "\n".join(out)


SECTION_IDS = {
    ("service", "property"): "service-properties",
    ("product", "property"): "product-properties",
    ("service", "method"): "service-methods",
    ("product", "method"): "product-methods",
}


@shortcode("wmi_reference")
def render_reference(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ wmi_reference }} without arguments")
    lang, labels = context.lang, LABELS[context.lang]
    doc = document()
    out = []
    for kind in ("property", "method"):
        for cls in ("product", "service"):
            chosen = [m for m in doc["members"] if m["class"] == cls and m["kind"] == kind]
            if not chosen:
                continue
            word = labels["properties"] if kind == "property" else labels["methods"]
            out.append(f"## {CLASS_NAME[cls]} — {word} {{ #{SECTION_IDS[(cls, kind)]} }}\n")
            out.extend(member_markdown(m, lang) for m in chosen)
    return expand_strict("\n".join(out), context)


@table("wmi")
def render_summary(args, context):
    if args:
        raise ShortcodeError("expected {{ table wmi }} without arguments")
    lang, labels = context.lang, LABELS[context.lang]
    rows = []
    for member in members():
        switches = ", ".join(f"<code>{html.escape(s['switch'])}</code>" for s in data.load("slmgr")["switches"]
                             if s["id"] in member["slmgr"]) or labels["none"]
        rows.append((None, [
            f'<a href="#{anchor(member)}"><code>{member["name"]}</code></a>',
            f"<code>{CLASS_NAME[member['class']]}</code>",
            labels["kind"][member["kind"]],
            switches,
            VERSIONS[member["versions"]][lang],
        ]))
    return html_table(labels["summary_headers"], rows, "wmi-summary")


@shortcode("wmi")
def render_link(args: list, context: Context) -> str:
    known = {m["name"]: m for m in members()}
    if len(args) != 1 or args[0] not in known:
        raise ShortcodeError(f"expected {{{{ wmi <member> }}}} with member one of: {', '.join(known)}")
    target = links.to_source(f"wmi.md#{anchor(known[args[0]])}", context.page)
    return f"[`{args[0]}`]({target})"
