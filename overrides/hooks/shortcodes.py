"""MkDocs hook: replace `{{ name args }}` shortcodes in page Markdown with text rendered from data.

Renderers live beside this file in `render_*.py` modules and register themselves with
`@shortcode("name")` (see shortcode_registry.py). A page in French gets French text from the same
data entry as its English twin, so no figure is typed twice. An unknown shortcode, or one whose
renderer refuses its arguments, is reported as `docs/<page>:<line>: ...` and fails the strict build.
"""

import importlib
import logging
import pathlib

# MkDocs puts this folder on sys.path while it loads a hook, and only then: import siblings here.
import data
import shortcode_registry
from mkdocs.exceptions import PluginError

HERE = pathlib.Path(__file__).resolve().parent

log = logging.getLogger("mkdocs.hooks.shortcodes")

for module in sorted(HERE.glob("render_*.py")):
    importlib.import_module(module.stem)


def on_config(config):
    # Validate every data file before any page is read: a malformed file stops here, by file and line.
    try:
        data.load_all()
    except data.DataError as err:
        raise PluginError(f"invalid data file:\n{err}") from None
    return config


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme.get("language", "en")
    context = shortcode_registry.Context(lang=lang, page=page, config=config, files=files)
    rendered, problems = shortcode_registry.expand(markdown, context)
    for line, message in problems:
        log.warning(f"docs/{page.file.src_uri}:{line}: {message}")
    return rendered
