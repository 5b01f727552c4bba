"""Every code of the catalogue (docs/data/error_catalogue.yml) has its page in both languages, in the
index, in api/errors.json and in the analyzer's data; a short page says what the catalogue says.

The list of codes is read from the YAML files directly, the decimal forms are checked against the
hand-worked tests/fixtures/code_forms.yml, and the pages are those of the strict online build.
"""

from __future__ import annotations

import html
import json
import pathlib
import re

import pytest

from conftest import LANGUAGE_PREFIX, ROOT, read_yaml

DATA = ROOT / "docs" / "data"
LANGS = ("en", "fr")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def catalogue() -> dict:
    doc = read_yaml(DATA / "error_catalogue.yml")
    return {entry["code"]: entry for entry in doc["slerror_codes"] + doc["other_codes"]}


@pytest.fixture(scope="module")
def documented() -> set[str]:
    return {entry["code"] for entry in read_yaml(DATA / "errors.yml")["errors"]}


@pytest.fixture(scope="module")
def forms() -> dict:
    return {form["code"]: form for form in read_yaml(ROOT / "tests" / "fixtures" / "code_forms.yml")["forms"]}


def page_path(site_dir: pathlib.Path, lang: str, code: str) -> pathlib.Path:
    return site_dir / LANGUAGE_PREFIX[lang] / "errors" / code.lower() / "index.html"


def article_text(path: pathlib.Path) -> str:
    """The article's text, tags removed, entities decoded, every kind of space made one space."""
    source = path.read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", source, re.S).group(0)
    return re.sub(r"[\s\u00a0\u202f]+", " ", html.unescape(TAG.sub(" ", article)))


def test_every_catalogue_code_has_its_page_in_both_languages(site_dir, catalogue, documented):
    codes = set(catalogue) | documented
    missing = [f"{LANGUAGE_PREFIX[lang]}errors/{code.lower()}/" for code in sorted(codes) for lang in LANGS
               if not page_path(site_dir, lang, code).is_file()]
    assert missing == []
    built = {p.name for lang in LANGS for p in (site_dir / LANGUAGE_PREFIX[lang] / "errors").glob("0x*")}
    assert built == {code.lower() for code in codes}  # and no page for a code nobody lists


@pytest.mark.parametrize("lang", LANGS)
def test_a_short_page_carries_name_decimal_forms_slui_line_and_one_search_entry(site_dir, catalogue, documented,
                                                                                forms, lang):
    samples = [code for code in forms if code not in documented]
    assert samples, "code_forms.yml needs a code with a short page"
    index = json.loads((site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    for code in samples:
        text = article_text(page_path(site_dir, lang, code))
        assert text.strip().startswith(f"{code} — "), code
        assert catalogue[code]["name"] in text, code
        assert str(forms[code]["unsigned"]) in text and str(forms[code]["signed"]) in text, code
        assert f"slui.exe 0x2a {code}" in text, code
        # One screen or two: no "Back to top" button (catalogue-code.html), a smaller page in the zip.
        assert 'class="md-top' not in page_path(site_dir, lang, code).read_text(encoding="utf-8"), code
        # In the search index by one small entry (its code and symbolic name), not by its page.
        entries = [doc for doc in index["docs"] if doc["location"].split("#")[0] == f"errors/{code.lower()}/"]
        assert len(entries) == 1 and "#" not in entries[0]["location"], (code, entries)
        assert entries[0]["title"] == code and entries[0]["text"] == catalogue[code]["name"], entries
        assert entries[0]["boost"] < 0.5, "below the documented codes' pages"


def test_short_pages_share_their_section_ids_across_languages(site_dir, catalogue, documented):
    code = next(code for code in catalogue if code not in documented)
    ids = {lang: re.findall(r'<h2 id="([^"]+)"', page_path(site_dir, lang, code).read_text(encoding="utf-8"))
           for lang in LANGS}
    assert ids["en"] == ids["fr"] == ["meaning", "where-to-start", "windows-text"]
    # "Where to start" points back at the meaning, which comes before it (it said "below").
    for lang, (wrong, right) in (("en", ("meaning below", "meaning above")), ("fr", ("ci-dessous", "ci-dessus"))):
        text = article_text(page_path(site_dir, lang, code))
        assert right in text and wrong not in text, lang


def test_a_later_windows_code_says_so(site_dir, catalogue):
    code = next(code for code, entry in catalogue.items() if entry["name"] == "SL_E_VL_AD_AO_NOT_FOUND")
    for lang, words in (("en", "Windows 8"), ("fr", "Windows 8")):
        page = page_path(site_dir, lang, code).read_text(encoding="utf-8")
        assert 'class="admonition note"' in page and words in article_text(page_path(site_dir, lang, code))


def test_api_lists_every_code_once_with_right_decimal_forms(site_dir, catalogue, documented, forms):
    api = json.loads((site_dir / "api" / "errors.json").read_text(encoding="utf-8"))
    listed = [item["code"] for item in api["errors"]]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(catalogue) | documented
    for item in api["errors"]:
        assert item["documented"] == (item["code"] in documented), item["code"]
        assert item["unsigned"] == int(item["code"], 16)
        # The signed form is the same 32 bits: it differs from the unsigned by 2^32 exactly when bit 31 is set.
        assert item["unsigned"] - item["signed"] == (2 ** 32 if item["unsigned"] >= 2 ** 31 else 0), item["code"]
        for lang in LANGS:
            assert item[lang]["path"] == f"{LANGUAGE_PREFIX[lang]}errors/{item['code'].lower()}/", item["code"]
        if item["code"] in forms:
            assert (item["unsigned"], item["signed"]) == (forms[item["code"]]["unsigned"], forms[item["code"]]["signed"])
    assert set(forms) <= set(listed)


@pytest.mark.parametrize("lang", LANGS)
def test_a_later_code_is_marked_in_the_index_and_the_api(site_dir, catalogue, lang):
    labels = read_yaml(ROOT / "docs" / "data" / "error_catalogue.yml")["introduced"]
    source = (site_dir / LANGUAGE_PREFIX[lang] / "errors" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr id="[^"]+" data-code="([^"]+)"[^>]*>(.*?)</tr>', source, re.S))
    api = {item["code"]: item for item in json.loads((site_dir / "api" / "errors.json").read_text(encoding="utf-8"))["errors"]}
    later = {code: entry["versions"]["introduced"] for code, entry in catalogue.items() if "versions" in entry}
    assert "windows-10-sdk" in later.values() and "windows-8" in later.values()
    for code, entry in catalogue.items():
        assert api[code]["introduced"] == later.get(code), code
        label = html.escape(labels[later[code]][lang]) if code in later else None
        marked = 'class="vakb-later"' in rows[code]
        assert marked == (code in later), code
        if label:
            assert label in rows[code], code


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_lists_every_code_once_with_its_link(site_dir, catalogue, documented, lang):
    source = (site_dir / LANGUAGE_PREFIX[lang] / "errors" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="[^"]+" data-code="([^"]+)"[^>]*><td[^>]*><a href="([^"]+)"', source)
    codes = [code for code, _ in rows]
    assert len(codes) == len(set(codes)) and set(codes) == set(catalogue) | documented
    assert all(href == f"{code.lower()}/" for code, href in rows)
    # The catalogue's codes sit in folded groups, one per catalogue group that has short pages.
    assert source.count('<details class="vakb-error-catalogue"') >= 10


def test_the_analyzer_knows_every_code_and_which_are_documented(catalogue, documented):
    from vakb.topics import evidence

    errors = evidence.payload()["errors"]
    assert {e["code"] for e in errors} == set(catalogue) | documented
    assert {e["code"] for e in errors if e["documented"]} == documented
    assert all(e["meaning"]["en"] and e["meaning"]["fr"] for e in errors)
