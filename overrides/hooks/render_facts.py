"""`{{ fact <name> [unit] [number] }}`: a figure of docs/data/facts.yml in the page's language.

    {{ fact kms_port }}                    1688
    {{ fact activation_interval }}         120 minutes
    {{ fact renewal_interval days }}       7 days        (7 jours)
    {{ fact renewal_interval number }}     10,080        (10 080)
    {{ fact renewal_interval days number }} 7
    {{ fact service_win7 }}                Software Protection service (sppsvc)
"""

import data
from shortcode_registry import Context, ShortcodeError, shortcode

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
