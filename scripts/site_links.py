"""Read a built site: its pages, the ids (anchors) on each, and every link between them.

Shared by the internal link checker, the published-URL inventory and the external-link check, so
that all three see the site the same way. The pages are read by vakb.html_tags, a fast reading of
the HTML the build wrote (2.3 times quicker than html.parser over the site, on every build);
tests/build_steps/test_html_tags.py holds it to html.parser's reading on every published page.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import posixpath
import urllib.parse

from vakb import html_tags

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "audio": "src", "video": "src"}
# Ids Material and pymdown make for their own machinery (tabs, code lines, footnotes), and ids
# inside an SVG drawing or a form (a tool's fields): not anchors anyone links to, and free to
# change between builds. A form's or drawing's own id is an anchor.
PRIVATE_ID_PREFIXES = ("__", "fn:", "fnref:", "_")
INNER_TAGS = ("svg", "form")
SCOPES = ("article",) + INNER_TAGS  # the elements whose end tags are read
TAGS = html_tags.tag_pattern(SCOPES)


@dataclasses.dataclass
class Reading:
    """What a page says about its anchors and links."""
    ids: set = dataclasses.field(default_factory=set)            # every id in the document
    content_ids: list = dataclasses.field(default_factory=list)  # ids inside the article, in order, private ones left out
    links: list = dataclasses.field(default_factory=list)        # (tag, attribute value) of every link or resource
    redirect_to: str | None = None                               # set on redirect stubs


@dataclasses.dataclass(kw_only=True)
class Page(Reading):
    """A page's reading, with its place in the site."""
    path: pathlib.Path          # file on disk
    url: str                    # URL relative to the site root: "fr/registry/" or "fr/registry.html"


def read_page(text: str) -> Reading:
    found, in_article, inner = Reading(), 0, 0  # depths: inside <article>; inside <svg> or <form>
    for match in TAGS.finditer(text):
        start, end, raw = match.group("start", "end", "raw")
        if end is not None:
            end = end.lower()
            if end == "article" and in_article:
                in_article -= 1
            elif end in INNER_TAGS and inner:
                inner -= 1
            continue
        if start is None and raw is None:
            continue  # a comment
        tag = (start or raw).lower()
        written = match["attributes"] if start is not None else match["raw_attributes"]
        # Most tags (a code line's spans) have no id and no link: their attributes are not read.
        lowered = written.lower()
        if tag in LINK_ATTRIBUTES or "id" in lowered or "data-redirect-to" in lowered:
            attrs = dict(html_tags.attributes(written))
            ident = attrs.get("id")
            if ident:
                found.ids.add(ident)
                if (in_article or tag == "article") and not inner and not ident.startswith(PRIVATE_ID_PREFIXES):
                    found.content_ids.append(ident)
            if attrs.get("data-redirect-to"):
                found.redirect_to = attrs["data-redirect-to"]
            attribute = LINK_ATTRIBUTES.get(tag)
            if attribute and attrs.get(attribute):
                found.links.append((tag, attrs[attribute]))
        closes_itself = start is not None and match[0].endswith("/>")
        if tag == "article":
            in_article += not closes_itself
        elif tag in INNER_TAGS:
            inner += not closes_itself
    return found


def page_url(site: pathlib.Path, path: pathlib.Path) -> str:
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def read_site(site: pathlib.Path) -> dict[str, Page]:
    """{url: Page} for every HTML file of the site (404 pages included)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        found = read_page(path.read_text(encoding="utf-8", errors="replace"))
        url = page_url(site, path)
        pages[url] = Page(path=path, url=url, **vars(found))
    return pages


def is_external(value: str) -> bool:
    parsed = urllib.parse.urlsplit(value)
    return bool(parsed.scheme or parsed.netloc) or value.startswith("//")


def site_path(page_rel: str, value: str) -> str:
    """The path, relative to the site root, that a link of the page at `page_rel` (relative to the
    site root too) points at ("" for the page itself)."""
    target = urllib.parse.unquote(urllib.parse.urlsplit(value).path)
    if not target:
        return ""
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(page_rel), target)
    return posixpath.normpath(joined)


@dataclasses.dataclass
class SiteFiles:
    """Every file and folder of a built site, relative to its root ("fr/registry/index.html"; the
    root itself is "."): one walk of the site, where asking the disk about each link took one or
    two stats per link (140,000 over the site)."""
    files: set
    folders: set

    @classmethod
    def of(cls, site: pathlib.Path) -> "SiteFiles":
        files, folders = set(), {"."}
        for folder, subfolders, names in os.walk(site):
            rel = pathlib.Path(folder).relative_to(site).as_posix()
            folders.update(posixpath.normpath(posixpath.join(rel, name)) for name in subfolders)
            files.update(posixpath.normpath(posixpath.join(rel, name)) for name in names)
        return cls(files, folders)

    def resolve(self, page_rel: str, value: str) -> tuple[str | None, str]:
        """(file a relative link of the page at `page_rel` leads to, relative to the site root, or
        None if it is missing; the link's fragment)."""
        parsed = urllib.parse.urlsplit(value)
        target = urllib.parse.unquote(parsed.path)
        if not target:
            return page_rel, parsed.fragment
        candidate = site_path(page_rel, value)
        if target.endswith("/") or candidate in self.folders:
            candidate = posixpath.normpath(posixpath.join(candidate, "index.html"))
        return (candidate if candidate in self.files else None), parsed.fragment
