"""Where the analyzer stands in the built site (no browser): first on both home pages and on the
errors index, in both builds; its parser and data published as files, not in the page; "Error
codes" an entry of the navigation's top level.
"""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from vakb.topics import evidence

PAGES = ["index.html", "fr/index.html", "errors/index.html", "fr/errors/index.html"]


def soup_of(site, rel):
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("rel", PAGES)
def test_the_analyzer_comes_first_and_loads_its_parser_only_on_use(site_dir, rel):
    soup = soup_of(site_dir, rel)
    article = soup.select_one("article.md-content__inner")
    first = article.find("h1").find_next_sibling()
    assert first is not None and "vakb-evidence" in first.get("class", []), f"{rel}: first after the title is {first}"
    area = first.select_one("textarea#evidence")
    label = first.find("label", attrs={"for": "evidence"})
    lang = "fr" if rel.startswith("fr/") else "en"
    words = evidence.payload()["evidence"]["interface"]
    assert label is not None and label.get_text(strip=True) == words["label"][lang]
    assert area is not None and first.select_one(".vakb-evidence__findings")["aria-live"] == "polite"
    assert first["data-directory-urls"] == "true"
    # The parser and its data are files of the site the page points at, not part of the page.
    parser = first["data-parser"].split()
    assert len(parser) == len(evidence.PARSER_SCRIPTS)
    for attribute, value, path in [("data-parser", value, path) for value, path in zip(parser, evidence.PARSER_SCRIPTS)] + [
            ("data-data", first["data-data"], evidence.DATA_SCRIPT)]:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), value))
        assert resolved == path and (site_dir / path).is_file(), (rel, attribute, value)
    sources = [s["src"] for s in soup.find_all("script", src=True)]
    assert not [s for s in sources if re.search(r"evidence(-data|-read|-diagnose|-render)?\.js$", s)], sources
    assert not soup.select("script.vakb-evidence__data")


def test_the_data_script_holds_the_payload_of_this_build(site_dir):
    text = (site_dir / evidence.DATA_SCRIPT).read_text(encoding="utf-8")
    match = re.fullmatch(r"window\.vakbEvidenceData=(\{.*\});\s*", text, re.S)
    assert match, text[:200]
    assert json.loads(match.group(1)) == json.loads(json.dumps(evidence.payload()))


@pytest.mark.parametrize("rel, title", [("index.html", "Error codes"), ("fr/index.html", "Codes d'erreur")])
def test_error_codes_is_a_top_level_entry_of_the_navigation(site_dir, rel, title):
    primary = soup_of(site_dir, rel).select_one("nav.md-nav--primary > ul.md-nav__list")
    top = [item.find(["a", "label"], recursive=False) for item in primary.find_all("li", recursive=False)]
    entries = {link.get_text(" ", strip=True): link.get("href") for link in top if link is not None}
    assert title in entries, entries
    assert entries[title].rstrip("/").endswith("errors"), entries[title]


def test_the_offline_bundle_has_the_analyzer_with_html_links(offline_bundle):
    for rel in PAGES:
        first = soup_of(offline_bundle.root, rel).select_one("div.vakb-evidence")
        assert first is not None and first["data-directory-urls"] == "false", rel
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), first["data-data"]))
        assert (offline_bundle.root / resolved).is_file(), rel
