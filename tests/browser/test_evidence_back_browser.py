"""Back keeps the paste, in Debian's Chromium, online: paste, follow the verdict's link, press Back,
and the pasted text and its verdict are there again, with nothing written to the page's storage.

Playwright starts Chromium with --disable-back-forward-cache, so this is the harder case: the page
is loaded again and only the browser's form restoration brings the text back (the text area must
not be autocomplete="off", which forbids it), after the scripts ran and without an input event;
evidence-page.js reads it again on pageshow. With the back/forward cache (Chromium's default for
readers) the page comes back whole. Both the analyzer's own page and the box on the errors index.
"""

from __future__ import annotations

import pathlib

import pytest

from analyzer_page import wait_until

pytestmark = pytest.mark.browser

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "evidence"
CASES = [("en", "analyzer/", "en-client-notification-dlv.txt"), ("fr", "fr/errors/", "fr-client-grace-dli.txt")]
STORAGE = """() => JSON.stringify({local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage),
  cookie: document.cookie, history: history.state})"""


@pytest.mark.parametrize("lang, where, fixture", CASES)
def test_back_from_a_finding_brings_the_paste_and_its_verdict_again(browser, site_url, lang, where, fixture):
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    context = browser.new_context(service_workers="block", locale="en-US")
    try:
        page = context.new_page()
        page.goto(site_url + where, wait_until="load")
        page.focus("#evidence")
        page.keyboard.insert_text(text)  # what a paste does: the text at once, one input event
        assert wait_until(page, "() => !!document.querySelector('.vakb-evidence__verdict .vakb-evidence__read-more')")
        rule = page.get_attribute(".vakb-evidence__diagnosis", "data-rule")
        here = page.url
        page.click(".vakb-evidence__verdict .vakb-evidence__read-more")
        page.wait_for_load_state("load")
        assert page.url != here
        page.go_back(wait_until="commit")
        assert wait_until(page, "() => !!document.querySelector('.vakb-evidence__verdict')"), \
            "no verdict after Back: " + repr(page.evaluate("() => document.getElementById('evidence').value.slice(0, 60)"))
        assert page.url == here
        assert page.input_value("#evidence").replace("\r\n", "\n") == text.replace("\r\n", "\n")
        assert page.get_attribute(".vakb-evidence__diagnosis", "data-rule") == rule
        # nothing of the paste in the page's storage, cookies, history state or address
        marker = next(line.split(":", 1)[1].strip() for line in text.splitlines() if "CMID" in line or "(CMID)" in line)
        stored = page.evaluate(STORAGE) + repr(context.cookies()) + repr(context.storage_state())
        assert marker and marker not in stored, stored[:500]
        assert marker not in page.url
    finally:
        context.close()
