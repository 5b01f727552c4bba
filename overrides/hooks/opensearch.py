"""Entry point: an OpenSearch description per language, for the browser's address bar
(vakb.build_steps.opensearch)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import opensearch


@event_priority(build_order.OPENSEARCH)
def on_post_build(config):
    opensearch.write_for_build(config)
