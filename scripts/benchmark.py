"""Speed and weight of the site against the budgets of scripts/budgets.toml: `./scripts/bench`.

Prints, as tables: (1) cold build time of the bilingual site next to a plugin-free Material build of
the same pages; (2) build time with the error catalogue multiplied (seconds per page, linearity);
(3) first-visit page weight per template and language next to the plugin-free page; (4) search
index sizes and the offline zip; (5) Lighthouse scores; (6) requests per second through nginx for
the search index and a small page (bounded: a few seconds on 127.0.0.1, no budget); (7) the
analyzer's answer time on a 1 MB paste and on 200 machines' outputs, in Node on the published
scripts (`--analyzer-only` runs that section alone on a built site). Exits 1 naming every budget exceeded.
Run inside .venv (scripts/docs.py bench does that). Not a test: timings are noisy on shared machines.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import pathlib
import statistics
import sys
import tempfile
import time
import tomllib

from scripts import bench_analyzer, bench_build, bench_lighthouse, bench_serve, bench_throughput, bench_weight
from vakb import release

ROOT = pathlib.Path(__file__).resolve().parents[1]
BUDGETS = ROOT / "scripts" / "budgets.toml"
REQUIRED = {
    "build": ("runs", "max_ratio", "scales", "scale_runs", "max_marginal_growth"),
    "weight": ("max_ratio", "max_first_search_ms", "first_search_query", "first_search_runs"),
    "lighthouse": ("min_score", "runs"),
    "offline_zip": ("max_mib", "pattern"),
    "analyzer": ("max_megabyte_ms", "max_200_machines_ms", "runs"),
    "pages": (),
    "languages": ("prefixes",),
}


def load_budgets(path: pathlib.Path) -> dict:
    """The budgets file, checked: every section and key the benchmark reads, with sane values."""
    with open(path, "rb") as handle:
        budgets = tomllib.load(handle)
    problems = [f"[{section}] is missing" for section in REQUIRED if section not in budgets]
    problems += [f"[{section}] {key} is missing" for section, keys in REQUIRED.items() if section in budgets
                 for key in keys if key not in budgets[section]]
    if not problems:
        if not budgets["pages"] or not all(isinstance(v, str) for v in budgets["pages"].values()):
            problems.append("[pages] must map template names to site-relative paths")
        if not all(isinstance(v, str) for v in budgets.get("watch", {}).values()):
            problems.append("[watch] must map page names to site-relative paths")
        if not (isinstance(budgets["build"]["scales"], list) and all(
                isinstance(n, int) and n > 1 for n in budgets["build"]["scales"])):
            problems.append("[build] scales must be a list of integers above 1")
        if not (isinstance(budgets["build"]["scale_runs"], int) and budgets["build"]["scale_runs"] > 0):
            problems.append("[build] scale_runs must be a positive integer")
        analyzer = budgets["analyzer"]
        if not all(isinstance(analyzer[key], (int, float)) and analyzer[key] > 0
                   for key in ("max_megabyte_ms", "max_200_machines_ms", "runs")):
            problems.append("[analyzer] budgets and runs must be positive numbers")
        if not (isinstance(budgets["weight"]["first_search_runs"], int) and budgets["weight"]["first_search_runs"] > 0):
            problems.append("[weight] first_search_runs must be a positive integer")
        if not 0 <= budgets["lighthouse"]["min_score"] <= 100:
            problems.append("[lighthouse] min_score must be 0-100")
        if "" not in budgets["languages"]["prefixes"].values():
            problems.append("[languages] prefixes needs the default language at ''")
    if problems:
        raise SystemExit(f"{path}: " + "; ".join(problems))
    return budgets


def measured_pages(budgets: dict) -> list[tuple[str, str, bool]]:
    """(name, site-relative path, budgeted?) for every page measured, each language: the templates of
    [pages], whose budgets count, then the heavier pages of [watch], reported beside them."""
    named = [(name, path, True) for name, path in budgets["pages"].items()]
    named += [(name, path, False) for name, path in budgets.get("watch", {}).items()]
    return [(name if budgeted else f"{name} (watched)", prefix + path, budgeted)
            for prefix in budgets["languages"]["prefixes"].values() for name, path, budgeted in named]


def table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [header] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n## {title}\n")
    for index, row in enumerate(cells):
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


def kib(size: int) -> str:
    return f"{size / 1024:.1f}"


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def measure_builds(args, budgets, project, work, languages, failures) -> pathlib.Path:
    python = pathlib.Path(sys.executable)
    say("dumping every page's final Markdown (one instrumented build)")
    pages = bench_build.dump_markdown(python, project, work)
    bare = bench_build.write_bare_project(project, pages, work / "bare", languages)
    runs = args.runs or budgets["build"]["runs"]
    say(f"{runs} cold build(s) each: bilingual site and plugin-free Material")
    builds = bench_build.compare_builds(python, project, bare, work, languages, runs)
    full, plain, ratio = builds["full"], builds["bare"], builds["ratio"]
    table(f"1. Cold build, median of {runs} (CPU s = user + system of the build; wall s on a shared machine)",
          ["build", "pages", "CPU s", "wall s", "CPU ms/page", "runs (CPU s)"],
          [["bilingual site (i18n + hooks)", full["pages"], f"{full['cpu']:.2f}", f"{full['wall']:.2f}",
            f"{1000 * full['cpu'] / full['pages']:.1f}", ", ".join(f"{c:.2f}" for _, c in full["runs"])],
           ["plugin-free Material, same pages", plain["pages"], f"{plain['cpu']:.2f}", f"{plain['wall']:.2f}",
            f"{1000 * plain['cpu'] / plain['pages']:.1f}", ", ".join(f"{c:.2f}" for _, c in plain["runs"])],
           ["ratio (CPU), median of the turns", "", f"{ratio:.2f}x", f"{full['wall'] / plain['wall']:.2f}x wall", "",
            ", ".join(f"{r:.2f}x" for r in builds["turn_ratios"]) + f" (budget <= {budgets['build']['max_ratio']}x)"]])
    if ratio > budgets["build"]["max_ratio"]:
        failures.append(f"build: bilingual build takes {ratio:.2f}x the CPU time of the plugin-free build "
                        f"(budget {budgets['build']['max_ratio']}x)")

    scales = args.scales or budgets["build"]["scales"]
    scale_runs = budgets["build"]["scale_runs"]
    say(f"scaled builds: content x{', x'.join(map(str, scales))}, {scale_runs} round(s)")
    # x1 is the cold builds above, by the same measure: the fastest run.
    points = [{"factor": 1, "pages": full["pages"], **bench_build.fastest(full["runs"])}]
    points += bench_build.scaled_builds(python, project, work, scales, scale_runs)
    shape = bench_build.linearity(points)
    rows = [[f"x{p['factor']}", p["pages"], f"{p['cpu']:.2f}", f"{p['wall']:.2f}", f"{1000 * p['cpu'] / p['pages']:.1f}",
             f"{1000 * shape['marginal'][i - 1]:.1f}" if i else "", ", ".join(f"{c:.2f}" for _, c in p["runs"])]
            for i, p in enumerate(points)]
    linear = shape["growth"] <= budgets["build"]["max_marginal_growth"]
    rows.append(["marginal growth", "", "", "", "", f"{shape['growth']:.2f}x ({'linear' if linear else 'NOT linear'}; "
                 f"budget <= {budgets['build']['max_marginal_growth']}x)", ""])
    table("2. Build scaling (error catalogue multiplied with synthetic codes; the fastest of the cold builds of each)",
          ["content", "pages", "CPU s", "wall s", "CPU ms/page", "marginal CPU ms/added page", "runs (CPU s)"], rows)
    if not linear:
        failures.append(f"build: not linear in pages: an added page costs {shape['growth']:.2f}x more at the "
                        f"largest size than at the first step (budget {budgets['build']['max_marginal_growth']}x)")
    return work / "full-site"


def measure_weight(budgets, work, failures) -> None:
    paths = measured_pages(budgets)
    say(f"page weight of {len(paths)} pages (headless chromium, first visit)")
    full = bench_weight.measure(work / "full-site", [path for _, path, _ in paths])
    bare = bench_weight.measure(work / "bare-site", [path for _, path, _ in paths])
    rows = []
    for name, path, budgeted in paths:
        mine, plain = full[path], bare[path]
        ratios = {key: mine["total"][key] / plain["total"][key] for key in ("raw", "gzip")}
        for label, figures, ratio in ((f"{name} /{path}", mine, f"{ratios['raw']:.2f}x/{ratios['gzip']:.2f}x"),
                                      ("  bare Material, same text", plain, "")):
            rows.append([label] + [f"{kib(figures[k]['raw'])}/{kib(figures[k]['gzip'])}" for k in bench_weight.KINDS]
                        + [f"{kib(figures['total']['raw'])}/{kib(figures['total']['gzip'])}",
                           figures["total"]["count"], ratio])
        for key, value in ratios.items():
            if budgeted and value > budgets["weight"]["max_ratio"]:
                failures.append(f"weight: /{path} ({name}) loads {value:.2f}x the bytes ({key}) of the plugin-free "
                                f"page (budget {budgets['weight']['max_ratio']}x)")
    table("3. First-visit page weight, KiB raw/gzip (gzip: each body compressed at level 6)",
          ["page", *bench_weight.KINDS, "total", "requests", "ratio raw/gzip"], rows)
    print(f"\nbudget: total <= {budgets['weight']['max_ratio']}x the plugin-free page, raw and gzip. "
          "'data' is the search index (and any JSON) Material's search worker fetches: the site's own "
          "pages fetch it when search is first used, so it is in the next table, not in this one.")
    measure_first_search(budgets, work, failures)


def measure_first_search(budgets, work, failures) -> None:
    """The search index waits for the reader's first search: that search must stay quick."""
    homes = [prefix for prefix in budgets["languages"]["prefixes"].values()]
    query, limit = budgets["weight"]["first_search_query"], budgets["weight"]["max_first_search_ms"]
    runs = budgets["weight"]["first_search_runs"]
    say(f"first search on {len(homes)} home pages (headless chromium, {runs} fresh visit(s) each)")
    full = bench_weight.measure_first_search(work / "full-site", homes, query, runs)
    bare = bench_weight.measure_first_search(work / "bare-site", homes, query, runs)
    rows = []
    def shown(figure) -> str:
        return f"{figure:.0f}" if isinstance(figure, float) else figure

    for path in homes:
        mine = full[path]
        rows.append([f"/{path}", shown(mine), shown(bare[path])])
        if not isinstance(mine, float) or mine > limit:
            failures.append(f"first search: /{path}: {shown(mine)}{' ms after the first click' if isinstance(mine, float) else ''} "
                            f"(budget {limit} ms)")
    table(f"3b. First search: ms from the first click in the search box to the first results for "
          f"{query!r}, index included, median of {runs} (budget <= {limit} ms; 127.0.0.1, no throttling)",
          ["page", "this site (index fetched on first use)", "bare Material (index fetched on load)"], rows)


def measure_sizes(args, budgets, site, failures) -> None:
    rows = []
    for lang, prefix in budgets["languages"]["prefixes"].items():
        index = site / prefix / "search" / "search_index.json"
        if index.exists():
            body = index.read_bytes()
            rows.append([f"search index ({lang})", f"{prefix}search/search_index.json", kib(len(body)),
                         kib(len(gzip.compress(body, 6, mtime=0)))])
        else:
            rows.append([f"search index ({lang})", f"{prefix}search/search_index.json", "missing", ""])
    zips = sorted((args.dist).glob(budgets["offline_zip"]["pattern"]), key=lambda p: p.stat().st_mtime)
    limit = budgets["offline_zip"]["max_mib"]
    if zips:
        size = zips[-1].stat().st_size
        age = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(zips[-1].stat().st_mtime))
        # dist/ keeps the last zip ./scripts/build made, which may be another commit's.
        expected = release.offline_zip_name(args.project)
        stale = "" if zips[-1].name == expected else f"; NOT this commit's ({expected}): run ./scripts/build"
        rows.append(["offline zip", f"{zips[-1].name} (built {age}{stale})", kib(size), "(zip)"])
        if size >= limit * 1024 * 1024:
            failures.append(f"offline zip: {zips[-1].name} is {size / 1048576:.2f} MiB (budget < {limit} MiB)")
    else:
        rows.append(["offline zip", f"no {args.dist}/{budgets['offline_zip']['pattern']}: run ./scripts/build", "", ""])
        failures.append(f"offline zip: none in {args.dist} (./scripts/build makes it), so its budget "
                        f"(< {limit} MiB) is unchecked")
    table(f"4. Sizes, KiB (offline zip budget < {limit} MiB)", ["what", "file", "raw", "gzip"], rows)


def measure_lighthouse(budgets, site, failures) -> None:
    modules = bench_lighthouse.ensure_installed(ROOT / ".cache" / "lighthouse", say=say)
    minimum = budgets["lighthouse"]["min_score"]
    rows, notes, broken = [], [], set()
    with bench_serve.published(site) as (base, server), bench_lighthouse.Session(modules) as lighthouse:
        for name, path, budgeted in measured_pages(budgets):
            url = base + path
            # Watched pages are printed, not budgeted: one run shows a regression well enough.
            count = budgets["lighthouse"]["runs"] if budgeted else 1
            runs, retried = bench_lighthouse.runs(lighthouse, url, count)
            notes += [f"  /{path}: a run was tried again after: {error}" for error in retried]
            say(f"lighthouse {bench_lighthouse.VERSION}: /{path}: "
                + "; ".join(" ".join(str(r["scores"][c]) for c in bench_lighthouse.CATEGORIES) for r in runs))
            scores = {c: statistics.median_low(r["scores"][c] for r in runs) for c in bench_lighthouse.CATEGORIES}
            performance = [r["scores"]["performance"] for r in runs]
            rows.append([f"{name} /{path}"] + [scores[c] for c in bench_lighthouse.CATEGORIES]
                        + [" ".join(map(str, performance))])
            # What cost points, from the run that gave the median performance score.
            typical = next(r for r in runs if r["scores"]["performance"] == scores["performance"])
            for category in bench_lighthouse.CATEGORIES:
                if budgeted and scores[category] < minimum:
                    failures.append(f"lighthouse: /{path} {category} {scores[category]} "
                                    f"(median of {len(runs)}; budget {minimum})")
                notes += [f"  /{path} {category}: {line}" for line in typical["failing"].get(category, [])]
            broken |= {f"  /{path} {line}" for r in runs for line in r["broken"]}
    table(f"5. Lighthouse {bench_lighthouse.VERSION}, median of {budgets['lighthouse']['runs']} runs, one for "
          f"watched pages (mobile defaults: "
          f"simulated slow 4G, 4x CPU slowdown; Debian chromium; served by {server})",
          ["page", *bench_lighthouse.CATEGORIES, "performance, each run"], rows)
    if notes:
        print("\naudits that cost points:\n" + "\n".join(notes))
    if broken:
        print("\naudits Lighthouse could not run (scores less trustworthy; a newer pin may read this Chromium):\n"
              + "\n".join(sorted(broken)))


def measure_throughput(site, work) -> None:
    server, results = bench_throughput.measure(site)
    rows = [[path, label, f"{figures['per_second']:.0f}", f"{figures['cpu_ms']:.2f}", figures["requests"],
             f"{figures['seconds']:.1f}", figures["bytes_per_response"]] for label, path, figures in results]
    table(f"6. Throughput on 127.0.0.1 ({server}; 2 keep-alive Python clients asking for gzip, at most "
          "20000 requests or 3 s per URL; no budget: requests/s depends on the client and the machine's "
          "load, nginx's CPU time per request much less)",
          ["URL", "what", "requests/s", "nginx CPU ms/request", "requests", "seconds", "bytes each"], rows)


def measure_analyzer(budgets, site, failures) -> None:
    gone = bench_analyzer.missing(site)
    if gone:
        print(f"\n## 7. Analyzer: not measured ({', '.join(gone)} not in the built site)")
        return
    analyzer = budgets["analyzer"]
    rows = []
    for row in bench_analyzer.measure(site, analyzer["runs"]):
        limit = analyzer[row["budget"]]
        rows.append([row["label"], f"{row['chars'] / 1024:.0f}", f"{row['first']:.0f}", f"{row['median']:.0f}",
                     f"<= {limit}", "yes" if row["right"] else f"NO ({row['machines']} machines)"])
        if row["first"] > limit:
            failures.append(f"analyzer: {row['label']}: answered in {row['first']:.0f} ms (budget {limit} ms)")
        if not row["right"]:
            failures.append(f"analyzer: {row['label']}: wrong answer ({row['machines']} machines)")
    table(f"7. Analyzer answer time in Node, the published scripts (first run, which a reader waits for, and "
          f"the median of the {analyzer['runs'] - 1} after it)",
          ["paste", "KiB", "first ms", "median ms", "budget ms (first)", "right answer"], rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="cold builds per median (default: budgets file)")
    parser.add_argument("--scales", type=lambda s: [int(n) for n in s.split(",")],
                        help="content multipliers for the scaling builds, e.g. 4,16 (default: budgets file)")
    parser.add_argument("--budgets", type=pathlib.Path, default=BUDGETS)
    parser.add_argument("--project", type=pathlib.Path, default=ROOT, help="project to measure (default: this one)")
    parser.add_argument("--dist", type=pathlib.Path, help="folder holding the offline zip (default: <project>/dist)")
    parser.add_argument("--skip-lighthouse", action="store_true", help="leave section 5 out (its budget unchecked)")
    parser.add_argument("--analyzer-only", action="store_true",
                        help="only section 7, on a built site (--site, default: <project>/site)")
    parser.add_argument("--site", type=pathlib.Path, help="the built site --analyzer-only measures")
    args = parser.parse_args(argv)
    budgets = load_budgets(args.budgets)
    if args.analyzer_only:
        failures: list[str] = []
        site = args.site or args.project / "site"
        print(f"# vakb benchmark, analyzer only, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; site {site}")
        measure_analyzer(budgets, site, failures)
        for failure in failures:
            print(f"BUDGET EXCEEDED: {failure}")
        return 1 if failures else 0
    args.dist = args.dist or args.project / "dist"
    languages = list(budgets["languages"]["prefixes"])
    failures: list[str] = []
    started = time.time()
    print(f"# vakb benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    took: dict[str, float] = {}  # seconds per section: what to look at when the bench grows long

    @contextlib.contextmanager
    def section(name: str):
        start = time.time()
        yield
        took[name] = time.time() - start

    with tempfile.TemporaryDirectory(prefix="vakb-bench-") as tmp:
        work = pathlib.Path(tmp)
        # One snapshot of the sources for every measurement, so edits made meanwhile change nothing.
        project = bench_build.copy_project(args.project.resolve(), work / "project")
        with section("builds"):
            site = measure_builds(args, budgets, project, work, languages, failures)
        with section("weight"):
            measure_weight(budgets, work, failures)
        measure_sizes(args, budgets, site, failures)
        if args.skip_lighthouse:
            print("\n## 5. Lighthouse: skipped (--skip-lighthouse); its budget is unchecked")
        else:
            with section("lighthouse"):
                measure_lighthouse(budgets, site, failures)
        with section("throughput"):
            measure_throughput(site, work)
        with section("analyzer"):
            measure_analyzer(budgets, site, failures)
    print(f"\n{len(failures)} budget(s) exceeded; {time.time() - started:.0f} s in all "
          f"({', '.join(f'{name} {seconds:.0f} s' for name, seconds in took.items())})")
    for failure in failures:
        print(f"BUDGET EXCEEDED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except bench_build.BuildFailed as err:
        sys.exit(f"[bench] {err}")
