"""The errors index's lookup box driven as an agent drives it, for the browser tests of the box
(test_error_lookup_browser.py, test_error_catalogue_lookup_browser.py)."""

from __future__ import annotations

import contextlib
import pathlib
import re

from conftest import LANGUAGE_PREFIX
from scripts.loopback_server import QuietHandler, serve

CODE_PAGE = re.compile(r"/errors/0x[0-9a-f]{8}/$")
TIMEOUT_MS = 10_000


def index_url(site_url: str, lang: str) -> str:
    return f"{site_url}{LANGUAGE_PREFIX[lang]}errors/"


def code_url(site_url: str, lang: str, code: str) -> str:
    return f"{site_url}{LANGUAGE_PREFIX[lang]}errors/{code.lower()}/"


class CodePagesAnswerNoContent(QuietHandler):
    """The site, except that a code page is answered 204 No Content: a browser that follows a link
    or an assign() to it stays on the page it was on (HTML's navigation rules)."""

    def do_GET(self):
        if CODE_PAGE.search(self.path.split("?")[0]):
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@contextlib.contextmanager
def index_that_stays(site_dir: pathlib.Path):
    """The base URL of `site_dir` served with its code pages answered 204 (CodePagesAnswerNoContent).

    Going back to the 230 KB index after each landing reloaded it (Playwright's Chromium keeps no
    back/forward cache), and that was most of the lookup tests' time; Playwright's own request
    interception cannot answer a navigation without ending it. That each address holds its code's
    page is checked apart, once per code, on the real site (`landing_title`)."""
    with serve(site_dir, CodePagesAnswerNoContent) as url:
        yield url


def addresses_opened(page, typed_forms: list[str]) -> list[str]:
    """Type each form in the lookup box of the page (an index served by `index_that_stays`) and
    press Enter; the address the box sent the page to, for each."""
    box = page.locator("#error-lookup input[type=search]")
    opened = []
    for typed in typed_forms:
        box.fill(typed)  # and the box has the focus
        with page.expect_request(lambda request: request.is_navigation_request(), timeout=TIMEOUT_MS) as navigation:
            # The keyboard's Enter, not the locator's: Locator.press also waits until the navigation
            # it started commits or is aborted, and once in a suite run it missed the end of a 204
            # navigation and hung for its 30 s. The request awaited here is all the test needs.
            page.keyboard.press("Enter")
        response = navigation.value.response()
        assert response is not None and response.status == 204, f"{typed!r}: {navigation.value.url} was not a code page"
        opened.append(navigation.value.url)
    return opened


def landing_title(page, url: str) -> str:
    """The title (h1) of the page at `url`, opened in the browser."""
    page.goto(url)
    return page.locator("article h1").inner_text()


def check_every_form_opens_its_page(browser_page, site_dir, site_url: str, lang: str, forms: list[tuple[str, str]]):
    """Each (typed, code) of `forms`, typed in the lookup box of the errors index, sends the page to
    that code's page; each code's page is then opened once, and starts with its code."""
    page = browser_page.page
    with index_that_stays(site_dir) as base:
        page.goto(index_url(base, lang))
        opened = addresses_opened(page, [typed for typed, _ in forms])
    assert opened == [code_url(base, lang, code) for _, code in forms], list(zip(forms, opened))
    for code in sorted({code for _, code in forms}):
        assert landing_title(page, code_url(site_url, lang, code)).startswith(code)
    assert browser_page.console_errors == []
    assert browser_page.foreign_requests((site_url, base)) == []
