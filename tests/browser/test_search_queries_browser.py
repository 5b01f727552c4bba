"""Search finds the page: every query of tests/search_queries.yml, put into the real search box of
the built site, online and in the offline bundle (file://, its own search worker shim), has its page
among the first 5 results. Prints the hit rate of each language and place.

The queries are written the way helpdesk agents and administrators type them (codes in every
written form, words with and without accents, French and English phrasing of symptoms); the file
says which page must answer each, and for a symptom (`first:`) the guide that must come first.
"""

from __future__ import annotations

import pathlib

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES, read_yaml
from search_box import open_search, search

QUERIES = read_yaml(pathlib.Path(__file__).resolve().parents[1] / "search_queries.yml")
TOP = 5


def pages_of(entry: dict) -> list[str]:
    """The pages that answer a query: one, or a few that answer it equally well."""
    return [entry["page"]] if isinstance(entry["page"], str) else entry["page"]


def misses(page, home: str, address, lang: str) -> list[str]:
    """Queries of `lang` whose page is not in the first TOP results, each with what came instead.
    `address(page_url)` is the address of a page of the query set ("errors/0xc004f074/") there."""
    open_search(page, home)
    missed = []
    for entry in QUERIES[lang]:
        wanted = [address(LANGUAGE_PREFIX[lang] + page_url) for page_url in pages_of(entry)]
        found = search(page, entry["q"])
        shown = [url.removeprefix(address("")) for url in found[:TOP]]
        if not set(wanted) & set(found[:TOP]):
            ranks = [found.index(url) + 1 if url in found else None for url in wanted]
            missed.append(f"{entry['q']!r}: wants {entry['page']} (rank {ranks}), got {shown}")
        elif "first" in entry and found[:1] != [address(LANGUAGE_PREFIX[lang] + entry["first"])]:
            missed.append(f"{entry['q']!r}: wants {entry['first']} first, got {shown}")
    return missed


def test_query_set_is_big_enough_and_points_at_real_pages(built_pages):
    for lang in LANGUAGES:
        entries = QUERIES[lang]
        assert len(entries) >= 40, f"{lang}: {len(entries)} queries, at least 40 wanted"
        assert all(isinstance(e["q"], str) and e["q"].strip() for e in entries), "quote codes: YAML reads 0x... as numbers"
        unknown = [p for e in entries for p in pages_of(e) + [e.get("first", "")] if p and LANGUAGE_PREFIX[lang] + p not in built_pages]
        assert not unknown, f"{lang}: no such page: {unknown}"
        # A symptom's guide comes first; "first" is one of the pages that answer it.
        assert all(e["first"] in pages_of(e) for e in entries if "first" in e), "first: must be one of page:"
        symptoms = [e for e in entries if e.get("first", "").startswith("troubleshooting/")]
        assert len(symptoms) >= 15, f"{lang}: {len(symptoms)} symptom phrasings that open their guide first, at least 15 wanted"


def offline_address(bundle):
    """The bundle's file for a page URL of the query set: registry/ is registry.html, a folder's
    own page (events/) is events/index.html."""
    def address(page_url: str) -> str:
        if not page_url:
            return bundle.url("") + "/"
        flat = page_url.rstrip("/") + ".html"
        return bundle.url(flat if (bundle.root / flat).is_file() else page_url + "index.html")
    return address


@pytest.mark.parametrize("place", ["online", "offline"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_query_finds_its_page_in_the_first_five_results(browser_page, request, lang, place, capsys):
    if place == "online":
        base = request.getfixturevalue("site_url")
        home, address = base + LANGUAGE_PREFIX[lang], lambda page_url: base + page_url
    else:
        bundle = request.getfixturevalue("offline_bundle")
        address = offline_address(bundle)
        home = bundle.url(LANGUAGE_PREFIX[lang] + "index.html")
    missed = misses(browser_page.page, home, address, lang)
    total = len(QUERIES[lang])
    with capsys.disabled():
        print(f"\nsearch hit rate ({lang}, {place}): {total - len(missed)}/{total} = {100 * (total - len(missed)) / total:.0f} %")
    assert not missed, f"{len(missed)} of {total} {lang} queries miss their page ({place}):\n" + "\n".join(missed)
