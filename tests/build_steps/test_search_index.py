"""What the search index of each language holds: what readers search for, not the boilerplate every
error page repeats; and the search worker the pages load exists in the build."""

from __future__ import annotations

import json
import re

import pytest

from vakb.topics.errors import codes as error_codes
from vakb.topics.events import catalog as event_catalog
from conftest import LANGUAGE_PREFIX, LANGUAGES

WORKER = "assets/javascripts/workers/vakb-search.js"


def index_docs(site_dir, lang) -> dict[str, dict]:
    path = site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json"
    return {doc["location"]: doc for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_errors_index_snippet_is_its_introduction_not_the_lookup_form(site_dir, lang):
    words = error_codes.labels(lang)
    text = index_docs(site_dir, lang)["errors/"]["text"]
    plain = re.sub(r"<[^>]+>", " ", text)
    for label in (words["lookup_label"], words["lookup_button"], words["lookup_help"]):
        assert label not in plain, f"the lookup form's {label!r} is indexed: {plain[:200]!r}"
    assert plain.strip().startswith(("A code", "Un code")), plain[:120]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_error_pages_index_their_own_words_only(site_dir, lang):
    words = error_codes.labels(lang)
    docs = index_docs(site_dir, lang)
    entry = error_codes.by_code()["0xC004F074"]
    page = "errors/0xc004f074/"
    assert docs[page]["title"].startswith("0xC004F074")
    assert entry["name"] in docs[page + "#meaning"]["text"], "the symbolic name stays searchable"
    assert page + "#causes" in docs and page + "#fix" in docs
    # Sections and labels every error page repeats are not indexed.
    for section in ("where-it-shows-up", "related-codes", "related-topics"):
        assert page + "#" + section not in docs, f"{section} is indexed"
    confidence = error_codes.catalog()["confidence"]
    leaks = []
    for other in error_codes.entries():
        where = f"errors/{other['code'].lower()}/"
        text = " ".join(doc["text"] for loc, doc in docs.items() if loc.startswith(where))
        repeated = [words["ticket_button"], str(error_codes.unsigned(other["code"])), words["decimal"],
                    error_codes.text(confidence[other["confidence"]], lang)]
        leaks += [f"{where}: {label!r}" for label in repeated if label in text]
        leaks += [f"{where}#{section}" for section in ("where-it-shows-up", "related-codes", "related-topics")
                  if f"{where}#{section}" in docs]
    assert not leaks, leaks[:10]
    # Below topic pages: a code's words ("grace period") belong to the topic that explains them.
    assert all(doc.get("boost", 1) < 1 for loc, doc in docs.items() if loc.startswith("errors/0x"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_index_their_own_words_only(site_dir, lang):
    """With the details table and related codes indexed, every event page answered "KMS host" and
    "no KMS host found" before the error and topic pages that do."""
    words = event_catalog.labels(lang)
    docs = index_docs(site_dir, lang)
    leaks = []
    for entry in event_catalog.entries():
        page = f"events/{entry['id']}/"
        assert str(entry["id"]) in docs[page]["title"], docs[page]["title"]
        assert page + "#when" in docs and page + "#next-steps" in docs, f"{page}: its own words are indexed"
        leaks += [f"{page}#{section}" for section in ("details", "related-codes") if f"{page}#{section}" in docs]
        text = " ".join(doc["text"] for loc, doc in docs.items() if loc.startswith(page))
        note = words["message_note"].split(";")[0]  # before the French spacing of ";"
        if note in text:
            leaks.append(f"{page}: {note!r}")
        assert docs[page].get("boost", 1) <= 1, f"{page} is boosted above topic pages"
    assert not leaks, leaks[:10]


def test_pages_load_the_site_search_worker_which_loads_materials(site_dir):
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert config["search"].endswith(WORKER)
    worker = (site_dir / WORKER).read_text(encoding="utf-8")
    material = re.search(r'MATERIAL_WORKER = "([^"]+)"', worker).group(1)
    assert (site_dir / "assets/javascripts/workers" / material).is_file(), (
        f"{WORKER} loads {material}, which this Material does not ship: update MATERIAL_WORKER")


def test_the_published_search_worker_names_the_installed_materials_worker(tmp_path):
    # The source may name an older Material's worker; the build writes the installed one's name.
    import types

    from mkdocs.structure.files import File, Files

    from vakb.build_steps import page_scripts

    theme = tmp_path / "theme"
    (theme / "assets/javascripts/workers").mkdir(parents=True)
    (theme / "assets/javascripts/workers/search.feedbeef.min.js").write_text("", encoding="utf-8")
    config = types.SimpleNamespace(theme=types.SimpleNamespace(dirs=[str(theme)]), site_dir=str(tmp_path / "site"),
                                   use_directory_urls=True, plugins=types.SimpleNamespace(_current_plugin=None))
    stale = File.generated(config, page_scripts.SEARCH_WRAPPER, content='var MATERIAL_WORKER = "search.a7633da7.min.js";\n')
    files = page_scripts.fill_search_worker(Files([stale]), config)
    assert files.get_file_from_path(page_scripts.SEARCH_WRAPPER).content_string == \
        'var MATERIAL_WORKER = "search.feedbeef.min.js";\n'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_api_sample_is_not_indexed_and_table_cells_stay_apart(site_dir, lang):
    docs = index_docs(site_dir, lang)
    api = docs.get("errors/#api", {"text": ""})["text"]
    assert '"version"' not in api and "SL_E_VL_BINDING_SERVICE_UNAVAILABLE" not in api, api[:200]
    keys = docs["errors/#keys"]["text"]
    assert not re.search(r"[^\s>]<code>ERROR_NOT_FOUND", keys), keys[:200]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_short_code_pages_carry_their_meaning_beside_the_indexed_fields(site_dir, lang):
    from vakb.topics import search_words

    path = site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    assert index["config"]["words"] == search_words.table(lang)
    assert set(index["config"]["fields"]) <= {"title", "text", "tags"}, "the meaning must stay out of the indexed fields"
    short = {doc["location"]: doc for doc in index["docs"]}["errors/0xc004f012/"]
    entry = error_codes.catalogue_by_code()["0xC004F012"]
    assert short["meaning"] == error_codes.text(entry["meaning"], lang).replace("`", "")
    assert short["text"] == entry["name"]
