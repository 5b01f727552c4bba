"""slmgr switches, glossary terms and sources: the data against the project's references, and the
built pages against the data, in both languages.

Expected lists come from the reference excerpts in tests/fixtures/references/ (the fact reference's
slmgr and sources sections, the glossary), never from the build's output.
"""

from __future__ import annotations

import copy
import html.parser
import pathlib
import re

import pytest

from vakb import data
from vakb import topics

REFERENCES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "references"
KMS_FACTS = REFERENCES / "kms-facts-excerpt.md"
GLOSSARY_MD = REFERENCES / "glossary.md"
LANGS = ("en", "fr")
PREFIX = {"en": "", "fr": "fr/"}


# --- the references, parsed -------------------------------------------------------------

def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def table_rows(text: str) -> list[list[str]]:
    """Cells of every Markdown table row except the header and the |---| line."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[1:] if rows else rows


def reference_switches() -> tuple[set[str], set[str]]:
    """(switches of Vista..2008 R2, switches the reference marks as Windows 8 / 2012+ only)."""
    text = section(KMS_FACTS.read_text(encoding="utf-8"), "### 3e.", "### 3f.")
    present, later = set(), set()
    for cells in table_rows(text):
        names = set(re.findall(r"/[a-z][a-z-]*", cells[0].replace("\\|", " ")))
        (later if "Windows 8" in cells[2] else present).update(names)
    return present, later


def reference_source_tags() -> set[str]:
    text = KMS_FACTS.read_text(encoding="utf-8")
    text = text[text.index("## 5. Sources"):]
    tags = set()
    for cells in table_rows(text):
        tags.update(tag.strip() for tag in cells[0].split("/"))
    return tags


def glossary_rows() -> list[tuple[str, str]]:
    text = GLOSSARY_MD.read_text(encoding="utf-8")
    return [(cells[0], cells[1]) for cells in table_rows(text[text.index("| English"):])]


# --- data against the references ---------------------------------------------------------------

def test_reference_parsers_find_something():
    # Guards the tests below against an empty parse passing vacuously.
    present, later = reference_switches()
    assert {"/ato", "/skms", "/skhc", "/fta"} <= present and "/skms-domain" in later
    assert {"T1", "KEYS-A", "SEED"} <= reference_source_tags()
    assert ("KMS host", "hôte KMS") in glossary_rows()


def test_every_reference_switch_is_in_the_data_once_with_both_languages():
    present, later = reference_switches()
    doc = data.load("slmgr")
    switches = [entry["switch"] for entry in doc["switches"]]
    assert len(switches) == len(set(switches)), "a switch is listed twice"
    assert set(switches) == present
    later_data = {name for item in doc["later_only"] for name in item["switches"]}
    # The reference writes a family as `/ad-activation-*`: a name ending in '-' is a prefix.
    for name in later:
        assert any(d == name or (name.endswith("-") and d.startswith(name)) for d in later_data), (
            f"{name}* of the reference (Windows 8+ only) is missing from later_only")
    for entry in doc["switches"]:
        assert entry["id"] == entry["switch"].lstrip("/")
        for lang in LANGS:
            assert entry["meaning"][lang].strip(), f"{entry['switch']}: no {lang} meaning"


def test_slmgr_check_rejects_a_duplicate_switch():
    doc = copy.deepcopy(data.load("slmgr"))
    doc["switches"].append(copy.deepcopy(doc["switches"][0]))
    messages = [message for _, message in topics.slmgr.slmgr_switches_are_consistent(doc)]
    assert any("duplicate" in m for m in messages), messages


def test_glossary_terms_are_the_rows_of_the_reference_glossary():
    rows = glossary_rows()
    terms = [(t["en"]["term"], t["fr"]["term"]) for t in data.load("glossary")["terms"]]
    assert sorted(terms) == sorted(rows)


def test_glossary_check_rejects_an_acronym_without_expansion():
    doc = copy.deepcopy(data.load("glossary"))
    term = next(t for t in doc["terms"] if t.get("abbr") == "KMS")
    del term["fr"]["expansion"]
    messages = [message for _, message in topics.glossary.glossary_terms_are_consistent(doc)]
    assert any("fr expansion" in m for m in messages), messages


def test_every_reference_source_tag_is_listed():
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    assert reference_source_tags() <= tags


def test_fact_sources_resolve_and_the_check_catches_an_unknown_tag():
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    facts = data.load("facts")
    for name, fact in facts.items():
        assert set(fact["sources"]) <= tags, f"{name}: {set(fact['sources']) - tags}"
    broken = copy.deepcopy(facts)
    next(iter(broken.values()))["sources"].append("NO-SUCH-TAG")
    messages = [message for _, message in topics.facts.fact_sources_are_listed(broken)]
    assert any("NO-SUCH-TAG" in m for m in messages), messages


def test_no_retired_technet_address_is_linked():
    for source in data.load("sources")["sources"]:
        url = source.get("url", "")
        assert "blogs.technet.com" not in url and "technet.microsoft.com" not in url, source["tag"]
        if "technet" in source.get("old_url", "").lower() and "learn.microsoft.com" not in url:
            assert source["status"] in ("dead-technet", "archived", "unlinked"), source["tag"]


# --- built pages against the data --------------------------------------------------------------

class PageParser(html.parser.HTMLParser):
    """Ids, links, <abbr> elements (with title) and whether an <abbr> sits inside <code>."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.abbrs: list[tuple[str, str]] = []
        self.abbr_in_code = False
        self.headings: dict[str, str] = {}
        self._code = 0
        self._abbr_title: str | None = None
        self._heading_id: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "code":
            self._code += 1
        if tag == "abbr":
            self._abbr_title = attrs.get("title", "")
            self.abbr_in_code = self.abbr_in_code or self._code > 0
        if tag in ("h2", "h3") and "id" in attrs:
            self._heading_id = attrs["id"]
            self.headings[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "code":
            self._code -= 1
        if tag in ("h2", "h3"):
            self._heading_id = None

    def handle_data(self, text):
        if self._abbr_title is not None:
            self.abbrs.append((text, self._abbr_title))
            self._abbr_title = None
        if self._heading_id is not None:
            self.headings[self._heading_id] += text


def parse(built_pages, url: str) -> PageParser:
    parser = PageParser()
    parser.feed(built_pages[url].read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGS)
def test_every_switch_has_its_anchor_in_each_language(built_pages, lang):
    page = parse(built_pages, f"{PREFIX[lang]}slmgr/")
    for entry in data.load("slmgr")["switches"]:
        assert page.ids.count(entry["id"]) == 1, f"{lang}: #{entry['id']}"
        assert f"#{entry['id']}" in page.hrefs, f"{lang}: summary row of {entry['switch']} does not link its section"
    for item in data.load("slmgr")["later_only"]:
        for name in item["switches"]:
            assert name.lstrip("/") not in page.ids, f"{name} is not on these versions: no section for it"


@pytest.mark.parametrize("lang", LANGS)
def test_every_glossary_term_has_its_anchor_and_term_in_each_language(built_pages, lang):
    page = parse(built_pages, f"{PREFIX[lang]}glossary/")
    for term in data.load("glossary")["terms"]:
        assert term["id"] in page.headings, f"{lang}: #{term['id']}"
        # The heading is the term in the page's language (the acronym inside is an <abbr>).
        assert page.headings[term["id"]].replace("¶", "").strip() == term[lang]["term"]


@pytest.mark.parametrize("lang", LANGS)
def test_sources_index_has_a_row_per_tag_and_links_only_live_addresses(built_pages, lang):
    page = parse(built_pages, f"{PREFIX[lang]}sources/")
    for source in data.load("sources")["sources"]:
        assert f"src-{source['tag'].lower()}" in page.ids, source["tag"]
        if source["status"] in ("live", "archived"):
            assert source["url"] in page.hrefs, source["tag"]
        if source.get("old_url", "").startswith("http"):
            assert source["old_url"] not in page.hrefs, f"{source['tag']}: retired address linked"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["slmgr/", "windows-7-changes/", ""])
def test_acronyms_render_as_abbr_with_the_page_language_title(built_pages, lang, slug):
    expansions = {t["abbr"]: t[lang]["expansion"] for t in data.load("glossary")["terms"] if "abbr" in t}
    page = parse(built_pages, f"{PREFIX[lang]}{slug}")
    found = {text: title for text, title in page.abbrs}
    assert found.get("KMS") == expansions["KMS"], f"{lang} {slug or 'home'}: {found.get('KMS')!r}"
    for text, title in page.abbrs:
        assert title == expansions[text], f"{lang} {slug}: {text} titled {title!r}"
    assert not page.abbr_in_code, f"{lang} {slug}: an acronym inside code was turned into <abbr>"


# --- shortcodes refuse what they do not know, saying what they accept --------------------------

@pytest.mark.parametrize("render, args, accepted", [
    ("slmgr.render_link", ["/ato"], "ato"),
    ("glossary.render_term", ["kms_host"], "kms-host"),
    ("sources.render_topic", ["dns-and-srv"], "dns"),
])
def test_shortcodes_name_the_accepted_values(render, args, accepted):
    from vakb.shortcodes import Context, ShortcodeError

    module, func = render.split(".")
    with pytest.raises(ShortcodeError, match=re.escape(accepted)):
        getattr(getattr(topics, module), func)(args, Context(lang="en"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", ["", "how-kms-works/", "events/12289/", "troubleshooting/count-not-growing/"])
def test_each_acronym_is_marked_on_its_first_use_only(built_pages, lang, slug):
    """A dotted underline on every "KMS" was noise on every line (and no tooltip on touch): only
    the first use of an acronym on a page is an <abbr>, the later ones are plain text."""
    page = parse(built_pages, f"{PREFIX[lang]}{slug}")
    texts = [text for text, _title in page.abbrs]
    assert texts.count("KMS") == 1, f"{lang} {slug or 'home'}: KMS marked {texts.count('KMS')} times"
    assert len(texts) == len(set(texts)), f"{lang} {slug or 'home'}: an acronym marked twice: {texts}"
