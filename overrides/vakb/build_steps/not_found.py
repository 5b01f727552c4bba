"""A 404 page per language, at 404.html (English) and fr/404.html (French).

mkdocs-static-i18n builds each language into the same site directory, and every build writes its
404 page to the root, so the last language built (French) wins (i18n issues #284, #326). Here we
keep the default language's page at the root and moves each other language's to its own folder,
where the web server configuration (scripts/nginx/) serves it for that language's URLs.
"""

import pathlib

from vakb import languages

_default_404: dict[str, bytes] = {}


def move_localized_page(config):
    """In the default build before i18n builds the others (vakb.build_order.NOT_FOUND_PAGES)."""
    page = pathlib.Path(config.site_dir) / "404.html"
    if languages.i18n(config) is None or not page.exists():
        return
    if languages.is_first_build(config):
        _default_404["html"] = page.read_bytes()
        return
    target = pathlib.Path(config.site_dir) / languages.current(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if "html" in _default_404:
        page.write_bytes(_default_404["html"])
