"""Entry point: one search index per language (vakb.build_steps.search_index)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import search_index


def on_pre_build(config):
    search_index.start(config)


def on_page_content(html, page, config, files):
    return search_index.separate_cells(html)


@event_priority(build_order.SEARCH_SPLIT)
def on_post_build(config):
    search_index.split(config)
