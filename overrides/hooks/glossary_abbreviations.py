"""MkDocs hook: every acronym of the glossary gets a tooltip on every page, in the page's language.

Appends Markdown abbreviation definitions (`*[KMS]: Key Management Service`, read by the `abbr`
extension) built from docs/data/glossary.yml, so that KMS, GVLK, MAK, CMID... render as
<abbr title="..."> everywhere with the English or French expansion. The glossary page itself
links each term to the page that explains it. Code spans and blocks are left alone by `abbr`.
"""

# MkDocs puts this folder on sys.path while it loads a hook, and only then: import siblings here.
import data


def definitions(lang: str) -> str:
    lines = [
        f"*[{term['abbr']}]: {term[lang]['expansion']}"
        for term in data.load("glossary")["terms"]
        if "abbr" in term
    ]
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme.get("language", "en")
    # Blank lines first, so the definitions never join the page's last paragraph or list.
    return f"{markdown.rstrip()}\n\n{definitions(lang)}\n"
