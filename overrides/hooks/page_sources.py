"""Entry point: every page source is UTF-8 and exists in every language (vakb.build_steps.page_sources)."""

import pathlib

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from vakb import build_order, languages
from vakb.build_steps import page_sources


@event_priority(build_order.PAGE_SOURCES)
def on_files(files, config):
    pages = {f.src_uri: f.abs_src_path for f in files.documentation_pages() if f.abs_src_path}
    found = page_sources.problems({uri: pathlib.Path(p) for uri, p in pages.items()}, languages.configured(config))
    if found:
        raise PluginError("page sources:\n" + "\n".join(found))
    return files
