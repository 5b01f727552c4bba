"""Entry point: stubs at moved URLs and the renamed-anchor map (vakb.build.redirects)."""

from vakb.build import redirects


def on_post_build(config):
    redirects.write(config)
