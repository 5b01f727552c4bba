"""The analyzer's page script (overrides/assets/javascripts/evidence-page.js) in Debian's Chromium,
on a small page of its own loaded from file://, in both languages.

This checks the page side only (drawing, links, privacy); the site's pages will embed the same
markup once the analyzer is placed on them, and their own browser tests will cover that.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
FIXTURES = ROOT / "tests" / "fixtures" / "evidence"

from vakb.topics import evidence as evidence_payload  # the payload the page embeds

PARSER = tuple(path.rsplit("/", 1)[1] for path in evidence_payload.PARSER_SCRIPTS)


def make_page(folder: pathlib.Path, lang: str, directory_urls: bool) -> str:
    for name in PARSER + ("evidence-page.js",):
        shutil.copy(SCRIPTS / name, folder / name)
    payload = json.dumps(evidence_payload.payload(), ensure_ascii=False).replace("</", "<\\/")
    page = folder / f"analyzer-{lang}.html"
    page.write_text(f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>analyzer</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">
</head><body>
<div class="vakb-evidence" data-directory-urls="{str(directory_urls).lower()}">
<textarea id="evidence"></textarea>
<script type="application/json" class="vakb-evidence__data">{payload}</script>
<div class="vakb-evidence__findings" aria-live="polite"></div>
</div>
{"".join(f'<script src="{name}"></script>' for name in PARSER)}<script src="evidence-page.js"></script>
</body></html>""", encoding="utf-8")
    return page.as_uri()


@pytest.mark.parametrize("lang, fixture, expected_text, expected_href", [
    ("en", "en-host-below-threshold-dli.txt", "The host count 2 is below 5", "activation-count.html#thresholds"),
    ("fr", "fr-client-notification-dli.txt", "À l'état Notification à cause du code 0xC004F009\u00a0:", "errors/0xc004f009.html"),
])
def test_findings_appear_as_the_text_changes(browser_page, tmp_path, lang, fixture, expected_text, expected_href):
    page = browser_page.page
    url = make_page(tmp_path, lang, directory_urls=False)
    page.goto(url)
    page.fill("#evidence", (FIXTURES / fixture).read_text(encoding="utf-8"))
    page.wait_for_selector(".vakb-evidence__finding", state="attached")  # in the folded details
    texts = page.locator(".vakb-evidence__finding").all_text_contents()
    assert any(expected_text in t for t in texts), texts
    hrefs = page.eval_on_selector_all(".vakb-evidence__finding a", "links => links.map(a => a.href)")
    assert any(h.endswith(expected_href) for h in hrefs), hrefs
    assert all(h.startswith("file://") for h in hrefs)
    # nothing pasted leaves the page or stays behind
    assert browser_page.foreign_requests(("file://",)) == []
    assert page.url == url
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert browser_page.console_errors == []


def test_pasted_markup_stays_text_and_unreadable_text_gets_examples(browser_page, tmp_path):
    page = browser_page.page
    page.goto(make_page(tmp_path, "en", directory_urls=True))
    page.fill("#evidence", '<img src=x onerror="document.title=1"> hello')
    page.wait_for_selector(".vakb-evidence__examples li")
    assert page.locator(".vakb-evidence img").count() == 0
    assert page.title() == "analyzer"
    assert page.locator(".vakb-evidence__examples li").count() == 5
    assert "<img src=x" in page.locator(".vakb-evidence__excerpt").inner_text()
    page.fill("#evidence", "Error: 0xC004F074.")
    page.wait_for_selector(".vakb-evidence__finding--code a", state="attached")
    assert page.get_attribute(".vakb-evidence__finding--code a", "href").endswith("/errors/0xc004f074/")
    # the verdict comes first, in full view: the likely cause, its first step, a link to read more
    assert page.locator(".vakb-evidence__diagnosis").first.is_visible()
    assert page.get_attribute(".vakb-evidence__diagnosis .vakb-evidence__read-more", "href").endswith(
        "/troubleshooting/client-not-activating/#step-2-read-12288")
    assert browser_page.console_errors == []
