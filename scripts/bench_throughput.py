"""Requests per second nginx sustains for a few URLs of a built site, on 127.0.0.1 only.

Section 6 of scripts/benchmark.py, and runnable alone:

    python3 scripts/bench_throughput.py SITE_DIR [--seconds 3] [--requests 20000] [--clients 2]

Each URL is loaded by `clients` processes, each on one keep-alive connection, asking for gzip as a
browser does, until `requests` answers in all or `seconds` have passed, whichever comes first: the
load is bounded in count and time, and never leaves the loopback interface. The client is Python,
so a cheap response measures the client as much as nginx: read the figures side by side (the
search index against a small page), not as absolute capacity.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import pathlib
import tempfile
import time

from scripts import bench_serve

# (label, path): the heaviest text file of the site, and a small one for comparison.
URLS = [
    ("search index (en)", "/search/search_index.json"),
    ("search index (fr)", "/fr/search/search_index.json"),
    ("home page", "/"),
    ("small asset", "/assets/javascripts/site.js"),
]
HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def _client(port: int, path: str, count: int, deadline: float, results) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done = body = 0
    error = None
    try:
        while done < count and time.monotonic() < deadline:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            body += len(response.read())
            if response.status != 200:
                error = f"{path}: status {response.status}"
                break
            done += 1
    except OSError as err:
        error = f"{path}: {err}"
    finally:
        connection.close()
        results.put((done, body, error))


def load(port: int, path: str, requests: int, seconds: float, clients: int) -> dict:
    """{"requests", "seconds", "per_second", "bytes_per_response"} for one URL."""
    results = multiprocessing.Queue()
    deadline = time.monotonic() + seconds
    per_client = max(1, requests // clients)
    workers = [multiprocessing.Process(target=_client, args=(port, path, per_client, deadline, results))
               for _ in range(clients)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=seconds + 30) for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - start
    errors = {error for _, _, error in outcomes if error}
    if errors:
        raise RuntimeError("; ".join(sorted(errors)))
    done = sum(n for n, _, _ in outcomes)
    return {"requests": done, "seconds": elapsed, "per_second": done / elapsed,
            "bytes_per_response": sum(b for _, b, _ in outcomes) // max(done, 1)}


def measure(site: pathlib.Path, downloads: pathlib.Path, requests: int = 20_000, seconds: float = 3.0,
            clients: int = 2) -> tuple[str, list[tuple[str, dict]]]:
    """(server description, [(label, path, figures)]) for every URL of URLS the site has."""
    present = [(label, path) for label, path in URLS
               if (site / path.lstrip("/")).is_file() or (site / path.lstrip("/") / "index.html").is_file()]
    with bench_serve.published(site, downloads) as (base, server):
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        return server, [(label, path, load(port, path, requests, seconds, clients)) for label, path in present]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="per URL, at most (default 3)")
    parser.add_argument("--requests", type=int, default=20_000, help="per URL, at most (default 20000)")
    parser.add_argument("--clients", type=int, default=2, help="concurrent connections (default 2)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vakb-bench-downloads-") as downloads:
        server, rows = measure(args.site, pathlib.Path(downloads), args.requests, args.seconds, args.clients)
    print(f"{server}; {args.clients} keep-alive clients, Accept-Encoding gzip")
    for label, _, figures in rows:
        print(f"  {label:<20} {figures['per_second']:>9.0f} req/s  ({figures['requests']} in "
              f"{figures['seconds']:.1f} s, {figures['bytes_per_response']} bytes each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
