"""Shared fixtures: the built site (strict), a loopback web server, headless Debian Chromium, and
the small project that tests of the build machinery break.

Each site variant (online, offline bundle) is built once per test run, with the same code
`./scripts/build` uses, so a test never reads a stale `site/`; when pytest-xdist runs the tests in
several processes, the first process that needs a variant builds it and the others wait for it
(`shared`). A test that breaks something to see the build refuse it builds the small project
(`small_project`), never the whole site.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import urllib.parse
import zipfile
import contextlib
import dataclasses
import fcntl
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
import vakb.topics  # noqa: E402,F401  registers every topic's data checks and shortcodes
from scripts import headless_chromium  # noqa: E402
from scripts.loopback_server import serve  # noqa: E402

LANGUAGES = ("en", "fr")
LANGUAGE_PREFIX = {"en": "", "fr": "fr/"}
# How Debian's Chromium is launched, here and by the bench: scripts/headless_chromium.py.
CHROMIUM_ARGS = headless_chromium.TEST_ARGS
# Only Debian's DejaVu fonts (fonts-dejavu-core, installed by ./scripts/test): results that depend on
# text width (wrapping, overflow, axe's scrollable regions) must not depend on the machine's fonts.
FONTS = ROOT / "tests" / "fonts"
PINNED_FONT_FILE = pathlib.Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


# PyYAML's C parser (libyaml, in PyYAML's wheels), as the build's own reader uses (vakb.data): the
# pure-Python one took 1.3 s to read the data files once, and each test process reads them.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: pathlib.Path):
    """A YAML file as plain data (vakb.data.load adds the line numbers the build's messages name)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506 - a SafeLoader


def build_env(**overrides: str) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    for key in ("OFFLINE", "PRINT_SITE", "BUILD_ONLY_LOCALE", "I18N_FALLBACK"):
        env.pop(key, None)
    env.update(overrides)
    return env


def mkdocs_build(site_dir: pathlib.Path, config: pathlib.Path | None = None, cwd: pathlib.Path = ROOT,
                 **env: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict`; returns the process (callers assert on returncode/output)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)]
    if config:
        command += ["-f", str(config)]
    return subprocess.run(command, cwd=cwd, env=build_env(**env), capture_output=True, text=True)


def copy_project(dest: pathlib.Path) -> pathlib.Path:
    """A copy of the project's sources (docs/, overrides/, mkdocs.yml) to break; the real tree is
    never touched. Its build reads its own data (vakb.data.use_project)."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


# The small project: every page, the real hooks, topics, checks and data, with the error catalogue
# cut to the codes errors.yml documents and one other code per catalogue group (about 95 pages per
# language instead of 466), and the written pages cut to their skeleton (`cut_pages`). What a
# refusal, a data error, a redirect or a date depends on is all there; the 360 short code pages and
# the prose are not.
CATALOGUE_ENTRY = re.compile(r'^  - code: "(0x[0-9A-F]{8})"\n(?:(?:    .*)?\n)*', re.M)


def cut_catalogue(project: pathlib.Path) -> int:
    """Keep the documented codes and the first code of each group in the copy's error catalogue;
    returns how many codes are left. Entries are cut as text, so the file keeps its comments and
    the line numbers that messages name stay meaningful."""
    documented = set(re.findall(r'^  - code: "(0x[0-9A-F]{8})"', (project / "docs/data/errors.yml").read_text(encoding="utf-8"), re.M))
    path = project / "docs/data/error_catalogue.yml"
    groups_seen: set[str] = set()

    def keep(match: re.Match) -> str:
        group = re.search(r"^    group: ([\w-]+)", match.group(0), re.M).group(1)
        if match.group(1) in documented or group not in groups_seen:
            groups_seen.add(group)
            return match.group(0)
        return ""

    text = CATALOGUE_ENTRY.sub(keep, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return len(CATALOGUE_ENTRY.findall(text))


# A written page's skeleton: its front matter, its headings (with the anchors that pages, data and
# redirects point at) and its block shortcodes (the tables, tools and diagrams made from data). The
# prose goes: no test of the build machinery reads it (a mistake a test types into a page is added
# to it, whatever the page holds), and it was a fifth of each small build's time.
SKELETON_LINE = re.compile(r"^(#{1,6} .*|\{\{ [\w-]+[^{}]*\}\}\s*)$")


def cut_pages(project: pathlib.Path) -> int:
    """Cut every written page of the copy to its skeleton; returns how many pages were cut."""
    pages = sorted((project / "docs").rglob("*.md"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        front = ""
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + len("\n---\n")
            front, text = text[:end], text[end:]
        kept = [line for line in text.splitlines() if SKELETON_LINE.match(line)]
        page.write_text(front + "\n\n".join(kept) + "\n", encoding="utf-8")
    return len(pages)


@pytest.fixture(scope="session")
def small_project_template(tmp_path_factory) -> pathlib.Path:
    """The small project, made once per test run (tests copy it before they change anything)."""
    def make(folder: pathlib.Path) -> None:
        project = copy_project(folder / "project")
        assert 0 < cut_catalogue(project) < 100
        assert cut_pages(project) > 50
    return shared(tmp_path_factory, "small", make) / "project"


@pytest.fixture
def small_project(small_project_template, tmp_path) -> pathlib.Path:
    """A fresh copy of the small project, to break: the real tree is never touched."""
    return pathlib.Path(shutil.copytree(small_project_template, tmp_path / "project"))


def failed_build_output(project: pathlib.Path, **env: str) -> str:
    """Build `project` as ./scripts/build's MkDocs step does; its output, asserting that it failed."""
    result = mkdocs_build(project / "site", cwd=project, **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output[-3000:]}"
    return output


@contextlib.contextmanager
def exclusive(lock: pathlib.Path):
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, make) -> pathlib.Path:
    """`make(folder)` once per test run, whichever process asks first; the others wait and reuse it
    (with pytest-xdist each worker has its own session, but they share the run's temporary root)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with exclusive(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


def checked_build(site_dir: pathlib.Path, complete=None, link_check: bool = True, **env: str) -> pathlib.Path:
    """What ./scripts/build runs (scripts/site_build.py: strict, `complete`, then the project's link
    check), failing the test with its message: the offline bundle is made exactly this way."""
    from scripts import site_build

    try:
        return site_build.build(site_dir, ROOT, quiet=True, complete=complete, link_check=link_check, **env)
    except site_build.BuildFailed as err:
        pytest.fail(f"./scripts/build's build failed ({env}):\n{err}")


def build_or_fail(site_dir: pathlib.Path, **env: str) -> pathlib.Path:
    result = mkdocs_build(site_dir, **env)
    if result.returncode != 0:
        pytest.fail(f"strict build failed ({env or 'default'}):\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> pathlib.Path:
    """The online site, built with --strict, both languages (once per test run)."""
    return shared(tmp_path_factory, "site", lambda folder: build_or_fail(folder / "site")) / "site"


@pytest.fixture(scope="session")
def built_pages(site_dir) -> dict[str, pathlib.Path]:
    """{URL path relative to the site root: HTML file} for every page of the online site."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.endswith("404.html") or "/assets/" in f"/{rel}":
            continue
        url = rel.removesuffix("index.html")
        pages[url] = path
    return pages


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL of the online site served over loopback, e.g. http://127.0.0.1:40123/."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: ./scripts/test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if not PINNED_FONT_FILE.exists():
            pytest.fail("Debian's fonts-dejavu-core is not installed: ./scripts/test installs it")
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS / "fonts.conf"))
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True, env=env)
        yield chromium
        chromium.close()


# Tests that measure colours stop transitions first. A <style> added to the page would be refused by
# the pages' own Content-Security-Policy (style-src 'self'); a constructed stylesheet is not.
NO_TRANSITIONS = ("const sheet = new CSSStyleSheet();"
                  "sheet.replaceSync('*, *::before, *::after { transition: none !important; }');"
                  "document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];")


def stop_transitions(page) -> None:
    page.evaluate(NO_TRANSITIONS)


class RecordedPage:
    """A Playwright page that records every request and console error it sees."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        self.page.on("pageerror", lambda err: self.console_errors.append(str(err)))

    def foreign_requests(self, allowed_prefixes: tuple[str, ...]) -> list[str]:
        allowed = allowed_prefixes + ("data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(allowed)]


@pytest.fixture
def browser_page(browser):
    """A fresh context and page; `page.requests` lists every URL the page asked for."""
    context = browser.new_context(service_workers="block", locale="en-US")
    recorded = RecordedPage(context)
    yield recorded
    context.close()


# The offline bundle, made by scripts/bundle.py exactly as ./scripts/build makes it; shared by the
# bundle tests and the link tests.
@dataclasses.dataclass
class Bundle:
    zip: pathlib.Path
    root: pathlib.Path  # the unpacked top folder

    def url(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    def rel(self, url: str) -> str:
        """Bundle-relative path of a file:// URL (query and fragment dropped)."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
        return pathlib.Path(path).relative_to(self.root).as_posix()


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Bundle:
    """dist/vakb-offline-<version>.zip made by scripts/bundle.py (as ./scripts/build does), unpacked."""
    from scripts import bundle

    def make(work: pathlib.Path) -> None:
        archive = bundle.build_bundle(checked_build, work / "dist", say=lambda message: None)
        # "Unpacked anywhere": a folder name with a space and an accent, as on a Windows desktop.
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(work / "Téléchargements hors ligne")

    work = shared(tmp_path_factory, "offline", make)
    archive = next((work / "dist").glob("*.zip"))
    return Bundle(zip=archive, root=work / "Téléchargements hors ligne" / archive.stem)


@pytest.fixture(scope="session")
def published_site(site_dir, offline_bundle, tmp_path_factory) -> pathlib.Path:
    """What ./scripts/build leaves in site/: the online site with the offline zip in download/."""
    from scripts import bundle

    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(site_dir, site)
    bundle.publish(offline_bundle.zip, site)
    return site


# -- markers: what a test needs, read from its fixtures ------------------------------------------------
# `./scripts/test --quick` runs what needs neither a build nor a browser; a test is sorted by the
# fixtures it asks for, so a new test cannot be filed in the wrong group by a forgotten marker.
BUILD_FIXTURES = {"site_dir", "built_pages", "site_url", "offline_bundle", "published_site", "nginx",
                  "small_project", "small_project_template"}
BROWSER_FIXTURES = {"browser", "browser_page"}


def pytest_collection_modifyitems(config, items):
    config.vakb_needs_bundle = any({"offline_bundle", "published_site"} & set(getattr(item, "fixturenames", ()))
                                   for item in items)
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session", autouse=True)
def start_builds_on_every_core(request):
    """Under pytest-xdist, worker gw1 starts on the offline bundle (three builds) while the others'
    first tests build the online site (or wait for it): otherwise every worker's first test waited
    for the same build, then for the other."""
    if os.environ.get("PYTEST_XDIST_WORKER") == "gw1" and getattr(request.config, "vakb_needs_bundle", False):
        request.getfixturevalue("offline_bundle")
