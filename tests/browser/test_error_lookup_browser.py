"""The errors index and code pages in headless Debian Chromium: lookup box, site search, ticket reply.

One index load per language serves every written form (error_lookup_box.py keeps it loaded), one
more per language for garbage input, one for search and one for the copy button.
"""

from __future__ import annotations

import re

import pytest

from vakb import data, typography
from conftest import LANGUAGE_PREFIX, ROOT
from error_lookup_box import TIMEOUT_MS, check_every_form_opens_its_page, code_url, index_url
from axe_check import blocking_violations  # axe-core, serious and critical only

# (what an agent types or pastes, the code whose page it must open)
FORMS = [
    ("0xC004F074", "0xC004F074"),
    ("  0xc004f074  ", "0xC004F074"),  # pasted with spaces, lower case
    ("C004F074", "0xC004F074"),  # no 0x
    ("3221549172", "0xC004F074"),  # unsigned decimal, as event logs print it
    ("-1073418124", "0xC004F074"),  # signed decimal, as scripts print it
    ("80070005", "0x80070005"),  # eight hex digits that are all decimal digits: still hex
    ("0X8007232b", "0x8007232B"),  # upper-case X, mixed-case digits
    # Read by the analyzer's parser (evidence.js), the one the text area above uses:
    ("Error 0xC004F074", "0xC004F074"),  # copied with the words around it
    ("0xC004F074.", "0xC004F074"),  # the end of a sentence
    ("Error: c004f074 The Software Licensing Service reported", "0xC004F074"),  # lower case, no 0x, in a line
]
# Never a code; each must leave the page as it is, with the "what is accepted" message.
GARBAGE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(document.domain)>',
    "javascript:alert(1)",
    "0xZZZZZZZZ",
    "C004F07",
    "99999999999",
    "",
]
UNKNOWN = ["0xC0000000", "0"]  # well-formed codes this knowledge base does not list
SEARCH_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def labels():
    """The interface words as pages show them: the build gives French its spacing (" :" becomes a
    no-break space before the colon) in page text and data-* attributes alike."""
    words = data.load("errors")["labels"]
    return {"en": words["en"], "fr": {key: typography.french_text(text) for key, text in words["fr"].items()}}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_written_form_opens_the_code_page(browser_page, site_dir, site_url, lang):
    check_every_form_opens_its_page(browser_page, site_dir, site_url, lang, FORMS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_garbage_stays_on_the_page_with_the_message_and_runs_nothing(browser_page, site_url, labels, lang):
    page = browser_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(index_url(site_url, lang))
    box = page.locator("#error-lookup input[type=search]")
    message = page.locator("#error-lookup-message")
    assert message.inner_text() == ""
    # Counted in the body: the analyzer's parser, loaded for free text, arrives as scripts in the head.
    elements = page.evaluate("document.body.getElementsByTagName('*').length")
    for typed in GARBAGE + UNKNOWN:
        box.fill(typed)
        box.press("Enter")
        expected = labels[lang]["lookup_unknown" if typed in UNKNOWN else "lookup_invalid"]
        page.wait_for_function("text => document.getElementById('error-lookup-message').textContent === text",
                               arg=expected, timeout=TIMEOUT_MS)
        assert page.url == index_url(site_url, lang), typed
        assert box.input_value() == typed  # the entry stays, so the agent can correct it
        # Nothing typed became markup: no element appeared, the message is text only.
        assert page.evaluate("document.body.getElementsByTagName('*').length") == elements, typed
        assert page.locator("#error-lookup-message *").count() == 0
        assert message.get_attribute("role") == "status"
    page.wait_for_timeout(300)  # an onerror/onload handler would have fired by now
    assert dialogs == []
    assert browser_page.console_errors == []
    # With the message shown, the index (table, box, datalist) has no serious accessibility issue.
    assert blocking_violations(page) == []
    # Typing again clears the message.
    box.fill("0xC004F0")
    assert message.inner_text() == ""


def test_suggestions_list_every_code_while_typing(browser_page, site_url):
    page = browser_page.page
    page.goto(index_url(site_url, "fr"))
    box = page.locator("#error-lookup input[type=search]")
    options = page.locator(f"datalist#{box.get_attribute('list')} option")
    # Every code that has a page: the documented ones and the rest of the catalogue.
    catalogue = data.load("error_catalogue")
    codes = ({entry["code"] for entry in data.load("errors")["errors"]}
             | {entry["code"] for entry in catalogue["slerror_codes"] + catalogue["other_codes"]})
    assert set(options.evaluate_all("os => os.map(o => o.value)")) == codes
    # The suggestions speak the page's language.
    meaning = next(e for e in data.load("errors")["errors"] if e["code"] == "0xC004F074")["meaning"]["fr"]
    assert meaning in page.locator("option[value='0xC004F074']").get_attribute("label")
    # The visible label names the box for assistive technology.
    assert page.get_by_label(data.load("errors")["labels"]["fr"]["lookup_label"]).count() == 1


def search(page, query: str) -> list[str]:
    """Type `query` in Material's search box; the absolute URLs of the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta') && "
        "document.querySelector('.md-search-result__item') && "
        "document.querySelector('input.md-search__input').value === q", arg=query, timeout=SEARCH_TIMEOUT_MS)
    page.wait_for_timeout(300)  # results for the full query, not for a prefix typed before
    return page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_site_search_finds_a_code_in_both_forms_in_the_page_language(browser_page, site_url, lang):
    page = browser_page.page
    page.goto(index_url(site_url, lang))
    # 0xC004F074 is also cited on many topic pages: its own page must still come first.
    queries = [(code, query) for code in ("0xC004F038", "0xC004F074") for query in (code, code[2:])]
    for code, query in queries:
        results = [re.split(r"[?#]", url)[0] for url in search(page, query)]
        assert results and results[0] == code_url(site_url, lang, code), f"{query}: {results[:5]}"
        in_french = [url.startswith(f"{site_url}fr/") for url in results]
        assert all(in_french) if lang == "fr" else not any(in_french), f"{query}: {results}"
    assert browser_page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_copy_button_puts_a_ticket_reply_on_the_clipboard(browser, site_url, labels, lang):
    context = browser.new_context(service_workers="block", locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        # As search leaves it: a ?h= query and a fragment, neither of which belongs in a ticket.
        page.goto(code_url(site_url, lang, "0xC004F038") + "?h=kms#top")
        page.evaluate("navigator.clipboard.writeText('sentinel')")
        button = page.get_by_role("button", name=labels[lang]["ticket_button"])
        button.click()
        status = page.locator(".vakb-ticket-reply__status")
        page.wait_for_function("text => document.querySelector('.vakb-ticket-reply__status').textContent === text",
                               arg=labels[lang]["ticket_copied"], timeout=TIMEOUT_MS)
        assert status.is_visible()
        assert blocking_violations(page) == []
        reply = page.evaluate("navigator.clipboard.readText()")
        entry = next(e for e in data.load("errors")["errors"] if e["code"] == "0xC004F038")
        # Plain text: the code and meaning, the first fix step and its command, the published URL.
        assert "0xC004F038" in reply and entry["meaning"][lang] in reply
        assert entry["fix"][0][lang] in reply and entry["fix"][0]["command"] in reply
        # Online: the address of the page being read, without the query and fragment.
        assert reply.rstrip().endswith("\n" + reply.splitlines()[-1].rsplit("http", 1)[0] + code_url(site_url, lang, "0xC004F038"))
        assert "?h=" not in reply and "#" not in reply.splitlines()[-1] and "example.org" not in reply
        assert "<" not in reply and "`" not in reply and "{{" not in reply
        # Offline (the bundle's reply data): the public address when the build had one, else the page in words.
        named = labels[lang]["ticket_named"].replace("{page}", "errors/0xC004F038")
        for url, expected in ((None, named), ("https://kms.contoso.com/errors/0xc004f038/", "https://kms.contoso.com/errors/0xc004f038/")):
            page.evaluate("""url => {
                const block = document.querySelector('script.vakb-ticket-reply__text');
                block.textContent = JSON.stringify(Object.assign(JSON.parse(block.textContent), {offline: true, url: url}));
                document.querySelector('.vakb-ticket-reply__status').textContent = '';
            }""", url)
            button.click()
            page.wait_for_function("text => document.querySelector('.vakb-ticket-reply__status').textContent === text",
                                   arg=labels[lang]["ticket_copied"], timeout=TIMEOUT_MS)
            offline_reply = page.evaluate("navigator.clipboard.readText()")
            assert offline_reply.splitlines()[-1].endswith(" " + expected), offline_reply
            assert offline_reply.splitlines()[:-1] == reply.splitlines()[:-1]
        # A short page (token-based activation: its nearest page is a topic's section): the same
        # format, with Windows' own text as the first step, and the page it says to start from.
        short_code = "0xC004F301"
        nearest = next(g for g in data.load("error_catalogue")["groups"] if g["id"] == "token-activation")["nearest"]
        slug, _, anchor = nearest.partition("#")
        page.goto(code_url(site_url, lang, short_code) + "?h=kms#top")
        page.evaluate("navigator.clipboard.writeText('sentinel')")
        page.get_by_role("button", name=labels[lang]["ticket_button"]).click()
        page.wait_for_function("text => document.querySelector('.vakb-ticket-reply__status').textContent === text",
                               arg=labels[lang]["ticket_copied"], timeout=TIMEOUT_MS)
        short = page.evaluate("navigator.clipboard.readText()").splitlines()
        assert short[0].startswith(labels[lang]["ticket_error"] + " " + short_code) and f"    slui.exe 0x2a {short_code}" in short
        assert short[-1].startswith(labels[lang]["where_to_start"])
        assert short[-1].endswith(f" {site_url}{LANGUAGE_PREFIX[lang]}{slug}/#{anchor}"), short
    finally:
        context.close()


# A browser without the Clipboard API (pages from file://, plain http): the page sees no
# navigator.clipboard; the test keeps a handle on the real one to read what was copied.
WITHOUT_CLIPBOARD_API = """(() => {
    const real = navigator.clipboard;
    window.__readClipboard = () => real.readText();
    window.__writeClipboard = text => real.writeText(text);
    Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
})();"""
# ... and one that refuses the older execCommand("copy") as well.
REFUSING_EVERY_COPY = WITHOUT_CLIPBOARD_API + "document.execCommand = () => false;"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ticket_reply_is_copied_without_the_clipboard_api_or_shown_to_copy_by_hand(browser, site_url, labels, lang):
    context = browser.new_context(service_workers="block", locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    status_is = "text => document.querySelector('.vakb-ticket-reply__status').textContent === text"
    try:
        page = context.new_page()
        page.add_init_script(WITHOUT_CLIPBOARD_API)
        page.goto(code_url(site_url, lang, "0xC004F038"))
        assert page.evaluate("navigator.clipboard === undefined")
        page.evaluate("window.__writeClipboard('sentinel')")
        page.get_by_role("button", name=labels[lang]["ticket_button"]).click()
        page.wait_for_function(status_is, arg=labels[lang]["ticket_copied"], timeout=TIMEOUT_MS)
        reply = page.evaluate("window.__readClipboard()")
        assert reply.startswith("0xC004F038") or "0xC004F038" in reply.splitlines()[0]
        assert page.locator(".vakb-ticket-reply textarea").count() == 0  # nothing left on the page

        refused = context.new_page()
        refused.add_init_script(REFUSING_EVERY_COPY)
        refused.goto(code_url(site_url, lang, "0xC004F038"))
        refused.evaluate("window.__writeClipboard('sentinel')")
        refused.get_by_role("button", name=labels[lang]["ticket_button"]).click()
        refused.wait_for_function(status_is, arg=labels[lang]["ticket_failed"], timeout=TIMEOUT_MS)
        area = refused.locator(".vakb-ticket-reply textarea")
        assert area.is_visible() and area.input_value() == reply  # the same text, to copy by hand
        selected = refused.evaluate("(a => [a.selectionStart, a.selectionEnd])(document.activeElement)")
        assert refused.evaluate("document.activeElement.tagName") == "TEXTAREA" and selected == [0, len(reply)]
        assert refused.evaluate("window.__readClipboard()") == "sentinel"  # and nothing was copied
        assert blocking_violations(refused) == []
    finally:
        context.close()
