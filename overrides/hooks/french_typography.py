"""MkDocs hook: French spacing before two-part punctuation, so ' :' never starts a line.

French puts a space before : ; ! ? and inside « », and that space must not break: a line that
begins with ':' reads as a typo. Authors type an ordinary space (easier to write and to review);
this hook makes it non-breaking in the text of French pages: U+00A0 before ':' and inside
guillemets, U+202F (narrow) before ';', '!' and '?', as the Imprimerie nationale's rules have it.
Code, scripts, forms' internals and drawings are left alone: commands must stay byte for byte.
"""

import re

from mkdocs.plugins import event_priority

TAG = re.compile(r"(<[^>]+>)")
SKIPPED = {"pre", "code", "kbd", "samp", "script", "style", "svg", "textarea"}
BEFORE_COLON = re.compile(r" (:)(?=[\s<]|$)")
BEFORE_OTHERS = re.compile(r" ([;!?])(?=[\s<]|$)")
OPEN_QUOTE = re.compile(r"« ")
CLOSE_QUOTE = re.compile(r" »")


def space_french(html: str) -> str:
    parts = TAG.split(html)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].strip("/>").lower() if len(part) > 2 else ""
            if name in SKIPPED and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
                depth = max(depth, 0)
            continue
        if depth or not part.strip():
            continue
        part = BEFORE_COLON.sub("\u00a0\\1", part)
        part = BEFORE_OTHERS.sub("\u202f\\1", part)
        part = OPEN_QUOTE.sub("«\u00a0", part)
        parts[index] = CLOSE_QUOTE.sub("\u00a0»", part)
    return "".join(parts)


# Before the plugins that copy page content elsewhere (print-site's one-page edition, search), so
# every copy of a French page carries the same spacing.
@event_priority(100)
def on_page_content(html, page, config, files):
    if getattr(page.file, "locale", None) != "fr":
        return html
    # The table of contents (sidebar, mobile menu) repeats the headings from page.toc, not from
    # the HTML: its titles get the same spacing.
    for link in walk(page.toc):
        link.title = space_french(link.title)
    return space_french(html)


def walk(links):
    for link in links:
        yield link
        yield from walk(link.children)
