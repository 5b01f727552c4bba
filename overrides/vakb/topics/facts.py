"""`{{ fact <name> [unit] [number] }}`: a figure of docs/data/facts.yml in the page's language.

    {{ fact kms_port }}                    1688
    {{ fact activation_interval }}         120 minutes
    {{ fact renewal_interval days }}       7 days        (7 jours)
    {{ fact renewal_interval number }}     10,080        (10 080)
    {{ fact renewal_interval days number }} 7
    {{ fact service_win7 }}                Software Protection service (sppsvc)

Text inside data files (diagram labels, tool messages) writes the same thing as a placeholder:
`{fact:renewal_interval:days}` is `{{ fact renewal_interval days }}`, rendered by the same function.
"""

import re


from vakb import data
from vakb.shortcodes import Context, ShortcodeError, shortcode

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"  # French thousands separator
MINUTES_PER = {"minutes": 1, "hours": 60, "days": 1440}
UNIT_WORDS = {
    "minutes": {"en": ("minute", "minutes"), "fr": ("minute", "minutes")},
    "hours": {"en": ("hour", "hours"), "fr": ("heure", "heures")},
    "days": {"en": ("day", "days"), "fr": ("jour", "jours")},
    "bytes": {"en": ("byte", "bytes"), "fr": ("octet", "octets")},
}
UNGROUPED_UNITS = {"port", "id"}  # 1688 and 12288 are names, not quantities


def format_number(value: int, lang: str, grouping: bool = True) -> str:
    if not grouping or abs(value) < 1000:
        return str(value)
    grouped = f"{value:,}"
    return grouped.replace(",", NARROW_NBSP) if lang == "fr" else grouped


def with_unit(value: int, unit: str, lang: str) -> str:
    words = UNIT_WORDS.get(unit)
    number = format_number(value, lang, unit not in UNGROUPED_UNITS)
    if not words:
        return number
    singular, plural = words[lang]
    return f"{number}{NBSP}{singular if value == 1 else plural}"


def fact_value(name: str, lang: str, target_unit: str | None = None):
    """(value, unit) of a fact, converted to `target_unit` when asked (minutes/hours/days)."""
    facts = data.load("facts")
    if name not in facts:
        raise ShortcodeError(f"no fact {name!r} in docs/data/facts.yml")
    fact = facts[name]
    value, unit = data.text(fact, lang, "value"), fact["unit"]
    if target_unit and target_unit != unit:
        if unit not in MINUTES_PER or target_unit not in MINUTES_PER:
            raise ShortcodeError(f"cannot express {unit} as {target_unit}")
        minutes = value * MINUTES_PER[unit]
        if minutes % MINUTES_PER[target_unit]:
            raise ShortcodeError(f"{value} {unit} is not a whole number of {target_unit}")
        value, unit = minutes // MINUTES_PER[target_unit], target_unit
    return value, unit


@shortcode("fact")
def render_fact(args: list, context: Context) -> str:
    if not args or len(args) > 3:
        raise ShortcodeError("expected {{ fact <name> [minutes|hours|days] [number] }}")
    name, options = args[0], args[1:]
    number_only = "number" in options
    units = [o for o in options if o != "number"]
    if any(u not in MINUTES_PER for u in units) or len(units) > 1:
        raise ShortcodeError(f"unknown option {' '.join(units)!r}; use minutes, hours, days or number")
    value, unit = fact_value(name, context.lang, units[0] if units else None)
    if isinstance(value, str):
        if units or number_only:
            raise ShortcodeError(f"fact {name!r} is text; it takes no unit or number option")
        return value
    if number_only:
        return format_number(value, context.lang, unit not in UNGROUPED_UNITS)
    return with_unit(value, unit, context.lang)



# {fact:kms_port}, {fact:renewal_interval:days}, {fact:interval_maximum:days:number}
PLACEHOLDER = re.compile(r"\{fact:([a-z][a-z0-9_]*)((?::[a-z]+)*)\}")


def placeholder_args(match: re.Match) -> list:
    """The {{ fact }} arguments a placeholder stands for: name, then options."""
    return [match.group(1), *filter(None, match.group(2).split(":"))]


def fill_placeholders(text: str, lang: str) -> str:
    """Every {fact:...} placeholder of a data-file text, rendered as {{ fact ... }} would."""
    return PLACEHOLDER.sub(lambda m: render_fact(placeholder_args(m), Context(lang=lang)), text)


def placeholder_problems(text: str) -> list[str]:
    """Why each placeholder of `text` cannot be rendered (unknown fact, refused option); [] if none."""
    problems = []
    for match in PLACEHOLDER.finditer(text):
        try:
            render_fact(placeholder_args(match), Context(lang="en"))
        except ShortcodeError as err:
            problems.append(f"{match.group(0)}: {err}")
    return problems

# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("facts")
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


@data.check("facts")
def fact_sources_are_listed(facts):
    # Every tag a fact cites must be a reference the Sources page lists, so a reader can follow it.
    if not (data.DATA_DIR / "sources.yml").exists():
        return
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    for name, fact in facts.items():
        for index, tag in enumerate(fact["sources"]):
            if tag not in tags:
                yield [name, "sources", index], f"source tag {tag!r} is not in docs/data/sources.yml"
