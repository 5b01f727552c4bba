"""The "last update" date of a generated page is the date of the data it is made from.

mkdocs-git-revision-date-localized-plugin dates every Markdown page from its file's git history, in
the page's language. Pages generated at build time (one per error code or event, vakb.generated_pages) have no file in git, and the plugin would date them with the build's own time,
which changes on every build. Their content comes from one data file, so they take that file's
last commit instead, through the plugin's own git reader (same fallbacks, same shallow-clone
behaviour), handed to the plugin before it renders the page.
"""

from __future__ import annotations

import logging
import pathlib

from vakb import generated_pages

log = logging.getLogger("mkdocs.hooks.page_dates")  # the entry point's name, as MkDocs logs it

PLUGIN = "git-revision-date-localized"
_data_times: dict[str, int] = {}


def start(config):
    _data_times.clear()


def date_generated_page(markdown, page, config):
    """Before the plugin's own on_page_markdown reads the date (vakb.build_order.PAGE_DATES)."""
    plugin = config.plugins.get(PLUGIN)
    data_file = generated_pages.data_file_of(page.file)
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
