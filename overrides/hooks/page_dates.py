"""Entry point: every page's "last update", from git, in its language (vakb.build_steps.page_dates)."""

from vakb.build_steps import page_dates


def on_pre_build(config):
    page_dates.start(config)


def on_page_markdown(markdown, page, config, files):
    return page_dates.date_page(markdown, page, config)
