"""The print edition holds every page of its language, not only the nav's.

mkdocs-print-site prints the pages of the navigation, in nav order. Error code pages
(errors/<code>.md) are reached from the errors index and from search, not from the nav, so the
printed binder would lack them, and print-site would turn every link to them into an anchor
that exists nowhere. In print builds only (PRINT_SITE=true, see scripts/bundle.py), this step puts
each page missing from the nav right after the nav page of its folder (errors/index.md), in file
order; sites built without print-site keep their nav untouched. A generated page its topic keeps
out of print (vakb.generated_pages.printed: the catalogue's short error pages, whose rows the
printed errors index shows) is left out.

The book is then ordered the way one learns, not the way the site's navigation serves a reader
who arrives with a code: the home page, understand, set up, troubleshoot, tools, then the
references and, last, the error codes (their index with the catalogue, then each code's page).
The nav items of the `errors/` folder move to the end (print-site walks the same list object, so
it is reordered in place).
"""

import posixpath

from vakb import build_kind, generated_pages
from mkdocs.structure.nav import Navigation


def folder(page) -> str:
    return posixpath.dirname(page.file.src_uri)


def is_folder_index(page) -> bool:
    return posixpath.basename(page.file.src_uri).split(".")[0] == "index"


# The error codes are printed last: their index and the code pages, all in this folder (the code
# pages sit beside their index, where add_pages_outside_nav puts them).
PRINTED_LAST = "errors"


def _pages_of(item) -> list:
    if getattr(item, "is_page", False):
        return [item]
    return [page for child in (getattr(item, "children", None) or []) for page in _pages_of(child)]


def order_for_reading(nav: Navigation) -> None:
    """Move the top-level items whose pages all sit in PRINTED_LAST to the end of the book, in
    their order (print-site's own page, when it is in the nav, stays last)."""
    def last(item) -> bool:
        pages = _pages_of(item)
        return bool(pages) and all(page.file and folder(page) == PRINTED_LAST for page in pages)

    moved_items = [item for item in nav.items if last(item)]
    if not moved_items:
        return
    nav.items[:] = [item for item in nav.items if not last(item)] + moved_items
    moved = [page for item in moved_items for page in _pages_of(item)]
    nav.pages[:] = [page for page in nav.pages if page not in moved] + moved
    for previous, page in zip([None, *nav.pages[:-1]], nav.pages):  # prev/next in the new order
        page.previous_page = previous
    for page, following in zip(nav.pages, [*nav.pages[1:], None]):
        page.next_page = following


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
    order_for_reading(nav)
    return nav
