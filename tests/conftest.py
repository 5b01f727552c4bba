"""Shared fixtures: the built site (strict), a loopback web server, and headless Debian Chromium.

Builds run once per test session into a temporary folder, with the same command `./scripts/build`
uses, so a test never reads a stale `site/`.
"""

from __future__ import annotations

import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import urllib.parse
import zipfile
import dataclasses

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
import vakb.topics  # noqa: E402,F401  registers every topic's data checks and shortcodes

LANGUAGES = ("en", "fr")
LANGUAGE_PREFIX = {"en": "", "fr": "fr/"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Only Debian's DejaVu fonts (fonts-dejavu-core, installed by ./scripts/test): results that depend on
# text width (wrapping, overflow, axe's scrollable regions) must not depend on the machine's fonts.
FONTS = ROOT / "tests" / "fonts"
PINNED_FONT_FILE = pathlib.Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


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
    """The online site, built with --strict, both languages."""
    return build_or_fail(tmp_path_factory.mktemp("site") / "site")


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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: pathlib.Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL of the online site served over loopback, e.g. http://127.0.0.1:40123/."""
    server, url = serve(site_dir)
    yield url
    server.shutdown()


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

    work = tmp_path_factory.mktemp("offline")
    archive = bundle.build_bundle(checked_build, work / "dist", say=lambda message: None)
    # "Unpacked anywhere": a folder name with a space and an accent, as on a Windows desktop.
    unpacked = work / "Téléchargements hors ligne"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(unpacked)
    return Bundle(zip=archive, root=unpacked / archive.stem)


@pytest.fixture(scope="session")
def published_site(site_dir, offline_bundle, tmp_path_factory) -> pathlib.Path:
    """What ./scripts/build leaves in site/: the online site with the offline zip in download/."""
    from scripts import bundle

    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(site_dir, site)
    bundle.publish(offline_bundle.zip, site)
    return site
