"""The built HTML loads nothing from another host, and each page knows its language and its twin.

Reads every HTML and CSS file of the strict build (fixture `site_dir`). A resource a browser loads
by itself (script, stylesheet, icon, font, image, frame, media, CSS @import/url()) must be a
relative URL, a path on the same host, or data:. Links a reader follows (<a href>, hreflang and
canonical <link>) may point anywhere. Every page says `<html lang="fr">` under fr/ and "en"
elsewhere, has hreflang alternates for both languages pointing at the twin page in sitemap.xml
(not in its head), and its language switcher leads to the twin.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from vakb import data
from vakb import release
from conftest import LANGUAGES, ROOT

ORIGIN = "http://site.invalid/"  # base used to resolve relative links; never contacted
# <link rel> values that make the browser fetch the href by itself (not alternate/canonical).
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                "manifest", "mask-icon", "dns-prefetch", "preconnect"}
# (tag, attribute) pairs whose URL the browser fetches without a click.
LOADING_ATTRS = [("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                 ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
                 ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"),
                 ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("feimage", "href")]
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)['"]?\s*\)""", re.I)


def is_foreign(url: str) -> bool:
    """True when fetching `url` would contact another host (data: and same-site paths are local)."""
    url = url.strip()
    if not url or url.startswith(("data:", "#", "about:blank")):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)  # http:, https:, //cdn..., file:, ...


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def foreign_loads_in_css(css: str) -> list[str]:
    return [url for match in CSS_URL.finditer(css) for url in match.groups() if url and is_foreign(url)]


class PageFacts(HTMLParser):
    """One streaming pass over a page: what it loads, its language, alternates and switcher.

    (A tree parser over a few hundred Material pages costs seconds per pass; this reads each page
    once for every test of this module.)
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.lang: str | None = None
        self.foreign: list[str] = []
        self.alternates: dict[str, str] = {}  # <link rel=alternate hreflang>
        self.switcher: dict[str, str] = {}  # <a class=md-select__link hreflang>
        self.redirect = False
        self.body_scripts: list[dict[str, str]] = []  # attributes of each <script src> of <body>, in order
        self._in_body = False
        self._style: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "body":
            self._in_body = True
        elif tag == "script" and self._in_body and attrs.get("src"):
            self.body_scripts.append(attrs)
        elif tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.redirect = True
        elif tag == "link" and "href" in attrs:
            rels = set(attrs.get("rel", "").lower().split())
            if rels & LOADING_RELS and is_foreign(attrs["href"]):
                self.foreign.append(f"<link rel={' '.join(sorted(rels))} href={attrs['href']}>")
            if "alternate" in rels and "hreflang" in attrs:
                self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "a" and "md-select__link" in attrs.get("class", "").split() and "hreflang" in attrs:
            self.switcher[attrs["hreflang"]] = attrs.get("href", "")
        elif tag == "style":
            self._style = []
        for loading_tag, attr in LOADING_ATTRS:
            if tag == loading_tag and attrs.get(attr):
                urls = srcset_urls(attrs[attr]) if attr == "srcset" else [attrs[attr]]
                self.foreign += [f"<{tag} {attr}={u}>" for u in urls if is_foreign(u)]
        if attrs.get("style"):
            self.foreign += [f"<{tag} style> {u}" for u in foreign_loads_in_css(attrs["style"])]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._style = None

    def handle_data(self, data):
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag):
        if tag == "style" and self._style is not None:
            self.foreign += [f"<style> {u}" for u in foreign_loads_in_css("".join(self._style))]
            self._style = None


def foreign_loads_in_html(html: str) -> list[str]:
    return PageFacts(html).foreign


def page_language(rel_path: str) -> str:
    return "fr" if rel_path.startswith("fr/") else "en"


def twin_url(rel_url: str, lang: str) -> str:
    """Site-relative URL of the `lang` version of a page: 'how-kms-works/' <-> 'fr/how-kms-works/'."""
    plain = rel_url.removeprefix("fr/")
    return plain if lang == "en" else f"fr/{plain}"


def resolved(page_url: str, href: str) -> str:
    return urljoin(ORIGIN + page_url, href).removeprefix(ORIGIN)


@pytest.fixture(scope="module")
def html_files(site_dir) -> dict[str, PageFacts]:
    """{path relative to site_dir: PageFacts} for every HTML file of the build."""
    files = {p.relative_to(site_dir).as_posix(): PageFacts(p.read_text(encoding="utf-8"))
             for p in sorted(site_dir.rglob("*.html"))}
    assert "index.html" in files and "fr/index.html" in files
    return files


@pytest.fixture(scope="module")
def pages(html_files, built_pages) -> dict[str, PageFacts]:
    """{page URL: PageFacts} for every real page (redirect stubs left out)."""
    found = {}
    for rel, facts in html_files.items():
        url = rel.removesuffix("index.html")
        if url in built_pages and not facts.redirect:
            found[url] = facts
    assert found
    return found


def test_no_html_file_loads_anything_from_another_host(html_files):
    problems = [f"{rel}: {found}" for rel, facts in html_files.items() for found in facts.foreign]
    assert not problems, "resources loaded from another host:\n" + "\n".join(problems)


def test_no_stylesheet_imports_or_uses_a_remote_url(site_dir):
    sheets = sorted(site_dir.rglob("*.css"))
    assert sheets, "no CSS file in the build"
    problems = []
    for sheet in sheets:
        problems += [f"{sheet.relative_to(site_dir)}: {url}" for url in foreign_loads_in_css(sheet.read_text("utf-8"))]
    assert not problems, "CSS fetching from another host:\n" + "\n".join(problems)


def body_script_problems(page: str | PageFacts) -> list[str]:
    """Why the external scripts of a page's <body> would hold up its first paint ([] when none would).

    Each must be `defer` (Material's bundle first, so the site's scripts still find `document$`):
    a plain <script src> at the end of <body> let Chrome run Material's start-up before painting
    when the bundle arrived early (overrides/main.html, block scripts). The one script allowed
    before the bundle is search-on-demand.js, which must see the request the bundle sends as it
    starts (the search index, held until the reader searches)."""
    scripts = (page if isinstance(page, PageFacts) else PageFacts(page)).body_scripts
    problems = [f"<script src={s['src']}> is not deferred" for s in scripts if "defer" not in s]
    if scripts and scripts[0]["src"].endswith(SEARCH_ON_DEMAND):
        scripts = scripts[1:]
    if scripts and "/bundle." not in "/" + scripts[0]["src"]:
        problems.append(f"the first script is {scripts[0]['src']}, not Material's bundle")
    return problems


def test_every_page_defers_its_scripts_behind_material_bundle(pages):
    problems = [f"{url or '/'}: {problem}" for url, facts in pages.items()
                for problem in body_script_problems(facts)]
    assert not problems, "scripts that can delay the first paint:\n" + "\n".join(problems[:20])


def test_deferred_script_check_catches_a_blocking_or_misordered_script():
    good = '<body><script defer src="a/bundle.1.min.js"></script><script defer src="x.js"></script></body>'
    assert body_script_problems(good) == []
    assert body_script_problems(good.replace('<script defer src="x.js"', '<script src="x.js"')) == [
        "<script src=x.js> is not deferred"]
    swapped = '<body><script defer src="x.js"></script><script defer src="a/bundle.1.min.js"></script></body>'
    assert body_script_problems(swapped) == ["the first script is x.js, not Material's bundle"]
    on_demand = f'<body><script defer src="../{SEARCH_ON_DEMAND}"></script>' + good.removeprefix("<body>")
    assert body_script_problems(on_demand) == []


SEARCH_ON_DEMAND = "assets/javascripts/search-on-demand.js"  # online only, before the bundle
EVERY_PAGE_SCRIPTS = ["search-on-demand.js", "site.js", "anchor-redirects.js", "copy-link.js"]  # in this order
# Script -> what a page must hold to load it (overrides/hooks/page_scripts.py).
COMPONENT_SCRIPTS = {"error-lookup.js": 'id="error-lookup"', "ticket-reply.js": 'class="vakb-ticket-reply"',
                     "tools/common.js": 'data-tool="', "evidence-page.js": 'class="vakb-evidence"'}


def own_scripts(page: PageFacts) -> list[str]:
    """The site's scripts a page loads, as paths under assets/javascripts/, in order."""
    return [re.sub(r"^.*?assets/javascripts/", "", s["src"]) for s in page.body_scripts
            if "assets/javascripts/" in s["src"] and "/bundle." not in s["src"]]


def test_each_page_loads_the_scripts_of_the_components_it_holds(pages, html_files):
    problems = []
    for url, facts in pages.items():
        scripts = own_scripts(facts)
        if scripts[:len(EVERY_PAGE_SCRIPTS)] != EVERY_PAGE_SCRIPTS:
            problems.append(f"/{url}: starts with {scripts[:len(EVERY_PAGE_SCRIPTS)]}, not {EVERY_PAGE_SCRIPTS}")
        for script, marker in COMPONENT_SCRIPTS.items():
            if (script in scripts) != (marker in facts.html):
                problems.append(f"/{url}: {script} {'loaded without' if script in scripts else 'missing for'} {marker}")
        tools = set(re.findall(r'data-tool="([\w-]+)"', facts.html))
        loaded_tools = {s.removeprefix("tools/").removesuffix(".js") for s in scripts if s.startswith("tools/")} - {"common"}
        if tools != loaded_tools:
            problems.append(f"/{url}: holds tools {sorted(tools)}, loads {sorted(loaded_tools)}")
    for rel in ("404.html", "fr/404.html"):  # static templates: no component, every-page scripts only
        if own_scripts(html_files[rel]) != EVERY_PAGE_SCRIPTS:
            problems.append(f"{rel}: loads {own_scripts(html_files[rel])}")
    assert not problems, "\n".join(problems)
    loaded = {s for facts in pages.values() for s in own_scripts(facts)}
    assert {"error-lookup.js", "ticket-reply.js", "tools/reg-generator.js", "evidence-page.js"} <= loaded  # each kind was seen
    assert not loaded & {"evidence.js", "evidence-read.js", "evidence-diagnose.js", "evidence-render.js", "evidence-data.js"}  # the analyzer's parser and data: only on first use


def test_online_home_pages_link_the_offline_zip_of_this_commit(html_files):
    # The name scripts/bundle.py gives the zip of this checkout (both call overrides/vakb/release.py).
    expected = release.DOWNLOAD_DIR + release.offline_zip_name(ROOT)
    for home in ("index.html", "fr/index.html"):
        soup = BeautifulSoup(html_files[home].html, "html.parser")
        links = soup.select("p.vakb-offline-edition a[download]")
        assert len(links) == 1, f"{home}: one offline-edition link"
        assert resolved(home.removesuffix("index.html"), links[0]["href"]) == expected
        # The print edition too (issue 25: it existed only inside the zip): scripts/bundle.py publishes
        # the bundle's print pages beside the home pages (tests/publishing/test_print_edition.py).
        printed = soup.select("p.vakb-print-edition a")
        assert len(printed) == 1, f"{home}: one print-edition link"
        assert resolved(home.removesuffix("index.html"), printed[0]["href"]) == home.removesuffix("index.html") + "print.html"


def test_every_html_file_declares_its_language(html_files):
    problems = [f"{rel}: <html lang={facts.lang!r}>, expected {page_language(rel)!r}"
                for rel, facts in html_files.items() if facts.lang != page_language(rel)]
    assert not problems, "\n".join(problems)


def sitemap_alternates(site_dir) -> dict[str, dict[str, str]]:
    """{site-relative page URL: {hreflang: site-relative URL}} from sitemap.xml's xhtml:link entries."""
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    found = {}
    for entry in ET.parse(site_dir / "sitemap.xml").getroot().findall("s:url", names):
        loc = urlsplit(entry.findtext("s:loc", namespaces=names)).path.lstrip("/")
        found[loc] = {link.get("hreflang"): urlsplit(link.get("href")).path.lstrip("/")
                      for link in entry.findall("x:link", names)}
    return found


def test_every_page_declares_its_twin_in_the_sitemap_not_in_its_head(pages, site_dir):
    """hreflang pairs live in sitemap.xml. A <link rel=alternate> in the head makes Material fetch
    sitemap.xml beside the page it points at: two 404s per visit (see overrides/main.html)."""
    sitemap = sitemap_alternates(site_dir)
    problems = []
    for url, facts in pages.items():
        if facts.alternates:
            problems.append(f"/{url}: hreflang <link> in the head: {facts.alternates}")
        for lang in LANGUAGES:
            target = sitemap.get(url, {}).get(lang)
            if target != twin_url(url, lang):
                problems.append(f"/{url}: sitemap hreflang={lang} -> {target!r}, expected /{twin_url(url, lang)}")
    assert not problems, "\n".join(problems)


def test_language_switcher_leads_to_the_same_page_in_the_other_language(pages, built_pages):
    problems = []
    for url, facts in pages.items():
        for lang in LANGUAGES:
            target = resolved(url, facts.switcher[lang]) if lang in facts.switcher else None
            if target != twin_url(url, lang):
                problems.append(f"/{url}: switcher {lang} -> {target!r}, expected /{twin_url(url, lang)}")
            elif target not in built_pages:
                problems.append(f"/{url}: switcher {lang} -> /{target}, which was not built")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_speaks_the_language_of_its_folder(site_dir, lang):
    rel = "404.html" if lang == "en" else f"{lang}/404.html"
    soup = BeautifulSoup((site_dir / rel).read_text(encoding="utf-8"), "html.parser")
    ui = data.load("ui")
    other = next(code for code in LANGUAGES if code != lang)
    assert soup.find("html")["lang"] == lang
    title = soup.select_one("article h1").get_text(strip=True)
    assert title == ui["not_found_title"][lang] != ui["not_found_title"][other]
    # Its links lead to existing pages of the same language: home and the error index.
    root = "/" if lang == "en" else f"/{lang}/"
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert hrefs == [root, f"{root}errors/"]
    for href in hrefs:
        assert (site_dir / href.lstrip("/") / "index.html").exists(), href
    # Search on the 404 loads this language's index, not the other one's (nor a host named "fr").
    assert f'"base": "{root}"' in str(soup.find("script", id="__config"))
    assert soup.select_one(".md-search")["aria-label"] == ui["search_dialog"][lang]


# --- the checks can fail: fed known-bad input, they name the culprit ------------------------------

def test_checks_catch_every_kind_of_remote_load():
    bad = """<html><head>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="preconnect" href="//fonts.gstatic.com">
      <script src="https://unpkg.com/mermaid@11"></script>
      <style>@import url("https://cdn.example/x.css"); body{background:url(http://x/y.png)}</style>
    </head><body>
      <img src="https://example.org/logo.png"><img srcset="a.png 1x, https://x/b.png 2x">
      <iframe src="https://www.youtube.com/embed/1"></iframe>
      <svg><image href="https://x/pic.svg"/></svg><div style="background:url('//x/bg.png')"></div>
    </body></html>"""
    assert len(foreign_loads_in_html(bad)) == 10


def test_checks_accept_local_resources_and_outbound_links():
    good = """<html><head>
      <link rel="stylesheet" href="../assets/stylesheets/main.css">
      <link rel="stylesheet" href="/assets/stylesheets/vakb.css">
      <link rel="alternate" href="https://vakb.example.org/fr/" hreflang="fr">
      <link rel="canonical" href="https://vakb.example.org/">
      <script src="assets/javascripts/bundle.js"></script>
    </head><body><img src="data:image/png;base64,AAAA"><a href="https://learn.microsoft.com/">MS</a>
    <div style="background:url(../img/x.svg)"></div></body></html>"""
    assert foreign_loads_in_html(good) == []


def test_twin_urls_and_resolution():
    assert twin_url("", "fr") == "fr/" and twin_url("fr/", "en") == ""
    assert twin_url("errors/0xc004f074/", "fr") == "fr/errors/0xc004f074/"
    assert resolved("how-kms-works/", "../fr/how-kms-works/") == "fr/how-kms-works/"
    assert resolved("fr/", "..") == ""
