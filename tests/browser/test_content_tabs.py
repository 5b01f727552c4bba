"""Content tabs of the KMS host set-up page: one set of platform labels, one order, in both
languages, so that choosing a platform once (Material's content.tabs.link, which links tabs by
their label) shows that platform's step everywhere on the page; every label readable whole on a
laptop (1366 px) and reachable on a phone (390 px) without a hidden scrolling row, which axe
reports as scrollable-region-focusable.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import LANGUAGE_PREFIX, LANGUAGES

PAGE = "kms-host-setup/"
LAPTOP = {"width": 1366, "height": 768}
PHONES = ({"width": 390, "height": 844}, {"width": 320, "height": 640})


def tab_sets(html: str) -> list[list[str]]:
    """The labels of each content-tab set of a built page, in page order."""
    sets = re.findall(r'<div class="tabbed-labels">(.*?)</div>', html, flags=re.S)
    return [[re.sub(r"<[^>]+>", "", label).strip()
             for label in re.findall(r"<label[^>]*>(.*?)</label>", labels, flags=re.S)] for labels in sets]


def platform_sets(sets: list[list[str]]) -> list[list[str]]:
    """The sets about the host's platform: the first set of the page ("Choose the host platform")
    and every set sharing a label with it."""
    platforms = set(sets[0])
    return [labels for labels in sets if platforms & set(labels)]


def test_every_platform_tab_set_has_the_same_labels_in_the_same_order(built_pages):
    by_language = {}
    for lang in LANGUAGES:
        sets = platform_sets(tab_sets(built_pages[LANGUAGE_PREFIX[lang] + PAGE].read_text(encoding="utf-8")))
        assert len(sets) >= 3, f"{lang}: the platform choice and the steps that depend on it"
        odd = [labels for labels in sets if labels != sets[0]]
        assert not odd, f"{lang}: tab sets that choosing a platform would not follow: {odd} (first set: {sets[0]})"
        by_language[lang] = sets[0]
    assert by_language["en"] == by_language["fr"], f"labels or order differ between languages: {by_language}"


# For each platform set: the text of the selected label.
SELECTED_JS = """() => [...document.querySelectorAll('.md-content .tabbed-set')].map(set => {
  const inputs = [...set.querySelectorAll(':scope > input')];
  const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')];
  const i = inputs.findIndex(input => input.checked);
  return {labels: labels.map(l => l.textContent.trim()), selected: i < 0 ? null : labels[i].textContent.trim()};
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choosing_a_platform_shows_it_in_every_step(browser, site_url, lang):
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site_url + LANGUAGE_PREFIX[lang] + PAGE, wait_until="load")
        first_set = page.locator(".md-content .tabbed-set").first
        platforms = [t.strip() for t in first_set.locator(":scope > .tabbed-labels > label").all_text_contents()]
        for platform in platforms:
            first_set.locator(":scope > .tabbed-labels > label", has_text=platform).first.click()
            sets = [s for s in page.evaluate(SELECTED_JS) if set(s["labels"]) & set(platforms)]
            wrong = [s for s in sets if s["selected"] != platform]
            assert not wrong, f"{lang}: chose {platform!r}, still showing {[s['selected'] for s in wrong]}"
    finally:
        context.close()


def test_the_chosen_platform_is_remembered_on_the_next_visit(browser, site_url):
    """Material restores the reader's tab with a script that only pages with tabs carry now."""
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE, wait_until="load")
        first_set = page.locator(".md-content .tabbed-set").first
        platforms = [t.strip() for t in first_set.locator(":scope > .tabbed-labels > label").all_text_contents()]
        default = page.evaluate(SELECTED_JS)[0]["selected"]
        other = next(p for p in platforms if p != default)
        first_set.locator(":scope > .tabbed-labels > label", has_text=other).first.click()
        page.goto(site_url + "how-kms-works/", wait_until="load")
        page.goto(site_url + PAGE, wait_until="load")
        assert page.evaluate(SELECTED_JS)[0]["selected"] == other, f"chose {other!r}, got the default back"
    finally:
        context.close()


def test_tab_restoring_scripts_are_on_the_pages_with_tabs_only(built_pages):
    wrong = []
    for url, path in built_pages.items():
        html = path.read_text(encoding="utf-8")
        has_tabs, has_script = 'class="tabbed-set' in html, '__md_get("__tabs")' in html
        if has_tabs != has_script:
            wrong.append(f"{url}: tabs {has_tabs}, script {has_script}")
    assert not wrong, wrong[:5]
    assert any('class="tabbed-set' in path.read_text(encoding="utf-8") for path in built_pages.values())


# Every label whole: its text not cut (no ellipsis, no clipping) and inside the visible part of
# its row and of the screen, so it needs no sideways scrolling to be seen or tapped.
LABELS_JS = """() => [...document.querySelectorAll('.md-content .tabbed-labels > label')].map(label => {
  const row = label.parentElement.getBoundingClientRect(), r = label.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  return {text: label.textContent.trim(), cut: label.scrollWidth > label.clientWidth + 1,
          outside: r.left < Math.max(row.left, 0) - 1 || r.right > Math.min(row.right, width) + 1};
})"""


@pytest.mark.parametrize("viewport", (LAPTOP,) + PHONES, ids=lambda v: f"{v['width']}px")
def test_every_tab_label_is_whole_and_reachable(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    try:
        for lang in LANGUAGES:
            page.goto(site_url + LANGUAGE_PREFIX[lang] + PAGE, wait_until="load")
            labels = page.evaluate(LABELS_JS)
            assert len(labels) > 10
            bad = [f"{label['text']!r}{' cut' if label['cut'] else ''}{' off-screen' if label['outside'] else ''}"
                   for label in labels if label["cut"] or label["outside"]]
            assert not bad, f"{lang} at {viewport['width']} px: tab labels not whole: {bad}"
            # A row of tabs that scrolls is a scrolling region; the design has none (labels wrap).
            result = Axe().run(page, options={"runOnly": ["scrollable-region-focusable"]}).response
            assert not result["violations"], f"{lang} at {viewport['width']} px: {result['violations']}"
    finally:
        context.close()
