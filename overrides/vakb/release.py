"""The release name of a build: what the offline zip is called, and what online pages link to.

scripts/bundle.py writes `dist/<offline_zip_name()>` and copies it into the built site at
`download/<offline_zip_name()>`, where the online home pages link it. Both sides compute the name
from the same commit, so they agree.
"""

from __future__ import annotations

import datetime
import os
import pathlib
import subprocess
import urllib.parse

NAME = "vakb-offline"
DOWNLOAD_DIR = "download/"  # folder of site/ holding the offline zip (scripts/bundle.py publish)

# Where the site is published, for what must name it from outside the site (the offline bundle's
# ticket replies): this variable when set, else mkdocs.yml's site_url. README.md documents it.
PUBLIC_URL_VARIABLE = "VAKB_PUBLIC_URL"
# Names reserved for examples (RFC 2606): an address there is a placeholder, not a publication.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


def public_url(site_url: str | None) -> str | None:
    """The published site's address ending in "/", or None when the build was given no real one."""
    value = os.environ.get(PUBLIC_URL_VARIABLE, "").strip() or site_url or ""
    host = urllib.parse.urlsplit(value).hostname or ""
    if not host or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return None
    return value if value.endswith("/") else value + "/"


def version(repo: pathlib.Path) -> str:
    """`git describe --tags` when a tag exists, else `<commit date YYYYMMDD>-<short commit>`."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)

    described = git("describe", "--tags")
    if described.returncode == 0 and described.stdout.strip():
        return described.stdout.strip()
    # The commit's own date (not today's): the same commit always gets the same name.
    last = git("log", "-1", "--format=%ct %h").stdout.split()
    if len(last) != 2:  # not a git checkout (an exported tree): say so in the name
        return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d") + "-nogit"
    stamp, short = last
    day = datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc).strftime("%Y%m%d")
    return f"{day}-{short}"


def offline_name(repo: pathlib.Path) -> str:
    """The zip's name without .zip: also the name of its one top folder."""
    return f"{NAME}-{version(repo)}"


def offline_zip_name(repo: pathlib.Path) -> str:
    return offline_name(repo) + ".zip"
