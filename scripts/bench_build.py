"""Build-time measurements for scripts/benchmark.py: the real build, a plugin-free one, and scaling.

Everything happens in temporary copies of the project (mkdocs.yml, docs/, overrides/), never in the
working tree. Each build is a fresh `mkdocs build` process into an empty folder ("cold"), timed twice:
wall-clock seconds, and CPU seconds (user + system of the build process, from wait4). On a shared
2-core machine the wall clock mostly measures the other processes; CPU seconds measure the build's
own work, so the budgets are checked on CPU time and wall time is printed beside it.

The plugin-free build renders the *same text* with Material alone: one extra hook, added to a copy
of the project, writes every page's final Markdown (after the shortcodes, error-page generation and
abbreviations) to a folder; that folder, English pages at their path and French pages under fr/,
becomes the docs of a generated mkdocs.yml with the Material theme, the project's
markdown_extensions, Material's default search plugin, and nothing else (no i18n, no hooks, no
extra CSS/JS). Both builds therefore render the same pages with the same text.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import time

import yaml

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")

# Runs last among on_page_markdown handlers (lowest priority), so it sees what Python-Markdown gets.
DUMP_HOOK = '''\
"""Written by scripts/bench_build.py into a temporary copy of the project: dumps each page's Markdown."""
import os
import pathlib
import re

from mkdocs.plugins import event_priority

OUT = pathlib.Path(os.environ["BENCH_DUMP_DIR"])
SUFFIX = re.compile(r"\\.[a-z]{2}\\.md$")


@event_priority(-10000)
def on_page_markdown(markdown, page, config, files):
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n else config.theme.get("language", "en")
    default = i18n.default_language if i18n else lang
    source = SUFFIX.sub(".md", page.file.src_uri)
    target = OUT / ("" if lang == default else lang) / source
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
'''


class BuildFailed(RuntimeError):
    pass


def timed_run(command: list[str], cwd: pathlib.Path, log: pathlib.Path, env: dict | None = None) -> tuple[float, float]:
    """Run command; returns (wall s, CPU s of the process and its children); raises BuildFailed."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, **QUIET_ENV, **(env or {})))
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise BuildFailed(f"`{' '.join(command)}` in {cwd} failed ({process.returncode}):\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime


def timed_build(venv_python: pathlib.Path, project: pathlib.Path, out: pathlib.Path,
                env: dict | None = None) -> tuple[float, float]:
    """One cold, strict build of project/mkdocs.yml into out (emptied first); returns (wall s, CPU s)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(venv_python), "-m", "mkdocs", "build", "--quiet", "--strict", "-d", str(out)]
    return timed_run(command, project, out.parent / f"{out.name}.log", env)


# Both languages of the plugin-free site in one process, as mkdocs-static-i18n builds them (one
# start-up, two builds): English into the output folder, French into its fr/ folder.
BARE_RUNNER = """\
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
out = sys.argv[1]
for lang in sys.argv[2:]:
    build(load_config(f"mkdocs-{lang}.yml", site_dir=out if lang == sys.argv[2] else f"{out}/{lang}"))
"""


def timed_bare_build(venv_python: pathlib.Path, bare: pathlib.Path, out: pathlib.Path,
                     languages: list[str]) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(venv_python), "-c", BARE_RUNNER, str(out), *languages]
    return timed_run(command, bare, out.parent / f"{out.name}.log", {"PYTHONWARNINGS": "ignore"})


def copy_project(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    """mkdocs.yml, docs/ and overrides/ (what a build reads) into target (emptied first)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("docs", "overrides"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, ignore=ignore)
    return target


def add_hook(config_file: pathlib.Path, hook_path: str) -> None:
    """Append a hook to mkdocs.yml's `hooks:` list (or add the list), keeping the rest byte for byte."""
    text = config_file.read_text(encoding="utf-8")
    match = re.search(r"^hooks:[ \t]*\n((?:[ \t]+.*\n|[ \t]*\n)*)", text, flags=re.M)
    if match:
        text = text[:match.end()] + f"  - {hook_path}\n" + text[match.end():]
    else:
        text = text.rstrip("\n") + f"\n\nhooks:\n  - {hook_path}\n"
    config_file.write_text(text, encoding="utf-8")


def top_level_section(text: str, key: str) -> str:
    """The `key:` block of a YAML file as written (tags such as !!python/name kept verbatim)."""
    match = re.search(rf"^{key}:.*\n((?:[ \t]+.*\n|[ \t]*\n)*)", text, flags=re.M)
    return match.group(0) if match else ""


def dump_markdown(venv_python: pathlib.Path, project: pathlib.Path, work: pathlib.Path) -> pathlib.Path:
    """Build a copy of the project with the dump hook; return the folder of final Markdown pages."""
    copy = copy_project(project, work / "dump-project")
    (copy / "bench_dump_hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    add_hook(copy / "mkdocs.yml", "bench_dump_hook.py")
    pages = work / "dump-pages"
    shutil.rmtree(pages, ignore_errors=True)
    timed_build(venv_python, copy, work / "dump-site", env={"BENCH_DUMP_DIR": str(pages)})
    return pages


def write_bare_project(project: pathlib.Path, pages: pathlib.Path, target: pathlib.Path,
                       languages: list[str]) -> pathlib.Path:
    """Material-only projects rendering the dumped pages: mkdocs-<lang>.yml + docs-<lang>/ per language.

    Each has the project's nav (the pages outside it stay outside), its markdown_extensions,
    `font: false` like the project (no web font from another host), the language's theme strings,
    Material's default search plugin, and nothing else.
    """
    shutil.rmtree(target, ignore_errors=True)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = yaml.safe_load(top_level_section(text, "site_name") or "site_name: x")["site_name"]
    for lang in languages:
        docs = target / f"docs-{lang}"
        source = pages if lang == languages[0] else pages / lang
        shutil.copytree(source, docs, ignore=shutil.ignore_patterns(*languages[1:]) if lang == languages[0] else None)
        # Images and other files the pages may reference (neither the data nor the Markdown sources).
        for path in (project / "docs").rglob("*"):
            relative = path.relative_to(project / "docs")
            if path.is_file() and path.suffix != ".md" and relative.parts[0] != "data":
                (docs / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, docs / relative)
        config = "\n".join([
            "# Generated by scripts/bench_build.py: the same pages, rendered by Material alone.",
            f"site_name: {json.dumps(site_name)}",
            f"docs_dir: docs-{lang}",
            "theme:",
            "  name: material",
            f"  language: {lang}",
            "  font: false",
            "plugins:",
            "  - search",
            top_level_section(text, "markdown_extensions"),
            top_level_section(text, "nav"),
        ])
        (target / f"mkdocs-{lang}.yml").write_text(config, encoding="utf-8")
    return target


def count_pages(site: pathlib.Path) -> int:
    """HTML pages of a built site, the 404 pages excluded."""
    return sum(1 for path in site.rglob("*.html") if path.name != "404.html")


def compare_builds(venv_python, project: pathlib.Path, bare: pathlib.Path, work: pathlib.Path,
                   languages: list[str], runs: int) -> dict:
    """`runs` turns of one cold build each, the real and the plugin-free one, the first of a turn
    alternating; the last outputs stay in work/full-site and work/bare-site for the page-weight and
    index measurements.

    The ratio is the median of the turns' own ratios: the two builds of a turn run a few seconds
    apart, while this machine's speed moves by 15-25 % over minutes, so a turn compares like with
    like where a ratio of two medians could take them from different minutes."""
    times = {"full": [], "bare": []}
    build = {"full": lambda: timed_build(venv_python, project, work / "full-site"),
             "bare": lambda: timed_bare_build(venv_python, bare, work / "bare-site", languages)}
    for turn in range(runs):
        # Neither build always runs first: on a machine slowing down (or speeding up), the first
        # of every turn would always be favoured.
        for name in (("full", "bare") if turn % 2 == 0 else ("bare", "full")):
            times[name].append(build[name]())
    result = {}
    for name, pairs in times.items():
        result[name] = {"wall": statistics.median(w for w, _ in pairs), "cpu": statistics.median(c for _, c in pairs),
                        "pages": count_pages(work / f"{name}-site"), "runs": pairs}
    result["turn_ratios"] = [f[1] / b[1] for f, b in zip(times["full"], times["bare"])]
    result["ratio"] = statistics.median(result["turn_ratios"])
    return result


# --- Scaling: more content in a copy of the project -------------------------------------------------

def scale_error_catalog(project: pathlib.Path, factor: int) -> bool:
    """Multiply docs/data/errors.yml's codes by `factor` with synthetic codes; False if there is none.

    Copy k of the i-th code keeps the original's text and gets code 0xBE<k:02X><i:04X> (a facility no
    real code of the catalogue uses), so the copies are distinct pages that go through the whole
    error-page pipeline like real codes.
    """
    catalog_file = project / "docs" / "data" / "errors.yml"
    if not catalog_file.exists():
        return False
    catalog = yaml.safe_load(catalog_file.read_text(encoding="utf-8"))
    originals = catalog["errors"]
    copies = []
    for k in range(1, factor):
        for i, entry in enumerate(originals):
            # Related codes must exist: the copies keep pointing at the originals.
            copy = dict(entry, code=f"0xBE{k:02X}{i:04X}")
            copies.append(copy)
    catalog["errors"] = originals + copies
    catalog_file.write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return True


def scale_pages(project: pathlib.Path, factor: int) -> None:
    """Fallback for projects without an error catalog: copy every page into docs/bench-copy-<k>/."""
    docs = project / "docs"
    originals = [path for path in docs.rglob("*.md") if "bench-copy-" not in str(path)]
    for k in range(1, factor):
        for path in originals:
            target = docs / f"bench-copy-{k}" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_in_nav: |\n  bench-copy-*/\n", encoding="utf-8")


def scaled_builds(venv_python, project: pathlib.Path, work: pathlib.Path, factors: list[int], runs: int) -> list[dict]:
    """One point per factor: the fastest of `runs` cold builds of a copy with `factor` times the content.

    The fastest, not the median: a build's CPU time on a shared machine varies by 15 % or more
    (12.5 to 17.8 CPU s for the same build, 2026-12-07), mostly slowdowns from the machine's other
    load, and the first step adds few pages (about 300), so a single slow build there made a linear
    site look quadratic (growth 2.27x) or the other way. The factors take turns in each round, so
    a change in the machine's speed touches them alike."""
    copies = {}
    for factor in factors:
        copy = copies[factor] = copy_project(project, work / f"scaled-{factor}x")
        if factor > 1 and not scale_error_catalog(copy, factor):
            scale_pages(copy, factor)
    times = {factor: [] for factor in factors}
    pages = {}
    for _ in range(runs):
        for factor in factors:
            out = work / f"scaled-{factor}x-site"
            times[factor].append(timed_build(venv_python, copies[factor], out))
            pages.setdefault(factor, count_pages(out))
            shutil.rmtree(out, ignore_errors=True)
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
    return [{"factor": factor, "pages": pages[factor], **fastest(times[factor])} for factor in factors]


def fastest(runs: list[tuple[float, float]]) -> dict:
    """{"wall", "cpu", "runs"} of the build runs (wall s, CPU s) given: the least of each."""
    return {"wall": min(w for w, _ in runs), "cpu": min(c for _, c in runs), "runs": runs}


def linearity(points: list[dict]) -> dict:
    """Marginal CPU seconds per added page between consecutive sizes, and their spread.

    Linear means every added page costs about the same: the marginal cost of the last step divided
    by that of the first step stays near 1 (fixed start-up cost makes the *average* fall instead).
    """
    steps = []
    for small, large in zip(points, points[1:]):
        added = large["pages"] - small["pages"]
        if added > 0:
            steps.append((large["cpu"] - small["cpu"]) / added)
    growth = steps[-1] / steps[0] if len(steps) >= 2 and steps[0] > 0 else 1.0
    return {"marginal": steps, "growth": growth}


