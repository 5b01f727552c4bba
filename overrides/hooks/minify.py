"""Entry point: the site's own scripts, stylesheet bundle and pages published minified
(vakb.build_steps.minify)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import minify


@event_priority(build_order.MINIFY_ASSETS)
def on_files(files, config):
    return minify.minify_files(files, config)


@event_priority(build_order.MINIFY_PAGES)
def on_post_page(output, page, config):
    return minify.collapse_whitespace(output)
