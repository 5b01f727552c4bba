"""The site's own stylesheets reach the browser as one file.

mkdocs.yml lists the site's stylesheets under extra_css (one per feature, each owned by its
feature). Material links every one in the head of every page, and a stylesheet in the head blocks
the first paint until it has arrived: on a slow link each extra request delays the page (Lighthouse
measured first paint at 1.4 s with five own stylesheets, about 1.0 s with one; ./scripts/bench).
This step concatenates them, in mkdocs.yml's order (the cascade is unchanged), into
assets/stylesheets/vakb.bundle.css and links that file instead. The separate files are still
published, so their URLs keep working; pages just do not link them.
"""

from __future__ import annotations

from mkdocs.structure.files import File

BUNDLE = "assets/stylesheets/vakb.bundle.css"

_sources: list[str] = []


def start(config):
    sheets = [str(sheet) for sheet in config.extra_css]
    if BUNDLE not in sheets:  # mkdocs-static-i18n builds the other languages with the bundled list
        _sources[:] = sheets
    return config


def bundle(files, config):
    """After i18n sorted the files, each with a source (vakb.build_order.STYLESHEET_BUNDLE)."""
    # Stylesheets a plugin writes later (print-site's css/print-site.css) are not files yet: they
    # stay linked on their own, where they were in the list.
    found = [source for source in _sources if files.get_file_from_path(source) is not None]
    if len(found) < 2:
        return files
    parts = [f"/* {source} */\n{files.get_file_from_path(source).content_string.strip()}\n" for source in found]
    previous = files.get_file_from_path(BUNDLE)
    if previous is not None:
        files.remove(previous)
    files.append(File.generated(config, BUNDLE, content="\n".join(parts)))
    linked = []
    for source in _sources:
        if source not in found:
            linked.append(source)
        elif BUNDLE not in linked:
            linked.append(BUNDLE)
    config.extra_css[:] = linked
    return files
