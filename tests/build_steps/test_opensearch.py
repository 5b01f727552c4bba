"""OpenSearch: each language has a description that a browser's address bar can search with, every
online page links its own language's, and the offline bundle links none."""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT

NS = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
MIME = "application/opensearchdescription+xml"
# A query as a reader types it in the address bar, with an accent, and the page it must bring up.
ADDRESS_BAR_QUERY = {"en": ("grace period", "client-activation/"), "fr": ("période de grâce", "fr/client-activation/")}


def published_root() -> str:
    return re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


def description(site_dir, lang):
    path = site_dir / LANGUAGE_PREFIX[lang] / "opensearch.xml"
    assert path.is_file(), f"no {path.relative_to(site_dir)}"
    return ET.parse(path).getroot()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_opensearch_description_of_its_home(site_dir, lang):
    root = description(site_dir, lang)
    home = published_root().rstrip("/") + "/" + LANGUAGE_PREFIX[lang]
    assert root.tag == "{%s}OpenSearchDescription" % NS["os"]
    short = root.findtext("os:ShortName", namespaces=NS)
    assert short and len(short) <= 16, f"ShortName {short!r}: 1 to 16 characters"
    assert root.findtext("os:Language", namespaces=NS) == lang
    assert root.findtext("os:InputEncoding", namespaces=NS) == "UTF-8"
    urls = {url.get("type"): url.get("template") for url in root.findall("os:Url", namespaces=NS)}
    assert urls["text/html"] == home + "?q={searchTerms}"  # Material opens its search from ?q=
    assert urls[MIME] == home + "opensearch.xml"
    html_lang = BeautifulSoup((site_dir / LANGUAGE_PREFIX[lang] / "index.html").read_text(encoding="utf-8"),
                              "html.parser").html["lang"]
    assert html_lang == lang


def test_every_page_links_the_description_of_its_language(site_dir, built_pages):
    problems = []
    for url, path in built_pages.items():
        html = path.read_text(encoding="utf-8")
        # What is checked lives in <head>: the body (most of a page) is not parsed.
        soup = BeautifulSoup(html[:html.find("</head>") + len("</head>")], "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub
        links = soup.select(f'head link[rel="search"][type="{MIME}"]')
        lang = "fr" if url.startswith("fr/") else "en"
        expected = LANGUAGE_PREFIX[lang] + "opensearch.xml"
        if len(links) != 1:
            problems.append(f"/{url}: {len(links)} OpenSearch links")
            continue
        target = urllib.parse.urljoin("http://h/" + url, links[0]["href"])
        if target != "http://h/" + expected or not links[0].get("title"):
            problems.append(f"/{url}: links {links[0]['href']} (title {links[0].get('title')!r}), not {expected}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_address_bar_query_opens_search_with_results(browser_page, site_url, site_dir, lang):
    """What a browser does with the description: fill the template and open it."""
    template = next(url.get("template") for url in description(site_dir, lang).findall("os:Url", namespaces=NS)
                    if url.get("type") == "text/html")
    words, expected = ADDRESS_BAR_QUERY[lang]
    address = template.replace(published_root(), site_url).replace("{searchTerms}", urllib.parse.quote(words))
    page = browser_page.page
    page.goto(address, wait_until="load")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert page.locator("input.md-search__input").input_value() == words
    results = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(r.split("#")[0].split("?")[0] == site_url + expected for r in results[:5]), results[:5]


def test_offline_bundle_links_no_opensearch_description(offline_bundle):
    assert not list(offline_bundle.root.rglob("opensearch.xml"))
    linked = [p.relative_to(offline_bundle.root).as_posix() for p in offline_bundle.root.rglob("*.html")
              if MIME in p.read_text(encoding="utf-8")]
    assert not linked, f"pages of the bundle link an OpenSearch description: {linked[:5]}"
