"""Entry point: generated pages dated by the last commit of their data file (vakb.build_steps.page_dates)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import page_dates


def on_pre_build(config):
    page_dates.start(config)


@event_priority(build_order.PAGE_DATES)
def on_page_markdown(markdown, page, config, files):
    return page_dates.date_generated_page(markdown, page, config)
