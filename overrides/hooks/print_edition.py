"""Entry point: print builds print every page, error codes included, quickly (vakb.build_steps.print_edition)."""

from vakb.build_steps import print_edition


def on_config(config):
    print_edition.use_fast_anchor_ids(config)


def on_nav(nav, config, files):
    return print_edition.add_pages_outside_nav(nav, config, files)
