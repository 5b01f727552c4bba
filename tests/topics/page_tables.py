"""A built page read the way the topic tests check generated tables: row by row, at their anchors.

One reader for the tests of the key tables (client-setup-keys/, office-2010-clients/), the editions
table (kms-editions/), the switch summaries and the other reference pages, with the standard
library's HTML parser.
"""

from __future__ import annotations

import html.parser

LANGUAGE_PREFIX = {"en": "", "fr": "fr/"}


class PageTables(html.parser.HTMLParser):
    """Of one page: every element id, the heading ids (h1-h4) in order, each table row that has an
    id as its cell texts (white space folded), the `data-kms` flag a row carries (kms-editions/),
    the targets of links within the page (#...), and all the page's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.heading_ids: list[str] = []
        self.rows: dict[str, list[str]] = {}   # in the page's order
        self.flags: dict[str, str] = {}
        self.same_page_links: list[str] = []
        self._text: list[str] = []
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if tag in ("h1", "h2", "h3", "h4"):
                self.heading_ids.append(attrs["id"])
        if tag == "tr":
            self._row = attrs.get("id")
            if self._row:
                self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = []
        elif self._row and "data-kms" in attrs:
            self.flags[self._row] = attrs["data-kms"]
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.same_page_links.append(attrs["href"][1:])

    def handle_endtag(self, tag):
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, text):
        self._text.append(text)
        if self._cell is not None:
            self._cell.append(text)

    def text(self) -> str:
        """All the page's text, white space folded."""
        return " ".join("".join(self._text).split())


def read(built_pages, url: str) -> PageTables:
    """The page at `url` (relative to the site root, as `built_pages` names it), read."""
    assert url in built_pages, f"{url} was not built"
    page = PageTables()
    page.feed(built_pages[url].read_text(encoding="utf-8"))
    return page
