"""French pages keep ' :' ' ;' ' !' ' ?' and guillemets together with a non-breaking space."""

import html as htmllib
import json
import re

from vakb.typography import space_french

BREAKABLE_BEFORE_PUNCTUATION = re.compile(r"\S {1,}[:;!?](?=\s|$)")


def article_text(html: str) -> str:
    article = re.search(r"<article\b.*?</article>", html, re.S)
    text = re.sub(r"<(pre|code|kbd|script|svg|textarea)\b.*?</\1>", "", article.group(0) if article else "", flags=re.S)
    return re.sub(r"<[^>]+>", "", text)


def test_spaces_become_non_breaking_in_text_only():
    html = '<p title="a : b">Remarque : voir ; ou ! « ici »</p><pre><code>net stop x : y ; z</code></pre>'
    out = space_french(html)
    assert 'title="a : b"' in out  # attributes untouched
    assert "Remarque\u00a0: voir\u202f; ou\u202f! «\u00a0ici\u00a0»" in out
    assert "<code>net stop x : y ; z</code>" in out  # commands stay byte for byte


def test_urls_and_times_are_not_touched():
    assert space_french("<p>https://a.b/c et 12:30</p>") == "<p>https://a.b/c et 12:30</p>"


def test_no_french_page_can_break_a_line_before_punctuation(built_pages):
    offenders = []
    for url, path in built_pages.items():
        if not url.startswith("fr/"):
            continue
        for match in BREAKABLE_BEFORE_PUNCTUATION.finditer(article_text(path.read_text(encoding="utf-8"))):
            offenders.append(f"{url}: {match.group(0)!r}")
    assert offenders == []


def toc_text(html: str) -> str:
    """The text of the page's table of contents (Material's secondary sidebar, nav.md-nav--secondary)."""
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", toc.group(0)) if toc else ""


def test_the_table_of_contents_keeps_the_spacing_of_the_headings(built_pages):
    offenders, seen = [], 0
    for url, path in built_pages.items():
        if not url.startswith("fr/"):
            continue
        text = toc_text(path.read_text(encoding="utf-8"))
        seen += text.count("\u00a0:")
        offenders += [f"{url}: {match.group(0)!r}" for match in BREAKABLE_BEFORE_PUNCTUATION.finditer(text)]
    assert offenders == []
    assert seen > 5, "French headings such as 'Étape 1 : ...' should appear in the tables of contents"


def script_strings(html: str) -> list[str]:
    """Every string a script shows later: JSON data blocks' strings and data-* attribute values."""
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        walk(json.loads(block))
    found += [htmllib.unescape(value) for value in re.findall(r'\sdata-[a-z-]+="([^"]*)"', html)]
    return found


def test_strings_shown_by_scripts_keep_the_spacing_too(built_pages):
    # Tool messages (tools.yml), lookup and ticket-reply labels (errors.yml) reach the reader
    # through JavaScript; they follow the same rule as the page text.
    offenders, seen = [], 0
    for url, path in built_pages.items():
        if not url.startswith("fr/"):
            continue
        for text in script_strings(path.read_text(encoding="utf-8")):
            seen += text.count("\u00a0:")
            offenders += [f"{url}: {match.group(0)!r}" for match in BREAKABLE_BEFORE_PUNCTUATION.finditer(text)]
    assert offenders == []
    assert seen > 20, "French tool and ticket-reply messages such as 'Copier : {what}' should be found"


def test_script_strings_get_the_rule_and_markup_stays_valid():
    from vakb.typography import space_french_page

    page = ('<p data-failed="La copie a échoué : copiez &quot;à la main&quot;">x</p>'
            '<script type="application/json">{"a": "Champ : requis ; ok ?", "b": ["« ici »"], "n": 3}</script>')
    out = space_french_page(page)
    assert 'data-failed="La copie a échoué\u00a0: copiez &quot;à la main&quot;"' in out
    payload = json.loads(re.search(r"<script[^>]*>(.*?)</script>", out).group(1))
    assert payload == {"a": "Champ\u00a0: requis\u202f; ok\u202f?", "b": ["«\u00a0ici\u00a0»"], "n": 3}
