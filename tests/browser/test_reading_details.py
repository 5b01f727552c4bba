"""Small things readers noticed (issue 17), each checked on the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Text that is quoted verbatim (commands, code, drawings) keeps its own punctuation.
VERBATIM = {"pre", "code", "samp", "kbd", "script", "style", "svg", "title", "textarea"}


class ReadableText(HTMLParser):
    """The text of a page a reader reads in the page's language: verbatim elements left out, and
    quotations marked as English (lang="en": a Microsoft page's title on a French page)."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.open = 0, [], []

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return  # no end tag to match
        left_out = tag in VERBATIM or dict(attrs).get("lang") == "en"
        self.open.append(left_out)
        self.depth += left_out

    def handle_endtag(self, tag):
        if self.open and tag not in self.VOID:
            self.depth -= self.open.pop() and self.depth > 0

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def readable_text(html: str) -> str:
    parser = ReadableText()
    parser.feed(html)
    return "".join(parser.parts)


# A colon glued to the word before it, as in "MS: ...": French wants a (non-breaking) space.
GLUED_COLON = re.compile(r"\S{0,20}[^\s\u00a0\u202f]:(?=\s)")


def test_french_pages_put_a_space_before_every_colon(built_pages):
    glued = {}
    for url, path in built_pages.items():
        # sources/ quotes each reference's own title, in English ("Appendix A: KMS Client Setup Keys").
        if url.startswith("fr/") and url != "fr/sources/":
            found = GLUED_COLON.findall(readable_text(path.read_text(encoding="utf-8")))
            if found:
                glued[url] = found[:3]
    assert not glued, f"{len(glued)} French pages with a colon glued to the word before it: {dict(list(glued.items())[:8])}"


# --- in the browser ------------------------------------------------------------------------------

import pytest  # noqa: E402

from conftest import LANGUAGE_PREFIX, LANGUAGES  # noqa: E402

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# For each code block with Material's copy button: scrolled to its far right, does the end of its
# longest line sit under the button?
COPY_BUTTON_JS = """() => [...document.querySelectorAll('.md-content pre')].filter(pre => pre.querySelector('.md-code__nav'))
  .map(pre => {
    const code = pre.querySelector('code'), nav = pre.querySelector('.md-code__nav').getBoundingClientRect();
    code.scrollLeft = code.scrollWidth;
    let covered = [];
    for (const line of code.querySelectorAll(':scope > span[id]')) {
      const range = document.createRange(); range.selectNodeContents(line);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (!rects.length) continue;
      const end = rects.reduce((a, b) => (b.right > a.right ? b : a));
      if (end.right > nav.left && end.top < nav.bottom && end.bottom > nav.top) covered.push(line.textContent.trim().slice(-30));
    }
    return {id: pre.id, covered};
  }).filter(block => block.covered.length)"""


@pytest.mark.parametrize("viewport", (LAPTOP, PHONE), ids=lambda v: f"{v['width']}px")
def test_the_copy_button_never_covers_the_end_of_a_command(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block")
    page, covered = context.new_page(), []
    try:
        for lang in LANGUAGES:
            for url in ("errors/0xc004f074/", "kms-host-setup/", "registry/", "slmgr/"):
                page.goto(site_url + LANGUAGE_PREFIX[lang] + url, wait_until="load")
                covered += [f"{LANGUAGE_PREFIX[lang]}{url}#{b['id']}: {b['covered']}" for b in page.evaluate(COPY_BUTTON_JS)]
    finally:
        context.close()
    assert not covered, "line ends under the copy button:\n" + "\n".join(covered)


# Entries of the table of contents whose text is cut (an ellipsis or clipped).
TOC_JS = """() => [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link .md-ellipsis')]
  .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_of_contents_shows_whole_value_names(browser, site_url, lang):
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site_url + LANGUAGE_PREFIX[lang] + "registry/", wait_until="load")
        assert page.locator(".md-sidebar--secondary .md-nav__link").count() > 10
        cut = page.evaluate(TOC_JS)
    finally:
        context.close()
    assert not cut, f"{lang} registry/ table of contents cuts: {cut}"


# Client setup keys: the keys are what the page is for; they are not smaller than its small print.
KEY_SIZES_JS = """() => {
  const table = document.createElement('table'); table.innerHTML = '<tbody><tr><td>x</td></tr></tbody>';
  document.querySelector('.md-content .md-typeset').appendChild(table);
  const small = parseFloat(getComputedStyle(table.querySelector('td')).fontSize); table.remove();
  const keys = [...document.querySelectorAll('.md-content tr[id] td code')].map(c => parseFloat(getComputedStyle(c).fontSize));
  return {small, keys: keys.length, smallest: Math.min(...keys)};
}"""


def test_client_setup_keys_are_not_smaller_than_the_small_print(browser, site_url):
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    page = context.new_page()
    try:
        for lang in LANGUAGES:
            page.goto(site_url + LANGUAGE_PREFIX[lang] + "client-setup-keys/", wait_until="load")
            sizes = page.evaluate(KEY_SIZES_JS)
            assert sizes["keys"] > 10
            assert sizes["smallest"] >= sizes["small"] - 0.05, f"{lang}: keys at {sizes['smallest']} px, small print {sizes['small']} px"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_client_setup_key_has_a_copy_button_that_copies_it(browser, site_url, lang):
    from vakb import data

    editions = data.load("gvlk")["editions"]
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_url + LANGUAGE_PREFIX[lang] + "client-setup-keys/")
        buttons = page.locator("article button.vakb-copy-value")
        assert buttons.count() >= len(editions), "a key of gvlk.yml has no copy button"
        edition = editions[-1]
        button = page.locator(f'article tr[id="{edition["id"]}"] button.vakb-copy-value').first
        label = button.get_attribute("aria-label")
        assert ("Copier la clé" if lang == "fr" else "Copy the client setup key") in label
        button.click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
        assert page.evaluate("navigator.clipboard.readText()") == edition["key"]
    finally:
        context.close()
