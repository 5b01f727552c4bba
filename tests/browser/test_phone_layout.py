"""On a phone (390 px wide, an iPhone 12-15 in portrait), no page scrolls sideways as a whole: a
wide table, code block or diagram scrolls in its own box, the page stays 390 px wide.

Every built page of both languages is loaded, except that the 84 error-code pages, which share
one template (tests/topics/test_error_pages.py), are sampled: the longest ones of each language.
"""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
ERROR_PAGES_PER_LANGUAGE = 3

# What sticks out of the page, for the failure message: the outermost elements wider than the
# viewport that no scrolling box of their own contains. Sought only on a page wider than the phone:
# reading every element's box on every page was 2 of the test's 28 CPU s.
OVERFLOW_JS = """() => {
  const root = document.documentElement, width = root.clientWidth;
  if (root.scrollWidth <= width) return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
  const contained = e => { for (let a = e.parentElement; a && a !== root && a !== document.body; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
  const culprits = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !contained(e)
           && !['fixed', 'sticky'].includes(getComputedStyle(e).position)  // follow the viewport
           && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1);
  }).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
             + (e.id ? '#' + e.id : ''));
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 5)};
}"""


def phone_pages(built_pages) -> list[str]:
    pages, error_pages = [], {}
    for url, path in built_pages.items():
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):  # a redirect stub
            continue
        if "errors/0x" in url:
            error_pages.setdefault(url.startswith("fr/"), []).append((path.stat().st_size, url))
        else:
            pages.append(url)
    for sized in error_pages.values():
        pages += [url for _size, url in sorted(sized, reverse=True)[:ERROR_PAGES_PER_LANGUAGE]]
    return pages


def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, built_pages):
    urls = phone_pages(built_pages)
    assert len(urls) > 30 and "fr/sources/" in urls and "slmgr/" in urls
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page, wide = context.new_page(), []
    try:
        for url in urls:
            page.goto(site_url + url, wait_until="load")
            found = page.evaluate(OVERFLOW_JS)
            if found["scrollWidth"] > found["clientWidth"]:
                wide.append(f"{url}: {found['scrollWidth']} px wide, {found['culprits']}")
    finally:
        context.close()
    assert not wide, f"pages wider than a {PHONE['width']} px phone:\n" + "\n".join(wide)


def test_the_width_check_names_what_sticks_out_and_passes_what_scrolls_in_its_box(browser):
    # No page of the site is too wide today: a made-up page shows the check can fail, and on what.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    try:
        page.set_content(f'{viewport}<p>Fits.</p><div style="overflow-x: auto"><table style="width: 900px"><tr><td>Scrolls in its box.</td></tr></table></div>')
        fits = page.evaluate(OVERFLOW_JS)
        page.set_content(f'{viewport}<p>Fits.</p><pre class="wide" style="width: 900px">Too wide.</pre>')
        wide = page.evaluate(OVERFLOW_JS)
    finally:
        context.close()
    assert fits["scrollWidth"] == fits["clientWidth"] == PHONE["width"] and fits["culprits"] == []
    assert wide["scrollWidth"] > wide["clientWidth"] == PHONE["width"] and wide["culprits"] == ["pre.wide"]


# The header's titles on the narrowest phones in use (320 px, an iPhone SE of the first generation):
# the site name, and the page title that replaces it once the page's own heading has scrolled away,
# wrap inside the header instead of losing their last line. French is the longer language: its site
# name needs four lines there. A title longer than four lines still ends in an ellipsis; the
# longest page title of the navigation ("Les clients ne trouvent pas l'hôte") and the home's fit.
NARROW_PHONE = {"width": 320, "height": 568}
HEADER_TITLES_JS = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return [...document.querySelectorAll('.md-header__topic .md-ellipsis')].map(e => {
    const box = e.getBoundingClientRect();
    return {text: e.textContent.trim(), hidden: e.scrollHeight - e.clientHeight,
            inside: box.top >= header.top - 0.5 && box.bottom <= header.bottom + 0.5};
  });
}"""


@pytest.mark.parametrize("url", ["fr/", "fr/troubleshooting/clients-cannot-find-host/"])
def test_french_header_titles_are_whole_on_a_320_px_phone(browser, site_url, url):
    context = browser.new_context(viewport=NARROW_PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    try:
        page.goto(site_url + url, wait_until="load")
        page.mouse.wheel(0, 2000)  # past the page's heading: the header shows the page title
        page.wait_for_timeout(300)
        titles = page.evaluate(HEADER_TITLES_JS)
    finally:
        context.close()
    assert [t["text"] for t in titles][0] == "Base de connaissances Volume Activation 2.0"
    for title in titles:
        assert title["hidden"] <= 1, f"{url}: {title['text']!r} loses {title['hidden']} px at 320 px"
        assert title["inside"], f"{url}: {title['text']!r} overflows the header"
