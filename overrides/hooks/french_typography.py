"""Entry point: French spacing (vakb.typography) on every French page, its table of contents and
the strings its scripts show."""

from mkdocs.plugins import event_priority

from vakb import build_order, languages, typography


@event_priority(build_order.FRENCH_TYPOGRAPHY)
def on_page_content(html, page, config, files):
    if languages.of_page(page, config) != "fr":
        return html
    # The table of contents (sidebar, mobile menu) repeats the headings from page.toc, not from
    # the HTML: its titles get the same spacing.
    for link in _walk(page.toc):
        link.title = typography.space_french(link.title)
    return typography.space_french_page(html)


def _walk(links):
    for link in links:
        yield link
        yield from _walk(link.children)
