"""Entry point: pages made from data (a page per error code, per event; vakb.generated_pages),
and api/errors.json (vakb.topics.errors.pages)."""

from mkdocs.plugins import CombinedEvent, event_priority

import vakb.topics  # noqa: F401 (each topic registers its generated pages)
from vakb import build_order, generated_pages
from vakb.topics.errors import pages as error_pages


def on_pre_build(config):
    generated_pages.start(config)


@event_priority(build_order.GENERATED_PAGES_ADD_SOURCES)
def _add_sources(files, config):
    return generated_pages.add_sources(files, config)


@event_priority(build_order.GENERATED_PAGES_WRITE_SOURCES)
def _write_sources(files, config):
    return generated_pages.write_sources(files, config)


on_files = CombinedEvent(_add_sources, _write_sources)


def on_post_build(config):
    error_pages.write_api(config)
