"""Read a built site: its pages, the ids (anchors) on each, and every link between them.

Shared by the internal link checker, the published-URL inventory and the external-link check, so
that all three see the site the same way. Standard library only.
"""

from __future__ import annotations

import dataclasses
import html.parser
import pathlib
import posixpath
import urllib.parse

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "audio": "src", "video": "src"}
# Ids Material and pymdown make for their own machinery (tabs, code lines, footnotes), and ids
# inside an SVG drawing or a form (a tool's fields): not anchors anyone links to, and free to
# change between builds. A form's or drawing's own id is an anchor.
PRIVATE_ID_PREFIXES = ("__", "fn:", "fnref:", "_")
INNER_TAGS = ("svg", "form")


@dataclasses.dataclass
class Page:
    path: pathlib.Path          # file on disk
    url: str                    # URL relative to the site root: "fr/registry/" or "fr/registry.html"
    ids: set                    # every id in the document
    content_ids: list           # ids inside the article, in order, private ones left out
    links: list                 # (tag, attribute value) of every link or resource
    redirect_to: str | None     # set on redirect stubs


class _Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.content_ids, self.links = set(), [], []
        self.redirect_to = None
        self._article_depth = 0
        self._inner_depth = 0  # inside <svg> or <form>

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ident = attrs.get("id")
        in_article = self._article_depth > 0 or tag == "article"
        if ident:
            self.ids.add(ident)
            if in_article and self._inner_depth == 0 and not ident.startswith(PRIVATE_ID_PREFIXES):
                self.content_ids.append(ident)
        if tag == "article":
            self._article_depth += 1
        if tag in INNER_TAGS:
            self._inner_depth += 1
        if attrs.get("data-redirect-to"):
            self.redirect_to = attrs["data-redirect-to"]
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attrs.get(attribute):
            self.links.append((tag, attrs[attribute]))

    def handle_endtag(self, tag):
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in INNER_TAGS and self._inner_depth:
            self._inner_depth -= 1


def page_url(site: pathlib.Path, path: pathlib.Path) -> str:
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def read_site(site: pathlib.Path) -> dict[str, Page]:
    """{url: Page} for every HTML file of the site (404 pages included)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        parser = _Parser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        url = page_url(site, path)
        pages[url] = Page(path, url, parser.ids, parser.content_ids, parser.links, parser.redirect_to)
    return pages


def is_external(value: str) -> bool:
    parsed = urllib.parse.urlsplit(value)
    return bool(parsed.scheme or parsed.netloc) or value.startswith("//")


def site_path(site: pathlib.Path, page: Page, value: str) -> str:
    """The path, relative to the site root, that a link of `page` points at ("" for the page itself)."""
    target = urllib.parse.unquote(urllib.parse.urlsplit(value).path)
    if not target:
        return ""
    base = posixpath.dirname(page.path.relative_to(site).as_posix())
    return posixpath.normpath(posixpath.join(base, target)) if not target.startswith("/") else target.lstrip("/")


def resolve(site: pathlib.Path, page: Page, value: str) -> tuple[pathlib.Path | None, str]:
    """(file the link leads to, fragment) for a relative link of `page`; file None if it is missing."""
    parsed = urllib.parse.urlsplit(value)
    target = urllib.parse.unquote(parsed.path)
    if not target:
        return page.path, parsed.fragment
    joined = site_path(site, page, value)
    candidate = site / joined
    if target.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return (candidate if candidate.is_file() else None), parsed.fragment
