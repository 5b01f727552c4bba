"""Entry point: `{{ name args }}` shortcodes in page Markdown, rendered from docs/data/.

The renderers and the data checks live with their topics (vakb.topics); importing the package
registers them. Data files are validated before any page is read; an unknown or refused shortcode
is reported as `docs/<page>:<line>: ...` and fails the strict build.
"""

import logging

from mkdocs.exceptions import PluginError

import vakb.topics  # noqa: F401 (registers every topic's checks and shortcodes)
from vakb import data, languages, shortcodes

log = logging.getLogger("mkdocs.hooks.shortcodes")


def on_config(config):
    data.use_project(config.docs_dir)
    try:
        data.load_all()
    except data.DataError as err:
        raise PluginError(f"invalid data file:\n{err}") from None
    return config


def on_page_markdown(markdown, page, config, files):
    context = shortcodes.Context(lang=languages.of_page(page, config), page=page, config=config, files=files)
    rendered, problems = shortcodes.expand(markdown, context)
    for line, message in problems:
        log.warning(f"docs/{page.file.src_uri}:{line}: {message}")
    return rendered
