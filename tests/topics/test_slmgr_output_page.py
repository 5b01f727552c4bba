"""The slmgr-output/ page: every field the paste analyzer can link has its anchor, once, in both
languages; the labels it shows are those of docs/data/slmgr_output.yml; the page is reachable from
the navigation, from slmgr/ and from the guides and error pages that send a reader there.

The ids the analyzer can link are read from its code (overrides/assets/javascripts/evidence-*.js:
the literals it passes to fieldTarget, directly or through a variable) and from the data, never
from the built page.
"""

from __future__ import annotations

import copy
import json
import pathlib
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from vakb import data
from vakb.shortcodes import Context, ShortcodeError
from vakb.topics import slmgr_output

EVIDENCE_JS = [ROOT / "overrides" / "assets" / "javascripts" / f"evidence-{part}.js" for part in ("read", "diagnose", "render")]
EVIDENCE_FIXTURES = ROOT / "tests" / "fixtures" / "evidence"
LANGS = ("en", "fr")
PREFIX = {"en": "", "fr": "fr/"}
ID_LITERAL = re.compile(r'"([a-z][a-z0-9-]*)"')


# --- what the analyzer can link ----------------------------------------------------------------

def field_ids_linked_by(code: str) -> set[str]:
    """Ids evidence.js can put after slmgr-output/#: string literals inside fieldTarget(...) and in
    the assignments of the variables it is called with (statusField = x ? "a" : "b")."""
    ids = set()
    for argument in re.findall(r"fieldTarget\(([^;]*?)\)(?=[,;}\s)])", code):
        ids |= set(ID_LITERAL.findall(argument))
        for variable in re.findall(r"\b([A-Za-z_]\w*)\b", re.sub(r'"[^"]*"', "", argument)):
            for assignment in re.findall(rf"\bvar {variable} = ([^;]*);", code):
                ids |= set(ID_LITERAL.findall(assignment))
    return ids


def field_ids_in_fixtures() -> set[str]:
    """Targets the analyzer's hand-written expected findings point at."""
    ids = set()
    for path in EVIDENCE_FIXTURES.glob("*.json"):
        ids |= set(re.findall(r'"slmgr-output/#([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    return ids


def linkable_field_ids() -> set[str]:
    return (field_ids_linked_by("\n".join(p.read_text(encoding="utf-8") for p in EVIDENCE_JS)) | field_ids_in_fixtures()
            | {field["id"] for field in data.load("slmgr_output")["fields"]})


def test_the_analyzer_parser_finds_its_links():
    # Guards the tests below against an empty parse: these ids are linked in three different ways
    # (a literal, a ternary between literals, a variable set by a ternary).
    ids = field_ids_linked_by("\n".join(p.read_text(encoding="utf-8") for p in EVIDENCE_JS))
    assert {"cmid", "current-count", "time-remaining", "ospp-remaining-grace", "license-status",
            "ospp-license-status", "description", "partial-product-key", "registered-kms-name"} <= ids
    assert field_ids_linked_by('x(fieldTarget("a-b")); var f = c ? "c-d" : "e"; y(fieldTarget(f));') == {"a-b", "c-d", "e"}


# --- the built page --------------------------------------------------------------------------

def page(built_pages, lang: str) -> BeautifulSoup:
    return BeautifulSoup(built_pages[f"{PREFIX[lang]}slmgr-output/"].read_text(encoding="utf-8"), "html.parser")


def anchor_problems(soup: BeautifulSoup, ids: set[str]) -> list[str]:
    """One message per id that is not exactly one element's id on the page."""
    problems = []
    for anchor in sorted(ids):
        found = soup.find_all(id=anchor)
        if len(found) != 1:
            problems.append(f"#{anchor}: {len(found)} elements")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_linkable_field_has_one_anchor(built_pages, lang):
    ids = linkable_field_ids()
    problems = anchor_problems(page(built_pages, lang), ids)
    assert not problems, f"{PREFIX[lang]}slmgr-output/: " + "; ".join(problems)
    # A field's anchor is the heading of its section, not a stray id.
    soup = page(built_pages, lang)
    assert {soup.find(id=anchor).name for anchor in ids} == {"h3"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_status_and_channel_has_its_row(built_pages, lang):
    doc = data.load("slmgr_output")
    ids = {f"status-{s['id']}" for s in doc["statuses"]} | {f"channel-{c['id']}" for c in doc["channels"]}
    soup = page(built_pages, lang)
    assert not anchor_problems(soup, ids)
    assert {soup.find(id=anchor).name for anchor in ids} == {"tr"}


def test_the_anchor_check_catches_a_missing_and_a_doubled_anchor(built_pages):
    soup = page(built_pages, "en")
    soup.find(id="cmid")["id"] = "something-else"
    soup.find(id="current-count").parent.append(soup.new_tag("span", id="current-count"))
    assert anchor_problems(soup, {"cmid", "current-count", "description"}) == [
        "#cmid: 0 elements", "#current-count: 2 elements"]


def code_texts(cell) -> list[str]:
    return [code.get_text() for code in cell.find_all("code")]


def labels_shown(soup: BeautifulSoup, field_id: str) -> tuple[list[str], list[str]]:
    """(English labels, French labels) of the table that follows a field's heading."""
    table = soup.find(id=field_id).find_next("table")
    english, french = table.find("tbody").find("tr").find_all("td")
    return code_texts(english), code_texts(french)


@pytest.mark.parametrize("lang", LANGS)
def test_the_labels_shown_are_those_of_the_data(built_pages, lang):
    soup = page(built_pages, lang)
    doc = data.load("slmgr_output")
    for field in doc["fields"]:
        english, french = labels_shown(soup, field["id"])
        assert english == field["labels"]["en"], field["id"]
        assert french == [label["text"] for label in field["labels"]["fr"]], field["id"]
    for status in doc["statuses"]:
        cells = soup.find(id=f"status-{status['id']}").find_all("td")
        assert code_texts(cells[1]) == status["labels"]["en"], status["id"]
        assert code_texts(cells[2]) == [label["text"] for label in status["labels"]["fr"]], status["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_french_label_says_whether_it_is_confirmed(built_pages, lang):
    soup = page(built_pages, lang)
    words = slmgr_output.WORDS[lang]["label_source"]
    for field in data.load("slmgr_output")["fields"]:
        table = soup.find(id=field["id"]).find_next("table")
        french = table.find("tbody").find("tr").find_all("td")[1]
        marks = [a.get_text() for a in french.find_all("a") if a.get("href") == "#french-labels"]
        assert marks == [words[label["source"]] for label in field["labels"]["fr"]], field["id"]
    assert soup.find(id="french-labels") is not None


def test_the_label_check_sees_a_wrong_french_label(built_pages):
    soup = page(built_pages, "fr")
    soup.find(id="current-count").find_next("table").find("tbody").find_all("td")[1].find("code").string = "Nombre"
    english, french = labels_shown(soup, "current-count")
    wanted = [label["text"] for label in next(f for f in data.load("slmgr_output")["fields"]
                                               if f["id"] == "current-count")["labels"]["fr"]]
    assert french != wanted


@pytest.mark.parametrize("lang", LANGS)
def test_documented_examples_are_printed_as_given_and_name_their_source(built_pages, lang):
    soup = page(built_pages, lang)
    for example in data.load("slmgr_output")["examples"]:
        heading = soup.find(id=example["id"])
        assert heading is not None, example["id"]
        block = heading.find_next("pre").get_text()
        assert block.strip() == example["text"].strip(), example["id"]
        after = heading.find_next("pre").find_all_next("p", limit=3)
        if example.get("illustrative"):
            assert any(slmgr_output.WORDS[lang]["illustrative"] in p.get_text() for p in after), example["id"]
        else:
            hrefs = [a.get("href", "") for p in after for a in p.find_all("a")]
            assert any(h.endswith(f"#src-{example['source'].lower()}") for h in hrefs), example["id"]


# --- reachable -------------------------------------------------------------------------------

def links_to_page(soup: BeautifulSoup, within: str | None = None) -> list[str]:
    """hrefs in the page (or in its element `within`) that lead to slmgr-output/."""
    scope = soup.select_one(within) if within else soup
    return [a["href"] for a in scope.find_all("a", href=True) if re.search(r"(^|/)slmgr-output/(#|$)", a["href"])]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_is_in_the_navigation(built_pages, lang):
    soup = BeautifulSoup(built_pages[f"{PREFIX[lang]}"].read_text(encoding="utf-8"), "html.parser")
    assert links_to_page(soup, "nav.md-nav--primary"), f"{PREFIX[lang]}: no nav entry for slmgr-output/"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url, anchor", [
    ("slmgr/", None),
    ("troubleshooting/", None),
    ("troubleshooting/client-not-activating/", "description"),
    ("troubleshooting/count-not-growing/", "current-count"),
    ("troubleshooting/clients-cannot-find-host/", "kms-name-from-dns"),
    ("troubleshooting/office-2010/", "ospp-dstatus"),
    ("errors/0xc004f038/", "current-count"),
    ("errors/0xc004f042/", "description"),
    ("errors/0xc004c008/", "description"),
])
def test_pages_that_send_a_reader_there_link_it(built_pages, lang, url, anchor):
    soup = BeautifulSoup(built_pages[f"{PREFIX[lang]}{url}"].read_text(encoding="utf-8"), "html.parser")
    hrefs = links_to_page(soup, "article")
    assert hrefs, f"{PREFIX[lang]}{url}: no link to slmgr-output/ in its content"
    if anchor:
        assert any(h.endswith(f"#{anchor}") for h in hrefs), f"{PREFIX[lang]}{url}: no link to #{anchor}: {hrefs}"


# --- the topic module: its shortcodes and data checks can refuse ------------------------------

def test_every_field_is_in_exactly_one_group():
    fields = data.load("slmgr_output")["fields"]
    grouped = [field["id"] for group in slmgr_output.GROUPS for field in slmgr_output.fields_in(group)]
    assert sorted(grouped) == sorted(field["id"] for field in fields)


def test_the_fields_shortcode_names_its_groups():
    with pytest.raises(ShortcodeError, match="any, kms-client, kms-host, xpr, ospp"):
        slmgr_output.render_fields(["dlv"], Context(lang="en"))


def broken(change) -> dict:
    doc = copy.deepcopy(data.load("slmgr_output"))
    change(doc)
    return doc


def messages(check, doc) -> list[str]:
    return [message for _, message in check(doc)]


def test_checks_pass_on_the_data():
    doc = data.load("slmgr_output")
    for check in (slmgr_output.ids_are_unique_and_anchors_do_not_collide, slmgr_output.both_languages_are_written,
                  slmgr_output.switches_are_known_to_slmgr_yml, slmgr_output.channels_show_what_their_pattern_matches,
                  slmgr_output.example_sources_are_listed):
        assert messages(check, doc) == [], check.__name__


def test_check_rejects_a_duplicate_anchor():
    doc = broken(lambda d: d["examples"][0].update(id="cmid"))
    assert any("'cmid'" in m for m in messages(slmgr_output.ids_are_unique_and_anchors_do_not_collide, doc))


def test_check_rejects_an_untranslated_text():
    doc = broken(lambda d: d["fields"][0]["meaning"].update(fr=d["fields"][0]["meaning"]["en"]))
    assert messages(slmgr_output.both_languages_are_written, doc)


def test_check_rejects_a_switch_slmgr_yml_does_not_know():
    doc = broken(lambda d: d["fields"][0].update(switches=["/dlv", "/dstatus"]))
    assert messages(slmgr_output.switches_are_known_to_slmgr_yml, doc) == [
        "/dstatus is not a switch of slmgr in docs/data/slmgr.yml"]


def test_check_rejects_a_channel_its_pattern_misses():
    doc = broken(lambda d: d["channels"][1]["shown"].append("VOLUME_MAK"))
    assert messages(slmgr_output.channels_show_what_their_pattern_matches, doc)


def test_check_rejects_an_unknown_example_source():
    doc = broken(lambda d: d["examples"][0].update(source="NO-SUCH-TAG"))
    assert messages(slmgr_output.example_sources_are_listed, doc) == [
        "no source 'NO-SUCH-TAG' in docs/data/sources.yml"]
