"""MkDocs hook: a 404 page per language, at 404.html (English) and fr/404.html (French).

mkdocs-static-i18n builds each language into the same site directory, and every build writes its
404 page to the root, so the last language built (French) wins (i18n issues #284, #326). This hook
keeps the default language's page at the root and moves each other language's to its own folder,
where the web server configuration (scripts/nginx/) serves it for that language's URLs.
"""

import pathlib

_default_404: dict[str, bytes] = {}


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    page = pathlib.Path(config.site_dir) / "404.html"
    if i18n is None or not page.exists():
        return
    # Runs at the default priority, so in the default-language build it runs before
    # mkdocs-static-i18n (-100) starts the other languages' builds.
    if i18n.current_language == i18n.default_language:
        _default_404["html"] = page.read_bytes()
        return
    target = pathlib.Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if "html" in _default_404:
        page.write_bytes(_default_404["html"])
