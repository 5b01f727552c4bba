"""The reference of a script's switches: one renderer for slmgr.vbs (slmgr.yml) and ospp.vbs (ospp.yml).

Both data files hold `groups` (id, en, fr) and `switches` (id, switch, group, meaning and an
optional note, Markdown in both languages). What differs from one script to the other is said by
its topic module in a `Script`: how a switch's command line is written, the facts listed under it,
and the summary's columns after the switch and its first sentence. `register(script)` gives it its
shortcodes, and its data check starts from `problems(doc)`:

    {{ <name>_reference }}   reference(): one section per group, one heading per switch (#<switch without '/'>)
    {{ table <name> }}       summary(): the one-glance table, each switch linked to its section
    {{ <name> <switch> }}    link(): a link to one switch from any page

So the two reference pages read the same way: meaning, facts, then the note that comments on them.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
from typing import Callable

from vakb import data, links
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode
from vakb.tables import html_table, table
from vakb.topics.facts import fill_placeholders, placeholder_problems
from vakb.typography import colon

MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclasses.dataclass(frozen=True)
class Script:
    name: str                                                # data file, page and shortcodes: slmgr.yml, slmgr.md
    command: str                                             # how a link names it: `slmgr /ato`, `ospp.vbs /dcmid`
    syntax: Callable[[dict, str], str]                       # a switch's command line, in a language
    facts: Callable[[dict, Context], list[tuple[str, str]]]  # (label, value) listed under a switch
    summary_headers: dict[str, list[str]]                    # per language, every column
    summary_cells: Callable[[dict, str], list[str]]          # raw HTML cells after the switch and its sentence

    def switches(self) -> list:
        return data.load(self.name)["switches"]


def inline(text: str) -> str:
    """Escape a data string for raw HTML, keeping its `code` spans."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def text(entry: dict, lang: str, field: str) -> str:
    """A switch's meaning or note as Markdown, `{fact:...}` placeholders filled."""
    return fill_placeholders(data.text(entry, lang, field), lang)


def first_sentence(entry: dict, lang: str) -> str:
    """What the summary says of a switch: its meaning's first sentence, links shown as their text
    (a summary cell is raw HTML, where Markdown links would stay brackets)."""
    first = text(entry, lang, "meaning").split(". ")[0].rstrip(".") + "."
    return MARKDOWN_LINK.sub(r"\1", first)


def reference(script: Script, args: list, context: Context) -> str:
    if args:
        raise ShortcodeError(f"expected {{{{ {script.name}_reference }}}} without arguments")
    lang, doc = context.lang, data.load(script.name)
    out = []
    for group in doc["groups"]:
        out.append(f"## {data.text(group, lang)} {{ #{group['id']} }}\n")
        for entry in doc["switches"]:
            if entry["group"] != group["id"]:
                continue
            out.append(f"### `{entry['switch']}` {{ #{entry['id']} }}\n")
            out.append(f"```bat\n{script.syntax(entry, lang)}\n```\n")
            out.append(text(entry, lang, "meaning") + "\n")
            out.append("".join(f"- **{label}**{colon(lang)} {value}\n" for label, value in script.facts(entry, context)))
            if "note" in entry:
                out.append(text(entry, lang, "note") + "\n")
    return expand_strict("\n".join(out), context)


def summary(script: Script, args: list, context: Context) -> str:
    if args:
        raise ShortcodeError(f"expected {{{{ table {script.name} }}}} without arguments")
    lang = context.lang
    rows = [(None, [f'<a href="#{entry["id"]}"><code>{entry["switch"]}</code></a>',
                    inline(first_sentence(entry, lang)),
                    *script.summary_cells(entry, lang)])
            for entry in script.switches()]
    return html_table(script.summary_headers[lang], rows, f"{script.name}-summary")


def link(script: Script, args: list, context: Context) -> str:
    known = {entry["id"]: entry for entry in script.switches()}
    if len(args) != 1 or args[0] not in known:
        raise ShortcodeError(f"expected {{{{ {script.name} <switch> }}}} with switch one of: {', '.join(known)}")
    target = links.to_source(f"{script.name}.md#{args[0]}", context.page)
    return f"[`{script.command} {known[args[0]]['switch']}`]({target})"


def register(script: Script):
    """Register the three shortcodes of `script`; their renderers, for the topic module to name."""
    renderers = (functools.partial(reference, script), functools.partial(summary, script),
                 functools.partial(link, script))
    shortcode(f"{script.name}_reference")(renderers[0])
    table(script.name)(renderers[1])
    shortcode(script.name)(renderers[2])
    return renderers


def problems(doc: dict):
    """(path, message) for what a switch file's schema cannot say; each topic's check adds its own."""
    group_ids = [g["id"] for g in doc["groups"]]
    for index, message in data.unique(doc["switches"], "id", "anchor"):
        yield ["switches", index, "id"], message
    for index, message in data.unique(doc["switches"], "switch"):
        yield ["switches", index, "switch"], message
    for index, entry in enumerate(doc["switches"]):
        # The anchor is the switch without its slash, so slmgr/#ato can be guessed from `/ato`.
        if entry["id"] != entry["switch"].lstrip("/"):
            yield ["switches", index, "id"], f"anchor must be {entry['switch'].lstrip('/')!r} (the switch without '/')"
        if entry["group"] not in group_ids:
            yield ["switches", index, "group"], f"unknown group {entry['group']!r}; groups: {', '.join(group_ids)}"
        for field in ("meaning", "note"):
            for lang in ("en", "fr"):
                for problem in placeholder_problems(entry.get(field, {}).get(lang, "")):
                    yield ["switches", index, field, lang], problem
    used = {entry["group"] for entry in doc["switches"]}
    switch_ids = {entry["id"] for entry in doc["switches"]}
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used:
            yield ["groups", index], f"group {group['id']!r} has no switch"
        if group["id"] in switch_ids:
            # Both are anchors of the same page: the same id twice breaks the switch's link.
            yield ["groups", index, "id"], f"group id {group['id']!r} is also a switch's anchor"
