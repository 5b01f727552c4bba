"""A build that is all or nothing: `./scripts/build` never leaves a half-made site to serve.

MkDocs writes pages as it goes, so a strict build that fails on its last page has already replaced
most of site/ (and a page showing a raw `{{ fact ... }}` was once served that way). Here the build
goes to a staging folder beside the target; the project's own link check (scripts/link_check.py,
which also sees links written in raw HTML) runs on it; only then does it replace the target, in
two renames. A failure leaves the previous site as it was and a `.<name>.failed` file beside it
saying why, which `./scripts/preview` refuses to serve past.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading

from scripts import link_check as link_checker
from vakb import release

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUTPUT_LOCK = threading.Lock()  # one build's output at a time (run_mkdocs)
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


class BuildFailed(Exception):
    """The build or its checks failed; the message says where (file and line when known)."""


def failure_note(site: pathlib.Path) -> pathlib.Path:
    return site.with_name(f".{site.name}.failed")


def staging(site: pathlib.Path) -> pathlib.Path:
    return site.with_name(f".{site.name}.building")


def build(site: pathlib.Path, project: pathlib.Path = ROOT, quiet: bool = False,
          complete=None, link_check: bool = True, **env: str) -> pathlib.Path:
    """Build `project` into `site` (strict, link-checked), or raise BuildFailed leaving `site` untouched.
    `complete(folder)`, when given, adds what the pages link but MkDocs does not write (the
    offline zip the home pages offer, the print editions of the offline bundle), before the links
    are checked. `link_check=False` only for an intermediate build whose pages are not published
    as they are (the print builds the bundle takes one page from)."""
    site = site.resolve()
    work = staging(site)
    shutil.rmtree(work, ignore_errors=True)
    try:
        run_mkdocs(project, work, quiet, env)
        if complete is not None:
            complete(work)
        problems = [with_source(project, line) for line in link_checker.broken_links(work)] if link_check else []
        if problems:
            raise BuildFailed("broken links in the built pages:\n" + "\n".join(problems))
    except BaseException as err:
        shutil.rmtree(work, ignore_errors=True)  # nothing half-made is left, even when interrupted
        if isinstance(err, BuildFailed):  # what `complete` raises too: the bundle it waits for failed
            failure_note(site).write_text(f"{err}\n", encoding="utf-8")
        raise
    previous = site.with_name(f".{site.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site.exists():
        site.rename(previous)
    work.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    failure_note(site).unlink(missing_ok=True)
    return site


# The print editions the online home pages link (scripts/bundle.py publishes them from the zip).
PRINT_PAGES = ("print.html", "fr/print.html")


def zip_stand_in(project: pathlib.Path):
    """For builds that are only read (inventory, links, tests): an empty file where the home pages'
    download link points, and where they link the print editions, so the link check does not need
    the real zip built first."""
    def complete(folder: pathlib.Path) -> None:
        target = folder / release.DOWNLOAD_DIR / release.offline_zip_name(project)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
        for page in PRINT_PAGES:
            stand_in = folder / page
            if stand_in.parent.is_dir() and not stand_in.exists():
                stand_in.touch()

    return complete


def run_mkdocs(project: pathlib.Path, target: pathlib.Path, quiet: bool, env: dict) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(project / "mkdocs.yml"), "-d", str(target)]
    result = subprocess.run(command, cwd=project, env=dict(os.environ, **QUIET_ENV, **env),
                            capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        # Everything but MkDocs' progress lines: an error's message may span several lines.
        problems = [line for line in output.splitlines() if line.strip() and not line.startswith("INFO")]
        raise BuildFailed(f"mkdocs build --strict failed (exit {result.returncode}):\n"
                          + "\n".join(problems or output.splitlines()[-20:]))
    if not quiet:
        # Written whole once the build ends: ./scripts/build runs its builds side by side, and
        # their lines would otherwise interleave.
        with OUTPUT_LOCK:
            sys.stdout.write(output)
            sys.stdout.flush()


# fr/sources/index.html, fr/sources.html, index.html -> (slug, language)
BUILT_PAGE = re.compile(r"^(?:(?P<lang>fr)/)?(?P<slug>.+?)(?:/index)?\.html: ")


def with_source(project: pathlib.Path, problem: str) -> str:
    """Prefix a link problem with the Markdown file and line that wrote the link, when one did."""
    match = BUILT_PAGE.match(problem)
    href = problem.split(": ", 2)[1].split(" ", 1)[-1] if problem.count(": ") >= 2 else ""
    if not match or not href:
        return problem
    lang = match["lang"] or "en"
    for source in (project / "docs" / f"{match['slug']}.{lang}.md", project / "docs" / match["slug"] / f"index.{lang}.md"):
        if not source.exists():
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if href in line:
                return f"{source.relative_to(project).as_posix()}:{number}: {problem}"
    return problem
