"""Check every internal link of a built site: each href/src to the site resolves to a file, and
each #anchor exists on the page it names. Hooks and templates write links MkDocs never
validates (the language switcher, generated pages, redirect stubs), so the built HTML is checked.

Usage: python3 scripts/link_check.py SITE_DIR   (exit 1 and one line per broken link)
"""

from __future__ import annotations

import pathlib
import sys

from scripts.site_links import SiteFiles, is_external, read_site

IGNORED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")


def broken_links(site: pathlib.Path) -> list[str]:
    site = site.resolve()
    pages = read_site(site)
    files = SiteFiles.of(site)
    by_file = {page.path.relative_to(site).as_posix(): page for page in pages.values()}
    problems = []
    for where, page in by_file.items():
        for tag, value in page.links:
            if value.startswith(IGNORED_SCHEMES) or is_external(value):
                continue
            target, fragment = files.resolve(where, value)
            if target is None:
                problems.append(f"{where}: <{tag}> {value}: no such file")
                continue
            if fragment and target.endswith(".html"):
                linked = by_file.get(target)
                if linked is not None and fragment not in linked.ids:
                    problems.append(f"{where}: <{tag}> {value}: no id {fragment!r} on {target}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    problems = broken_links(pathlib.Path(argv[0]))
    for line in problems:
        print(line)
    print(f"{len(problems)} broken internal link(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
