"""The search index is fetched when the reader first uses search, not on page load
(overrides/assets/javascripts/search-on-demand.js): a visit from a ticket link that never searches
downloads no index; the first search still answers, in both languages, however search is opened."""

from __future__ import annotations

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES

pytestmark = pytest.mark.browser

RESULTS = ".md-search-result__item"


def index_requests(recorded) -> list[str]:
    return [url for url in recorded.requests if url.split("?")[0].endswith("search/search_index.json")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visit_that_does_not_search_downloads_no_index(site_url, browser_page, lang):
    page = browser_page.page
    page.goto(f"{site_url}{LANGUAGE_PREFIX[lang]}errors/0xc004f074/", wait_until="networkidle")
    page.wait_for_timeout(500)  # Material sent its request during start-up, when it did
    page.mouse.wheel(0, 600)  # reading the page is not searching
    page.wait_for_timeout(200)
    assert index_requests(browser_page) == []
    assert browser_page.console_errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("opening", ["click", "keyboard"])
def test_the_first_search_answers(site_url, browser_page, lang, opening):
    page = browser_page.page
    page.goto(f"{site_url}{LANGUAGE_PREFIX[lang]}how-kms-works/", wait_until="networkidle")
    if opening == "click":
        page.locator("input.md-search__input").click()
    else:
        page.keyboard.press("/")  # Material's shortcut: focuses the search box
    page.keyboard.type("C004F074", delay=10)
    page.wait_for_selector(RESULTS, timeout=15000)
    assert index_requests(browser_page) == [f"{site_url}{LANGUAGE_PREFIX[lang]}search/search_index.json"]
    first = page.locator(f"{RESULTS} a.md-search-result__link").first.get_attribute("href")
    assert "errors/0xc004f074/" in first
    assert browser_page.console_errors == []


def test_the_offline_bundle_searches_as_before(offline_bundle, browser_page):
    # From file:// Material itself loads the index when search opens; the script stays out of it.
    page = browser_page.page
    page.goto(offline_bundle.url("fr/how-kms-works.html"), wait_until="load")
    assert "search-on-demand.js" not in page.content()
    page.locator("input.md-search__input").click()
    page.keyboard.type("C004F074", delay=10)
    page.wait_for_selector(RESULTS, timeout=15000)
    assert browser_page.foreign_requests(("file:",)) == []
