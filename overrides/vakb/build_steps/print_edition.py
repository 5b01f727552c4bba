"""The print edition holds every page of its language, not only the nav's.

mkdocs-print-site prints the pages of the navigation, in nav order. Error code pages
(errors/<code>.md) are reached from the errors index and from search, not from the nav, so the
printed binder would lack them, and print-site would turn every link to them into an anchor
that exists nowhere. In print builds only (PRINT_SITE=true, see scripts/bundle.py), this step puts
each page missing from the nav right after the nav page of its folder (errors/index.md), in file
order; sites built without print-site keep their nav untouched. A generated page its topic keeps
out of print (vakb.generated_pages.printed: the catalogue's short error pages, whose rows the
printed errors index shows) is left out.
"""

import posixpath

from vakb import build_kind, generated_pages
from mkdocs.structure.nav import Navigation


def folder(page) -> str:
    return posixpath.dirname(page.file.src_uri)


def is_folder_index(page) -> bool:
    return posixpath.basename(page.file.src_uri).split(".")[0] == "index"


def add_pages_outside_nav(nav: Navigation, config, files):
    if not build_kind.print_edition(config):
        return nav
    listed = {page.file.src_uri for page in nav.pages}
    missing: dict[str, list] = {}
    for file in sorted(files.documentation_pages(), key=lambda file: file.src_uri):
        if file.src_uri not in listed and file.page is not None and generated_pages.printed(file):
            missing.setdefault(folder(file.page), []).append(file.page)
    # One insertion per folder, not per page: hundreds of error pages stay a linear cost.
    indexes = {folder(p): p for p in reversed(nav.pages) if is_folder_index(p)}  # first index wins
    for where, pages in missing.items():
        index = indexes.get(where)
        # print-site walks nav.items; the pages list keeps prev/next and the renderer in step.
        siblings = (index.parent.children if index and index.parent else nav.items)
        position = siblings.index(index) + 1 if index in siblings else len(siblings)
        for page in pages:
            page.parent = index.parent if index else None
        siblings[position:position] = pages
        at = nav.pages.index(index) + 1 if index else len(nav.pages)
        nav.pages[at:at] = pages
    return nav
