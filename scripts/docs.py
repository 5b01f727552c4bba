#!/usr/bin/env python3
"""One entry point for every docs task: `python3 scripts/docs.py <command>`.

The short commands in scripts/ (serve, build, test, ...) call this. Each command first makes sure
`.venv` holds exactly the pinned packages of requirements*.txt (re-installing when a requirements
file changes), so a fresh clone needs nothing but Python 3.11+. Standard library only up to the
point where the virtual environment exists; then the command re-runs itself with .venv's Python,
where a .pth file makes the project's two packages importable: `vakb` (overrides/vakb, the build's
code) and `scripts` (this folder). That file is the only place the import path is set.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
SITE = ROOT / "site"
DIST = ROOT / "dist"
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def say(message: str) -> None:
    print(f"[vakb] {message}", flush=True)


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, **QUIET_ENV, **kwargs.pop("env", {}))
    return subprocess.run([str(c) for c in command], cwd=ROOT, env=env, check=True, **kwargs)


PTH_NAME = "vakb-project.pth"
# What the .pth puts on sys.path: overrides/ holds the `vakb` package, the root the `scripts` one.
IMPORT_ROOTS = (ROOT / "overrides", ROOT)


def write_import_paths() -> None:
    """The project's packages, importable from .venv's Python (rewritten if the clone moved)."""
    purelib = subprocess.run(
        [VENV_PYTHON, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    pth = pathlib.Path(purelib) / PTH_NAME
    content = "".join(f"{path}\n" for path in IMPORT_ROOTS)
    if not pth.exists() or pth.read_text() != content:
        pth.write_text(content)


def ensure_venv(requirements: str = "requirements.txt") -> None:
    """Create or refresh .venv from a pinned requirements file (and the files it includes)."""
    files = [ROOT / "requirements.txt"] + ([ROOT / requirements] if requirements != "requirements.txt" else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{pathlib.Path(requirements).stem}"
    if VENV_PYTHON.exists() and stamp.exists() and stamp.read_text() == digest:
        write_import_paths()
        return
    if not VENV_PYTHON.exists():
        say(f"creating {VENV.relative_to(ROOT)}")
        run([sys.executable, "-m", "venv", VENV])
    say(f"installing pinned packages from {requirements}")
    run([VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", ROOT / requirements])
    write_import_paths()
    stamp.write_text(digest)


def enter_venv(requirements: str = "requirements.txt") -> None:
    """ensure_venv, then carry on in .venv's Python (where the project's packages import)."""
    ensure_venv(requirements)
    if pathlib.Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), str(pathlib.Path(__file__).resolve()), *sys.argv[1:]])


def ensure_debian_package(provides: str, package: str) -> None:
    """Install a Debian package when what it provides (a command, or an absolute file path) is
    missing and this machine lets us (root + apt)."""
    if shutil.which(provides) or (provides.startswith("/") and pathlib.Path(provides).is_file()):
        return
    binary = provides
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"[vakb] {binary} is missing: install Debian's {package} package (apt-get install {package})")
    say(f"installing Debian's {package}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package], env=env)


def in_venv(module: str, *args, env: dict | None = None) -> subprocess.CompletedProcess:
    return run([VENV_PYTHON, "-m", module, *args], env=env or {})


def cmd_serve(args) -> None:
    ensure_venv()
    say(f"serving on http://127.0.0.1:{args.port}/ (French at /fr/); Ctrl-C stops")
    env = {"BUILD_ONLY_LOCALE": args.lang} if args.lang else {}
    try:
        in_venv("mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{args.port}", env=env)
    except KeyboardInterrupt:
        pass


def build_site(site_dir: pathlib.Path | None = None, complete=None, link_check: bool = True, **env: str) -> None:
    """Strict, link-checked, all or nothing (scripts/site_build.py), into `site_dir` (site/ unless
    told); exits 1 on failure."""
    from scripts import site_build

    site_dir = site_dir or SITE
    try:
        site_build.build(site_dir, ROOT, complete=complete, link_check=link_check, **env)
    except site_build.BuildFailed as err:
        stop_failed_build(site_dir, err)


def stop_failed_build(site_dir: pathlib.Path, err: Exception, *also: str) -> None:
    """Say why the build failed (and `also`, anything more to say) and exit 1."""
    say(f"build failed, {site_dir.name}/ left as it was:\n{err}")
    for line in also:
        say(line)
    sys.exit(1)


def cmd_build(args) -> None:
    enter_venv()
    from scripts import bundle  # the offline zip for file:// readers, with print editions
    from scripts import site_build

    # The online site builds beside the bundle (each MkDocs build is a process of its own); the zip
    # goes into it before its links are checked, since its home pages link it. A failure of either
    # is said last, once the other has ended: its lines would otherwise follow, looking like success.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        bundled = pool.submit(bundle.build_bundle, site_build.build, DIST, say=say)  # raises, never exits
        try:
            site_build.build(SITE, ROOT, complete=lambda folder: bundle.publish(bundled.result(), folder))
        except site_build.BuildFailed as err:
            concurrent.futures.wait([bundled])
            bundle_failure = bundled.exception()  # not said again when it is this one: the site's build waits for it
            also = [] if bundle_failure in (None, err) else [f"the offline bundle failed too:\n{bundle_failure}"]
            stop_failed_build(SITE, err, *also)
    say(f"site built in {SITE.relative_to(ROOT)}/, with the offline bundle its home pages link: "
        f"{SITE.name}/{release_path(bundled.result())}")


def zip_stand_in():
    from scripts import site_build

    return site_build.zip_stand_in(ROOT)


def release_path(archive: pathlib.Path) -> str:
    from vakb import release

    return f"{release.DOWNLOAD_DIR}{archive.name}"


def cmd_test(args) -> None:
    ensure_venv("requirements-test.txt")
    ensure_debian_package("chromium", "chromium")
    ensure_debian_package(shutil.which("nginx") or "/usr/sbin/nginx", "nginx")  # tests/publishing/test_nginx.py
    ensure_debian_package("node", "nodejs")  # tests/topics/test_tools_logic.py runs the tools' own JavaScript
    # The one font family the browser tests see (tests/fonts/fonts.conf), whatever the machine has.
    ensure_debian_package("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core")
    # tests/build_steps/test_valid_html.py: the Nu Html Checker (npm's vnu-jar, installed on first use) runs on Java.
    ensure_debian_package("java", "default-jre-headless")
    ensure_debian_package("npm", "npm")
    import time

    started = time.monotonic()
    try:
        in_venv("pytest", *pytest_options(args.quick, args.extra), *args.extra)
    finally:
        minutes, seconds = divmod(round(time.monotonic() - started), 60)
        say(f"{'quick ' if args.quick else ''}tests ran in {minutes} min {seconds:02d} s")


# The quick loop: what needs neither a site build nor a browser (markers set by tests/conftest.py
# from the fixtures each test uses): data, topics, the tools and the analyzer in Node, typography,
# house rules. Under a minute, in one process (starting workers would cost more than it saves).
QUICK = ["-m", "not build and not browser"]


def worker_count(cores: int | None) -> int:
    """One pytest-xdist worker more than the machine has cores, five at most. A browser test spends
    part of its time waiting (for a page's network to go quiet, a timer, a server), and a worker
    per core left that core idle meanwhile: on 2 cores, 3 workers kept them 98-100 % busy instead
    of 87-99 % (CHANGELOG.md, 2026-12-07 fifth session). Each worker runs a browser of its own, so
    past five the memory grows for little: the suite's longest tests (80-130 s) set its end."""
    return min((cores or 1) + 1, 5)


def pytest_options(quick: bool, extra: list[str]) -> list[str]:
    """Options ./scripts/test adds to what it was given: the ten slowest tests at the end, and the
    tests spread over the cores (pytest-xdist) unless quick or told otherwise (-n, -p no:xdist)."""
    options = ["--durations=10"]
    if quick:
        return options + QUICK
    told = any(arg == "-n" or arg.startswith(("-n=", "--numprocesses")) or arg == "no:xdist" for arg in extra)
    if not told:
        # --dist loadgroup: a test marked xdist_group runs with the others of its group, in one process.
        options += ["-n", str(worker_count(os.cpu_count())), "--dist", "loadgroup"]
    return options


def cmd_bench(args) -> None:
    """Build times, page weight, sizes and Lighthouse scores against scripts/budgets.toml (not a test)."""
    ensure_venv("requirements-test.txt")  # Playwright drives Debian's chromium for the page weights
    ensure_debian_package("chromium", "chromium")
    ensure_debian_package(shutil.which("nginx") or "/usr/sbin/nginx", "nginx")  # Lighthouse runs behind it
    run([VENV_PYTHON, "-m", "scripts.benchmark", *args.extra])


def cmd_inventory(args) -> None:
    """Add new published URLs and anchors to tests/published_urls.txt (never removes one)."""
    enter_venv()
    import tempfile

    from scripts import url_inventory

    with tempfile.TemporaryDirectory() as tmp:
        build_site(pathlib.Path(tmp) / "site", complete=zip_stand_in())
        added, total = url_inventory.update(pathlib.Path(tmp) / "site")
    say(f"{url_inventory.INVENTORY.relative_to(ROOT)}: {added} new, {total} in all")


def cmd_links(args) -> None:
    """Check internal links and anchors of a fresh build; list (and with --check, probe) external ones."""
    enter_venv()
    import tempfile

    from scripts import external_links, link_check

    with tempfile.TemporaryDirectory() as tmp:
        site = pathlib.Path(tmp) / "site"
        build_site(site, complete=zip_stand_in())
        problems = link_check.broken_links(site)
        cache = external_links.update(site, check=args.check)
    for line in problems:
        print(line)
    unchecked = sum(1 for entry in cache.values() if not entry.get("checked"))
    broken = [url for url, entry in cache.items() if entry.get("checked") and not (entry.get("status") or 0) < 400]
    say(f"{len(problems)} broken internal link(s); {len(cache)} external URL(s) in "
        f"{external_links.CACHE.relative_to(ROOT)}, {unchecked} never checked, {len(broken)} failing")
    for url in broken:
        print(f"  external: {url}: {cache[url]}")
    if problems:
        sys.exit(1)


def site_is_stale() -> bool:
    """True when site/ is missing or older than a source; csp-hashes.conf is the build's last file."""
    stamp = SITE / "csp-hashes.conf"
    if not stamp.exists():
        return True
    sources = [ROOT / "mkdocs.yml", *(ROOT / "docs").rglob("*"), *(ROOT / "overrides").rglob("*")]
    return max(path.stat().st_mtime for path in sources if path.is_file()) > stamp.stat().st_mtime


def cmd_preview(args) -> None:
    """Serve site/ through a real nginx with scripts/nginx/vakb.conf, as it will be published."""
    enter_venv()
    from scripts.nginx import nginx_runtime

    from scripts import site_build

    ensure_debian_package(nginx_runtime.nginx_binary(), "nginx")
    failed = site_build.failure_note(SITE)
    if failed.exists():
        sys.exit(f"[vakb] the last build failed; not serving {SITE.name}/. Fix this and run ./scripts/build:\n"
                 + failed.read_text(encoding="utf-8"))
    if site_is_stale():
        say("site/ is missing or older than its sources: building it")
        build_site()
    nginx_runtime.serve_foreground(SITE, args.port, say=say)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="scripts/docs.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the site on 127.0.0.1 with live reload")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--lang", choices=["en", "fr"], help="build one language only (faster reloads)")
    serve.set_defaults(func=cmd_serve)

    build = commands.add_parser("build", help="strict build of the site into site/")
    build.set_defaults(func=cmd_build)

    test = commands.add_parser("test", help="install what the tests need and run them all")
    test.add_argument("--quick", action="store_true",
                      help="only the tests that need neither a site build nor a browser (the editing loop)")
    test.set_defaults(func=cmd_test)

    # Every option, --help included, goes to scripts/benchmark.py (--runs, --scales, --skip-lighthouse...).
    bench = commands.add_parser("bench", add_help=False,
                                help="measure build time, page weight, sizes, Lighthouse; fail past budgets")
    bench.set_defaults(func=cmd_bench)

    # Unknown options go to the tool behind the command (pytest for `test`): ./scripts/test -k search
    inventory = commands.add_parser("inventory", help="add new URLs and anchors to tests/published_urls.txt")
    inventory.set_defaults(func=cmd_inventory)

    links = commands.add_parser("links", help="check internal links; list external ones (--check probes them)")
    links.add_argument("--check", action="store_true", help="probe every external URL (needs a network)")
    links.set_defaults(func=cmd_links)

    preview = commands.add_parser("preview", help="serve site/ through nginx with the published configuration")
    preview.add_argument("port", type=int, nargs="?", default=8080, help="port on 127.0.0.1 (default: 8080)")
    preview.set_defaults(func=cmd_preview)

    args, args.extra = parser.parse_known_args(argv)
    if args.extra and args.command not in ("test", "bench"):
        parser.error(f"unrecognized arguments: {' '.join(args.extra)}")
    try:
        args.func(args)
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode or 1)


if __name__ == "__main__":
    main()
