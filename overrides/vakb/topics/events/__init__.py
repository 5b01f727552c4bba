"""The KMS events topic (docs/data/events.yml): a page per event, the events index, `{{ event }}`.

    catalog.py        the events as the rest of the site reads them, and the data checks
    shortcodes.py     {{ event 12288 }}, {{ event_index }}
    page_markdown.py  the Markdown of one event's page, registered with vakb.generated_pages
"""

from vakb.topics.events import catalog, page_markdown, shortcodes  # noqa: F401 (registers)
