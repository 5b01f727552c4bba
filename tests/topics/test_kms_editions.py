"""Which editions can use KMS: the editions table (kms-editions/) against gvlk.yml and key_groups.yml.

No edition that has a client setup key is marked "not a KMS client", every KMS-client edition shows
its key, every product of the key groups has a KMS-client edition, and both languages carry the same
rows at the same anchors. The data check that keeps an edition with a key out of `other_editions` is
called on a small document.
"""

from __future__ import annotations

import copy

import pytest

from vakb import data
from vakb.topics import client_setup_keys
from page_tables import LANGUAGE_PREFIX, read

SYSTEM_HEADINGS = {"editions-vista", "editions-ws2008", "editions-win7", "editions-ws2008r2"}


@pytest.fixture(scope="module")
def pages(built_pages):
    return {lang: read(built_pages, f"{prefix}kms-editions/") for lang, prefix in LANGUAGE_PREFIX.items()}


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_no_edition_with_a_gvlk_is_marked_not_a_kms_client(pages, lang):
    page = pages[lang]
    for edition in data.load("gvlk")["editions"]:
        assert edition["id"] in page.rows, f"#{edition['id']} has a GVLK but no row on kms-editions/"
        flag = page.flags.get(edition["id"])
        assert flag == "yes", f"#{edition['id']} has a GVLK but is marked {flag!r}"
        assert edition["key"] in page.rows[edition["id"]], f"#{edition['id']} does not show its GVLK {edition['key']}"


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_kms_client_edition_has_its_gvlk(pages, lang):
    keys = {e["id"]: e["key"] for e in data.load("gvlk")["editions"]}
    all_keys = set(keys.values())
    for row_id, cells in pages[lang].rows.items():
        flag = pages[lang].flags.get(row_id)
        assert flag in {"yes", "no", "unconfirmed"}, f"#{row_id}: no KMS status"
        shown = [cell for cell in cells if cell in all_keys]
        if flag == "yes":
            assert row_id in keys, f"#{row_id} is marked a KMS client but gvlk.yml has no key for it"
            assert shown == [keys[row_id]], f"#{row_id} shows {shown}, not its GVLK {keys[row_id]}"
        else:
            assert row_id not in keys, f"#{row_id} has a GVLK but is marked {flag!r}"
            assert not shown, f"#{row_id} is not a KMS client but shows the key {shown}"


def test_every_product_of_the_key_groups_has_a_kms_client_edition(pages):
    """key_groups.yml names the products its host keys activate: each has a 'yes' row, and no
    'yes' row belongs to a product the key groups do not know."""
    editions = {e["id"]: e["product"] for e in data.load("gvlk")["editions"]}
    products = {p["id"] for p in data.load("key_groups")["products"]}
    yes_rows = {row_id for row_id, flag in pages["en"].flags.items() if flag == "yes"}
    covered = {editions[row_id] for row_id in yes_rows}
    assert covered == products, f"missing {sorted(products - covered)}, unknown {sorted(covered - products)}"
    # An edition marked "no" is not one of the activated products under another name.
    no_rows = {row_id for row_id, flag in pages["en"].flags.items() if flag == "no"}
    assert not no_rows & products, sorted(no_rows & products)


def test_home_starter_and_ultimate_editions_are_not_kms_clients(pages):
    flags = pages["en"].flags
    for row_id in ("vista-starter", "vista-home-basic", "vista-home-premium", "vista-ultimate",
                   "win7-starter", "win7-home-basic", "win7-home-premium", "win7-ultimate",
                   "win7-home-premium-n", "win7-ultimate-n"):
        assert flags[row_id] == "no", f"#{row_id} should say it is not a KMS client"


def test_both_languages_have_the_same_edition_anchors(pages):
    en, fr = pages["en"], pages["fr"]
    assert list(en.rows) == list(fr.rows)
    assert list(en.flags.items()) == list(fr.flags.items())
    expected = [e["id"] for s in data.load("gvlk")["systems"]
                for e in client_setup_keys.edition_rows(s["id"])]
    assert list(en.rows) == expected
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
