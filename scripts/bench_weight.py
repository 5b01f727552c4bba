"""Page weight of a first visit, for scripts/benchmark.py: what headless Debian Chromium loads.

A site folder is served on 127.0.0.1 by a small static server (no compression, so every body is
counted as written); Playwright opens a page in a fresh browser context (empty cache = first visit),
waits until the network is idle (Material fetches its search index from a worker after load), and
sums the bodies of every response by type. The gzip figure compresses each body on its own
(level 6, nginx's usual setting) as a server sending gzip would.
"""

from __future__ import annotations

import contextlib
import gzip
import pathlib
import shutil
import statistics
import time

from scripts import headless_chromium
from scripts.loopback_server import serve

KINDS = ("html", "css", "js", "font", "image", "data")


def kind_of(url: str, content_type: str) -> str:
    content_type = (content_type or "").split(";")[0].strip().lower()
    path = url.split("?")[0].split("#")[0].lower()
    if content_type == "text/html" or path.endswith((".html", "/")):
        return "html"
    if content_type == "text/css" or path.endswith(".css"):
        return "css"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "js"
    if content_type.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    if content_type.startswith("image/") or path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")):
        return "image"
    return "data"  # search index, JSON


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright  # in .venv (requirements-test.txt)

    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=headless_chromium.ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_visit(browser, url: str) -> dict:
    """{kind: {"raw": bytes, "gzip": bytes, "count": n}} plus "total" and "requests" (a list of URLs)."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)  # late fetches after idle (search worker start-up)
        figures = {kind: {"raw": 0, "gzip": 0, "count": 0} for kind in KINDS}
        seen = []
        for response in responses:
            if response.status >= 300 and response.status < 400:
                continue
            try:
                body = response.body()
            except Exception:  # a body the browser did not keep (aborted request): not loaded
                continue
            kind = kind_of(response.url, response.headers.get("content-type", ""))
            figures[kind]["raw"] += len(body)
            figures[kind]["gzip"] += len(gzip.compress(body, compresslevel=6, mtime=0))
            figures[kind]["count"] += 1
            seen.append(response.url)
    finally:
        context.close()
    figures["total"] = {key: sum(figures[kind][key] for kind in KINDS) for key in ("raw", "gzip", "count")}
    figures["requests"] = seen
    return figures


RESULTS = ".md-search-result__item"


def first_search(browser, url: str, query: str) -> float | str:
    """Milliseconds from the reader's first click in the search box to the first results, on a
    page visited fresh (the index not fetched yet where the site waits for search to be used);
    or why there is no figure."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        if not box.count():
            return "no search box"
        started = time.perf_counter()
        box.click()
        page.keyboard.type(query)
        try:
            page.wait_for_selector(RESULTS, timeout=30_000)
        except PlaywrightTimeout:
            return f"no result for {query!r} in 30 s"
        return 1000 * (time.perf_counter() - started)
    finally:
        context.close()


def measure_first_search(site: pathlib.Path, paths: list[str], query: str, runs: int = 1) -> dict:
    """{path: median ms of `runs` fresh visits, or why not} for first_search on each path of a site
    served as measure() serves it. One visit is one sample of a noisy figure (the French home's
    visits have measured 478 ms and 844-868 ms in a row)."""
    with serve(site) as base, chromium() as browser:
        figures = {}
        for path in paths:
            samples = [first_search(browser, base + path, query) for _ in range(runs)]
            failed = [sample for sample in samples if isinstance(sample, str)]
            figures[path] = failed[0] if failed else statistics.median(samples)
        return figures


def measure(site: pathlib.Path, paths: list[str]) -> dict:
    """{path: first_visit figures} for site-relative paths such as "fr/errors/0xc004f074/"."""
    results = {}
    with serve(site) as base, chromium() as browser:
        for path in paths:
            results[path] = first_visit(browser, base + path)
    return results
