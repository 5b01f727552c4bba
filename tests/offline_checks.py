"""Static checks of an unpacked offline bundle (a folder), shared by tests/publishing/test_offline_bundle.py.

Each function returns a list of problems ("page: what is wrong"), empty when the bundle is fine,
so a test can assert on the real bundle and, to prove the check bites, on a broken copy.
"""

from __future__ import annotations

import collections
import hashlib
import html.parser
import pathlib
import posixpath
import re
import urllib.parse

# Tags whose URL the browser fetches as the page loads (an asset), as opposed to a navigation.
ASSET_TAGS = {"script", "img", "source", "iframe", "embed", "audio", "video", "track", "input"}
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next"}  # <link rel=...> that fetch nothing
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


class PageParser(html.parser.HTMLParser):
    """Collects (tag, attributes) of every URL-bearing element, and every id, of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if "href" in attributes or "src" in attributes:
            self.links.append((tag, attributes))


def parse(path: pathlib.Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(root.rglob("*.html"))


def is_asset(tag: str, attributes: dict) -> bool:
    if tag in ASSET_TAGS:
        return True
    if tag == "link":
        rels = set(attributes.get("rel", "").lower().split())
        return not rels <= NAVIGATION_RELS
    return False


def broken_references(root: pathlib.Path) -> list[str]:
    """Relative URLs whose file or #anchor is missing, root-absolute URLs, assets from other hosts."""
    problems: list[str] = []
    parsed: dict[pathlib.Path, PageParser] = {}

    def page(path: pathlib.Path) -> PageParser:
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    for path in pages(root):
        rel = path.relative_to(root).as_posix()
        for tag, attributes in page(path).links:
            url = attributes.get("href") or attributes.get("src") or ""
            where = f"{rel}: <{tag}> {url!r}"
            if url.startswith(("data:", "mailto:", "blob:")) or url in ("", "#"):
                continue
            if SCHEME.match(url) or url.startswith("//"):
                if is_asset(tag, attributes):
                    problems.append(f"{where}: asset from another host")
                continue  # a navigation away (repository, sources): not the bundle's business
            if url.startswith("/"):
                problems.append(f"{where}: absolute path, resolves outside the bundle on file://")
                continue
            parts = urllib.parse.urlsplit(url)
            target = path if not parts.path else path.parent / urllib.parse.unquote(parts.path)
            target = pathlib.Path(posixpath.normpath(target.as_posix()))
            if root.resolve() not in target.resolve().parents:
                problems.append(f"{where}: leaves the bundle")
            elif not target.is_file():
                problems.append(f"{where}: no such file in the bundle")
            elif parts.fragment and target.suffix == ".html":
                anchor = urllib.parse.unquote(parts.fragment)
                if anchor not in page(target).ids:
                    problems.append(f"{where}: no id {anchor!r} in {target.relative_to(root).as_posix()}")
    return problems


class AttributeParser(html.parser.HTMLParser):
    """Collects (line, tag, attribute, value) for every attribute of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[int, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        self.attributes += [(line, tag, name, value or "") for name, value in attrs]


def online_site_references(root: pathlib.Path, site_url: str) -> list[str]:
    """Links, assets and styles or scripts of the bundle that point at the online site.

    Every attribute of every page counts (href, src, action, content, data-*...), and every
    stylesheet and script but the search index (which holds the pages' text): all must be
    relative. None is allowed, canonical links included: overrides/main.html leaves them out of
    the offline build, because the offline plugin would make them https://<site>/<page>.html,
    addresses the online site (directory URLs) does not serve. Text meant to be copied out of the
    bundle (the ticket replies of error pages, written inside <script type="application/json">)
    may name the online site: a reply sent to a user must not point at a file:// path.
    """
    host = urllib.parse.urlsplit(site_url).netloc
    mention = re.compile(rf"(?:https?:)?//{re.escape(host)}(?![\w.-])")
    problems = []
    for path in pages(root):
        parser = AttributeParser()
        parser.feed(path.read_text(encoding="utf-8"))
        for line, tag, name, value in parser.attributes:
            if mention.search(value):
                problems.append(f"{path.relative_to(root).as_posix()}:{line}: <{tag} {name}={value!r}>")
    for path in sorted([*root.rglob("*.css"), *root.rglob("*.js")]):
        if path.name == "search_index.js":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in mention.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{path.relative_to(root).as_posix()}:{line}: {text[match.start():match.start() + 80]!r}")
    return problems


def alternate_links(root: pathlib.Path) -> list[str]:
    """<link rel="alternate" hreflang> tags: Material fetches sitemap.xml beside each one."""
    problems = []
    for path in pages(root):
        for tag, attributes in parse(path).links:
            if tag == "link" and "alternate" in attributes.get("rel", "").split() and "hreflang" in attributes:
                problems.append(f"{path.relative_to(root).as_posix()}: <link rel=alternate href={attributes['href']!r}>")
    return problems


def waste(root: pathlib.Path) -> list[str]:
    """Files the bundle should not carry: maps, fonts, sitemaps, the JSON index, duplicates."""
    problems = []
    by_digest: dict[str, list[str]] = collections.defaultdict(list)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".map":
            problems.append(f"{rel}: source map")
        if path.suffix in FONT_SUFFIXES:
            problems.append(f"{rel}: font file (the theme uses system fonts)")
        if path.name.startswith("sitemap.xml") or path.name == "search_index.json":
            problems.append(f"{rel}: not used from file://")
        by_digest[hashlib.sha256(path.read_bytes()).hexdigest()].append(rel)
    for copies in by_digest.values():
        if len(copies) > 1:
            problems.append(f"same bytes in {len(copies)} files: {', '.join(copies)}")
    return problems


def redirect_stubs(root: pathlib.Path) -> list[pathlib.Path]:
    """Pages that only forward elsewhere (meta refresh), written by overrides/hooks/redirects.py."""
    refresh = re.compile(r'<meta\s+http-equiv="refresh"', re.I)
    return [path for path in pages(root) if refresh.search(path.read_text(encoding="utf-8"))]
