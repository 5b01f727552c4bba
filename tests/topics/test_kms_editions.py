"""Which editions can use KMS: the editions table (kms-editions/) against gvlk.yml and key_groups.yml.

No edition that has a client setup key is marked "not a KMS client", every KMS-client edition shows
its key, every product of the key groups has a KMS-client edition, and both languages carry the same
rows at the same anchors. The data check that keeps an edition with a key out of `other_editions` is
called on a small document.
"""

from __future__ import annotations

import copy
import html.parser

import pytest

from vakb import data
from vakb.topics import client_setup_keys

LANGUAGE_PREFIX = {"en": "", "fr": "fr/"}
SYSTEM_HEADINGS = {"editions-vista", "editions-ws2008", "editions-win7", "editions-ws2008r2"}


class EditionsReader(html.parser.HTMLParser):
    """{row id: (data-kms flag, [cell texts])} of every table row with an id, and heading ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, dict] = {}
        self.order: list[str] = []
        self.heading_ids: list[str] = []
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3") and "id" in attrs:
            self.heading_ids.append(attrs["id"])
        if tag == "tr" and attrs.get("id"):
            self._row = attrs["id"]
            self.rows[self._row] = {"flag": None, "cells": []}
            self.order.append(self._row)
        elif tag == "td" and self._row:
            self._cell = []
        elif self._row and "data-kms" in attrs:
            self.rows[self._row]["flag"] = attrs["data-kms"]

    def handle_endtag(self, tag):
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row]["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, text):
        if self._cell is not None:
            self._cell.append(text)


@pytest.fixture(scope="module")
def pages(built_pages):
    out = {}
    for lang, prefix in LANGUAGE_PREFIX.items():
        url = f"{prefix}kms-editions/"
        assert url in built_pages, f"{url} was not built"
        reader = EditionsReader()
        reader.feed(built_pages[url].read_text(encoding="utf-8"))
        out[lang] = reader
    return out


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_no_edition_with_a_gvlk_is_marked_not_a_kms_client(pages, lang):
    rows = pages[lang].rows
    for edition in data.load("gvlk")["editions"]:
        assert edition["id"] in rows, f"#{edition['id']} has a GVLK but no row on kms-editions/"
        row = rows[edition["id"]]
        assert row["flag"] == "yes", f"#{edition['id']} has a GVLK but is marked {row['flag']!r}"
        assert edition["key"] in row["cells"], f"#{edition['id']} does not show its GVLK {edition['key']}"


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_kms_client_edition_has_its_gvlk(pages, lang):
    keys = {e["id"]: e["key"] for e in data.load("gvlk")["editions"]}
    all_keys = set(keys.values())
    for row_id, row in pages[lang].rows.items():
        assert row["flag"] in {"yes", "no", "unconfirmed"}, f"#{row_id}: no KMS status"
        shown = [cell for cell in row["cells"] if cell in all_keys]
        if row["flag"] == "yes":
            assert row_id in keys, f"#{row_id} is marked a KMS client but gvlk.yml has no key for it"
            assert shown == [keys[row_id]], f"#{row_id} shows {shown}, not its GVLK {keys[row_id]}"
        else:
            assert row_id not in keys, f"#{row_id} has a GVLK but is marked {row['flag']!r}"
            assert not shown, f"#{row_id} is not a KMS client but shows the key {shown}"


def test_every_product_of_the_key_groups_has_a_kms_client_edition(pages):
    """key_groups.yml names the products its host keys activate: each has a 'yes' row, and no
    'yes' row belongs to a product the key groups do not know."""
    editions = {e["id"]: e["product"] for e in data.load("gvlk")["editions"]}
    products = {p["id"] for p in data.load("key_groups")["products"]}
    yes_rows = {row_id for row_id, row in pages["en"].rows.items() if row["flag"] == "yes"}
    covered = {editions[row_id] for row_id in yes_rows}
    assert covered == products, f"missing {sorted(products - covered)}, unknown {sorted(covered - products)}"
    # An edition marked "no" is not one of the activated products under another name.
    no_rows = {row_id for row_id, row in pages["en"].rows.items() if row["flag"] == "no"}
    assert not no_rows & products, sorted(no_rows & products)


def test_home_starter_and_ultimate_editions_are_not_kms_clients(pages):
    rows = pages["en"].rows
    for row_id in ("vista-starter", "vista-home-basic", "vista-home-premium", "vista-ultimate",
                   "win7-starter", "win7-home-basic", "win7-home-premium", "win7-ultimate",
                   "win7-home-premium-n", "win7-ultimate-n"):
        assert rows[row_id]["flag"] == "no", f"#{row_id} should say it is not a KMS client"


def test_both_languages_have_the_same_edition_anchors(pages):
    en, fr = pages["en"], pages["fr"]
    assert en.order == fr.order
    assert [en.rows[r]["flag"] for r in en.order] == [fr.rows[r]["flag"] for r in fr.order]
    expected = [e["id"] for s in data.load("gvlk")["systems"]
                for e in client_setup_keys.edition_rows(s["id"])]
    assert en.order == expected
    assert SYSTEM_HEADINGS <= set(en.heading_ids) and SYSTEM_HEADINGS <= set(fr.heading_ids)


def test_an_edition_with_a_gvlk_cannot_be_listed_as_an_other_edition():
    doc = copy.deepcopy(data.load("gvlk"))
    doc["other_editions"].append({
        "id": "win7-professional", "system": "win7", "name": {"en": "Professional", "fr": "Professionnel"},
        "status": "not-kms-client", "advice": "retail-oem", "sources": ["KEYS"],
    })
    problems = list(client_setup_keys.other_editions_are_not_kms_clients(doc))
    assert any("has a client setup key" in message for _, message in problems), problems
    assert not list(client_setup_keys.other_editions_are_not_kms_clients(data.load("gvlk")))
