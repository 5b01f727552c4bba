"""Links between pages, written once: a shortcode's link is relative to the page it lands on.

Sources are linked by their unsuffixed Markdown path (`slmgr.md`, `errors/index.md#dns-network`):
MkDocs then resolves them to the right language and URL form (`/fr/slmgr/`, `slmgr.html` offline),
and its strict anchor validation fails the build when a target page or anchor does not exist.
Built files (print.html, the offline zip) are linked by their path in the site instead.
"""

from __future__ import annotations

import posixpath


def from_folder(target: str, folder: str) -> str:
    """Markdown link from a source in `folder` to `target` (an unsuffixed .md path, optional #anchor)."""
    path, hash_, anchor = target.partition("#")
    return posixpath.relpath(path, folder or ".") + hash_ + anchor


def to_source(target: str, page) -> str:
    """Markdown link from `page`'s source to `target` (an unsuffixed .md path, optional #anchor)."""
    return from_folder(target, posixpath.dirname(page.file.src_uri) if page is not None else "")


def to_site_file(site_path: str, page) -> str:
    """Link from `page`'s built file to a file of the built site (e.g. fr/print.html)."""
    here = posixpath.dirname(page.file.dest_uri) if page is not None else ""
    return posixpath.relpath(site_path, here or ".")


def between_site_files(target: str, from_file: str) -> str:
    """Relative URL from one built file to another (redirect stubs): keeps a trailing '/'."""
    url = posixpath.relpath(target, posixpath.dirname(from_file) or ".")
    if target.endswith("/") and not url.endswith("/"):
        url += "/"
    return url
