"""Entry point: the CSP hashes of the site's reviewed inline scripts, for scripts/nginx/
(vakb.build_steps.csp); any other inline script fails the build."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import csp


@event_priority(build_order.CSP_HASHES)
def on_post_build(config):
    csp.write_for_build(config)
