"""The link check's reading of a page (scripts/site_links.py, on vakb.html_tags) is the standard
library's: the same ids, anchors, links and redirect, on crafted markup and on every built page."""

from __future__ import annotations

import html.parser

import pytest

from scripts import site_links


class StandardReading(html.parser.HTMLParser):
    """html.parser's reading of a page, which site_links.read_page (a faster one) must match."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = site_links.Reading()
        self._article_depth = 0
        self._inner_depth = 0  # inside <svg> or <form>

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ident = attrs.get("id")
        if ident:
            self.found.ids.add(ident)
            if (self._article_depth > 0 or tag == "article") and self._inner_depth == 0 \
                    and not ident.startswith(site_links.PRIVATE_ID_PREFIXES):
                self.found.content_ids.append(ident)
        if tag == "article":
            self._article_depth += 1
        if tag in site_links.INNER_TAGS:
            self._inner_depth += 1
        if attrs.get("data-redirect-to"):
            self.found.redirect_to = attrs["data-redirect-to"]
        attribute = site_links.LINK_ATTRIBUTES.get(tag)
        if attribute and attrs.get(attribute):
            self.found.links.append((tag, attrs[attribute]))

    def handle_endtag(self, tag):
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in site_links.INNER_TAGS and self._inner_depth:
            self._inner_depth -= 1


def standard_reading(text: str) -> site_links.Reading:
    parser = StandardReading()
    parser.feed(text)
    parser.close()
    return parser.found


CRAFTED = [
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


@pytest.mark.parametrize("markup", CRAFTED)
def test_the_fast_reading_matches_the_standard_parser_on_crafted_markup(markup):
    fast = site_links.read_page(markup)
    assert fast == standard_reading(markup)
    assert fast.ids or fast.links or fast.redirect_to


def test_the_fast_reading_matches_the_standard_parser_on_every_built_page(published_site):
    """The online site with the print editions published in it: every kind of page the link check
    reads on a build (the offline bundle's pages are the same templates with .html links)."""
    differ, read = [], 0
    for path in sorted(published_site.rglob("*.html")):
        if "assets" in path.relative_to(published_site).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        read += 1
        if site_links.read_page(text) != standard_reading(text):
            differ.append(path.relative_to(published_site).as_posix())
    assert read > 900 and not differ, differ[:10]


def test_a_link_leads_where_a_static_server_would_serve_it(tmp_path):
    site = tmp_path / "site"
    for rel in ("index.html", "page.html", "fr/index.html", "fr/registry/index.html", "assets/x.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    (tmp_path / "outside.html").write_text("beside the site, never published with it", encoding="utf-8")
    files = site_links.SiteFiles.of(site)
    cases = {
        ("fr/registry/index.html", "../"): ("fr/index.html", ""),
        ("fr/registry/index.html", "../.."): ("index.html", ""),
        ("fr/index.html", "registry"): ("fr/registry/index.html", ""),  # a folder, without its slash
        ("index.html", "/fr/registry/#vlrenewalinterval"): ("fr/registry/index.html", "vlrenewalinterval"),
        ("index.html", "#top"): ("index.html", "top"),
        ("index.html", "page.html?lang=fr"): ("page.html", ""),
        ("index.html", "fr%2Fregistry/"): ("fr/registry/index.html", ""),
        ("fr/index.html", "../assets/x.css"): ("assets/x.css", ""),
        ("index.html", "no-such-page/"): (None, ""),
        ("index.html", "page.html/"): (None, ""),
        ("fr/index.html", "../../outside.html"): (None, ""),
    }
    assert {case: files.resolve(*case) for case in cases} == cases
