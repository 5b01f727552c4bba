"""Entry point: the analyzer's data published as a script (vakb.build_steps.evidence_data)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import evidence_data


@event_priority(build_order.EVIDENCE_DATA)
def on_files(files, config):
    return evidence_data.add(files, config)
