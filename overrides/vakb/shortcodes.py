"""The `{{ name args }}` shortcode syntax and the table of renderers behind it."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable

# `{{ fact kms_port }}`, `{{ table gvlk }}`: a lower-case name, then space-separated arguments.
SHORTCODE = re.compile(r"\{\{\s*([a-z][a-z0-9_-]*)((?:\s+[^\s{}]+)*)\s*\}\}")


class ShortcodeError(Exception):
    """A renderer refuses its arguments; the message says what it accepts."""


@dataclasses.dataclass
class Context:
    lang: str
    page: Any = None
    config: Any = None
    files: Any = None


# Where `{{` is text, not a shortcode: fenced code blocks and inline code spans.
CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`[^`\n]+`", re.M | re.S)
OPENING = re.compile(r"\{\{")

Renderer = Callable[[list, Context], str]
RENDERERS: dict[str, Renderer] = {}


def registrar(registry: dict, what: str):
    """The decorator `@<it>(name)` that files a function under `name` in `registry`: shortcodes
    here, table kinds (vakb.tables), tool builders (vakb.topics.tools). A name filed twice stops
    the build, where the second module would silently replace the first one's renderer."""

    def under(name: str):
        def register(func):
            if name in registry:
                raise RuntimeError(f"{what} {name!r} registered twice")
            registry[name] = func
            return func

        return register

    return under


shortcode = registrar(RENDERERS, "shortcode")  # @shortcode("fact"): the renderer of {{ fact ... }}


def expand(markdown: str, context: Context) -> tuple[str, list[tuple[int, str]]]:
    """Markdown with every shortcode rendered, and (line, message) for each that failed."""
    problems: list[tuple[int, str]] = []

    def replace(match: re.Match) -> str:
        name, args = match.group(1), match.group(2).split()
        renderer = RENDERERS.get(name)
        line = markdown.count("\n", 0, match.start()) + 1
        if renderer is None:
            problems.append((line, f"unknown shortcode {{{{ {name} }}}}; known: {', '.join(sorted(RENDERERS))}"))
            return match.group(0)
        try:
            return renderer(args, context)
        except ShortcodeError as err:
            problems.append((line, f"{{{{ {name} {' '.join(args)} }}}}: {err}"))
            return match.group(0)

    rendered = SHORTCODE.sub(replace, markdown)
    problems += unclosed(markdown)
    problems.sort()
    return rendered, problems


def unclosed(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for every `{{` that starts no well-formed shortcode, outside code: an
    unclosed `{{ fact kms_port` would otherwise be published as it was typed."""
    covered = [m.span() for m in SHORTCODE.finditer(markdown)] + [m.span() for m in CODE.finditer(markdown)]
    problems = []
    for match in OPENING.finditer(markdown):
        if any(start <= match.start() < end for start, end in covered):
            continue
        line = markdown.count("\n", 0, match.start()) + 1
        excerpt = markdown[match.start():].split("\n", 1)[0][:40]
        problems.append((line, f"{excerpt!r}: not a shortcode (unclosed, or not `{{{{ name args }}}}` on one line)"))
    return problems


def expand_strict(markdown: str, context: Context) -> str:
    """`expand` for text a renderer builds itself: any refused shortcode refuses the whole text."""
    rendered, problems = expand(markdown, context)
    if problems:
        raise ShortcodeError("; ".join(message for _, message in problems))
    return rendered
