"""The flags Debian's Chromium is launched with, headless, by the bench's page weight and first search
(scripts/bench_weight.py) and, with one more, by the browser tests (tests/conftest.py).

Debian's Chromium is the whole browser run headless: each new window, so each fresh context, starts
the address bar's two WebUI popups in a renderer of their own, which took more CPU than the page
loaded in it (0.57 of 0.98 CPU s for a context's first page, measured 2026-12-07). Nothing here uses
the address bar. Chromium keeps only the last --disable-features, so Playwright's own list is
repeated; tests/browser/test_chromium_setup.py checks it against the installed Playwright and that
the popups are gone.
"""

from __future__ import annotations

PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying",
    "AimEnabled", "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion")
ADDRESS_BAR_POPUPS = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + ADDRESS_BAR_POPUPS)]

# The tests give V8 a larger young generation (fewer scavenges): 6-7 % less CPU on page loads and on
# axe runs, measured 2026-12-07. The bench keeps V8 as readers' browsers have it: it measures.
TEST_ARGS = ARGS + ["--js-flags=--max-semi-space-size=32"]
