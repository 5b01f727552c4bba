"""Entry point: print builds give their pages' ids quickly (vakb.build_steps.print_anchor_ids)."""

from vakb.build_steps import print_anchor_ids


def on_config(config):
    print_anchor_ids.use_in_print_builds(config)
