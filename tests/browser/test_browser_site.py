"""The served site in headless Debian Chromium: per-language search, the switcher, no foreign
request, and no serious or critical axe-core violation on any kind of page, in either palette.

Uses the session fixtures of conftest.py: `site_url` (the strict build served on 127.0.0.1) and
`browser_page` (a fresh page that records every request). Page loads are kept few: each test loads
the pages it needs once.
"""

from __future__ import annotations

import pytest

from axe_check import blocking_violations
from conftest import stop_transitions
from vakb import data

TOPIC = "kms-host-setup/"  # a topic page with tabs, code, admonitions and tables, in both languages
PREFIX = {"en": "", "fr": "fr/"}
SAMPLE_ERROR = "0xc004f074"
SEARCH_TIMEOUT_MS = 15_000

# The rules whose result depends on colours: the only ones a second palette can change (the page's
# elements, names, roles and order are the same in both).
PALETTE_RULES = ("color-contrast", "link-in-text-block")
# Material's chrome (header, tabs, site navigation, footer) looks the same on every page of a language;
# only its words change (the title, previous/next, the switcher's target). It is checked whole, with
# every rule in both palettes, on four pages per language (home, a topic, an error page, a guide),
# and left out of the other pages' checks.
CHROME = {"exclude": [[".md-header"], [".md-tabs"], [".md-sidebar--primary"], [".md-footer"]]}
CHROME_PAGES = ("", TOPIC, f"errors/{SAMPLE_ERROR}/", "troubleshooting/clients-cannot-find-host/")
PALETTE_TOGGLE = '[data-md-component="palette"] label:not([hidden])'
# The palette toggle belongs to the chrome: where the chrome is checked, it is clicked as a reader
# clicks it (Playwright first checks that one could: visible, still, not covered). Elsewhere the same
# label is clicked from inside the page, which Material's change handler sees alike. Either way the
# dark palette is awaited in the page, on a timer: Playwright's wait_for_function polls on animation
# frames, which cost about 0.04 CPU s more a page.
CLICK_TOGGLE_IN_PAGE = f"document.querySelector({PALETTE_TOGGLE!r}).click()"
DARK_PALETTE_SHOWN = """async () => {
  for (let waited = 0; document.body.getAttribute('data-md-color-scheme') !== 'slate'; waited += 5) {
    if (waited > 15000) throw new Error('the palette toggle did not switch to the dark palette');
    await new Promise(done => setTimeout(done, 5));
  }
}"""


def axe_pages(built_pages) -> list[str]:
    """The pages to check, both languages: every Markdown page and one error page (the 42 error
    pages share one template; tests/topics/test_error_pages.py checks they are alike)."""
    pages = []
    for url, path in built_pages.items():
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # a redirect stub (docs/data/redirects.yml), not a page
            continue
        if "errors/0x" in url and not url.endswith(f"errors/{SAMPLE_ERROR}/"):
            continue
        pages.append(url)
    return pages


def search(page, query: str) -> list[str]:
    """Type `query` in the search box the way a reader does; the absolute URLs of the results."""
    box = page.locator("input.md-search__input")
    box.click()  # at desktop width the box sits in the header; clicking it opens the dialog
    box.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_TIMEOUT_MS)
    return page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_returns_pages_of_the_page_language_only(browser_page, site_url, lang):
    page = browser_page.page
    page.goto(site_url + PREFIX[lang] + TOPIC, wait_until="load")
    # "KMS" is on every page in both languages: a shared index would return both languages.
    results = search(page, "KMS")
    assert results, "no search result for KMS"
    french_root = site_url + "fr/"
    if lang == "fr":
        wrong = [r for r in results if not r.startswith(french_root)]
    else:
        wrong = [r for r in results if r.startswith(french_root) or not r.startswith(site_url)]
    assert not wrong, f"{lang} search returned pages of another language: {wrong}"
    assert not browser_page.foreign_requests((site_url,))


def test_switcher_leads_to_the_same_page_in_the_other_language_and_back(browser_page, site_url):
    page = browser_page.page
    page.goto(site_url + TOPIC, wait_until="load")
    for target_lang in ("fr", "en"):
        page.locator(".md-select").first.hover()
        page.locator(f'a.md-select__link[hreflang="{target_lang}"]').click()
        page.wait_for_url(site_url + PREFIX[target_lang] + TOPIC)
        assert page.locator("html").get_attribute("lang") == target_lang
    # The switcher button and palette toggle are named in the page language.
    page.goto(site_url + PREFIX["fr"] + TOPIC, wait_until="load")
    assert page.locator(".md-select > button").get_attribute("aria-label") == "Sélectionner la langue"
    names = page.locator('[data-md-component="palette"] input[aria-label]').evaluate_all(
        "inputs => inputs.map(i => i.getAttribute('aria-label'))")
    ui = data.load("ui")
    assert sorted(names) == sorted(ui[f"palette_toggle_{s}"]["fr"] for s in ("default", "slate"))
    assert page.locator(".md-search").get_attribute("aria-label") == ui["search_dialog"]["fr"]


def test_print_layout_drops_the_chrome_and_prints_every_tab(browser_page, site_url):
    page = browser_page.page
    page.emulate_media(color_scheme="dark")  # printing from the dark palette still gives black on white
    page.goto(site_url + TOPIC, wait_until="load")
    page.emulate_media(media="print", color_scheme="dark")
    state = page.evaluate("""() => {
      const shown = e => getComputedStyle(e).display !== 'none';
      return {
        chrome: [...document.querySelectorAll('.md-header, .md-search, .md-sidebar, .md-footer, .md-code__nav')]
                  .filter(shown).map(e => e.className),
        tabs: [...document.querySelectorAll('.tabbed-block')].map(e => shown(e) && e.offsetHeight > 0),
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.querySelector('.md-typeset')).color,
      };
    }""")
    assert state["chrome"] == [], f"still printed: {state['chrome']}"
    assert state["tabs"] and all(state["tabs"]), "every content tab's block is printed, not only the selected one"
    assert (state["background"], state["text"]) == ("rgb(255, 255, 255)", "rgb(0, 0, 0)")


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_a_first_visit_gets_the_palette_of_the_system(browser_page, site_url, scheme, palette):
    page = browser_page.page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + TOPIC, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_kind_of_page_stays_on_loopback_and_passes_axe_in_both_palettes(browser_page, site_url, built_pages, lang):
    # Contrast depends on what a page holds (fine print in tables, code, diagrams), so every page
    # is checked, not one per template: key-groups/ once had links at 4.4:1 that the home page lacks.
    # Each page is loaded once: every rule in the light palette (the one a first visit gets from a
    # light system), then the toggle to the dark one (PALETTE_TOGGLE) and the rules that read colours
    # (all rules on the four pages where the chrome is checked).
    page, problems = browser_page.page, []
    page.add_init_script("localStorage.clear()")  # else Material reapplies the palette of the last load
    page.emulate_media(color_scheme="light")  # the palettes follow prefers-color-scheme
    urls = [url for url in axe_pages(built_pages) if url.startswith("fr/") == (lang == "fr")]
    assert len(urls) > 30 and f"{PREFIX[lang]}key-groups/" in urls and f"{PREFIX[lang]}errors/{SAMPLE_ERROR}/" in urls
    chrome_pages = {PREFIX[lang] + path for path in CHROME_PAGES}
    assert chrome_pages <= set(urls)
    for url in urls:
        # The whole page and every rule in both palettes where the chrome is checked; elsewhere the
        # page without the chrome, and in the dark palette the rules that read colours.
        within, dark_rules = (None, None) if url in chrome_pages else (CHROME, PALETTE_RULES)
        page.goto(site_url + url, wait_until="load")
        assert page.evaluate("[document.documentElement.lang, document.body.dataset.mdColorScheme]") == [lang, "default"]
        problems += [f"/{url} (light): {v}" for v in blocking_violations(page, within)]
        stop_transitions(page)  # colours are read at once after the toggle, not mid-transition
        if url in chrome_pages:
            page.locator(PALETTE_TOGGLE).click()
        else:
            page.evaluate(CLICK_TOGGLE_IN_PAGE)
        page.evaluate(DARK_PALETTE_SHOWN)
        problems += [f"/{url} (dark): {v}" for v in blocking_violations(page, within, rules=dark_rules)]
    assert not problems, "axe-core serious/critical violations:\n" + "\n".join(problems)
    foreign = browser_page.foreign_requests((site_url,))
    assert browser_page.requests, "no request was recorded at all"
    assert not foreign, f"requests that left {site_url}: {foreign}"
