"""External links: list every URL to another host the site links to, and check them on request.

The test machines have no network, so checking is a separate step, run by hand where a network
exists: `./scripts/docs.py external-links --check`. Its results go to tests/external_links.json
(kept in the repository), which the offline test suite reads: every external URL of the site must
be well formed, use https unless the cache records that its host has none, and be in the cache.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import urllib.error
import urllib.parse
import urllib.request

from scripts.site_links import is_external, read_site

ROOT = pathlib.Path(__file__).resolve().parents[1]
CACHE = ROOT / "tests" / "external_links.json"
SITE_URL_HOSTS = {"vakb.example.org"}  # the site itself: its own links are internal


def external_urls(site: pathlib.Path) -> set[str]:
    urls = set()
    for page in read_site(site).values():
        for tag, value in page.links:
            if tag == "a" and is_external(value) and value.startswith(("http://", "https://", "//")):
                if urllib.parse.urlsplit(value).hostname not in SITE_URL_HOSTS:
                    urls.add(value)
    return urls


def load_cache(path: pathlib.Path = CACHE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def probe(url: str, timeout: float = 15.0) -> dict:
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "vakb-link-check"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return {"status": response.status, "final_url": response.url}
    except urllib.error.HTTPError as err:
        return {"status": err.code}
    except (urllib.error.URLError, OSError) as err:
        return {"status": None, "error": str(getattr(err, "reason", err))}


def https_works(url: str) -> bool | None:
    if url.startswith("https://"):
        return True
    result = probe("https://" + url.removeprefix("http://"))
    return None if result["status"] is None and "error" in result else bool(result["status"] and result["status"] < 400)


def update(site: pathlib.Path, check: bool, path: pathlib.Path = CACHE) -> dict:
    """Add the site's external URLs to the cache; with check, probe each one (needs a network)."""
    cache = load_cache(path)
    today = datetime.date.today().isoformat()
    for url in sorted(external_urls(site)):
        entry = cache.setdefault(url, {"status": None, "checked": None, "https": url.startswith("https://")})
        if check:
            entry.update(probe(url), checked=today)
            if url.startswith("http://"):
                entry["https"] = https_works(url)
    path.write_text(json.dumps(cache, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return cache
