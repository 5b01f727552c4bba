"""English and French stay in step: same pages, same heading anchors, same table rows.

Source level (fast, no build): every `docs/**/*.en.md` has a `.fr.md` twin and back, no page is
unsuffixed (an unsuffixed page counts as the default language and mixes builds, see
../shared/notes/mkdocs-stack.md 1.5), every heading carries an explicit `{ #id }`, and twins list
the same ids in the same order. Built level: the twins' rendered headings (shortcodes included)
and their tables match, row for row, between / and /fr/.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

DOCS = ROOT / "docs"
EXCLUDED_DIRS = ("data",)  # not pages (mkdocs.yml exclude_docs)
LANGS = ("en", "fr")

HEADING = re.compile(r"^ {0,16}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_.:-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def page_files(docs: pathlib.Path = DOCS) -> list[pathlib.Path]:
    return sorted(
        p for p in docs.rglob("*.md")
        if not any(part in EXCLUDED_DIRS for part in p.relative_to(docs).parts)
    )


def split_name(path: pathlib.Path) -> tuple[str, str | None]:
    """('errors/index', 'fr') for errors/index.fr.md; (stem, None) for an unsuffixed page."""
    stem, _, lang = path.name.removesuffix(".md").rpartition(".")
    if not stem or lang not in LANGS:
        return path.name.removesuffix(".md"), None
    return stem, lang


def twin_problems(docs: pathlib.Path, files: list[pathlib.Path]) -> list[str]:
    """One message per page without its twin, and per unsuffixed page."""
    problems, seen = [], {lang: set() for lang in LANGS}
    for path in files:
        stem, lang = split_name(path)
        rel = path.relative_to(docs).parent / stem
        if lang is None:
            problems.append(f"docs/{path.relative_to(docs)}: unsuffixed page; name it {rel}.en.md and add {rel}.fr.md")
        else:
            seen[lang].add(rel.as_posix())
    for lang, other in (("en", "fr"), ("fr", "en")):
        for rel in sorted(seen[lang] - seen[other]):
            problems.append(f"docs/{rel}.{lang}.md has no twin docs/{rel}.{other}.md")
    return problems


def headings(markdown: str) -> list[tuple[int, str, str | None]]:
    """(line, heading text, explicit id or None) for every ATX heading outside code fences."""
    found, fence = [], None
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter: its # lines are YAML comments
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    for number, line in enumerate(lines[start:], start + 1):
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match:
            text = match.group(2)
            id_match = EXPLICIT_ID.search(text)
            found.append((number, text, id_match.group(1) if id_match else None))
    return found


def heading_id_problems(name: str, markdown: str) -> list[str]:
    return [
        f"{name}:{line}: heading {text!r} has no explicit id; write it as `## Title {{ #some-id }}` "
        "with the same id as in the other language"
        for line, text, anchor in headings(markdown) if anchor is None
    ]


def id_order_problems(en_name: str, en_md: str, fr_name: str, fr_md: str) -> list[str]:
    en_ids = [a for _, _, a in headings(en_md) if a]
    fr_ids = [a for _, _, a in headings(fr_md) if a]
    if en_ids == fr_ids:
        return []
    for index, (en_id, fr_id) in enumerate(zip(en_ids, fr_ids)):
        if en_id != fr_id:
            return [f"{en_name} and {fr_name}: heading #{index + 1} is {{ #{en_id} }} vs {{ #{fr_id} }} "
                    f"(ids in order: {en_ids} vs {fr_ids})"]
    return [f"{en_name} and {fr_name}: {len(en_ids)} vs {len(fr_ids)} heading ids ({en_ids} vs {fr_ids})"]


def twins(docs: pathlib.Path = DOCS) -> list[tuple[pathlib.Path, pathlib.Path]]:
    pairs = []
    for path in page_files(docs):
        stem, lang = split_name(path)
        twin = path.with_name(f"{stem}.fr.md")
        if lang == "en" and twin.exists():
            pairs.append((path, twin))
    return pairs


def rel(path: pathlib.Path) -> str:
    return f"docs/{path.relative_to(DOCS)}"


# --- source-level checks on the real docs/ --------------------------------------------------------

def test_every_page_has_its_twin_and_a_language_suffix():
    files = page_files()
    assert files, "no page found under docs/"
    problems = twin_problems(DOCS, files)
    assert not problems, "\n".join(problems)


def test_every_heading_has_an_explicit_id():
    problems = []
    for path in page_files():
        problems += heading_id_problems(rel(path), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_twins_have_the_same_heading_ids_in_the_same_order():
    pairs = twins()
    assert pairs, "no en/fr page pair found"
    problems = []
    for en, fr in pairs:
        problems += id_order_problems(rel(en), en.read_text(encoding="utf-8"), rel(fr), fr.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


# --- built-level checks: what readers get, generated content included ----------------------------

ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def article(html: str):
    """The page's content (Material's <article>), parsed alone: the nav would triple the work."""
    match = ARTICLE.search(html)
    return BeautifulSoup(match.group(0) if match else html, "html.parser")


def table_shapes(content) -> list[int]:
    """Row count of each table of a page, in order (nested tables counted on their own)."""
    return [len(table.find_all("tr")) - sum(len(t.find_all("tr")) for t in table.find_all("table"))
            for table in content.find_all("table")]


def heading_ids(content) -> list[str]:
    return [h.get("id") for h in content.find_all(re.compile(r"^h[1-6]$"))]


@pytest.fixture(scope="module")
def built_shapes(built_pages) -> dict[str, tuple[list[int], list[str]]]:
    """{page URL: (rows per table, heading ids)}, each page read once."""
    shapes = {}
    for url, path in built_pages.items():
        content = article(path.read_text(encoding="utf-8"))
        shapes[url] = (table_shapes(content), heading_ids(content))
    return shapes


def built_twins(built_pages) -> list[tuple[str, str]]:
    pairs = [(url, f"fr/{url}") for url in built_pages if not url.startswith("fr/")]
    missing = [fr for _, fr in pairs if fr not in built_pages]
    assert not missing, f"English pages without a French build: {missing}"
    return pairs


def test_built_twins_have_the_same_tables_row_for_row(built_pages, built_shapes):
    problems = []
    for en, fr in built_twins(built_pages):
        if built_shapes[en][0] != built_shapes[fr][0]:
            problems.append(f"/{en} vs /{fr}: rows per table {built_shapes[en][0]} vs {built_shapes[fr][0]}")
    assert not problems, "\n".join(problems)


def test_built_twins_have_the_same_heading_anchors(built_pages, built_shapes):
    problems = []
    for en, fr in built_twins(built_pages):
        if built_shapes[en][1] != built_shapes[fr][1]:
            problems.append(f"/{en} vs /{fr}: heading ids {built_shapes[en][1]} vs {built_shapes[fr][1]}")
    assert not problems, "\n".join(problems)


# --- the checks above can fail: fed known-bad input, they say what is wrong ----------------------

def test_checks_catch_a_missing_twin_and_an_unsuffixed_page(tmp_path):
    for name in ("a.en.md", "a.fr.md", "b.en.md", "c.fr.md", "d.md"):
        (tmp_path / name).write_text("# T { #t }\n")
    problems = twin_problems(tmp_path, page_files(tmp_path))
    assert problems == [
        "docs/d.md: unsuffixed page; name it d.en.md and add d.fr.md",
        "docs/b.en.md has no twin docs/b.fr.md",
        "docs/c.fr.md has no twin docs/c.en.md",
    ]


def test_checks_catch_a_heading_without_id_but_not_code_comments():
    markdown = (
        "# Title { #title }\n\n```powershell\n# a comment, not a heading\n```\n\n"
        '=== "Vista"\n\n    ## Inside a tab\n\n## Fine { #fine .class }\n'
    )
    assert heading_id_problems("docs/x.en.md", markdown) == [
        "docs/x.en.md:9: heading 'Inside a tab' has no explicit id; write it as `## Title { #some-id }` "
        "with the same id as in the other language"
    ]


def test_checks_catch_ids_that_differ_or_move_between_twins():
    en = "# A { #a }\n## B { #b }\n## C { #c }\n"
    assert id_order_problems("en", en, "fr", "# A { #a }\n## C { #c }\n## B { #b }\n")
    assert id_order_problems("en", en, "fr", "# A { #a }\n## B { #b }\n")
    assert id_order_problems("en", en, "fr", "# A { #a }\n## B { #b-fr }\n## C { #c }\n")
    assert not id_order_problems("en", en, "fr", "# Aa { #a }\n## Bé { #b }\n## Cè { #c }\n")


def test_checks_count_table_rows():
    one = BeautifulSoup("<table><tr><th>h</th></tr><tr><td>1</td></tr></table>", "html.parser")
    two = BeautifulSoup("<table><tr><th>h</th></tr><tr><td>1</td></tr><tr><td>2</td></tr></table><table></table>",
                        "html.parser")
    assert table_shapes(one) == [2]
    assert table_shapes(two) == [3, 0]
    assert table_shapes(one) != table_shapes(two)


@pytest.mark.parametrize("heading", ["#NoSpace", "#### { #only-id }"])
def test_heading_regex_edge_cases(heading):
    found = headings(heading + "\n")
    # '#NoSpace' is not a Markdown heading; a heading made of an id alone still has its id.
    assert found == ([] if heading == "#NoSpace" else [(1, "{ #only-id }", "only-id")])
