"""What a search hit shows, typed into the real search box of the built site: the top hit for a code
or an event number says what it is (before, an error or event page, which starts with a heading,
showed its title alone, and a short code page its symbolic name alone); table cells do not run
together ("did not workERROR_NOT_FOUND"); the api/errors.json sample of the errors index is no hit.
"""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES
from search_box import open_search, search

from vakb.topics.errors import codes as error_codes
from vakb.topics.events import catalog as event_catalog

# Each result item: its page address, its title and the text shown under the title, then the same
# for every section link inside it (shown or folded under "more").
HITS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')].map(link => {
    const url = new URL(link.href);
    const article = link.querySelector('article');
    const title = article.querySelector('h1, h2');
    return {url: url.pathname + url.hash, title: title ? title.textContent.trim() : '',
            text: article.textContent.slice(title ? title.textContent.length : 0).replace(/\\s+/g, ' ').trim()};
  }))"""


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"`", "", text)).strip()


def hits(page, query: str) -> list[list[dict]]:
    return search(page, query, read=HITS)


@pytest.fixture
def search_page(browser_page, site_url):
    def open_in(lang):
        open_search(browser_page.page, site_url + LANGUAGE_PREFIX[lang])
        return browser_page.page
    return open_in


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_top_hit_for_a_code_or_an_event_says_what_it_is(search_page, lang):
    page = search_page(lang)
    prefix = "/" + LANGUAGE_PREFIX[lang]
    documented = error_codes.by_code()["0xC004F074"]
    short = error_codes.catalogue_by_code()["0xC004F012"]
    event = next(entry for entry in event_catalog.entries() if entry["id"] == 12288)
    cases = [
        ("0xC004F074", prefix + "errors/0xc004f074/", plain(error_codes.text(documented["meaning"], lang))),
        ("0xC004F012", prefix + "errors/0xc004f012/", plain(error_codes.text(short["meaning"], lang))),
        # An event page opens with its verdict (what the event means for the reader), then the steps.
        ("12288", prefix + "events/12288/", plain(event_catalog.text(event["verdict"], lang))[:60]),
    ]
    for query, url, words in cases:
        top = hits(page, query)[0][0]
        assert top["url"] == url, f"{query!r}: top hit {top['url']}"
        assert top["text"], f"{query!r}: the top hit {url} shows its title only"
        assert words.rstrip(".") in top["text"], f"{query!r}: {words!r} not in the hit: {top['text'][:200]!r}"
    assert "SL_E_VALUE_NOT_FOUND" in hits(page, "0xC004F012")[0][0]["text"], "the symbolic name stays in the hit"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_snippets_keep_table_cells_apart_and_leave_out_the_api_sample(search_page, lang):
    page = search_page(lang)
    shown = [link for item in hits(page, "ERROR_NOT_FOUND") for link in item]
    cells = [link for link in shown if link["url"].endswith("errors/#keys")]
    assert cells, f"the errors index's Product keys table is a hit for ERROR_NOT_FOUND: {[l['url'] for l in shown]}"
    glued = [link["text"][:160] for link in shown if re.search(r"[a-zé.]ERROR_NOT_FOUND", link["text"])]
    assert not glued, f"cells run together: {glued}"
    for query in ("0xC004F074", "0xC004F038", "SL_E_VL_BINDING_SERVICE_UNAVAILABLE"):
        urls = [link["url"] for item in hits(page, query) for link in item]
        assert not [url for url in urls if url.endswith("errors/#api")], f"{query!r}: the api/errors.json sample is a hit"
