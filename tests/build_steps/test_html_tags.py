"""The fast reading of built HTML (vakb.html_tags) reads what the standard library's html.parser
reads, for each of its readers: the CSP hashes (the inline scripts and event handlers of a page,
vakb.build_steps.csp) and the link check (the ids, anchors, links and redirect of a page,
scripts/site_links.py). On crafted markup, and on every page of the published site, read once by
html.parser for both."""

from __future__ import annotations

import html
import html.parser

import pytest

from scripts import site_links
from vakb.build_steps import csp as csp_hashes


class StandardReading(html.parser.HTMLParser):
    """html.parser's reading of a page: what csp.scan_page and site_links.read_page must find."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # a script's text as written: what a browser hashes
        self.scripts, self.unhashable, self._script = [], [], None
        self.links = site_links.Reading()
        self._article_depth = 0
        self._inner_depth = 0  # inside <svg> or <form>

    def handle_starttag(self, tag, attrs):
        # (with convert_charrefs off, html.parser still resolves the references in attribute values)
        for name, value in attrs:
            if name.startswith("on"):
                self.unhashable.append(f"<{tag} {name}=...>")
            elif name in ("href", "src", "action") and html.unescape(value or "").strip().lower().startswith("javascript:"):
                self.unhashable.append(f"<{tag} {name}=javascript:...>")
        named = dict(attrs)
        if tag == "script" and "src" not in named and (named.get("type") or "").strip().lower() in csp_hashes.EXECUTABLE_TYPES:
            self._script = []
        self.read_links(tag, named)

    def read_links(self, tag, attrs):
        ident = attrs.get("id")
        if ident:
            self.links.ids.add(ident)
            if (self._article_depth > 0 or tag == "article") and self._inner_depth == 0 \
                    and not ident.startswith(site_links.PRIVATE_ID_PREFIXES):
                self.links.content_ids.append(ident)
        if tag == "article":
            self._article_depth += 1
        if tag in site_links.INNER_TAGS:
            self._inner_depth += 1
        if attrs.get("data-redirect-to"):
            self.links.redirect_to = attrs["data-redirect-to"]
        attribute = site_links.LINK_ATTRIBUTES.get(tag)
        if attribute and attrs.get(attribute):
            self.links.links.append((tag, attrs[attribute]))

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in site_links.INNER_TAGS and self._inner_depth:
            self._inner_depth -= 1


def standard_reading(text: str) -> StandardReading:
    parser = StandardReading()
    parser.feed(text)
    parser.close()
    return parser


# -- the CSP hashes' reading: inline scripts, event handlers, javascript: URLs ----------------------

SCRIPTS_AND_HANDLERS = [
    '<p>x</p><script>alert(1)</script><script type="application/json">{"a": 1}</script>',
    '<img src=x onerror=alert(1)>', "<img src='x' ONERROR='alert(1)'>", '<svg><a href="javascript:go()">x</a></svg>',
    '<a href="&#106;avascript:go()">entity</a>', '<a href=" JavaScript:go()">case</a>',
    '<!-- <script>not run</script> --><script>run()</script>', '<form action="javascript:go()"></form>',
    '<SCRIPT TYPE="module">import("./x.js")</SCRIPT>', '<script src="a.js"></script><div data-on="1" title="on">',
    '<input value="a > b" onfocus="go()">', '<body onload="go()"><p>text</p></body>',
    '<a href="java&#x73;cript:go()">hidden letters</a>', '<img/onerror=go()>', '<a href="x"onclick="go()">y</a>',
    '<p>no handler: "version=1", activation</p><script>run()</script><script type="text/plain">x</script>',
    # A <style>'s text is not markup (html.parser and browsers read no tag in it); its own tag is.
    '<style>p::after { content: "<img src=x onerror=go()>" }</style><script>run()</script>',
    '<style onload="go()">p { color: red }</style>', '<div title="a > b" id="x"><script>run()</script></div >',
    # ...also on a page with no handler anywhere, which only its scripts are read for.
    '<style>p::after { content: "<script>hidden()</script>" }</style><script>run()</script>',
]


@pytest.mark.parametrize("markup", SCRIPTS_AND_HANDLERS)
def test_the_csp_reading_matches_the_standard_parser_on_crafted_markup(markup):
    found, standard = csp_hashes.scan_page(markup), standard_reading(markup)
    assert (found.scripts, found.unhashable) == (standard.scripts, standard.unhashable)
    assert found.scripts or found.unhashable or "data-on" in markup


# -- the link check's reading: ids, anchors, links, redirects --------------------------------------

IDS_AND_LINKS = [
    '<h2 id="top">x</h2><article><h2 id="a">A</h2><p><a href="#a">here</a></p></article><h2 id="after">',
    '<article><form id="tool"><input id="field"></form><svg id="drawing"><g id="inner"/></svg><h3 id="b"></article>',
    '<article><h2 id="__tabbed_1">tab</h2><sup id="fnref:1"><a href="#fn:1">1</a></sup><h2 id="_x"></article>',
    '<ARTICLE><H2 ID="Upper">x</H2><A HREF="../up/">up</A></ARTICLE>',
    "<article><h2 id='single'>x</h2><a href=bare/>bare</a><img src=\"i.png\" alt=\"a > b\"></article>",
    '<article><a href="a?x=1&amp;y=2#s">amp</a><a href="">empty</a><a name="old">no href</a></article>',
    '<!-- <a href="commented/"> <h2 id="commented"> --><script>let s = "<a href=\'js/\'>";</script><a href="real/">',
    '<script src="a.js"></script><style>a::after { content: "<a href=css/>" }</style><link rel="icon" href="f.svg">',
    '<article><svg/><h2 id="after-empty-svg"></h2><form/><h2 id="after-empty-form"></h2></article>',
    '<meta http-equiv="refresh" content="0; url=new/"><div data-redirect-to="../new/#a"></div>',
    '<article><div title="a > b" id="quoted-gt"></div><source src="v.webm"><video src="v.mp4"></video></article >',
]


@pytest.mark.parametrize("markup", IDS_AND_LINKS)
def test_the_link_reading_matches_the_standard_parser_on_crafted_markup(markup):
    found = site_links.read_page(markup)
    assert found == standard_reading(markup).links
    assert found.ids or found.links or found.redirect_to


def test_both_readings_match_the_standard_parser_on_every_published_page(published_site):
    """The online site with the print editions published in it (the offline bundle's pages are the
    same templates, with .html links)."""
    differ, read = [], 0
    for path in sorted(published_site.rglob("*.html")):
        if "assets" in path.relative_to(published_site).parts:
            continue
        text = path.read_text(encoding="utf-8")
        standard, scripts, read = standard_reading(text), csp_hashes.scan_page(text), read + 1
        if (scripts.scripts, scripts.unhashable) != (standard.scripts, standard.unhashable):
            differ.append(f"{path.relative_to(published_site).as_posix()} (scripts)")
        if site_links.read_page(text) != standard.links:
            differ.append(f"{path.relative_to(published_site).as_posix()} (links)")
    assert read > 900 and not differ, differ[:10]
