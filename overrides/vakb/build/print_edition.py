"""The print edition holds every page of its language, not only the nav's.

mkdocs-print-site prints the pages of the navigation, in nav order. Error code pages
(errors/<code>.md) are reached from the errors index and from search, not from the nav, so the
printed binder would lack them, and print-site would turn every link to them into an anchor
that exists nowhere. In print builds only (PRINT_SITE=true, see scripts/bundle.py), this step puts
each page missing from the nav right after the nav page of its folder (errors/index.md), in file
order; sites built without print-site keep their nav untouched.
"""

import posixpath

from vakb import build_kind
from mkdocs.structure.nav import Navigation


def folder(page) -> str:
    return posixpath.dirname(page.file.src_uri)


def is_folder_index(page) -> bool:
    return posixpath.basename(page.file.src_uri).split(".")[0] == "index"


def add_pages_outside_nav(nav: Navigation, config, files):
    if not build_kind.print_edition(config):
        return nav
    listed = {page.file.src_uri for page in nav.pages}
    missing = sorted(
        (file.page for file in files.documentation_pages()
         if file.src_uri not in listed and file.page is not None),
        key=lambda page: page.file.src_uri,
        reverse=True,  # each insert goes right after the index: reversed, they end up in order
    )
    for page in missing:
        index = next((p for p in nav.pages if is_folder_index(p) and folder(p) == folder(page)), None)
        # print-site walks nav.items; the pages list keeps prev/next and the renderer in step.
        siblings = (index.parent.children if index and index.parent else nav.items)
        position = siblings.index(index) + 1 if index in siblings else len(siblings)
        page.parent = index.parent if index else None
        siblings.insert(position, page)
        nav.pages.insert(nav.pages.index(index) + 1 if index else len(nav.pages), page)
    return nav
