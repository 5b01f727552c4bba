"""Serve a built site on 127.0.0.1 as it will be published, for the Lighthouse runs of scripts/benchmark.py.

With nginx installed and scripts/nginx/ present, the site goes through the published configuration
(gzip, caching and security headers: what a reader's browser really gets). Without it, a plain
static server stands in and the report says so, since scores then lack compression.
"""

from __future__ import annotations

import contextlib
import pathlib
import shutil

from scripts.loopback_server import serve
from scripts.nginx import nginx_runtime

@contextlib.contextmanager
def published(site: pathlib.Path):
    """Yields (base URL, server description)."""
    usable = (shutil.which(nginx_runtime.nginx_binary())
              and (site / "csp-hashes.conf").exists() and nginx_runtime.MIME_TYPES.exists())
    if not usable:
        with serve(site) as base:
            yield base, "python http.server (no gzip)"
        return
    with nginx_runtime.serving_quietly(site) as (_, port):
        yield f"http://127.0.0.1:{port}/", "nginx with scripts/nginx/vakb.conf"
