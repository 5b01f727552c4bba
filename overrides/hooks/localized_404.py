"""Entry point: a 404 page per language, 404.html and fr/404.html (vakb.build_steps.not_found)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import not_found


@event_priority(build_order.NOT_FOUND_PAGES)
def on_post_build(config):
    not_found.move_localized_page(config)
