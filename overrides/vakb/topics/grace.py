"""The grace timeline from docs/data/grace.yml: how long a volume client runs before it must activate.

    {{ table grace-timeline }}   per system: initial grace, rearms, the total, what it shows then

The total is computed, never typed: grace x (1 + rearms), the most a machine gets when every rearm
runs on the last day of a grace period. The grace-calculator tool (vakb.topics.tools and
overrides/assets/javascripts/tools/grace-calculator.js) applies the same rule to a date;
`timeline` below is its Python twin, which tests/topics/test_tools_logic.py compares it with.
"""

from __future__ import annotations

import datetime
import html

from vakb import data
from vakb.shortcodes import Context, ShortcodeError
from vakb.tables import html_table, table
from vakb.topics import facts as render_facts

HEADERS = {
    "en": ["System", "Initial grace period", "Rearms", "Longest time without activation", "After that"],
    "fr": ["Système", "Période de grâce initiale", "Réarmements", "Durée maximale sans activation", "Ensuite"],
}
UNCONFIRMED = {
    "en": "not confirmed for this system by a Volume Activation source",
    "fr": "non confirmée pour ce système par une source sur l'activation en volume",
}


def systems() -> list:
    return data.load("grace")["systems"]


def grace_days(system: dict) -> int:
    value, _ = render_facts.fact_value(system["grace"], "en", "days")
    return value


def rearms(system: dict) -> int:
    return data.load("facts")[system["rearms"]]["value"]


def total_days(system: dict) -> int:
    return grace_days(system) * (1 + rearms(system))


def timeline(system_id: str, installed: datetime.date, used: int) -> dict:
    """When the grace period ends if `used` rearms each ran on the last day of a grace period."""
    system = next(s for s in systems() if s["id"] == system_id)
    grace, allowed = grace_days(system), rearms(system)
    if not 0 <= used <= allowed:
        raise ValueError(f"{system_id} allows 0 to {allowed} rearms")
    return {
        "ends": installed + datetime.timedelta(days=grace * (used + 1)),
        "days": grace * (used + 1),
        "left": allowed - used,
        "latest": installed + datetime.timedelta(days=grace * (allowed + 1)),
        "total": grace * (allowed + 1),
        "after": system["after"],
    }


@data.check("grace")
def references_resolve(doc):
    facts = data.load("facts")
    tags = {s["tag"] for s in data.load("sources")["sources"]}
    for index, system in enumerate(doc["systems"]):
        for field, unit in (("grace", "days"), ("rearms", "count")):
            name = system[field]
            if name not in facts:
                yield ["systems", index, field], f"no fact {name!r} in docs/data/facts.yml"
            elif facts[name]["unit"] != unit:
                yield ["systems", index, field], f"fact {name!r} is in {facts[name]['unit']}, not {unit}"
        if system["after"] not in doc["outcomes"]:
            yield ["systems", index, "after"], f"unknown outcome {system['after']!r}; known: {', '.join(doc['outcomes'])}"
        for tag in system["sources"]:
            if tag not in tags:
                yield ["systems", index, "sources"], f"source {tag!r} is not in docs/data/sources.yml"
    yield from ((["systems", i, "id"], m) for i, m in data.unique(doc["systems"], "id", "system"))


@table("grace-timeline")
def render_table(args, context: Context):
    if args:
        raise ShortcodeError("expected {{ table grace-timeline }} without arguments")
    lang = context.lang
    outcomes = data.load("grace")["outcomes"]
    rows = []
    for system in systems():
        grace = render_facts.with_unit(grace_days(system), "days", lang)
        if not system["confirmed"]:
            grace += f" ({UNCONFIRMED[lang]})"
        outcome = outcomes[system["after"]]
        rows.append((f"grace-{system['id']}", [
            html.escape(data.text(system["name"], lang)),
            html.escape(grace),
            str(rearms(system)),
            f"<strong>{html.escape(render_facts.with_unit(total_days(system), 'days', lang))}</strong>",
            f"{html.escape(data.text(outcome['name'], lang))}: {html.escape(data.text(outcome, lang))}"
            if lang == "en" else
            f"{html.escape(data.text(outcome['name'], lang))}\u00a0: {html.escape(data.text(outcome, lang))}",
        ]))
    return html_table(HEADERS[lang], rows)
