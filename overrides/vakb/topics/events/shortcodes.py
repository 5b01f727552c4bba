"""Event shortcodes, drawn from docs/data/events.yml.

    {{ event 12288 }}    the event's ID, linked to its page, from any page, in its language
    {{ event_index }}    the events index: a table row per event, with its log and machine
"""

import html

from vakb import links
from vakb.shortcodes import Context, ShortcodeError, shortcode
from vakb.topics.events import catalog as event_catalog


def page_link(target: str, context: Context) -> str:
    """Markdown link path from the current page's source to `target` (an unsuffixed .md path)."""
    return links.to_source(target, context.page)


def _known(arg: str) -> dict:
    if not arg.isdigit() or int(arg) not in event_catalog.by_id():
        known = ", ".join(str(e["id"]) for e in event_catalog.entries())
        raise ShortcodeError(f"{arg!r} is not in docs/data/events.yml (known: {known})")
    return event_catalog.by_id()[int(arg)]


@shortcode("event")
def render_event(args: list, context: Context) -> str:
    if len(args) != 1:
        raise ShortcodeError("expected {{ event <id> }}, for example {{ event 12288 }}")
    entry = _known(args[0])
    if context.page is None:  # plain text (ticket replies): no link
        return str(entry["id"])
    return f"[{entry['id']}]({page_link(event_catalog.page_source(entry['id']), context)})"


@shortcode("event_index")
def render_event_index(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ event_index }} (no arguments)")
    lang, catalog = context.lang, event_catalog.catalog()
    words = event_catalog.labels(lang)
    rows = [
        f"| [{entry['id']}]({page_link(event_catalog.page_source(entry['id']), context)}) "
        f"| {html.escape(event_catalog.text(entry['title'], lang))} "
        f"| {event_catalog.text(catalog['machines'][entry['machine']], lang)} "
        f"| {event_catalog.text(catalog['logs'][entry['log']], lang)} |"
        for entry in sorted(event_catalog.entries(), key=lambda e: (e["machine"], e["id"]))
    ]
    header = f"| {words['index_event']} | {words['index_title']} | {words['index_machine']} | {words['index_log']} |"
    return "\n".join([header, "|---|---|---|---|", *rows])
