"""The analyzer's text area driven as a reader drives it, for the browser tests of the analyzer on
the built site (test_evidence_site_browser.py, test_evidence_verdict_browser.py)."""

from __future__ import annotations

import time

TIMEOUT_MS = 15_000
PARSER_READY = "() => Boolean(window.vakbEvidence && window.vakbEvidenceData)"


# Polls a predicate inside the page, every 10 ms, for half a second per call (short enough that a
# page which navigates away loses little, long enough that a wait is one call or a few). The predicate is
# written into the function's text: nginx's CSP refuses the string evaluation (eval, new Function) that
# Playwright's wait_for_function uses, and loosening the CSP would test another site. Polled from
# Python every 100 ms instead, each wait lasted up to 100 ms longer than the page took.
POLL_IN_PAGE = """async (arg) => {{
  const predicate = {predicate};
  for (const until = Date.now() + 500; Date.now() < until; ) {{
    if (predicate(arg)) return true;
    await new Promise(resolve => setTimeout(resolve, 10));
  }}
  return Boolean(predicate(arg));
}}"""


def wait_until(page, predicate: str, arg=None) -> bool:
    """True once the JavaScript function `predicate` (as text) returns true for `arg`; False if it
    still does not after TIMEOUT_MS (and the half second of the call under way)."""
    poll = POLL_IN_PAGE.format(predicate=predicate)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if page.evaluate(poll, arg):
            return True
    return False


def load_parser(page):
    """Focus the text area, which loads the parser and its data (a visit that does not paste
    downloads neither), and wait until both are there."""
    page.focus("#evidence")
    assert wait_until(page, PARSER_READY), "the analyzer's parser did not load"


def paste(page, text: str):
    """What a paste does: the whole text at once, then one input event."""
    page.eval_on_selector("#evidence", "(area, text) => { area.value = text; area.dispatchEvent(new Event('input', {bubbles: true})); }", text)
