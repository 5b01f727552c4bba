"""The site's own scripts and stylesheet bundle are published minified.

Material ships its assets minified; ours were published as written, comments included, which
made a page running a tool load 1.11x the bytes of the same page on bare Material (budget 1.1x,
./scripts/bench). Here every script under assets/javascripts/ that is not already minified, and
the stylesheet bundle, are replaced in the build by a minified copy (rjsmin, rcssmin: comments
and white space only, no renaming, so the code that runs is the code in overrides/). The sources
in overrides/ stay readable; tests/topics/test_tools_logic.py runs them in Node, the browser tests run
the minified copies.

Pages lose the indentation of the theme's templates: every line's leading white space and blank
lines, outside <pre>, <textarea>, <script> and <style>. A run of white space that holds a line
break stays one line break, so what the browser shows is unchanged (HTML collapses it to one
space anyway). The offline zip compresses each file on its own, so the indentation repeated by 820
pages cost about 0.3 MiB of it (issue 19's budget of 5 MiB).
"""

from __future__ import annotations

import re

import rcssmin
import rjsmin
from mkdocs.structure.files import File

from vakb.build_steps.stylesheet_bundle import BUNDLE as STYLESHEET_BUNDLE

SCRIPTS = "assets/javascripts/"


def minifier(path: str):
    """The minifier for an own asset at path, or None when it is not one of ours to minify."""
    if path == STYLESHEET_BUNDLE:
        return rcssmin.cssmin
    if path.startswith(SCRIPTS) and path.endswith(".js") and not path.endswith(".min.js") \
            and "/workers/" not in path and "/lunr/" not in path:
        return rjsmin.jsmin
    return None


def minify_files(files, config):
    """After the stylesheet bundle is written (vakb.build_order.MINIFY_ASSETS)."""
    # Chosen by path first: only our own files are read (not Material's bundle, workers and lunr).
    chosen = [(file, minify) for file in files if (minify := minifier(file.src_uri))]
    for file, minify in chosen:
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minify(file.content_string) + "\n"))
    return files


# Elements whose white space is content; their text is left exactly as written.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENTED_BREAK = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(page_html: str) -> str:
    parts = _VERBATIM.split(page_html)  # [text, element, its tag name, text, element, ...]
    out = []
    for index in range(0, len(parts), 3):
        out.append(_INDENTED_BREAK.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
