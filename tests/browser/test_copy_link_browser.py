"""A copied permalink drops search's `?h=` (copy-link.js), in Debian's Chromium, one page load.

A reader who arrives from a search result lands on `registry/?h=kms#...`: Material adds `h` to
highlight the words searched. The link copied from a heading's permalink goes into a ticket: it
must not carry the highlight, and must keep any other parameter as written. The same function
gives the offline bundle's file:// addresses, checked in the same page.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_copied_permalink_drops_the_search_highlight_and_keeps_the_rest(browser, site_url):
    context = browser.new_context(service_workers="block", locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_url + "registry/?h=kms+host&view=all#values", wait_until="load")
        link = page.locator("#key-paths a.headerlink")
        link.click(force=True)  # permalinks show on hover only
        page.wait_for_function("() => document.querySelector('#key-paths a.headerlink').dataset.copiedUrl")
        expected = site_url + "registry/?view=all#key-paths"
        assert link.get_attribute("data-copied-url") == expected
        assert page.evaluate("navigator.clipboard.readText()") == expected
        # offline, from file://: the same rule (every page runs the same copy-link.js)
        cases = {
            "file:///home/a/vakb/registry.html?h=kms": "file:///home/a/vakb/registry.html#key-paths",
            "file:///home/a/vakb/registry.html?tab=2&h=kms&hx=1": "file:///home/a/vakb/registry.html?tab=2&hx=1#key-paths",
            "file:///home/a/vakb/registry.html": "file:///home/a/vakb/registry.html#key-paths",
        }
        for base, want in cases.items():
            assert page.evaluate("base => vakb.permalinkUrl('#key-paths', base)", base) == want, base
    finally:
        context.close()
