"""MkDocs hook: the "last update" date of a generated page is the date of the data it is made from.

mkdocs-git-revision-date-localized-plugin dates every Markdown page from its file's git history, in
the page's language. Pages generated at build time (one per error code, overrides/hooks/
error_pages.py) have no file in git, and the plugin would date them with the build's own time,
which changes on every build. Their content comes from one data file, so they take that file's
last commit instead, through the plugin's own git reader (same fallbacks, same shallow-clone
behaviour), handed to the plugin before it renders the page.
"""

from __future__ import annotations

import logging
import pathlib

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.page_dates")

PLUGIN = "git-revision-date-localized"
# generated_by of a generated page -> the data file its content comes from (relative to docs/).
DATA_OF_GENERATOR = {"overrides/hooks/error_pages.py": "data/errors.yml"}

_data_times: dict[str, int] = {}


def on_pre_build(config):
    _data_times.clear()


@event_priority(50)  # before the plugin's own on_page_markdown (priority 0), which reads the date
def on_page_markdown(markdown, page, config, files):
    plugin = config.plugins.get(PLUGIN)
    data_file = DATA_OF_GENERATOR.get(getattr(page.file, "generated_by", None) or "")
    if plugin is None or not plugin.config.get("enabled") or data_file is None:
        return markdown
    if not hasattr(plugin, "generated_timestamps"):  # the pinned version has it; tests check the dates
        log.warning(f"{PLUGIN}: no generated_timestamps; generated pages keep the build date")
        return markdown
    if data_file not in _data_times:
        path = pathlib.Path(config.docs_dir) / data_file
        _data_times[data_file] = plugin.util.get_git_commit_timestamp(path=str(path), is_first_commit=False)[1]
    plugin.generated_timestamps[page.file.src_uri] = _data_times[data_file]
    return markdown
