"""The built code pages quote the message Windows displays (`windows_message` of errors.yml) near
their top, in each language, say where it comes from, and put it in the search index of the page's
language; a code without a public message shows no quotation at all.

Read from the strict build of the session (`site_dir`); the expected texts are the data's.
"""

from __future__ import annotations

import json
import re

import pytest

from vakb import data
from conftest import LANGUAGE_PREFIX
from test_error_pages import soup_of

FRENCH_MARK = "Texte français de Microsoft"
NO_FRENCH_MARK = "pas de source française : texte anglais affiché"


def plain(text: str) -> str:
    """Visible text with spaces normalised (the French pages' no-break spaces included)."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def entries():
    return data.load("errors")["errors"]


def quotations(site_dir, lang: str, code: str):
    """The blockquotes between the Meaning heading and the details table of a code's page."""
    soup = soup_of(site_dir, f"{LANGUAGE_PREFIX[lang]}errors/{code.lower()}/".lstrip("/"))
    heading = soup.find(id="meaning")
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("table", "h2") or sibling.find("table"):
            break
        if sibling.name == "blockquote":
            found.append(sibling)
    return found


def parts(quote):
    """(Windows' words, the attribution line, the source tags it links) of one blockquote."""
    paragraphs = quote.find_all("p")
    assert len(paragraphs) == 2, quote
    words, attribution = paragraphs
    assert attribution.find("span", attrs={"data-search-exclude": True}), "the attribution is not indexed"
    tags = [a["href"].rsplit("#src-", 1)[1] for a in attribution.find_all("a") if "#src-" in a.get("href", "")]
    return plain(words.get_text()), plain(attribution.get_text()), tags, words


def test_english_pages_quote_windows_english_message_with_its_source(site_dir, entries):
    for entry in entries:
        found = quotations(site_dir, "en", entry["code"])
        message = entry.get("windows_message")
        if message is None:
            assert not found, f"{entry['code']}: a quotation without a source in the data"
            continue
        assert len(found) == 1, entry["code"]
        words, attribution, tags, _ = parts(found[0])
        assert words == plain(message["en"]), entry["code"]
        assert attribution.startswith("— Windows' message"), attribution
        assert tags == [message["source"].lower()], entry["code"]


def test_french_pages_quote_microsofts_french_or_say_there_is_none(site_dir, entries):
    for entry in entries:
        found = quotations(site_dir, "fr", entry["code"])
        message = entry.get("windows_message")
        if message is None:
            assert not found, f"{entry['code']}: a quotation without a source in the data"
            continue
        if message["fr"] is not None:
            assert len(found) == 2, f"{entry['code']}: Microsoft's French text, then the English one"
            words, attribution, tags, _ = parts(found[0])
            assert words == plain(message["fr"]) and FRENCH_MARK in attribution, entry["code"]
            assert tags == [message["fr_source"].lower()]
            words, attribution, tags, element = parts(found[1])
        else:
            assert len(found) == 1, entry["code"]
            words, attribution, tags, element = parts(found[0])
            assert NO_FRENCH_MARK in attribution, f"{entry['code']}: {attribution}"
        assert words == plain(message["en"]), entry["code"]
        assert element.find("span", lang="en"), f"{entry['code']}: English words carry lang=en"
        assert tags == [message["source"].lower()]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_message_is_in_the_search_index_of_its_language(site_dir, entries, lang):
    index = json.loads((site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: plain(doc["text"]) for doc in index["docs"]}
    missing = []
    for entry in entries:
        message = entry.get("windows_message")
        if message is None:
            continue
        meaning = docs.get(f"errors/{entry['code'].lower()}/#meaning", "")
        expected = [message["en"]] if lang == "en" else [message["fr"] or message["en"], message["en"]]
        missing += [f"{entry['code']}: {text!r}" for text in expected if plain(text) not in meaning]
        # The attribution repeats on every page: it stays out of the index.
        if "Microsoft quotes it" in meaning or FRENCH_MARK in meaning:
            missing.append(f"{entry['code']}: the attribution is indexed")
    assert not missing, missing[:5]
