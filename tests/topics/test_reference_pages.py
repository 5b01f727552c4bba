"""The built reference pages show every row of their data, in both languages, at stable anchors.

Reads the strict build of both languages (the `built_pages` fixture) with the standard library's
HTML parser: every GVLK at its edition anchor, every registry value at its own anchor with its ready
commands, every key group at #key-<id>, and every activation-count example with its computed count.
"""

from __future__ import annotations

import pytest

from vakb.topics import activation_count
from vakb import data
from vakb.topics import registry as render_registry
from page_tables import LANGUAGE_PREFIX, read

PAGES = ["activation-count", "key-groups", "client-setup-keys", "dns-srv", "registry"]


@pytest.fixture(scope="module")
def pages(built_pages):
    """{(slug, lang): PageTables} for the five reference pages."""
    return {(slug, lang): read(built_pages, f"{prefix}{slug}/") for slug in PAGES for lang, prefix in LANGUAGE_PREFIX.items()}


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_gvlk_is_on_its_edition_row(pages, lang):
    page = pages["client-setup-keys", lang]
    for edition in data.load("gvlk")["editions"]:
        assert edition["id"] in page.rows, f"no row #{edition['id']}"
        # The key's cell: the key, then its copy button's label.
        assert any(cell.split()[:1] == [edition["key"]] for cell in page.rows[edition["id"]]), \
            f"#{edition['id']} does not show {edition['key']}"


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_registry_value_has_its_anchor_and_commands(pages, lang):
    page = pages["registry", lang]
    text = page.text()
    for value in data.load("registry")["values"]:
        anchor = render_registry.anchor(value["name"])
        assert anchor in page.heading_ids, f"no heading #{anchor}"
        # What it sets, in the reader's words, beside the name: French searches find it by words.
        assert f"{value['name']} — {value['label'][lang]}" in text, f"{value['name']}: no label in its heading"
        for generation in value["generations"]:
            for line in render_registry.command(value, generation):
                assert line in text, f"{value['name']}: missing command {line!r}"
    # Both key paths appear, typed once in facts.yml.
    assert "CurrentVersion\\SL" in text and "CurrentVersion\\SoftwareProtectionPlatform" in text
    assert "net stop slsvc" in text and "net stop sppsvc" in text


# Product families (generation x group) each key activates, from Microsoft's tables: within a
# generation Client VL covers 1 family, A 2, B 3, C 4; a newer key also covers the older generation
# (the Windows 7 client key covers both client families, not the servers).
FAMILIES_ACTIVATED = {"vista": 1, "2008-a": 2, "2008-b": 3, "2008-c": 4,
                      "win7": 2, "2008r2-a": 4, "2008r2-b": 6, "2008r2-c": 8}


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_key_group_has_its_anchor_and_matrix_row(pages, lang):
    page = pages["key-groups", lang]
    for key in data.load("key_groups")["keys"]:
        assert f"key-{key['id']}" in page.heading_ids, f"no heading #key-{key['id']}"
        row = page.rows[f"matrix-{key['id']}"]
        assert len(row) == 1 + 8, "a matrix row is the key and eight product families"
        assert sum("✔" in cell for cell in row[1:]) == FAMILIES_ACTIVATED[key["id"]], key["id"]
        assert sum("—" in cell for cell in row[1:]) == 8 - FAMILIES_ACTIVATED[key["id"]], key["id"]


def test_activation_count_examples_show_the_computed_count(pages):
    facts = data.load("facts")
    limits = activation_count.Thresholds(facts["threshold_client_os"]["value"], facts["threshold_server_os"]["value"])
    for lang in LANGUAGE_PREFIX:
        page = pages["activation-count", lang]
        for example in data.load("count_examples")["examples"]:
            row = page.rows.get(f"count-{example['id']}")
            assert row, f"{lang}: no row #count-{example['id']}"
            expected = activation_count.host_count(example["clients"], example["servers"], limits).count
            assert row[3] == str(expected), f"{lang}: #count-{example['id']} shows {row[3]}, expected {expected}"


@pytest.mark.parametrize("row_id, count, verdict", [
    # The 2008 French TechNet article's table, as it printed it.
    ("count-seed-1", "5", {"en": "Server OS only", "fr": "Systèmes serveur uniquement"}),
    ("count-seed-2", "5", {"en": "Server OS only", "fr": "Systèmes serveur uniquement"}),
    ("count-seed-3", "2", {"en": "Nobody yet", "fr": "Personne pour l'instant"}),
    ("count-seed-4", "26", {"en": "Client and server OS", "fr": "Systèmes client et serveur"}),
])
def test_seed_count_table_is_re_derived(pages, row_id, count, verdict):
    for lang in LANGUAGE_PREFIX:
        row = pages["activation-count", lang].rows[row_id]
        assert row[3] == count and row[4] == verdict[lang]


def test_cache_cap_example(pages):
    # 70 client machines: the host keeps 2 x 25 CMIDs, so it reports 50.
    assert pages["activation-count", "en"].rows["count-cache-cap"][3] == "50"


@pytest.mark.parametrize("slug", PAGES)
def test_heading_ids_are_identical_in_both_languages(pages, slug):
    assert pages[slug, "en"].heading_ids == pages[slug, "fr"].heading_ids


def test_french_tables_have_french_headers(pages):
    english, french = pages["activation-count", "en"].text(), pages["activation-count", "fr"].text()
    assert "Count on the host" in english and "Count on the host" not in french
    assert "Décompte sur l'hôte" in french
    assert "Clé d'installation du client KMS (GVLK)" in pages["client-setup-keys", "fr"].text()
    assert "Documentée pour" in pages["registry", "fr"].text()
