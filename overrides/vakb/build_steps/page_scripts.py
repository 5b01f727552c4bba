"""A page links only the extra scripts it uses.

mkdocs.yml lists every script of the site under extra_javascript, and Material links them all on
every page: a first visit to any page downloaded the four tools, the error lookup box and the
ticket-reply button (about 35 KB of the site's 40 KB of own JavaScript) that only a few pages hold.
Here each script that drives one component is linked only on pages whose HTML carries that
component's marker; scripts not listed below (site.js, anchor redirects, copy link) stay on every
page. Static templates (the 404 pages) hold no component and get only those.
Measured by ./scripts/bench (scripts/budgets.toml: page weight at most 1.1x bare Material).

The offline bundle's iframe-worker shim is left out of online builds (see on_config).

Material renders `config.extra_javascript` when it renders a page, so the list is narrowed just
before each page (or static template) and restored after it.
"""

from __future__ import annotations

import pathlib
import re

from mkdocs.structure.files import File

from vakb import build_kind

# Script (path as in mkdocs.yml) -> marker its component writes into the page's HTML.
ONLY_WHERE = {
    "assets/javascripts/error-lookup.js": 'id="error-lookup"',  # render_errors.py, {{ error_lookup }}
    "assets/javascripts/ticket-reply.js": 'class="vakb-ticket-reply"',  # error_page_markdown.py
    "assets/javascripts/evidence-page.js": 'class="vakb-evidence"',  # vakb/topics/evidence.py, {{ evidence }}
    "assets/javascripts/tools/common.js": 'data-tool="',  # render_tools.py, any {{ tool <id> }}
}
TOOL_SCRIPT = re.compile(r"^assets/javascripts/tools/(?P<tool>[\w-]+)\.js$")

_all_scripts: list = []


def _path(script) -> str:
    return str(getattr(script, "path", script))


def marker(path: str) -> str | None:
    """What a page must contain to need the script at path; None: every page needs it."""
    if path in ONLY_WHERE:
        return ONLY_WHERE[path]
    match = TOOL_SCRIPT.match(path)
    return f'data-tool="{match["tool"]}"' if match else None


def scripts_for(content: str, scripts: list) -> list:
    return [script for script in scripts if (needed := marker(_path(script))) is None or needed in content]


def start(config):
    _all_scripts[:] = list(config.extra_javascript)  # each language build starts from the full list
    # The vendored iframe-worker shim (extra.polyfills) lets search run from file:// only; online it
    # was a render-blocking script in every page's head that did nothing. Only the offline build keeps it.
    if not build_kind.offline(config):
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [p for p in polyfills if "iframe-worker" not in _path(p)]


def narrow_for(content: str, config) -> None:
    """Before a page (its final content) or a static template ("") renders: only its scripts."""
    config.extra_javascript[:] = scripts_for(content, _all_scripts)


def restore(config) -> None:
    config.extra_javascript[:] = _all_scripts


def search_worker(config) -> str:
    """Material's search worker, whose name carries a fingerprint that changes with every Material
    release (search.a7633da7.min.js in 9.8.1): found among the theme's files, never typed."""
    for folder in config.theme.dirs:
        found = sorted(pathlib.Path(folder).glob("assets/javascripts/workers/search.*.min.js"))
        if found:
            return found[0].relative_to(folder).as_posix()
    raise RuntimeError("Material's search worker (assets/javascripts/workers/search.*.min.js) not found in the theme")


SEARCH_WRAPPER = "assets/javascripts/workers/vakb-search.js"
MATERIAL_WORKER_LINE = re.compile(r'var MATERIAL_WORKER = "[^"]*";')


def fill_search_worker(files, config):
    """The site's search worker (a wrapper around Material's) loads Material's worker by name; the
    published copy names the worker of the installed Material, whatever its fingerprint."""
    wrapper = files.get_file_from_path(SEARCH_WRAPPER)
    if wrapper is None:
        return files
    name = pathlib.PurePosixPath(search_worker(config)).name
    text, found = MATERIAL_WORKER_LINE.subn(f'var MATERIAL_WORKER = "{name}";', wrapper.content_string, count=1)
    if not found:
        raise RuntimeError(f"{SEARCH_WRAPPER}: no `var MATERIAL_WORKER = \"...\";` line to fill")
    files.remove(wrapper)
    files.append(File.generated(config, SEARCH_WRAPPER, content=text))
    return files
