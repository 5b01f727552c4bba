"""Entry point: a page per error code and language, and api/errors.json (vakb.topics.errors.pages)."""

from mkdocs.plugins import CombinedEvent, event_priority

from vakb import build_order
from vakb.topics.errors import pages


def on_pre_build(config):
    pages.start(config)


@event_priority(build_order.ERROR_PAGES_ADD_SOURCES)
def _add_sources(files, config):
    return pages.add_sources(files, config)


@event_priority(build_order.ERROR_PAGES_WRITE_SOURCES)
def _write_sources(files, config):
    return pages.write_sources(files, config)


on_files = CombinedEvent(_add_sources, _write_sources)


def on_post_build(config):
    pages.write_api(config)
