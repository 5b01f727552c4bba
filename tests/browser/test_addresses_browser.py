"""Addresses that keep working, in Debian's Chromium.

- The language switcher keeps the reader's place: from registry/#vlrenewalinterval it leads to the
  other language's registry/#vlrenewalinterval, and a tool's query string (the count
  calculator's entries) comes along. Online, from file:// (the offline bundle) and behind nginx with its CSP.
- A code's address in the case the site displays (/errors/0xC004F074/) reaches the code's page,
  in both languages: behind the project's nginx, and on a plain static host that answers a missing
  file with the site's 404 page (emulated below, as GitHub Pages or any bucket host does).
"""

from __future__ import annotations

import pytest

from scripts.loopback_server import QuietHandler, serve
from nginx_server import nginx  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "fr": "fr/"}
OTHER = {"en": "fr", "fr": "en"}
TIMEOUT_MS = 15_000


class StaticHostHandler(QuietHandler):
    """A plain static host: files as they are, a missing one answered with the language's 404.html."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = "fr/404.html" if self.path.startswith("/fr/") else "404.html"
        body = (self.directory_path / page).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def static_host(site_dir):
    with serve(site_dir, type("Handler", (StaticHostHandler,), {"directory_path": site_dir})) as url:
        yield url


def page_url(base: str, lang: str, slug: str, directory_urls: bool) -> str:
    return base + PREFIX[lang] + (slug + "/" if directory_urls else slug + ".html")


@pytest.fixture(params=["online", "offline", "nginx"])
def place(request):
    """(base URL, directory URLs?) of one way of reading the site."""
    if request.param == "online":
        return request.getfixturevalue("site_url"), True
    if request.param == "offline":
        return request.getfixturevalue("offline_bundle").url("") + "/", False
    return request.getfixturevalue("nginx").url, True


@pytest.fixture
def page(browser):
    context = browser.new_context(service_workers="block", locale="en-US")
    opened = context.new_page()
    opened.problems = []
    opened.on("pageerror", lambda err: opened.problems.append(str(err)))
    yield opened
    context.close()


def switch_language(page, lang: str):
    """Click the switcher's link to the other language, as a reader does (the menu opened first)."""
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'a.md-select__link[hreflang="{OTHER[lang]}"]')


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_language_switch_keeps_the_anchor(page, place, lang):
    base, directory_urls = place
    page.goto(page_url(base, lang, "registry", directory_urls) + "#vlrenewalinterval")
    switch_language(page, lang)
    assert page.url == page_url(base, OTHER[lang], "registry", directory_urls) + "#vlrenewalinterval"
    assert page.evaluate("document.documentElement.lang").startswith(OTHER[lang])
    assert page.problems == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_language_switch_keeps_a_tools_query_string(page, place, lang):
    """The count calculator keeps its entries in the query string (tools/common.js): a reader who
    switches language keeps them, and the anchor of the tool."""
    base, directory_urls = place
    page.goto(page_url(base, lang, "activation-count", directory_urls) + "?clients=7#count-calculator")
    switch_language(page, lang)
    assert page.url == page_url(base, OTHER[lang], "activation-count", directory_urls) + "?clients=7#count-calculator"
    page.wait_for_selector('[data-tool] input[name="clients"]')
    assert page.eval_on_selector('[data-tool] input[name="clients"]', "el => el.value") == "7"
    assert page.problems == []


@pytest.mark.parametrize("host", ["static", "nginx"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("written", ["0xC004F074", "0XC004F074", "0xc004F074"])
def test_a_code_address_in_any_case_reaches_the_page(page, request, host, lang, written):
    base = request.getfixturevalue("static_host") if host == "static" else request.getfixturevalue("nginx").url
    page.goto(f"{base}{PREFIX[lang]}errors/{written}/#fix")
    page.wait_for_url(f"{base}{PREFIX[lang]}errors/0xc004f074/#fix", timeout=TIMEOUT_MS)
    assert "0xC004F074" in page.inner_text("h1")
    assert page.evaluate("document.documentElement.lang").startswith(lang)


def test_a_missing_code_in_upper_case_ends_on_the_404_page_without_a_loop(page, static_host):
    page.goto(f"{static_host}errors/0xC0000000/")
    page.wait_for_url(f"{static_host}errors/0xc0000000/", timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    assert page.url == f"{static_host}errors/0xc0000000/"
