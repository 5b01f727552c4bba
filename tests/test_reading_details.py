"""Small things readers noticed (issue 17), each checked on the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Text that is quoted verbatim (commands, code, drawings) keeps its own punctuation.
VERBATIM = {"pre", "code", "samp", "kbd", "script", "style", "svg", "title", "textarea"}


class ReadableText(HTMLParser):
    """The text of a page a reader reads, verbatim elements left out."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in VERBATIM

    def handle_endtag(self, tag):
        self.depth -= tag in VERBATIM and self.depth > 0

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def readable_text(html: str) -> str:
    parser = ReadableText()
    parser.feed(html)
    return "".join(parser.parts)


# A colon glued to the word before it, as in "MS: ...": French wants a (non-breaking) space.
GLUED_COLON = re.compile(r"\S{0,20}[^\s\u00a0\u202f]:(?=\s)")


def test_french_pages_put_a_space_before_every_colon(built_pages):
    glued = {}
    for url, path in built_pages.items():
        # sources/ quotes each reference's own title, in English ("Appendix A: KMS Client Setup Keys").
        if url.startswith("fr/") and url != "fr/sources/":
            found = GLUED_COLON.findall(readable_text(path.read_text(encoding="utf-8")))
            if found:
                glued[url] = found[:3]
    assert not glued, f"{len(glued)} French pages with a colon glued to the word before it: {dict(list(glued.items())[:8])}"
