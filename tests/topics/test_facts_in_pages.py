"""No page states a figure that contradicts docs/data/facts.yml.

Built pages: each fact's `claims` regexes (per language) are run over the text of every built page
of that language; every number they capture must equal the fact's value, read in the unit the
regex names (rule documented at the top of facts.yml). Sources: a page must not type the figures
that only a fact should give (4+ digit values such as the port and the event IDs) in its prose;
it writes `{{ fact name }}` so the figure stays right in both languages.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from vakb import data
from conftest import ROOT

DOCS = ROOT / "docs"
MINUTES_PER = {"minutes": 1, "hours": 60, "days": 1440}
# Unit words a claim regex may name, per language, mapped to the unit its figure is read in.
UNIT_WORDS = {
    "minutes": r"minutes?", "hours": r"hours?|heures?", "days": r"days?|jours?",
}
# Digit-group separators: "10,080" (en), "10 080" (fr, narrow or ordinary no-break space).
GROUP_SEPARATOR = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}(?!\d))")
SHORTCODE = re.compile(r"\{\{.*?\}\}", re.S)
ATTR_LIST = re.compile(r"\{\s*:?\s*[#.][^}\n]*\}")  # { #heading-id .class }
FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+).+?\1", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
MIN_GUARDED_DIGITS = 4  # 1688, 10080, 12288: distinctive; 5 or 30 would flag ordinary prose


def normalise(text: str) -> str:
    """Drop digit-group separators, then fold every kind of space into one plain space."""
    return re.sub(r"\s+", " ", GROUP_SEPARATOR.sub("", text))


ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def page_text(html: str) -> str:
    """The text of the page's content (Material's <article>, not the nav), normalised."""
    match = ARTICLE.search(html)
    content = BeautifulSoup(match.group(0) if match else html, "html.parser")
    for element in content.find_all(["script", "style", "template"]):
        element.decompose()
    return normalise(content.get_text(" "))


def claim_unit(pattern: str, fact_unit: str) -> str:
    """The unit a claim's figure is stated in: the time unit its regex names, else the fact's own."""
    named = {unit for unit, words in UNIT_WORDS.items() if re.search(rf"(?<![a-z])(?:{words})", pattern)}
    if len(named) > 1:
        raise ValueError(f"claim {pattern!r} names several units {sorted(named)}; keep one per regex")
    return named.pop() if named else fact_unit


def expected_value(fact: dict, unit: str) -> int:
    value, own = fact["value"], fact["unit"]
    if unit == own:
        return value
    if own not in MINUTES_PER or unit not in MINUTES_PER:
        raise ValueError(f"a {own} fact cannot be claimed in {unit}")
    minutes = value * MINUTES_PER[own]
    if minutes % MINUTES_PER[unit]:
        raise ValueError(f"{value} {own} is not a whole number of {unit}")
    return minutes // MINUTES_PER[unit]


def contradictions(text: str, lang: str, facts: dict) -> list[str]:
    """One message per claim match in `text` whose figure differs from the data."""
    problems = []
    for name, fact in facts.items():
        for pattern in (fact.get("claims") or {}).get(lang, []):
            unit = claim_unit(pattern, fact["unit"])
            want = expected_value(fact, unit)
            for match in re.finditer(pattern, text):
                if int(match.group(1)) != want:
                    start = max(match.start() - 40, 0)
                    problems.append(f"{name}: says {match.group(1)} {unit} where facts.yml gives {want} {unit}: "
                                    f"...{text[start:match.end() + 40]}...")
    return problems


def guarded_figures(facts: dict) -> dict[str, str]:
    """{figure as a page might type it: fact name} for facts with distinctive numeric values."""
    guarded = {}
    for name, fact in facts.items():
        value = fact["value"]
        if isinstance(value, int) and len(str(value)) >= MIN_GUARDED_DIGITS:
            guarded[str(value)] = name
    return guarded


def prose(markdown: str) -> str:
    """The Markdown with code, shortcodes, attribute lists and comments blanked (newlines kept)."""
    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in (FENCED, HTML_COMMENT, SHORTCODE, INLINE_CODE, ATTR_LIST):
        markdown = pattern.sub(blank, markdown)
    return markdown


def typed_figures(name: str, markdown: str, facts: dict) -> list[str]:
    guarded = guarded_figures(facts)
    text = GROUP_SEPARATOR.sub("", prose(markdown))
    problems = []
    for match in re.finditer(r"(?<![\w.])\d{%d,}(?![\w])" % MIN_GUARDED_DIGITS, text):
        fact = guarded.get(match.group(0))
        if fact:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{name}:{line}: types {match.group(0)}; write {{{{ fact {fact} }}}} "
                            f"(or {{{{ fact {fact} number }}}}) so the figure comes from docs/data/facts.yml")
    return problems


@pytest.fixture(scope="module")
def facts():
    return data.load("facts")


def test_facts_with_claims_exist(facts):
    # The check below is only as good as its regexes: make sure there are some, in both languages.
    for lang in ("en", "fr"):
        assert any(lang in (f.get("claims") or {}) for f in facts.values()), f"no {lang} claim in facts.yml"


def test_every_claim_has_a_unit_that_converts(facts):
    for name, fact in facts.items():
        for lang, patterns in (fact.get("claims") or {}).items():
            for pattern in patterns:
                expected_value(fact, claim_unit(pattern, fact["unit"]))  # raises with the reason


def test_no_built_page_contradicts_the_facts(built_pages, facts):
    problems = []
    for url, path in built_pages.items():
        lang = "fr" if url.startswith("fr/") else "en"
        problems += [f"/{url}: {p}" for p in contradictions(page_text(path.read_text("utf-8")), lang, facts)]
    assert not problems, "\n".join(problems)


def test_no_page_types_a_figure_that_a_fact_gives(facts):
    problems = []
    for path in sorted(DOCS.rglob("*.md")):
        if "data" in path.relative_to(DOCS).parts:
            continue
        problems += typed_figures(f"docs/{path.relative_to(DOCS)}", path.read_text("utf-8"), facts)
    assert not problems, "\n".join(problems)


# --- the checks can fail: a contradicting sentence, a typed figure -------------------------------

SAMPLE_FACTS = {
    "renewal_interval": {"value": 10080, "unit": "minutes", "claims": {
        "en": [r"renew\w* every (\d+) days"], "fr": [r"renouvel\w* tous les (\d+) jours"]}},
    "activation_interval": {"value": 120, "unit": "minutes", "claims": {"en": [r"retr\w* every (\d+) minutes"]}},
    "kms_port": {"value": 1688, "unit": "port", "claims": {"en": [r"TCP port (\d+)"]}},
    "threshold_client_os": {"value": 25, "unit": "count"},
}


def test_a_contradicting_sentence_is_caught():
    html = ("<article class='md-content__inner'><p>Clients renew every 30 days and retry every 120 minutes;"
            " the host listens on TCP port 1689.</p></article>")
    problems = contradictions(page_text(html), "en", SAMPLE_FACTS)
    assert len(problems) == 2
    assert problems[0].startswith("renewal_interval: says 30 days where facts.yml gives 7 days")
    assert problems[1].startswith("kms_port: says 1689 port where facts.yml gives 1688 port")


def test_agreeing_sentences_pass_in_both_languages_with_grouped_figures():
    en = page_text("<article class='md-content__inner'>renews every 7\u00a0days, TCP port 1688</article>")
    fr = page_text("<article class='md-content__inner'>se renouvelle tous les 7\u00a0jours</article>")
    assert contradictions(en, "en", SAMPLE_FACTS) == []
    assert contradictions(fr, "fr", SAMPLE_FACTS) == []
    assert normalise("10,080 minutes, 10\u202f080 minutes, 43\u00a0200, 2,5") == "10080 minutes, 10080 minutes, 43200, 2,5"


def test_claim_units_are_read_from_the_regex():
    assert claim_unit(r"renew\w* every (\d+) days", "minutes") == "days"
    assert claim_unit(r"toutes les (\d+) heures", "hours") == "hours"
    assert claim_unit(r"TCP port (\d+)", "port") == "port"
    assert expected_value(SAMPLE_FACTS["renewal_interval"], "days") == 7
    with pytest.raises(ValueError):
        claim_unit(r"(\d+) days or hours", "minutes")
    with pytest.raises(ValueError):
        expected_value(SAMPLE_FACTS["kms_port"], "days")


def test_a_typed_figure_is_caught_but_not_in_code_or_shortcodes():
    markdown = (
        "# Ports { #ports-1688 }\n\n"
        "Open TCP port 1688 on the host.\n"
        "Clients renew every {{ fact renewal_interval days }} ({{ fact renewal_interval number }} minutes).\n"
        "Default: 10,080 minutes.\n"
        "Run `slmgr /skms kms01:1688`.\n\n"
        "```\nslmgr /skms kms01:1688\n```\n"
        "Error 0xC0041688 is unrelated.\n"
    )
    problems = typed_figures("docs/x.en.md", markdown, SAMPLE_FACTS)
    assert [p.split(":")[1] for p in problems] == ["3", "5"]
    assert "{{ fact kms_port }}" in problems[0] and "{{ fact renewal_interval }}" in problems[1]
