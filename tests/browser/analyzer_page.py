"""The analyzer's text area driven as a reader drives it, for the browser tests of the analyzer on
the built site (test_evidence_site_browser.py, test_evidence_verdict_browser.py)."""

from __future__ import annotations

import time

TIMEOUT_MS = 15_000
PARSER_READY = "() => Boolean(window.vakbEvidence && window.vakbEvidenceData)"


def wait_until(page, predicate: str, arg=None) -> bool:
    """Poll a predicate with page.evaluate: nginx's CSP refuses the string evaluation that
    Playwright's wait_for_function uses, and loosening the CSP would test another site."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if page.evaluate(predicate, arg):
            return True
        page.wait_for_timeout(100)
    return False


def load_parser(page):
    """Focus the text area, which loads the parser and its data (a visit that does not paste
    downloads neither), and wait until both are there."""
    page.focus("#evidence")
    assert wait_until(page, PARSER_READY), "the analyzer's parser did not load"


def paste(page, text: str):
    """What a paste does: the whole text at once, then one input event."""
    page.eval_on_selector("#evidence", "(area, text) => { area.value = text; area.dispatchEvent(new Event('input', {bubbles: true})); }", text)
