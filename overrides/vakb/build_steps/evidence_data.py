"""The analyzer's data published as a script: assets/javascripts/evidence-data.js.

The payload (vakb.topics.evidence) is about 55 KB of JSON. Inlined in the home page it would make
every first visit pay for it (scripts/budgets.toml: a page weighs at most 1.1x bare Material);
here it is a file of its own that evidence-page.js inserts, with the parser, only when someone
starts to paste. It is written from the data of the project being built, so it cannot drift from
docs/data/, and vakb.build_steps.minify publishes it minified like every own script.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from vakb.topics import evidence


def add(files, config):
    """After i18n sorted the files (vakb.build_order.EVIDENCE_DATA), before minification."""
    previous = files.get_file_from_path(evidence.DATA_SCRIPT)
    if previous is not None:  # mkdocs-static-i18n runs the other languages' builds with the same files
        files.remove(previous)
    files.append(File.generated(config, evidence.DATA_SCRIPT, content=evidence.data_script()))
    return files
