"""Everyday words the search folds together (docs/data/search_words.yml): the data checks, and the
folding itself, run by Node in the very worker file the site publishes, against the Python rule
(vakb.topics.search_words.apply) and against what agents type."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

from vakb import data
from vakb.topics import search_words
from vakb.build_steps import search_index

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORKER = ROOT / "overrides/assets/javascripts/workers/vakb-search.js"

# What a reader types -> the same words as the page's wording, once both are folded.
SAME = {
    "en": [
        ("license status", "licence status"),
        ("count not increasing", "count does not grow"),
        ("the count increases", "the count grows"),
        ("KMS counter", "KMS count"),
        ("invalid product key", "product key not valid"),
        ("product key is not valid", "invalid product key"),
        ("kms host not found", "kms host cannot find"),
        ("not activating", "not activate"),
        ("phone activation", "telephone activation"),
        ("setup", "set-up"),
    ],
    "fr": [
        ("compteur KMS", "décompte KMS"),
        ("le compteur n'augmente pas", "le décompte n'augmente pas"),
        ("compteur bloqué", "compteur coincé"),
        ("hôte KMS introuvable", "hôte KMS trouvent"),
        ("clé non valide", "clé invalide"),
        ("pare-feu", "firewall"),
        ("le poste ne s'active pas", "l'ordinateur ne s'activent pas"),
    ],
}


def words(text: str) -> list[str]:
    return [word for word in search_words.WORD_BREAK.split(text.lower()) if word]


def node_fold(table: dict, queries: list[list[str]]) -> list[list[str]]:
    """The worker's equivalentWords on each list of words, run by Node on the published worker file."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed")
    script = ("global.self = {}; const w = require(process.argv[1]); w.setEquivalents(JSON.parse(process.argv[2]));"
              "console.log(JSON.stringify(JSON.parse(process.argv[3]).map(w.equivalentWords)));")
    out = subprocess.run([node, "-e", script, str(WORKER), json.dumps(table), json.dumps(queries)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_everyday_words_fold_to_the_pages_words_in_python_and_in_the_worker(lang):
    table = search_words.table(lang)
    pairs = SAME[lang]
    typed = [words(a) for a, _ in pairs] + [words(b) for _, b in pairs]
    folded_js = node_fold(table, typed)
    folded_py = [search_words.apply(query, table) for query in typed]
    assert folded_js == folded_py, "the worker and vakb.topics.search_words.apply disagree"
    stop = {"the", "is", "does", "not", "cannot", "ne", "pas", "le", "l", "s", "n"}  # stop words: the search drops them
    for index, (a, b) in enumerate(pairs):
        left = [w for w in search_words.apply(words(a), table) if w not in stop]
        right = [w for w in search_words.apply(words(b), table) if w not in stop]
        left = sorted(search_words.fold(w) for w in left if w not in stop)
        right = sorted(search_words.fold(w) for w in right if w not in stop)
        assert left == right, f"{a!r} folds to {left}, {b!r} to {right}"
        assert folded_js[index] == folded_py[index]


def test_words_outside_every_group_are_left_alone():
    table = search_words.table("en")
    typed = [["activation", "grace", "period"], ["KeyManagementServiceName"], ["0xC004F074"]]
    assert node_fold(table, typed) == typed
    assert [search_words.apply(query, table) for query in typed] == typed


def test_each_index_carries_its_languages_words(tmp_path, monkeypatch):
    import types

    from vakb import build_kind, languages

    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    merged = {"config": {"lang": ["en", "fr"], "separator": "[\\s]+", "pipeline": [], "fields": {}},
              "docs": [{"location": "a/", "title": "A", "text": ""}, {"location": "fr/a/", "title": "A", "text": ""}]}
    (site / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    monkeypatch.setattr(languages, "prefixes", lambda config: {"en": "", "fr": "fr/"})
    monkeypatch.setattr(build_kind, "offline", lambda config: False)
    search_index.split(types.SimpleNamespace(site_dir=str(site)))
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["words"] == search_words.table(lang)


def test_table_cells_and_tab_labels_stay_apart_in_the_index_text():
    html = ("<table><tr><th>Code</th><th>Meaning</th></tr><tr><td>did not work</td><td><code>ERROR_NOT_FOUND</code></td></tr>"
            "<tr><td>did not work<br><small><code>ERROR_NOT_FOUND</code></small></td></tr></table>"
            '<div class="tabbed-labels"><label for="a">Online</label><label for="b">By telephone</label></div>'
            '<p><label for="x">Code</label><input id="x"></p>')
    out = search_index.separate_cells(html)
    assert "<td>did not work</td> <td>" in out and "<th>Code</th> <th>" in out
    assert "did not work<br> <small>" in out
    assert "<label for=\"a\">Online</label> <label" in out
    assert '</label><input id="x">' in out, "a form's label and its field are left as written"


def check(document) -> list[str]:
    return [f"{path}: {message}" for path, message in search_words.groups_do_not_overlap(document)]


def test_data_check_refuses_a_word_in_two_groups_and_a_stem_that_catches_another_group():
    ok = {"en": [{"words": ["grow*", "increas*"], "why": "x" * 10}], "fr": [{"words": ["decompte", "compteur"], "why": "x" * 10}]}
    assert check(ok) == []
    twice = {"en": ok["en"] + [{"words": ["rise", "increasing"], "why": "x" * 10}], "fr": ok["fr"]}
    assert any("caught by the stem 'increas*'" in problem for problem in check(twice)), check(twice)
    duplicate = {"en": ok["en"], "fr": ok["fr"] + [{"words": ["total", "compteur"], "why": "x" * 10}]}
    assert any("'compteur' is also in group 1" in problem for problem in check(duplicate)), check(duplicate)
    phrase_first = {"en": [{"words": ["not valid", "invalid"], "why": "x" * 10}], "fr": ok["fr"]}
    assert any("single word" in problem for problem in check(phrase_first)), check(phrase_first)
    short_stem = {"en": [{"words": ["gro*", "increase"], "why": "x" * 10}], "fr": ok["fr"]}
    assert any("at least" in problem for problem in check(short_stem)), check(short_stem)


def test_the_projects_words_pass_their_checks():
    document = data.load("search_words")
    assert check(document) == []
    for lang in data.LANGUAGES:
        assert len(document[lang]) >= 8


def test_hits_show_a_lead_and_the_readers_own_missing_words():
    """The worker's result pass (withLeads), in Node: a page entry without text shows its first
    section's text, a short code page its meaning before its symbolic name, and "Missing:" names the
    word the reader typed ("phone"), not the page's word it was folded to ("telephone")."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed")
    docs = [
        {"location": "errors/0xc004f074/", "title": "0xC004F074", "text": ""},
        {"location": "errors/0xc004f074/#meaning", "title": "Meaning", "text": "<p>No KMS could be contacted.</p>"},
        {"location": "errors/0xc004f012/", "title": "0xC004F012", "text": "SL_E_VALUE_NOT_FOUND", "meaning": "A value <was> not found."},
    ]
    result = {"type": 3, "data": {"items": [[dict(docs[0], terms={"telephone": False})], [dict(docs[2], terms={})]]}}
    script = ("global.self = {}; const w = require(process.argv[1]); w.setEquivalents({phone: 'telephone', telephone: 'telephone'});"
              "w.setLeads(JSON.parse(process.argv[2])); w.equivalentWords(['phone', 'activation']);"
              "console.log(JSON.stringify(w.withLeads(JSON.parse(process.argv[3]))));")
    out = subprocess.run([node, "-e", script, str(WORKER), json.dumps(docs), json.dumps(result)],
                         capture_output=True, text=True, check=True)
    items = json.loads(out.stdout)["data"]["items"]
    assert items[0][0]["text"] == "<p>No KMS could be contacted.</p>"
    assert items[0][0]["terms"] == {"phone": False}
    assert items[1][0]["text"] == "<p>A value &lt;was&gt; not found.</p> <code>SL_E_VALUE_NOT_FOUND</code>"
