"""The project's headless Chromium (scripts/headless_chromium.py): the features it turns off keep Playwright's, and a
fresh context starts no browser UI of its own, only the page."""

from __future__ import annotations

import pathlib
import re

import playwright

from scripts.headless_chromium import ADDRESS_BAR_POPUPS, PLAYWRIGHT_DISABLED_FEATURES

DRIVER = pathlib.Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"


def playwright_disabled_features(source: str) -> set[str]:
    """The feature names of Playwright's `disabledFeatures = [...]` (chromiumSwitches.ts), comments left out."""
    start = source.find("disabledFeatures = [")
    assert start >= 0, f"Playwright's list of disabled Chromium features is no longer in {DRIVER}"
    block = source[start:source.index("]", start)]
    return set(re.findall(r'"([^"]+)"', "\n".join(line for line in block.splitlines() if not line.strip().startswith("//"))))


def test_the_disabled_features_keep_every_one_playwright_disables():
    # Chromium keeps the last --disable-features only: ours replaces Playwright's, which must stay off
    # (PaintHolding, ThirdPartyStoragePartitioning and the rest change what pages do under test).
    theirs = playwright_disabled_features(DRIVER.read_text(encoding="utf-8"))
    assert len(theirs) > 10
    missing = sorted(theirs - set(PLAYWRIGHT_DISABLED_FEATURES))
    assert not missing, f"add to scripts/headless_chromium.py's PLAYWRIGHT_DISABLED_FEATURES: {missing}"


def test_the_list_reader_sees_a_feature_and_skips_comments():
    source = 'x; disabledFeatures = [\n  // "NotAFeature" said here\n  "PaintHolding",\n  "Other"\n].filter(Boolean);'
    assert playwright_disabled_features(source) == {"PaintHolding", "Other"}


def test_a_fresh_context_starts_no_address_bar_popup(browser):
    session = browser.new_browser_cdp_session()
    context = browser.new_context()
    try:
        context.new_page().goto("about:blank")
        targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
    finally:
        context.close()
    ui = [target["url"] for target in targets if target["type"] == "browser_ui"]
    assert ADDRESS_BAR_POPUPS and ui == [], f"browser UI started with each context: {ui}"
