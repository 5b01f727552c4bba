"""Entry point: stubs at moved URLs and the renamed-anchor map (vakb.build_steps.redirects)."""

from vakb.build_steps import redirects


def on_post_build(config):
    redirects.write(config)
