"""The analyzer's verdict on the site's pages, in Debian's Chromium, in both languages: what is
wrong comes first (severity in words, the first step, a "read more" link to the guide's step),
the details are folded per machine, several machines get a table, and "Copy a ticket reply" puts
the diagnosis on the clipboard in the page's language. The rules themselves are tested in Node
(tests/js/diagnoses.test.js); this checks the page draws and copies them. The verdict comes first
from file:// too (the offline bundle, French) and behind nginx with its Content-Security-Policy
(English).
"""

from __future__ import annotations

import pathlib

import pytest

from analyzer_page import load_parser, paste, wait_until
from nginx_server import nginx  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
PREFIX = {"en": "", "fr": "fr/"}
PASTE = {"en": FIXTURES / "evidence" / "en-client-notification-dlv.txt", "fr": FIXTURES / "evidence" / "fr-client-grace-dli.txt"}
WORDS = {"en": {"problem": "Problem: ", "reply": "What is wrong: ", "copied": "Reply copied.", "first": "First step: "},
         "fr": {"problem": "Problème\u00a0: ", "reply": "Ce qui ne va pas\u00a0: ", "copied": "Réponse copiée.",
                "first": "Première étape\u00a0: "}}
STEP = "troubleshooting/clients-cannot-find-host/#step-2-dns-suffix"


def open_and_paste(page, url: str, text: str):
    page.goto(url, wait_until="networkidle")
    load_parser(page)
    paste(page, text)


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(service_workers="block", locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda err: page.problems.append(str(err)))
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_verdict_comes_first_and_the_reply_copies_it(page, site_url, lang):
    open_and_paste(page, site_url + PREFIX[lang], PASTE[lang].read_text(encoding="utf-8"))
    page.wait_for_selector(".vakb-evidence__diagnosis")
    # the verdict is the first thing under the text area, its first line the likely cause
    assert page.eval_on_selector(".vakb-evidence__findings", "f => f.firstElementChild.className") == "vakb-evidence__verdict"
    first = page.locator(".vakb-evidence__diagnosis").first
    assert first.get_attribute("data-rule") == "dns-no-host"
    assert first.inner_text().startswith(WORDS[lang]["problem"])  # the severity in words, not only a colour
    more = first.locator(".vakb-evidence__read-more")
    assert more.get_attribute("href") == site_url + PREFIX[lang] + STEP
    # the details are folded: there, but not shown until asked for
    assert page.locator(".vakb-evidence__all-details").count() == 1
    assert not page.eval_on_selector(".vakb-evidence__all-details", "d => d.open")
    assert not page.locator(".vakb-evidence__finding").first.is_visible()
    page.click(".vakb-evidence__all-details > summary")
    assert page.locator(".vakb-evidence__finding").first.is_visible()
    # the ticket reply: what is wrong, the first step, the link, in the page's language
    page.evaluate("navigator.clipboard.writeText('sentinel')")
    page.click(".vakb-evidence__reply-button")
    assert wait_until(page, "t => document.querySelector('.vakb-evidence__reply-status').textContent === t", WORDS[lang]["copied"])
    reply = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert reply[0].startswith(WORDS[lang]["reply"]) and reply[1].startswith(WORDS[lang]["first"])
    assert reply[2].endswith(" " + site_url + PREFIX[lang] + STEP)
    # the link of the verdict opens the step it names
    more.click()
    page.wait_for_load_state()
    assert page.url == site_url + PREFIX[lang] + STEP
    assert page.locator("#step-2-dns-suffix").count() == 1
    assert page.problems == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_several_machines_get_a_table_and_one_fold_each(page, site_url, lang):
    three_machines = (FIXTURES / "evidence" / "en-collected-three-machines.txt").read_text(encoding="utf-8")
    open_and_paste(page, site_url + PREFIX[lang], three_machines)
    page.wait_for_selector(".vakb-evidence__table")
    rows = page.locator(".vakb-evidence__table tbody tr")
    assert rows.count() == 3
    names = page.locator(".vakb-evidence__table tbody th").all_inner_texts()
    assert sorted(n.lstrip("! ") for n in names) == ["PC0201", "PC0202", "PC0203"]
    assert page.locator(".vakb-evidence__machine").count() == 3
    assert page.locator(".vakb-evidence__diagnosis").first.get_attribute("data-rule") == "duplicate-cmid"
    assert page.problems == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_a_verdict_the_details_are_open(page, site_url, lang):
    open_and_paste(page, site_url + PREFIX[lang], "12290")
    page.wait_for_selector(".vakb-evidence__finding--event a")  # visible: nothing folds it
    assert page.locator(".vakb-evidence__verdict").count() == 0
    assert page.get_attribute(".vakb-evidence__finding--event a", "href") == site_url + PREFIX[lang] + "events/12290/"
    assert page.problems == []


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.effectiveDirective} refused ${e.blockedURI || "inline"}`));
"""


def verdict_first(browser, url: str, lang: str, step_href: str):
    """Open `url`, paste, and check the verdict is the first thing under the text area, its first
    line the likely cause with its severity in words and a link to the guide's step. Polls with
    page.evaluate: nginx's CSP refuses the string evaluation of Playwright's wait_for_function."""
    context = browser.new_context(service_workers="block", locale="en-US")
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
        page.on("pageerror", lambda err: problems.append(str(err)))
        page.goto(url, wait_until="load")
        assert page.evaluate("document.documentElement.lang").startswith(lang)
        load_parser(page)
        paste(page, PASTE[lang].read_text(encoding="utf-8"))
        assert wait_until(page, "() => !!document.querySelector('.vakb-evidence__diagnosis')")
        assert page.eval_on_selector(".vakb-evidence__findings", "f => f.firstElementChild.className") == "vakb-evidence__verdict"
        first = page.locator(".vakb-evidence__diagnosis").first
        assert first.get_attribute("data-rule") == "dns-no-host"
        assert first.inner_text().startswith(WORDS[lang]["problem"])
        assert first.locator(".vakb-evidence__read-more").evaluate("a => a.href") == step_href
        assert page.evaluate("window.__cspViolations") == []
        assert problems == []
    finally:
        context.close()


def test_the_verdict_comes_first_from_file_urls(browser, offline_bundle):
    """The offline bundle, French: pages are .html files read from file://."""
    verdict_first(browser, offline_bundle.url("fr/index.html"), "fr",
                  offline_bundle.url("fr/" + STEP.split("/#")[0] + ".html") + "#" + STEP.split("/#")[1])


def test_the_verdict_comes_first_behind_nginx_with_its_csp(browser, nginx):
    """The published site behind the project's nginx, English, its Content-Security-Policy on."""
    verdict_first(browser, nginx.url, "en", nginx.url + STEP)
