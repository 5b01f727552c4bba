"""MkDocs hook: stub pages at moved URLs, in every language, online and in the offline bundle.

mkdocs-redirects writes wrong targets with language-suffixed pages and no French stubs (measured,
see shared notes §3.3), so this hook writes its own from docs/data/redirects.yml: for `old: new`
it writes `old/index.html` (or `old.html` offline) and `fr/old/...`, each pointing to the new page
of the same language with a relative URL that keeps working from file:// and under any sub-path.
A meta refresh drops the incoming #fragment, so the stub also loads anchor-redirects.js, which
replaces the location keeping it (an inline script would need a CSP hash). The same script, on
every page, follows renamed anchors (`anchors:` in redirects.yml); this hook writes their map
into the copy of the script in the built site.
"""
import json

import html
import pathlib
import posixpath

import data
from mkdocs.exceptions import PluginError
from search_per_language import language_prefixes

STUB = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
<script src="{script}" data-redirect-to="{url}"></script>
</head>
<body><p><a href="{url}">{title}</a></p></body>
</html>
"""
TITLES = {"en": "This page has moved", "fr": "Cette page a été déplacée"}


def page_paths(path: str, directory_urls: bool) -> tuple[str, str]:
    """(file written, URL linked) for an extension-less page path."""
    if directory_urls:
        return f"{path}/index.html", f"{path}/"
    return f"{path}.html", f"{path}.html"


def stubs(config) -> dict[str, str]:
    """{file path relative to site_dir: HTML} for every redirect of the current language build."""
    redirects = data.load("redirects")["pages"]
    prefixes = language_prefixes(config)
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n else next(iter(prefixes))
    prefix = prefixes.get(lang, "")
    directory_urls = config.use_directory_urls
    out = {}
    for old, new in redirects.items():
        new_path, _, anchor = new.partition("#")
        old_file, _ = page_paths(prefix + old, directory_urls)
        _, new_url = page_paths(prefix + new_path, directory_urls)
        here = posixpath.dirname(old_file)
        url = posixpath.relpath(new_url, here)
        if new_url.endswith("/") and not url.endswith("/"):
            url += "/"
        url += f"#{anchor}" if anchor else ""
        script = posixpath.relpath("assets/javascripts/anchor-redirects.js", here)
        out[old_file] = STUB.format(lang=lang, title=TITLES.get(lang, TITLES["en"]),
                                    url=html.escape(url), script=html.escape(script))
    return out


ANCHOR_MAP_LINE = "var ANCHOR_REDIRECTS = {};"


def on_post_build(config):
    site = pathlib.Path(config.site_dir)
    script = site / "assets" / "javascripts" / "anchor-redirects.js"
    if script.exists():
        anchors = {k: v for k, v in data.load("redirects")["anchors"].items()}
        text = script.read_text(encoding="utf-8")
        if ANCHOR_MAP_LINE in text:
            script.write_text(text.replace(ANCHOR_MAP_LINE, f"var ANCHOR_REDIRECTS = {json.dumps(anchors)};"),
                              encoding="utf-8")
    for rel, page in stubs(config).items():
        target = site / rel
        if target.exists() and "data-redirect-to" not in target.read_text(encoding="utf-8", errors="ignore"):
            raise PluginError(f"docs/data/redirects.yml: {rel} is a real page; a redirect cannot replace it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
