"""Office 2010 on the clients: the KMS client keys (office_gvlk.yml) and the ospp.vbs reference.

The Office keys pass the same format check as the Windows client setup keys and agree with the two
copies of Microsoft's list in tests/fixtures; the key table of office-2010-clients/ shows every row
in both languages; every ospp.vbs switch of ospp.yml has its anchor on ospp/ in both languages.
"""

from __future__ import annotations

import copy
import pathlib

import pytest

from vakb import data
from vakb.topics import client_setup_keys, office_gvlk, ospp
from page_tables import LANGUAGE_PREFIX, read

COPIES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "references" / "office2010-kms-client-keys.txt"


# ------------------------------------------------------------------ the keys (data)

def test_office_keys_pass_the_windows_key_format_checks():
    products = data.load("office_gvlk")["products"]
    assert len(products) == 16
    for product in products:
        assert client_setup_keys.product_key_problems(product["key"]) == [], product["id"]
    assert not list(office_gvlk.office_keys_are_well_formed(data.load("office_gvlk")))


@pytest.mark.parametrize("bad_key, problem", [
    ("VYBBJ-TRJPB-QFQRF-QFT4D-H3GVA", "not in the product-key alphabet"),   # A is not a key character
    ("VYBBJ-TRJPB-QFQRF-QFT4DH3GVB", "five groups of five"),
    ("VYBBJ-TRJPB-QFQRF-QFT4D-H3GV", "five groups of five"),
])
def test_the_office_check_refuses_a_malformed_key(bad_key, problem):
    doc = copy.deepcopy(data.load("office_gvlk"))
    doc["products"][0]["key"] = bad_key
    messages = [m for _, m in office_gvlk.office_keys_are_well_formed(doc)]
    assert any(problem in m for m in messages), messages
    # The same words as the Windows check: one function for both.
    assert messages[0] == client_setup_keys.product_key_problems(bad_key)[0]


def test_an_office_key_is_not_a_windows_key():
    doc = copy.deepcopy(data.load("office_gvlk"))
    doc["products"][0]["key"] = data.load("gvlk")["editions"][0]["key"]
    assert any("Windows client setup key" in m for _, m in office_gvlk.office_keys_are_well_formed(doc))


def copies() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"A": {}, "B": {}}
    for line in COPIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            copy_id, product, key = line.split("\t")
            out[copy_id][key] = product
    return out


def normalise(name: str) -> str:
    return name.replace("Office ", "").replace(" (Groove)", "").casefold()


@pytest.mark.parametrize("copy_id", ["A", "B"])
def test_every_office_key_is_in_both_copies_of_microsofts_list(copy_id):
    listed = copies()[copy_id]
    for product in data.load("office_gvlk")["products"]:
        assert product["key"] in listed, f"{product['id']}: {product['key']} is not in copy {copy_id}"
        assert normalise(listed[product["key"]]) == normalise(product["name"]["en"]), \
            f"{product['key']} is {listed[product['key']]!r} in copy {copy_id}, not {product['name']['en']!r}"


def test_copy_a_is_the_whole_list():
    """Copy A quotes Microsoft's list: the data holds exactly its keys (no community extra)."""
    assert set(copies()["A"]) == {p["key"] for p in data.load("office_gvlk")["products"]}


# ------------------------------------------------------------------ the built pages

@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_the_key_table_shows_every_row(built_pages, lang):
    page = read(built_pages, f"{LANGUAGE_PREFIX[lang]}office-2010-clients/")
    products = data.load("office_gvlk")["products"]
    assert [p["id"] for p in products if p["id"] in page.rows] == [p["id"] for p in products]
    for product in products:
        cells = page.rows[product["id"]]
        assert cells[0] == product["name"][lang], cells
        assert cells[1].split()[0] == product["key"], cells


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_ospp_switch_has_its_anchor(built_pages, lang):
    page = read(built_pages, f"{LANGUAGE_PREFIX[lang]}ospp/")
    switches = data.load("ospp")["switches"]
    for entry in switches:
        assert entry["id"] in page.heading_ids, f"ospp/#{entry['id']} missing in {lang}"
        assert entry["id"] in page.same_page_links, f"the summary does not link #{entry['id']} in {lang}"


def test_ospp_anchors_are_the_same_in_both_languages(built_pages):
    en = read(built_pages, "ospp/").heading_ids
    fr = read(built_pages, "fr/ospp/").heading_ids
    assert en == fr


def test_an_ospp_anchor_is_the_switch_without_its_slash():
    doc = copy.deepcopy(data.load("ospp"))
    doc["switches"][0]["id"] = "install-key"
    assert any("without '/'" in m for _, m in ospp.ospp_switches_are_consistent(doc))
    assert not list(ospp.ospp_switches_are_consistent(data.load("ospp")))
