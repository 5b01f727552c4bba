"""A gzip copy beside every text file of the online site, for nginx's gzip_static.

nginx compressed the 260 KiB search index again on every request (about 150 requests/s on one
core). With `gzip_static on` (scripts/nginx/vakb.conf) it sends `<file>.gz` as it is to clients
that accept gzip, so the work is done once, here. Level 6, as nginx compressed before: level 9
took twice the CPU time (0.5 s against 0.22 s per build) for files 0.8 % smaller. No Brotli: Debian's
nginx serves it only through an extra module (libnginx-mod-http-brotli-static) and writing .br
files would need a package the build does not have.

The offline bundle (and the print editions built for it) has no web server: no copies there.
Runs after every other post-build step (vakb.build_order.PRECOMPRESS), at the end of the default
language's build, when mkdocs-static-i18n has written the other languages too.
"""

from __future__ import annotations

import gzip
import logging
import pathlib

from vakb import build_kind, languages

# What nginx would otherwise compress on the fly (its gzip_types, text/html included).
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
LEVEL = 6
MIN_SIZE = 256  # nginx's gzip_min_length: below it, headers outweigh the saving

log = logging.getLogger("mkdocs.hooks.precompress")  # the entry point's name, as MkDocs logs it


def wants_copy(path: pathlib.Path) -> bool:
    return path.suffix in TEXT_SUFFIXES and path.is_file() and path.stat().st_size >= MIN_SIZE


def compress(path: pathlib.Path) -> bool:
    """Write path + '.gz' (no name or time in the header, so a rebuild gives the same bytes);
    False when compressing would not make it smaller, and then no copy is left."""
    target = path.with_name(path.name + ".gz")
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
    if len(packed) >= len(data):
        target.unlink(missing_ok=True)
        return False
    target.write_bytes(packed)
    return True


def precompress_site(site_dir: pathlib.Path) -> int:
    """Compress every text file of site_dir; returns how many copies were written."""
    return sum(compress(path) for path in sorted(site_dir.rglob("*")) if wants_copy(path))


def write_for_build(config):
    if build_kind.offline(config) or not languages.whole_site_written(config):
        return
    count = precompress_site(pathlib.Path(config.site_dir))
    log.debug("precompress: %d gzip copies written", count)
