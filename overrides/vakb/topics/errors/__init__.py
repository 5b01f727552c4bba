"""The error codes topic (docs/data/errors.yml): one page per code, the index, the lookup box and
api/errors.json.

    codes.py          the catalogue as the rest of the site reads it (slugs, decimal forms, texts)
    checks.py         what errors.yml's schema cannot say
    shortcodes.py     {{ error }}, {{ error_index }}, {{ error_lookup }}
    page_markdown.py  the Markdown of one code's page, ticket reply included
    pages.py          the generated pages and api/errors.json (entry point: overrides/hooks/error_pages.py)
"""

from vakb.topics.errors import checks, codes, page_markdown, pages, shortcodes  # noqa: F401 (registers)
