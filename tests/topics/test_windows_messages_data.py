"""The messages Windows displays for the documented codes (`windows_message` of docs/data/errors.yml):
each quoted character for character from the Microsoft page its tag names, French only from a French
Microsoft page, and checked by the build.

The verbatim excerpts of those pages are in tests/fixtures/windows-messages/<tag>.md (origin in
tests/fixtures/README.md); which codes have a message, and which have a French one, is typed here
from what those pages give, so a message dropped from the data fails.
"""

from __future__ import annotations

import copy
import pathlib

import pytest

from vakb import data
from test_errors_data import CODES_1A

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "windows-messages"
# The 30 codes of the summary table of Microsoft's "Resolve Windows activation error codes" (T2old),
# whose French edition (T2old-FR) gives every one in French, and nine codes whose Microsoft page
# quotes the message in English only.
WITH_FRENCH = set(CODES_1A)
ENGLISH_ONLY = {"0x8007000D": "KB2230957", "0xC004E002": "KB978305", "0x80072338": "KB2553863",
                "0x8007267C": "KB2009462", "0xC004F059": "KB942962", "0xC004F015": "O-REPAIR",
                "0x80072EE7": "KB2778168", "0x80072EE2": "KB2778168", "0x8007139F": "SYSERR-4000"}


@pytest.fixture(scope="module")
def catalog():
    return data.load("errors")


@pytest.fixture(scope="module")
def messages(catalog):
    return {entry["code"]: entry["windows_message"] for entry in catalog["errors"] if "windows_message" in entry}


def excerpt(tag: str) -> str:
    return (FIXTURES / f"{tag}.md").read_text(encoding="utf-8")


def test_the_codes_a_microsoft_page_gives_a_message_for_have_it(messages):
    assert len(WITH_FRENCH) == 30
    assert set(messages) == WITH_FRENCH | set(ENGLISH_ONLY)
    assert {code for code, message in messages.items() if message["fr"] is not None} == WITH_FRENCH
    for code, tag in ENGLISH_ONLY.items():
        assert messages[code]["source"] == tag
        assert messages[code]["fr"] is None and messages[code]["fr_source"] is None


def test_every_message_has_source_tags_that_exist(messages):
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    for code, message in messages.items():
        assert message["source"] in tags, code
        assert message["fr_source"] is None or message["fr_source"] in tags, code
    assert {m["fr_source"] for m in messages.values() if m["fr_source"]} == {"T2old-FR"}


def test_every_message_is_the_sources_text_character_for_character(messages):
    """Typed once in data, compared with the page excerpt it was read from: no curly quote where the
    page has a straight one, no sentence polished, the French apostrophes as Microsoft prints them."""
    wrong = []
    for code, message in messages.items():
        for lang, tag_field in (("en", "source"), ("fr", "fr_source")):
            if message[lang] is None:
                continue
            source = excerpt(message[tag_field])
            if message[lang] not in source:
                wrong.append(f"{code} {lang}: {message[lang]!r} is not in {message[tag_field]}.md")
    assert not wrong, wrong


@pytest.mark.parametrize("tag,lang", [("T2old", "en"), ("T2old-FR", "fr")])
def test_each_message_is_the_one_the_table_gives_for_its_own_code(messages, tag, lang):
    """In the two tables, the message is the one on the row of its code (not a neighbour's)."""
    rows = {}
    for line in excerpt(tag).splitlines()[2:]:
        cells = line.split("|")
        code = "0x" + cells[1].split("]")[0].lstrip("[")[2:].upper()
        rows[code] = cells[2].strip()
    assert set(rows) == WITH_FRENCH
    for code in WITH_FRENCH:
        assert messages[code][lang] == rows[code], code
        assert messages[code]["source" if lang == "en" else "fr_source"] == tag


def _problems(document) -> str:
    with pytest.raises(data.DataError) as caught:
        data.validate("errors", document, data.DATA_DIR / "errors.yml")
    return str(caught.value)


def test_checks_refuse_an_unknown_tag_and_a_french_text_without_its_source(catalog):
    broken = copy.deepcopy(catalog)
    with_message = [e for e in broken["errors"] if "windows_message" in e]
    with_message[0]["windows_message"]["source"] = "NOWHERE"
    with_message[1]["windows_message"]["fr_source"] = None
    with_message[2]["windows_message"]["en"] = "Run {{ fact kms_port }} `now`"
    problems = _problems(broken)
    assert "source tag 'NOWHERE' is not in docs/data/sources.yml" in problems
    assert "`fr` and `fr_source` go together" in problems
    assert "Windows' words are quoted as plain text on one line" in problems
    assert all(line.startswith("docs/data/errors.yml:") for line in problems.splitlines())


def test_schema_refuses_a_message_without_its_source(catalog):
    broken = copy.deepcopy(catalog)
    entry = next(e for e in broken["errors"] if "windows_message" in e)
    del entry["windows_message"]["source"]
    assert "'source' is a required property" in _problems(broken)


def test_the_analyzer_receives_each_message_with_its_code(messages):
    """The analyzer's data (evidence.payload(), published as evidence-data.js) carries Windows'
    message of every code that has one, so that a sentence pasted without its code can lead to it."""
    from vakb.topics import evidence

    errors = {e["code"]: e for e in evidence.payload()["errors"]}
    carried = {code: e["windows_message"] for code, e in errors.items() if "windows_message" in e}
    assert carried == {code: {"en": m["en"], "fr": m["fr"]} for code, m in messages.items()}
    # A sentence names the codes that share it: "DNS name does not exist." is two codes' message.
    by_sentence = {}
    for code, message in carried.items():
        by_sentence.setdefault(message["en"], set()).add(code)
    assert by_sentence["DNS name does not exist."] == {"0x8007232B", "0x80092328"}
    assert by_sentence["The RPC server is unavailable."] == {"0x800706BA"}
