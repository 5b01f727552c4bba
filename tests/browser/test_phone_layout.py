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
# viewport that no scrolling box of their own contains.
OVERFLOW_JS = """() => {
  const root = document.documentElement, width = root.clientWidth;
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
