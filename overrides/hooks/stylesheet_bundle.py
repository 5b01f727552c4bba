"""Entry point: the extra_css files reach pages as one stylesheet (vakb.build_steps.stylesheet_bundle)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import stylesheet_bundle


def on_config(config):
    stylesheet_bundle.start(config)
    return config


@event_priority(build_order.STYLESHEET_BUNDLE)
def on_files(files, config):
    return stylesheet_bundle.bundle(files, config)
