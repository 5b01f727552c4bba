"""A fast reading of the HTML the build itself wrote: its tags and their attributes.

The standard library's html.parser reads a page character by character in Python. The build's
pages are well formed (Material's templates, Python-Markdown, the project's hooks), so a regular
expression finds their tags in a fraction of the time, and reads them as html.parser does:
- comments are skipped, and the text of a <script> or <style> element is not read for tags (nor
  is it by a browser): the element is one match, its text in `body`;
- names are matched in any case (callers lower-case them); attribute values have their character
  references resolved (`&amp;` is `&`); an attribute without a value reads as "".

Its readers are the CSP hashes (vakb.build_steps.csp: the inline scripts and event handlers of a
page) and the link check (scripts/site_links.py: ids and links), run on every build.
tests/build_steps/test_html_tags.py holds each reading to html.parser's, on crafted markup and on
every published page.
"""

from __future__ import annotations

import html
import re

# A start tag's attributes, up to its '>'; a quoted value may hold a '>'. Written as "unquoted run,
# then (quoted value, unquoted run)*" so that the engine steps over a run at once, not character
# by character: half the time of the scan.
ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?""")
COMMENT = r"<!--.*?-->"
RAW_TEXT_ELEMENT = rf"<(?P<raw>script|style)\b(?P<raw_attributes>{ATTRIBUTES})>(?P<body>.*?)</\s*(?P=raw)\s*>"
START_TAG = rf"<(?P<start>[a-zA-Z][^\s/>]*)(?P<attributes>{ATTRIBUTES})>"


def tag_pattern(end_tags: tuple[str, ...] = (), start_tags: bool = True) -> re.Pattern:
    """A pattern to `finditer` over a page. Each match is a comment (no group set), a script or style
    element (`raw`, `raw_attributes`, `body`), an end tag of one of `end_tags` (`end`; other end
    tags are not matched: a reader that needs none is quicker), or, unless `start_tags` is False,
    a start tag (`start`, `attributes`; `match[0].endswith("/>")` when it closes itself, as
    html.parser's handle_startendtag)."""
    ends = [rf"</(?P<end>{'|'.join(map(re.escape, end_tags))})\s*>"] if end_tags else []
    starts = [START_TAG] if start_tags else []
    return re.compile("|".join([COMMENT, RAW_TEXT_ELEMENT, *ends, *starts]), re.S | re.I)


def attributes(text: str) -> list[tuple[str, str]]:
    """The attributes of a start tag (the text after its name), lower-cased names, in order."""
    found = []
    for match in ATTRIBUTE.finditer(text):
        value = next((v for v in (match["dq"], match["sq"], match["uq"]) if v is not None), "")
        found.append((match["name"].lower(), html.unescape(value)))
    return found
