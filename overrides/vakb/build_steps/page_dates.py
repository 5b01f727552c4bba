"""Each page's "last update": the day its content last changed in git, in the page's language.

A written page is dated by its Markdown file, a page generated from data (one per error code or
event, vakb.generated_pages) by its data file: the pages change when the data does. One `git log`
over docs/ gives every file's last commit at once, and each date is formatted once per language.
(mkdocs-git-revision-date-localized-plugin did this before: it ran git once per page and formatted
four dates per page with Babel, about a tenth of the build's time, ./scripts/bench.)

Material shows `page.meta.git_revision_date_localized` at the foot of the page, with its "Last
update" / "Dernière mise à jour" label; the date keeps the markup that plugin gave it. The author
date of the last commit that touched the file counts (a rename counts as a change), in UTC. A file
git does not know yet, or a tree without git, takes the build's own date, so the page still builds;
a shallow clone (as CI makes) dates every file by its one commit.
"""

from __future__ import annotations

import datetime
import functools
import pathlib
import subprocess

from babel.dates import format_date, format_time

from vakb import generated_pages, languages

META = "git_revision_date_localized"  # what Material's partials/source-file.html reads
_changes: dict[str, dict[str, int]] = {}  # docs folder -> {path relative to it: author timestamp}


def start(config):
    if languages.is_first_build(config):
        _changes.pop(str(config.docs_dir), None)  # a new build (or a serve rebuild) reads git again


def last_changes(docs_dir: pathlib.Path) -> dict[str, int]:
    """{file relative to docs_dir: author time of its last commit}, from one `git log`."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=docs_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--no-renames", "--format=%x01%at", "--name-only", "--", "."],
                             cwd=docs_dir, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}  # no git, or not a checkout: every page takes the build's date
    prefix = docs_dir.resolve().relative_to(pathlib.Path(top).resolve()).as_posix() + "/"
    changes: dict[str, int] = {}
    stamp = 0
    for line in log.splitlines():
        if line.startswith("\x01"):
            stamp = int(line[1:])
        elif line.startswith(prefix):
            changes.setdefault(line[len(prefix):], stamp)  # newest first: the first one seen counts
    return changes


@functools.lru_cache(maxsize=None)
def rendered(stamp: int, locale: str) -> str:
    moment = datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)
    day = format_date(moment, format="long", locale=locale)
    time = format_time(moment, format="HH:mm:ss", locale=locale)
    return (f'<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date" '
            f'title="{day} {time} UTC">{day}</span>')


def date_page(markdown, page, config):
    """on_page_markdown: the page's date, before its template is rendered."""
    docs = str(config.docs_dir)
    if docs not in _changes:
        _changes[docs] = last_changes(pathlib.Path(docs))
    source = generated_pages.data_file_of(page.file) or page.file.src_uri
    stamp = _changes[docs].get(source)
    if stamp is None:
        stamp = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    page.meta[META] = rendered(stamp, languages.current(config))
    return markdown
