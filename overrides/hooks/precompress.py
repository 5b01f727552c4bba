"""Entry point: a gzip copy beside every text file of the online site, for nginx's gzip_static
(vakb.build_steps.precompress)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import precompress


@event_priority(build_order.PRECOMPRESS)
def on_post_build(config):
    precompress.write_for_build(config)
