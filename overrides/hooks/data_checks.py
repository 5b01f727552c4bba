"""Semantic checks of the data files: what their JSON Schemas cannot say.

Each check is registered for one data file and yields (path inside the document, message);
data.validate() turns them into `file:line: entry: message` and stops the build.
"""

import re

from data import check


@check("facts")
def facts_are_consistent(facts):
    for name, fact in facts.items():
        value, unit = fact["value"], fact["unit"]
        numeric = unit not in ("text",)
        if numeric and not isinstance(value, int):
            yield [name, "value"], f"unit {unit!r} needs a whole number, not {value!r}"
        if not numeric and isinstance(value, int):
            yield [name, "value"], "unit 'text' needs a string or an en/fr pair"
        for lang, patterns in (fact.get("claims") or {}).items():
            for index, pattern in enumerate(patterns):
                try:
                    compiled = re.compile(pattern)
                except re.error as err:
                    yield [name, "claims", lang, index], f"not a valid regular expression: {err}"
                    continue
                if compiled.groups != 1:
                    yield [name, "claims", lang, index], "needs exactly one (group) around the figure"
    # Figures that are defined by others: a contradiction here is a typo in one of them.
    if {"cmid_cache_size", "threshold_client_os"} <= facts.keys():
        if facts["cmid_cache_size"]["value"] != 2 * facts["threshold_client_os"]["value"]:
            yield ["cmid_cache_size", "value"], "must be twice threshold_client_os (the host keeps 2 x the highest threshold)"
    if {"cmid_cache_size_servers_only", "threshold_server_os"} <= facts.keys():
        if facts["cmid_cache_size_servers_only"]["value"] != 2 * facts["threshold_server_os"]["value"]:
            yield ["cmid_cache_size_servers_only", "value"], "must be twice threshold_server_os"
    low, high = facts.get("interval_minimum"), facts.get("interval_maximum")
    for name in ("activation_interval", "renewal_interval"):
        if low and high and name in facts and not low["value"] <= facts[name]["value"] <= high["value"]:
            yield [name, "value"], f"outside interval_minimum..interval_maximum ({low['value']}..{high['value']})"
# diagrams.yml: names that must refer to something (participants, states, facts). Imported at module
# level (not inside the function) because the hooks folder is on sys.path only while hooks load.
import data  # noqa: E402  (already loading: data.py imports this module at its end)
import diagram_labels  # noqa: E402


def _diagram_labels(value, path):
    """(path, text) of every bilingual label inside a diagram entry."""
    if isinstance(value, dict) and set(value) == {"en", "fr"}:
        for lang in ("en", "fr"):
            yield path + [lang], value[lang]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _diagram_labels(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _diagram_labels(item, path + [index])


@check("diagrams")
def diagrams_refer_to_what_exists(diagrams):
    facts = data.load("facts")
    for name, diagram in diagrams.items():
        if diagram["kind"] == "sequence":
            ids, members, refs = [p["id"] for p in diagram["participants"]], "participants", "steps"
        else:
            ids, members, refs = [s["id"] for s in diagram["states"]], "states", "transitions"
        for index, member_id in enumerate(ids):
            if ids.index(member_id) != index:
                yield [name, members, index, "id"], f"duplicate id {member_id!r}"
        if diagram["kind"] == "states":
            places = [tuple(s["at"]) for s in diagram["states"]]
            for index, place in enumerate(places):
                if places.index(place) != index:
                    yield [name, "states", index, "at"], f"two states at {list(place)}"
        for index, item in enumerate(diagram[refs]):
            for end in ("from", "to"):
                if end in item and item[end] not in ids:
                    yield [name, refs, index, end], f"{item[end]!r} is not one of the {members}: {', '.join(ids)}"
        for path, text in _diagram_labels(diagram, [name]):
            for fact, option in diagram_labels.placeholders(text):
                if fact not in facts:
                    yield path, f"{{fact:{fact}}}: no such fact in docs/data/facts.yml"
                elif option and option not in diagram_labels.OPTIONS:
                    yield path, f"{{fact:{fact}:{option}}}: option must be one of {', '.join(diagram_labels.OPTIONS)}"
