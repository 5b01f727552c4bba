"""French pages keep ' :' ' ;' ' !' ' ?' and guillemets together with a non-breaking space."""

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
