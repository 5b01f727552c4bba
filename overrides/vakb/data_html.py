"""Data files hold text, not code: refuse raw HTML that would run in a page.

Text fields of docs/data/*.yml are Markdown, and Markdown passes raw HTML through. A `<script>`,
an event-handler attribute (`onerror=`...) or a `javascript:` URL in an errors.yml cause would be
built into every page that shows it. data.validate() runs this on every data file, before any page
is rendered, and the build stops with `docs/data/<file>.yml:<line>: <entry>: ...`.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

RUNNABLE = [
    (re.compile(r"<\s*/?\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "an event-handler attribute (on...=)"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: URL"),
]


def strings_in(node: Any, path: list) -> Iterator[tuple[list, str]]:
    """(path, text) of every string in a parsed document, keys excepted."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(value, path + [key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_in(value, path + [index])


def problems(document: Any) -> Iterator[tuple[list, str]]:
    """(path, message) for each string of the document holding HTML that would run."""
    for path, text in strings_in(document, []):
        for pattern, what in RUNNABLE:
            if pattern.search(text):
                yield path, (f"holds {what}; data files hold text only (scripts belong in "
                             "overrides/assets/javascripts/, and the CSP would refuse this one)")
                break
