"""Requests per second nginx sustains for a few URLs of a built site, on 127.0.0.1 only.

Section 6 of scripts/benchmark.py, and runnable alone:

    python3 scripts/bench_throughput.py SITE_DIR [--seconds 3] [--requests 20000] [--clients 2]

Each URL is loaded by `clients` processes, each on one keep-alive connection, asking for gzip as a
browser does, until `requests` answers in all or `seconds` have passed, whichever comes first: the
load is bounded in count and time, and never leaves the loopback interface. The client is Python,
so a cheap response measures the client as much as nginx: read the figures side by side (the
search index against a small page), not as absolute capacity. The CPU time nginx's worker spent
per request (from /proc) depends far less on the machine's load: it is the figure to compare
between two builds or configurations.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import pathlib
import time

from scripts.nginx import nginx_runtime


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


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def children_of(parent: int) -> list[int]:
    pids = []
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
    return pids


def measure(site: pathlib.Path, requests: int = 20_000, seconds: float = 3.0,
            clients: int = 2) -> tuple[str, list[tuple[str, str, dict]]]:
    """(server description, [(label, path, figures)]) for every URL of URLS the site has; figures
    add "cpu_ms", the CPU milliseconds nginx's workers spent per request. Needs Debian's nginx."""
    present = [(label, path) for label, path in URLS
               if (site / path.lstrip("/")).is_file() or (site / path.lstrip("/") / "index.html").is_file()]
    if not (os.access(nginx_runtime.nginx_binary(), os.X_OK) and (site / "csp-hashes.conf").exists()):
        return "no nginx (or no csp-hashes.conf): not measured", []
    rows = []
    with nginx_runtime.serving_quietly(site) as (process, port):
        workers = children_of(process.pid)
        for label, path in present:
            before = cpu_seconds(workers)
            figures = load(port, path, requests, seconds, clients)
            figures["cpu_ms"] = 1000 * (cpu_seconds(workers) - before) / max(figures["requests"], 1)
            rows.append((label, path, figures))
    return "nginx with scripts/nginx/vakb.conf", rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="per URL, at most (default 3)")
    parser.add_argument("--requests", type=int, default=20_000, help="per URL, at most (default 20000)")
    parser.add_argument("--clients", type=int, default=2, help="concurrent connections (default 2)")
    args = parser.parse_args(argv)
    server, rows = measure(args.site, args.requests, args.seconds, args.clients)
    print(f"{server}; {args.clients} keep-alive clients, Accept-Encoding gzip")
    for label, _, figures in rows:
        print(f"  {label:<20} {figures['per_second']:>9.0f} req/s  {figures['cpu_ms']:>6.2f} ms nginx CPU/request  "
              f"({figures['requests']} in {figures['seconds']:.1f} s, {figures['bytes_per_response']} bytes each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
