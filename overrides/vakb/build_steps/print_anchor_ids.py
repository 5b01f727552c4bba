r"""The ids of the print editions' pages, given quickly.

mkdocs-print-site gives the ids of each printed page's headings, list items and footnote marks the
page's key (urls.update_anchor_ids), so that they stay unique on the one print page. Its pattern
tries every "<" against the rest of the line, backtracking through each character of the tag: on
the errors index's 51 KB line of lookup <option>s (one <datalist id=...>, then no id) that took 4 of
the English print build's 10.5 s. In print builds, print-site calls the function below instead:
its own code, with one lookahead added to its pattern. A match needs an id=" later on its line
(neither "." nor [^\s] crosses a newline), and the lookahead, which captures nothing, asks only
that: it prunes what could not match, in one scan of the rest of the line instead of one per
character of the tag. tests/build_steps/test_print_anchor_ids.py compares it with print-site's own.
"""

from __future__ import annotations

import re

from vakb import build_kind

PRINT_SITE_ID = re.compile(r"<(?=[^\n]*?id=\")([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
PRINT_SITE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"}


def update_anchor_ids(page_html: str, page_key: str) -> str:
    for match in PRINT_SITE_ID.finditer(page_html):
        if match.group(1) not in PRINT_SITE_TAGS:
            continue
        match_text = match.group()
        page_html = page_html.replace(match_text, match_text.replace(match.group(2), f"{page_key}-{match.group(2)}"))
    return page_html


def use_in_print_builds(config) -> None:
    """In print builds, print-site calls update_anchor_ids above instead of its own."""
    if build_kind.print_edition(config):
        from mkdocs_print_site_plugin import urls

        urls.update_anchor_ids = update_anchor_ids
