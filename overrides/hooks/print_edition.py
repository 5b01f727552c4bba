"""Entry point: print builds print every page, error codes included (vakb.build_steps.print_edition)."""

from vakb.build_steps import print_edition


def on_nav(nav, config, files):
    return print_edition.add_pages_outside_nav(nav, config, files)
