"""Registry values of registry.yml: a summary table and one section per value with ready commands.

    {{ table registry }}     value (link to its section), type, where, default, documented for.
    {{ registry-values }}    per value: heading with id <name lowercase> (Activation\\Manual ->
                             activation-manual), facts, effect, and one content tab per Windows
                             generation with a `reg add` (or `reg delete`) command and the restart of
                             the licensing service. Key paths and service names come from facts.yml.
"""

import html

from vakb.typography import colon
from vakb import data
from vakb.topics.facts import fact_value, format_number, with_unit
from vakb.tables import html_table, table
from vakb.shortcodes import ShortcodeError, shortcode
from vakb.topics.sources import source_links

GENERATIONS = {
    # generation: (tab title, facts holding its key path and service short name)
    "vista": ("Vista / Server 2008", "registry_key_vista", "service_vista_short"),
    "win7": ("Windows 7 / Server 2008 R2", "registry_key_win7", "service_win7_short"),
}
WORDS = {
    "en": {
        "headers": ["Value", "Type", "Set on", "Default", "Documented for"],
        "type": "Type", "scope": "Set on", "default": "Default", "range": "Range", "documented": "Documented for",
        "sources": "Sources",
        "not_documented": "Not documented for {gen} in the sources this page relies on; no command is given.",
        "no_restart": "No service restart needed.",
        "scope_names": {"host": "KMS host", "client": "KMS client", "both": "KMS host and clients",
                        "any": "any machine", "not-kms-client": "MAK machine or KMS host (not KMS clients)"},
    },
    "fr": {
        "headers": ["Valeur", "Type", "À définir sur", "Par défaut", "Documentée pour"],
        "type": "Type", "scope": "À définir sur", "default": "Par défaut", "range": "Plage", "documented": "Documentée pour",
        "sources": "Sources",
        "not_documented": "Non documentée pour {gen} dans les sources de cette page ; aucune commande n'est donnée.",
        "no_restart": "Aucun redémarrage de service nécessaire.",
        "scope_names": {"host": "hôte KMS", "client": "client KMS", "both": "hôte et clients KMS",
                        "any": "toute machine", "not-kms-client": "machine MAK ou hôte KMS (pas les clients KMS)"},
    },
}


def anchor(name: str) -> str:
    """Stable anchor of a value: its name in lower case, a subkey separator becoming a hyphen."""
    return name.lower().replace("\\", "-")


def fact_text(name: str, lang: str) -> str:
    value, unit = fact_value(name, lang)
    return with_unit(value, unit, lang) if isinstance(value, int) else value


def default_text(value: dict, lang: str) -> str:
    if "default_fact" in value:
        return fact_text(value["default_fact"], lang)
    return data.text(value, lang, "default")


def range_text(value: dict, lang: str) -> str | None:
    if "range_facts" in value:
        (low, unit), (high, _) = (fact_value(f, lang) for f in value["range_facts"])
        return f"{format_number(low, lang)}–{with_unit(high, unit, lang)}"
    return data.text(value, lang, "range") if "range" in value else None


def written_value(value: dict, generation: str):
    if generation == "win7" and "example_win7" in value:
        return value["example_win7"]
    if "example_fact" in value:
        return fact_value(value["example_fact"], "en")[0]
    return value.get("example")


def reg_data(value: dict, written) -> str:
    """The /d argument as reg.exe expects it: decimal for REG_DWORD, \\0 between MULTI_SZ lines."""
    if value["type"] == "REG_MULTI_SZ":
        return '"' + "\\0".join(written) + '"'
    text = str(written)
    return f'"{text}"' if " " in text else text


def command(value: dict, generation: str) -> list[str]:
    """Lines of the ready command for one generation (registry edit, then service restart)."""
    _, key_fact, service_fact = GENERATIONS[generation]
    path = fact_value(key_fact, "en")[0]
    subkey, _, name = value["name"].rpartition("\\")
    key = f"{path}\\{subkey}" if subkey else path
    if value.get("action") == "delete":
        lines = [f'reg delete "{key}" /v {name} /f']
    else:
        lines = [f'reg add "{key}" /v {name} /t {value["type"]} /d {reg_data(value, written_value(value, generation))} /f']
    if value.get("restart", True):
        service = fact_value(service_fact, "en")[0]
        lines += [f"net stop {service}", f"net start {service}"]
    return lines


def documented_for(value: dict) -> str:
    return ", ".join(GENERATIONS[g][0] for g in GENERATIONS if g in value["generations"])


@table("registry")
def render_registry_table(args, context):
    if args:
        raise ShortcodeError("expected {{ table registry }} (no argument)")
    lang = context.lang
    words = WORDS[lang]
    rows = []
    for value in data.load("registry")["values"]:
        cells = [
            f'<a href="#{anchor(value["name"])}"><code>{html.escape(value["name"])}</code></a>',
            f"<code>{value['type']}</code>",
            html.escape(words["scope_names"][value["scope"]]),
            html.escape(default_text(value, lang)),
            html.escape(documented_for(value)),
        ]
        rows.append((None, cells))
    return html_table(words["headers"], rows)


@shortcode("registry-values")
def render_registry_sections(args, context):
    if args:
        raise ShortcodeError("expected {{ registry-values }} (no argument)")
    lang = context.lang
    words = WORDS[lang]
    out = []
    for value in data.load("registry")["values"]:
        # The name as Windows spells it, then what it sets in the reader's words: a search for
        # "intervalle de renouvellement" matches the heading, not only the text below it.
        label = data.text(value, lang, "label")
        out.append(f"### `{value['name']}` — {label} {{ #{anchor(value['name'])} }}\n")
        facts = [
            f"- **{words['type']}**{colon(lang)} `{value['type']}`",
            f"- **{words['scope']}**{colon(lang)} {words['scope_names'][value['scope']]}",
            f"- **{words['default']}**{colon(lang)} {default_text(value, lang)}",
        ]
        if range_text(value, lang):
            facts.append(f"- **{words['range']}**{colon(lang)} {range_text(value, lang)}")
        facts.append(f"- **{words['documented']}**{colon(lang)} {documented_for(value)}")
        facts.append(f"- **{words['sources']}**{colon(lang)} {source_links(value['sources'], context)}")
        out.append("\n".join(facts) + "\n")
        out.append(data.text(value, lang, "effect") + "\n")
        for generation, (title, _, _) in GENERATIONS.items():
            out.append(f'=== "{title}"\n')
            if generation in value["generations"]:
                body = "\n".join(command(value, generation))
                out.append("    ```bat\n" + "\n".join("    " + line for line in body.splitlines()) + "\n    ```\n")
                if not value.get("restart", True):
                    out.append(f"    {words['no_restart']}\n")
            else:
                out.append("    " + words["not_documented"].format(gen=title) + "\n")
    return "\n".join(out) + "\n"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("registry")
def registry_values_are_consistent(doc):
    facts = data.load("facts")
    for index, message in data.unique(doc["values"], "name", "value name"):
        yield ["values", index, "name"], message
    for index, value in enumerate(doc["values"]):
        for field in ("default_fact", "example_fact"):
            if field in value and value[field] not in facts:
                yield ["values", index, field], f"no fact {value[field]!r} in facts.yml"
        for fact in value.get("range_facts", []):
            if fact not in facts:
                yield ["values", index, "range_facts"], f"no fact {fact!r} in facts.yml"
        # The command must write a value of the declared type.
        expected = {"REG_DWORD": int, "REG_SZ": (str, int), "REG_MULTI_SZ": list}[value["type"]]
        for field in ("example", "example_win7"):
            if field in value and not isinstance(value[field], expected):
                yield ["values", index, field], f"{value['type']} needs a {'number' if expected is int else 'list of lines' if expected is list else 'string'}"
        if "example_win7" in value and "win7" not in value["generations"]:
            yield ["values", index, "example_win7"], "a Windows 7 example for a value not documented on Windows 7"
