"""The built error-code pages: one per code and language, the errors index, and api/errors.json.

Read from the strict build of the session (`site_dir`). Expected texts come from docs/data/errors.yml
(the single source the pages are generated from) and from the issue's contract (URLs, ids, forms);
nothing is compared against a page rendered by the code under test.
"""

from __future__ import annotations

import json
import pathlib
import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from vakb import data
from conftest import ROOT, LANGUAGE_PREFIX
from test_errors_data import CODES_1A, CODES_1B, CODES_ISSUE_16, CONFLICTING

CODES = CODES_1A + CODES_1B + CODES_ISSUE_16
SECTION_IDS = ["meaning", "causes", "fix", "where-it-shows-up", "related-codes", "related-topics"]
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


@pytest.fixture(scope="module")
def entries():
    return {entry["code"]: entry for entry in data.load("errors")["errors"]}


def soup_of(site_dir: pathlib.Path, rel: str) -> BeautifulSoup:
    path = site_dir / rel / "index.html" if rel.endswith("/") or rel == "" else site_dir / rel
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(element) -> str:
    """Visible text with spacing normalised and heading permalinks (¶) dropped."""
    return " ".join(element.get_text().replace("¶", "").split())


def code_page(code: str, lang: str) -> str:
    return f"{LANGUAGE_PREFIX[lang]}errors/{code.lower()}/"


def test_no_code_page_is_committed_as_a_source():
    # The pages are generated at build time: docs/errors/ holds the index only.
    assert sorted(p.name for p in (ROOT / "docs" / "errors").iterdir()) == ["index.en.md", "index.fr.md"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_full_page_per_code_in_each_language(built_pages, lang):
    # Every other code of the catalogue has a short page (no #causes section), checked by
    # tests/topics/test_error_catalogue_pages.py; the documented codes, and only they, have full pages.
    pages = {url for url in built_pages if re.fullmatch(rf"{LANGUAGE_PREFIX[lang]}errors/0x[0-9a-f]{{8}}/", url)}
    full = {url for url in pages if 'id="causes"' in built_pages[url].read_text(encoding="utf-8")}
    assert full == {code_page(code, lang) for code in CODES}
    assert {code_page(code, lang) for code in CODES} < pages


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_code_pages_show_the_contract(site_dir, entries, lang):
    for code in CODES:
        entry, soup = entries[code], soup_of(site_dir, code_page(code, lang))
        assert soup.html["lang"] == lang
        h1 = text_of(soup.select_one("article h1"))
        # Title: the code in its usual form, then the meaning in the page's language.
        assert h1.startswith(f"{code} — ") and entry["meaning"][lang] in h1, h1
        ids = [h["id"] for h in soup.select("article h2[id]")]
        assert [i for i in ids if i in SECTION_IDS] == SECTION_IDS, f"{code} {lang}: {ids}"
        text = soup.select_one("article").get_text(" ", strip=True)
        assert str(int(code, 16)) in text and str(int(code, 16) - 2**32) in text, f"{code}: decimal forms"
        assert f"slui.exe 0x2a {code}" in text
        if entry["name"]:
            assert entry["name"] in text
        # Causes and fix steps in the data's order, one list item each.
        causes = soup.select_one("#causes").find_next_sibling("ol").find_all("li", recursive=False)
        steps = soup.select_one("#fix").find_next_sibling("ol").find_all("li", recursive=False)
        assert len(causes) == len(entry["causes"]) and len(steps) == len(entry["fix"])
        for step, data_step in zip(steps, entry["fix"]):
            if "command" in data_step:
                assert step.find("code"), f"{code} {lang}: the command of a fix step is shown as code"
        if code in CONFLICTING or "status" in entry:
            assert soup.select_one("article .admonition.warning"), f"{code} {lang}: status not shown"
        # Related codes link to their pages in the same language.
        related = soup.select_one("#related-codes").find_next_sibling("ul")
        hrefs = [a["href"] for a in related.find_all("a")] if related else []
        assert [urllib.parse.urljoin(code_page(code, lang), h) for h in hrefs] == [
            code_page(other, lang) for other in entry["related"]
        ]


def test_heading_ids_are_the_same_in_both_languages(site_dir):
    for code in CODES:
        ids = [[h["id"] for h in soup_of(site_dir, code_page(code, lang)).select("article [id]")] for lang in ("en", "fr")]
        assert ids[0] == ids[1], code


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_lists_every_code_with_a_working_link(site_dir, entries, lang):
    index = f"{LANGUAGE_PREFIX[lang]}errors/"
    soup = soup_of(site_dir, index)
    form = soup.select_one("#error-lookup")
    field = form.select_one('input[type="search"]')
    assert field is not None and soup.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)
    # Suggestions: every code that has a page, the catalogue's short pages included.
    catalogue = data.load("error_catalogue")
    every_code = set(CODES) | {e["code"] for e in catalogue["slerror_codes"] + catalogue["other_codes"]}
    assert {o["value"] for o in soup.select(f'datalist#{field["list"]} option')} == every_code
    for code in CODES:
        row = soup.find("tr", id=code.lower())
        assert row is not None, f"{lang}: no row with id {code.lower()}"
        assert entries[code]["meaning"][lang] in text_of(row)
        target = urllib.parse.urljoin(index, row.find("a")["href"])
        assert target == code_page(code, lang)
        # The same page from the language root: what the lookup box uses in the print edition.
        assert LANGUAGE_PREFIX[lang] + row["data-path"] == code_page(code, lang)
    # Grouped: one section per group of the data, in its order.
    groups = [g["id"] for g in data.load("errors")["groups"]]
    assert [h["id"] for h in soup.select("article h2[id]") if h["id"] in groups] == groups


def test_json_export_matches_the_data(site_dir, entries):
    export = json.loads((site_dir / "api" / "errors.json").read_text(encoding="utf-8"))
    assert export["languages"] == ["en", "fr"]
    # The documented codes first, in the data's order; the catalogue's others follow
    # (tests/topics/test_error_catalogue_pages.py checks those).
    documented = [item for item in export["errors"] if item["documented"]]
    assert [item["code"] for item in documented] == list(entries)
    assert export["errors"][:len(documented)] == documented
    for item in documented:
        entry = entries[item["code"]]
        assert item["name"] == entry["name"]
        assert item["unsigned"] == int(item["code"], 16)
        assert item["signed"] == int(item["code"], 16) - (2**32 if int(item["code"], 16) >= 2**31 else 0)
        assert item["group"] == entry["group"] and item["confidence"] == entry["confidence"]
        for lang in ("en", "fr"):
            assert item[lang]["meaning"] == entry["meaning"][lang]
            assert item[lang]["path"] == code_page(item["code"], lang)
            assert item[lang]["url"] == SITE_URL + code_page(item["code"], lang)
            assert (site_dir / item[lang]["path"] / "index.html").is_file()


def test_json_format_is_documented_on_the_errors_page(site_dir):
    for lang in ("en", "fr"):
        text = soup_of(site_dir, f"{LANGUAGE_PREFIX[lang]}errors/").select_one("#api").find_parent().get_text()
        for field in ("api/errors.json", '"code"', '"name"', '"unsigned"', '"signed"', '"meaning"', '"url"', '"path"'):
            assert field in text, f"{lang}: {field} not documented"


def test_code_pages_are_in_the_sitemap_and_search_index_of_their_language(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}errors/0xc004f074/" in sitemap and f"{SITE_URL}fr/errors/0xc004f074/" in sitemap
    for lang in ("en", "fr"):
        index = json.loads((site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {doc["location"] for doc in index["docs"]}
        assert {f"errors/{code.lower()}/" for code in CODES} <= locations


def test_related_topics_lead_to_existing_sections(site_dir, entries):
    targets = {}  # a topic page is the target of many codes' links: parsed once, for this test only
    for code in CODES:
        for lang in ("en", "fr"):
            here = code_page(code, lang)
            links = soup_of(site_dir, here).select_one("#related-topics").find_next_sibling("ul").find_all("a")
            assert len(links) == len(entries[code]["topics"])
            for link, topic in zip(links, entries[code]["topics"]):
                path, _, anchor = urllib.parse.urljoin(here, link["href"]).partition("#")
                assert path == LANGUAGE_PREFIX[lang] + topic["page"].removesuffix(".md") + "/"
                assert anchor == topic.get("anchor", "")
                if anchor:
                    if path not in targets:
                        targets[path] = soup_of(site_dir, path)
                    assert targets[path].find(id=anchor) is not None, f"{code} {lang}: {link['href']}"


def _reply_commands(text: str) -> list[str]:
    """The commands of a ticket reply: each run of lines indented by four spaces, dedented."""
    commands, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("    "):
            current.append(line[4:])
        elif current:
            commands.append("\n".join(current))
            current = []
    return commands


REPLY = re.compile(r'<script type="application/json" class="vakb-ticket-reply__text">(.*?)</script>', re.S)
CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.S)


@pytest.fixture(scope="module")
def ticket_replies(built_pages) -> dict[str, tuple[dict, set[str], str]]:
    """{page URL: (its ticket reply, the text of its code blocks, its HTML)} for every page with a
    reply (some 860), each read once for the tests below; only the code blocks are parsed as HTML."""
    found = {}
    for url, path in built_pages.items():
        html_text = path.read_text(encoding="utf-8")
        reply = REPLY.search(html_text)
        if reply is None:
            continue
        blocks = {code.get_text().rstrip("\n") for pre in CODE_BLOCK.findall(html_text)
                  for code in BeautifulSoup(pre, "html.parser").select("code")}
        found[url] = (json.loads(reply.group(1)), blocks, html_text)
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_code_page_has_a_ticket_reply(built_pages, ticket_replies, lang):
    # The errors index says every code page has a reply: documented and short pages alike.
    pages = [url for url in built_pages if re.fullmatch(rf"{LANGUAGE_PREFIX[lang]}errors/0x[0-9a-f]{{8}}/", url)]
    assert len(pages) > len(CODES)  # the short pages are there too
    assert [url for url in pages if url not in ticket_replies] == []


def test_every_command_of_a_ticket_reply_is_a_code_block_of_its_page(ticket_replies):
    # A reply's command is pasted into a ticket and run as it is: it must be, character for
    # character, a code block the page shows (a reply once lost the `*` of a wevtutil XPath query).
    checked, wrong = 0, []
    for url, (reply, blocks, _) in ticket_replies.items():
        for command in _reply_commands(reply["text"]):
            checked += 1
            if command not in blocks:
                wrong.append(f"{url}: {command!r}")
    assert checked > 40, "ticket replies with a command should be found on the error pages"
    assert not wrong, "\n".join(wrong)


def test_a_short_page_reply_leads_to_the_page_it_says_to_start_from(built_pages, ticket_replies):
    # A short page's reply ends with its nearest documented page (reply.href, relative to the page,
    # resolved by ticket-reply.js): a page of the same language, with the anchor, and the one its
    # "Where to start" section links. A documented page's reply leads to the page itself (no href).
    short, ids = 0, {}
    for url, (reply, _, html_text) in ticket_replies.items():
        if "href" not in reply:
            assert 'id="causes"' in html_text, f"{url}: a short page's reply without its link"
            continue
        short += 1
        target, _, anchor = urllib.parse.urljoin(url, reply["href"]).partition("#")
        assert target in built_pages, f"{url}: {reply['href']} leads to no page"
        assert target.startswith("fr/") == url.startswith("fr/"), f"{url}: {reply['href']} in the other language"
        if anchor:
            if target not in ids:
                ids[target] = set(re.findall(r'\bid="([^"]+)"', built_pages[target].read_text(encoding="utf-8")))
            assert anchor in ids[target], f"{url}: {reply['href']}: no #{anchor}"
        start = re.search(r'id="where-to-start".*?<ul>\s*<li>\s*<a href="([^"]*)"', html_text, re.S)
        assert start and start.group(1) == reply["href"], url
        words = data.load("errors")["labels"]["fr" if url.startswith("fr/") else "en"]
        assert reply["link"].startswith(words["where_to_start"]) and not reply["offline"] and reply["url"] is None
    assert short > 700  # 383 or so per language
