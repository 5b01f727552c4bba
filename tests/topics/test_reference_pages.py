"""The built reference pages show every row of their data, in both languages, at stable anchors.

Reads the strict build of both languages (the `built_pages` fixture) with the standard library's
HTML parser: every GVLK at its edition anchor, every registry value at its own anchor with its ready
commands, every key group at #key-<id>, and every activation-count example with its computed count.
"""

from __future__ import annotations

import html.parser

import pytest

from vakb.topics import activation_count
from vakb import data
from vakb.topics import registry as render_registry

LANGUAGE_PREFIX = {"en": "", "fr": "fr/"}
PAGES = ["activation-count", "key-groups", "client-setup-keys", "dns-srv", "registry"]


class PageReader(html.parser.HTMLParser):
    """Collects element ids, heading ids, the text of each table row with an id, and all text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.heading_ids: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.text: list[str] = []
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if tag in ("h1", "h2", "h3", "h4"):
                self.heading_ids.append(attrs["id"])
        if tag == "tr":
            self._row = attrs.get("id")
            if self._row:
                self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, text):
        self.text.append(text)
        if self._cell is not None:
            self._cell.append(text)


@pytest.fixture(scope="module")
def pages(built_pages):
    """{(slug, lang): PageReader} for the five reference pages."""
    out = {}
    for slug in PAGES:
        for lang, prefix in LANGUAGE_PREFIX.items():
            url = f"{prefix}{slug}/"
            assert url in built_pages, f"{url} was not built"
            reader = PageReader()
            reader.feed(built_pages[url].read_text(encoding="utf-8"))
            out[slug, lang] = reader
    return out


def page_text(reader: PageReader) -> str:
    return " ".join("".join(reader.text).split())


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
    text = page_text(page)
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
    english, french = page_text(pages["activation-count", "en"]), page_text(pages["activation-count", "fr"])
    assert "Count on the host" in english and "Count on the host" not in french
    assert "Décompte sur l'hôte" in french
    assert "Clé d'installation du client KMS (GVLK)" in page_text(pages["client-setup-keys", "fr"])
    assert "Documentée pour" in page_text(pages["registry", "fr"])
