"""Entry point: every acronym of the glossary gets a tooltip on every page, in the page's language
(Markdown abbreviation definitions appended for the `abbr` extension; vakb.topics.glossary)."""

from vakb import languages
from vakb.topics import glossary


def on_page_markdown(markdown, page, config, files):
    # Blank lines first, so the definitions never join the page's last paragraph or list.
    return f"{markdown.rstrip()}\n\n{glossary.definitions(languages.of_page(page, config))}\n"


def on_page_content(html, page, config, files):
    # Only the first use of each acronym on a page is an <abbr>.
    return glossary.first_use_only(html)
