"""Diagrams: every entry of docs/data/diagrams.yml renders, in each language, as self-contained
accessible SVG whose figures come from facts.yml, and the topic pages carry theirs once built."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from vakb import data
from vakb.topics import facts
import pytest
from vakb.topics import diagrams as render_diagrams
from vakb.shortcodes import ShortcodeError

LANGUAGES = ("en", "fr")
SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = list(data.load("diagrams"))
# Which diagrams each topic page must show (same in both languages).
PAGE_DIAGRAMS = {
    "how-kms-works/": ["host-activation", "client-request"],
    "kms-host-setup/": ["host-activation"],
    "client-activation/": ["client-lifecycle"],
}
MINUTES_PER = {"minutes": 1, "hours": 60, "days": 1440}


def rendered(diagram_id: str, lang: str) -> ET.Element:
    """The <figure> of a diagram, parsed as XML: a parse error fails the test."""
    return ET.fromstring(render_diagrams.render_svg(diagram_id, lang))


def svg_of(figure: ET.Element) -> ET.Element:
    svg = figure.find(f".//{SVG}svg")  # inside the scrolling box
    assert svg is not None, "no <svg> inside the figure"
    return svg


def drawn_text(figure: ET.Element) -> str:
    """Every word drawn in the SVG, lines joined by single spaces (labels wrap only at spaces)."""
    texts = [" ".join("".join(t.itertext()).split()) for t in svg_of(figure).iter(f"{SVG}text")]
    return " ".join(texts)


def bilingual_labels(value):
    """Every {en, fr} label inside a diagram entry."""
    if isinstance(value, dict) and set(value) == {"en", "fr"}:
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from bilingual_labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from bilingual_labels(item)


def drawn_labels(diagram: dict):
    """Labels drawn as text (title and description go to <title> and <desc>)."""
    for key, value in diagram.items():
        if key not in ("title", "description"):
            yield from bilingual_labels(value)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_diagram_is_accessible_svg_titled_in_its_language(diagram_id, lang):
    diagram = data.load("diagrams")[diagram_id]
    figure = rendered(diagram_id, lang)
    svg = svg_of(figure)
    assert svg.get("role") == "img"
    assert svg.get("lang") == lang
    # Sized by its natural width and the stylesheet, never by a style="" attribute (the CSP refuses those).
    assert svg.get("viewBox") and svg.get("width") == svg.get("viewBox").split()[2]
    assert svg.get("style") is None
    title = svg.find(f"{SVG}title")
    assert title is not None and title.get("id") in svg.get("aria-labelledby").split()
    # The title is the data's title in this language (no placeholder in titles: compare as typed).
    assert title.text == diagram["title"][lang]
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == svg.get("aria-describedby")
    assert desc.text.strip()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_diagram_loads_nothing_and_leaves_no_placeholder(diagram_id, lang):
    figure = rendered(diagram_id, lang)
    for element in figure.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ("image", "script", "foreignObject", "use", "style"), f"<{tag}> in {diagram_id}"
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), f"{diagram_id}: {name}={value!r} points outside the page"
            for url in re.findall(r"url\(([^)]*)\)", value):
                assert url.startswith("#"), f"{diagram_id}: url({url}) is not an in-page reference"
    text = ET.tostring(figure, encoding="unicode")
    assert "{fact:" not in text
    assert "@import" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_each_language_draws_its_own_labels(diagram_id):
    diagram = data.load("diagrams")[diagram_id]
    drawn = {lang: drawn_text(rendered(diagram_id, lang)) for lang in LANGUAGES}
    translated = 0
    for label in drawn_labels(diagram):
        for lang in LANGUAGES:
            # Placeholders stand for figures: check the words around them.
            for words in facts.PLACEHOLDER.split(label[lang])[::3]:
                words = " ".join(words.split())
                if words:
                    assert words in drawn[lang], f"{diagram_id} ({lang}): {words!r} not drawn"
        if label["en"] != label["fr"]:
            translated += 1
            assert label["en"] not in drawn["fr"], f"{diagram_id}: English {label['en']!r} drawn on the French side"
            assert label["fr"] not in drawn["en"], f"{diagram_id}: French {label['fr']!r} drawn on the English side"
    assert translated, f"{diagram_id}: no label differs between en and fr"
    assert drawn["en"] != drawn["fr"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_description_says_in_words_what_is_drawn(diagram_id, lang):
    # role="img" makes a screen reader read the <desc>, not the text drawn inside.
    desc = " ".join(svg_of(rendered(diagram_id, lang)).find(f"{SVG}desc").text.split())
    for label in drawn_labels(data.load("diagrams")[diagram_id]):
        for words in facts.PLACEHOLDER.split(label[lang])[::3]:
            words = " ".join(words.split())
            if words:
                assert words in desc, f"{diagram_id} ({lang}): {words!r} drawn but not in <desc>"


@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_figures_in_labels_are_those_of_facts_yml(diagram_id):
    known = data.load("facts")
    text = drawn_text(rendered(diagram_id, "en"))
    for label in drawn_labels(data.load("diagrams")[diagram_id]):
        for name, option in ((m.group(1), m.group(2).lstrip(":") or None) for m in facts.PLACEHOLDER.finditer(label["en"])):
            value, unit = data.text(known[name], "en", "value"), known[name]["unit"]
            if option in MINUTES_PER:
                value = value * MINUTES_PER[unit] // MINUTES_PER[option]
            assert str(value) in text, f"{diagram_id}: {name} ({value}) is not drawn"


def fact_figures(facts) -> set[int]:
    """Every number a fact can be written as: its value, and its value in other time units."""
    figures = set()
    for fact in facts.values():
        value, unit = fact["value"], fact["unit"]
        if not isinstance(value, int):
            continue
        figures.add(value)
        if unit in MINUTES_PER:
            minutes = value * MINUTES_PER[unit]
            figures.update(minutes // per for per in MINUTES_PER.values() if minutes % per == 0)
    return figures


# Numbers that are names, not figures: the telephone activation page of slui, the count of a new host,
# a product name (Windows 7).
NOT_FIGURES = re.compile(r"slui\.exe \d+|\bat 0\b|à 0\b|\bWindows \d+\b")


@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_no_fact_figure_is_typed_in_a_label(diagram_id):
    figures = fact_figures(data.load("facts"))
    for label in bilingual_labels(data.load("diagrams")[diagram_id]):
        for lang in LANGUAGES:
            bare = NOT_FIGURES.sub("", facts.PLACEHOLDER.sub("", label[lang]))
            typed = [int(n) for n in re.findall(r"(?<![\w.])\d+(?![\w.])", bare) if int(n) in figures]
            assert not typed, f"{diagram_id} ({lang}): {typed} typed in {label[lang]!r}; write {{fact:<name>}}"


def test_unknown_diagram_is_refused_with_the_known_ids():
    with pytest.raises(ShortcodeError) as refused:
        render_diagrams.render_svg("no-such-diagram", "en")
    assert "no-such-diagram" in str(refused.value)
    assert all(diagram_id in str(refused.value) for diagram_id in DIAGRAMS)


def test_broken_reference_stops_with_file_line_and_entry(tmp_path):
    path = tmp_path / "diagrams.yml"
    path.write_text(
        "broken:\n"
        "  kind: sequence\n"
        "  title: {en: T, fr: T}\n"
        "  description: {en: D, fr: D}\n"
        "  participants:\n"
        "    - {id: a, label: {en: A, fr: A}}\n"
        "    - {id: b, label: {en: B, fr: B}}\n"
        "  steps:\n"
        "    - from: a\n"
        "      to: nobody\n"
        "      label: {en: 'port {fact:no_such_fact}', fr: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(data.DataError) as stopped:
        data.validate("diagrams", data.parse_yaml(path), path)
    message = str(stopped.value)
    assert f"{path}:10: broken.steps[0].to: 'nobody' is not one of the participants" in message
    assert "broken.steps[0].label.en: {fact:no_such_fact}: no fact 'no_such_fact' in docs/data/facts.yml" in message


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_DIAGRAMS)
def test_topic_page_shows_its_diagrams_in_its_language(built_pages, page, lang):
    url = ("fr/" if lang == "fr" else "") + page
    html = built_pages[url].read_text(encoding="utf-8")
    for diagram_id in PAGE_DIAGRAMS[page]:
        match = re.search(rf'<figure class="vakb-diagram"[^>]*data-diagram="{diagram_id}".*?</figure>', html, re.S)
        assert match, f"/{url}: no diagram {diagram_id}"
        figure = ET.fromstring(match.group(0))
        # Ids carry the page's slug (same in both languages), so that the one-document print
        # edition, which holds every page, has no duplicate id when two pages show one diagram.
        assert figure.get("id") == f"{page.strip('/')}-diagram-{diagram_id}"
        title = svg_of(figure).find(f"{SVG}title")
        assert title.text == data.load("diagrams")[diagram_id]["title"][lang], f"/{url}: {diagram_id} not in {lang}"
