"""Stub pages at moved URLs, in every language, online and in the offline bundle.

mkdocs-redirects writes wrong targets with language-suffixed pages and no French stubs (measured,
see shared notes §3.3), so this step writes its own from docs/data/redirects.yml: for `old: new`
it writes `old/index.html` (or `old.html` offline) and `fr/old/...`, each pointing to the new page
of the same language with a relative URL that keeps working from file:// and under any sub-path.
A meta refresh drops the incoming #fragment, so the stub also loads anchor-redirects.js, which
replaces the location keeping it (an inline script would need a CSP hash). The same script, on
every page, follows renamed anchors (`anchors:` in redirects.yml); this step writes their map
into the copy of the script in the built site.
"""
import html
import json
import pathlib
import re

from vakb import data
from mkdocs.exceptions import PluginError
from vakb import build_kind, languages, links
from vakb.build_steps import csp

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
    prefixes = languages.prefixes(config)
    lang = languages.current(config)
    prefix = prefixes.get(lang, "")
    directory_urls = config.use_directory_urls
    out = {}
    for old, new in redirects.items():
        new_path, _, anchor = new.partition("#")
        old_file, _ = page_paths(prefix + old, directory_urls)
        _, new_url = page_paths(prefix + new_path, directory_urls)
        url = links.between_site_files(new_url, old_file) + (f"#{anchor}" if anchor else "")
        script = links.between_site_files("assets/javascripts/anchor-redirects.js", old_file)
        stub = STUB.format(lang=lang, title=TITLES.get(lang, TITLES["en"]),
                           url=html.escape(url), script=html.escape(script))
        # Online, a stub carries the site's policy like every page (it has no inline script).
        out[old_file] = stub if build_kind.offline(config) else csp.with_meta(stub, [])
    return out


# The map in the script, as written or as minified (vakb.build_steps.minify drops the spaces: matching
# only the written form once left every published build without its map), empty or already filled
# by an earlier language build.
ANCHOR_MAP = re.compile(r"var ANCHOR_REDIRECTS\s*=\s*\{[^\n]*?\};")


def write_anchor_map(script: pathlib.Path, anchors: dict) -> None:
    """Put the renamed-anchor map into the built copy of anchor-redirects.js, or stop the build."""
    text = script.read_text(encoding="utf-8")
    filled, found = ANCHOR_MAP.subn(lambda _: f"var ANCHOR_REDIRECTS={json.dumps(anchors)};", text, count=1)
    if not found:
        raise PluginError(f"{script}: no `var ANCHOR_REDIRECTS = {{}};` to fill; "
                          "the renamed anchors of docs/data/redirects.yml would be lost")
    script.write_text(filled, encoding="utf-8")


def write(config):
    site = pathlib.Path(config.site_dir)
    script = site / "assets" / "javascripts" / "anchor-redirects.js"
    if script.exists():
        write_anchor_map(script, dict(data.load("redirects")["anchors"]))
    check_targets(config, site)
    for rel, page in stubs(config).items():
        target = site / rel
        if target.exists() and "data-redirect-to" not in target.read_text(encoding="utf-8", errors="ignore"):
            raise PluginError(f"docs/data/redirects.yml: {rel} is a real page; a redirect cannot replace it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def check_targets(config, site: pathlib.Path) -> None:
    """Every redirect leads to a page and anchor this language's build wrote, or the build stops
    naming the line of redirects.yml: a stub to nowhere is a broken link with extra steps."""
    document = data.load("redirects")
    prefix = languages.prefixes(config).get(languages.current(config), "")
    targets = [(["pages", old], new) for old, new in document["pages"].items()]
    targets += [(["anchors", old], f"{old.partition('#')[0]}#{new}") for old, new in document["anchors"].items()]
    problems = []
    for where, target in targets:
        path, _, anchor = target.partition("#")
        built = site / page_paths(prefix + path, config.use_directory_urls)[0]
        line = data.line_at(document, where)
        if not built.exists():
            problems.append(f"docs/data/redirects.yml:{line}: {where[1]} -> {target}: no page {prefix}{path}")
        elif anchor and f'id="{anchor}"' not in built.read_text(encoding="utf-8"):
            problems.append(f"docs/data/redirects.yml:{line}: {where[1]} -> {target}: {prefix}{path} has no anchor #{anchor}")
    if problems:
        raise PluginError("\n".join(problems))
