"""The print edition as a book (issue 25): read in the order one learns, codes and symbolic names
never broken inside themselves, and published online beside the home pages, not only in the zip.

The print pages are those of the offline bundle (`offline_bundle`, made by scripts/bundle.py as
./scripts/build makes it); `published_site` is the online site as ./scripts/build leaves it.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, read_yaml
from scripts.loopback_server import serve
from scripts import bundle

TOOLS = read_yaml(ROOT / "docs" / "data" / "tools.yml")["tools"]

# A4 (210 mm at 96 px per inch) less Chromium's default print margins: the width a printed line has.
A4_CONTENT_WIDTH = 718
# Sections of the book, in the order one learns; each must come after the one before.
LEARNING_ORDER = ["index", "how-kms-works", "kms-host-setup", "troubleshooting-index", "events-index",
                  "client-setup-keys", "glossary", "errors-index"]

# Every inline code or link whose whole text is a code (0x803FA065) or a symbolic name
# (SL_E_VL_BINDING_SERVICE_UNAVAILABLE), and the printed lines it takes.
BROKEN_TOKENS_JS = r"""() => {
  const code = /^0x[0-9A-Fa-f]{8}$/, name = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
  const found = {codes: 0, names: 0, broken: []};
  for (const el of document.querySelectorAll('.md-typeset code, .md-typeset a')) {
    const text = el.textContent.trim();
    const kind = code.test(text) ? 'codes' : name.test(text) ? 'names' : null;
    if (!kind || el.closest('pre')) continue;
    found[kind]++;
    const lines = new Set([...el.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (lines.size > 1) found.broken.push(`${text} on ${lines.size} lines`);
  }
  return found;
}"""
WIDE_TABLES_JS = """() => [...document.querySelectorAll('.md-typeset table')]
  .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(t => (t.closest('section.print-page') || {}).id)"""


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="print-page" id="([^"]+)"', html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_edition_reads_in_the_order_one_learns(offline_bundle, lang):
    order = sections((offline_bundle.root / LANGUAGE_PREFIX[lang] / bundle.PRINT_PAGE).read_text(encoding="utf-8"))
    assert order[0] == "index", order[:3]
    missing = [key for key in LEARNING_ORDER if key not in order]
    assert not missing, f"sections not printed: {missing}"
    positions = [order.index(key) for key in LEARNING_ORDER]
    assert positions == sorted(positions), f"printed in the order {[order[p] for p in sorted(positions)]}"
    codes = [n for n, key in enumerate(order) if key.startswith("errors-")]
    others = [n for n, key in enumerate(order) if not key.startswith("errors-")]
    assert codes and min(codes) > max(others), "the error codes (index and pages) come last, after the references"
    assert order[min(codes)] == "errors-index", "the codes open with their index"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_of_the_print_edition_names_a_field_of_it(offline_bundle, lang):
    """print-site gives its page's key to every label's `for` and to the ids of <input>s, not to a
    <select>'s: the registry tool's DisableDnsPublishing list lost its name (axe: select-name,
    critical; label-title-only, serious) in both print editions, which the axe test never loads."""
    html = (offline_bundle.root / LANGUAGE_PREFIX[lang] / bundle.PRINT_PAGE).read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    labels = re.findall(r'<label\b[^>]*\bfor="([^"]+)"', html)
    assert len(labels) > 20, "the print edition has its tools' and tabs' labels"
    dangling = [target for target in labels if target not in ids]
    assert not dangling, f"labels for no field: {dangling}"


# The tests that read the opened edition run in one worker (--dist loadgroup): spread over the
# workers, each opened it again (3-5 CPU s a language, most of it Chromium laying out 1.4 MB).
ON_ONE_WORKER = pytest.mark.xdist_group("print-edition")


@pytest.fixture(scope="module", params=LANGUAGES)
def printed(request, browser, offline_bundle):
    """Each language's print edition from the bundle, opened once (it is the whole knowledge base on
    one page) at the width of an A4 line, its tools mounted, in print media; its tests only read it."""
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(offline_bundle.url(LANGUAGE_PREFIX[request.param] + bundle.PRINT_PAGE), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('form.vakb-tool[data-mounted]').length >= 4")
        page.emulate_media(media="print")
        yield page
    finally:
        context.close()


@ON_ONE_WORKER
def test_printed_codes_and_symbolic_names_never_break_inside_themselves(printed):
    found = printed.evaluate(BROKEN_TOKENS_JS)
    # Every code of the catalogue is printed, with its symbolic name (the index's tables).
    assert found["codes"] > 400 and found["names"] > 400, found | {"broken": len(found["broken"])}
    assert not found["broken"], f"{len(found['broken'])} broken: {found['broken'][:10]}"
    # Kept whole by widening their column, not by running off the paper: no table the codes
    # are in is wider than the page.
    wide = [key for key in printed.evaluate(WIDE_TABLES_JS) if key and key.startswith(("errors-", "events-"))]
    assert not wide, f"tables wider than an A4 page: {wide}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_online_home_pages_link_the_print_edition(browser_page, published_site, lang):
    """Online, each home page links its language's print edition, published beside it from the
    offline bundle, with links that lead to the online site's pages."""
    prefix = LANGUAGE_PREFIX[lang]
    printed = published_site / prefix / bundle.PRINT_PAGE
    html = printed.read_text(encoding="utf-8")
    assert sections(html)[:1] == ["index"], "the published page is the print edition"
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string.startswith(bundle.PRINT_TITLES[lang])
    offline_style = [h for h in (a.get("href", "") for a in soup.find_all("a"))
                     if re.match(r"^(?![a-z]+:|#|/)[^#]*\.html", h) and not h.endswith(bundle.PRINT_PAGE)]
    assert not offline_style, f"links to the bundle's .html pages: {offline_style[:5]}"
    # A catalogue row of the printed index leads to the code's online page.
    assert soup.select_one('.vakb-error-catalogue a[href*="errors/0x803fa065/"]') is not None
    # The home page's link, clicked, is answered with that file. What the file holds is read above:
    # laying out its 1.5 MB in the browser as well took 4 CPU s a language and proved nothing more.
    with serve(published_site) as url:
        page = browser_page.page
        page.goto(url + prefix, wait_until="load")
        with page.expect_response(url + prefix + bundle.PRINT_PAGE) as answer:
            page.click(".vakb-print-edition a", no_wait_after=True)
        page.wait_for_url(url + prefix + bundle.PRINT_PAGE, wait_until="commit")
        assert answer.value.status == 200 and answer.value.body() == printed.read_bytes()


@ON_ONE_WORKER
def test_each_printed_tool_shows_its_worked_example(printed):
    """A tool prints filled in with its example of tools.yml and the result its script computes,
    not as an empty form."""
    tools = printed.evaluate("""() => [...document.querySelectorAll('form.vakb-tool')].map(form => {
      const result = form.querySelector('.vakb-tool__result'), message = form.querySelector('.vakb-tool__message');
      const note = form.previousElementSibling;
      return {tool: form.dataset.tool,
              example: !!note && note.classList.contains('vakb-tool__example') && note.innerText.trim().length > 0,
              fields: [...form.elements].filter(e => e.name && (!['checkbox', 'radio'].includes(e.type) || e.checked))
                .map(e => [e.name, e.value]),
              result: result && !result.hidden && getComputedStyle(result).display !== 'none' ? result.innerText.trim() : '',
              error: message && !message.hidden ? message.innerText : ''};
    })""")
    examples = {tool_id: tool["example"] for tool_id, tool in TOOLS.items()}
    assert sorted(t["tool"] for t in tools) == sorted(examples)
    for tool in tools:
        assert tool["example"], f"{tool['tool']}: no sentence saying the entries are an example"
        # The fields hold the example, under the names the tool's script reads.
        missing = [pair for pair in urllib.parse.parse_qsl(examples[tool["tool"]]) if list(pair) not in tool["fields"]]
        assert not missing, f"{tool['tool']}: printed without {missing} (fields: {tool['fields']})"
        assert not tool["error"], f"{tool['tool']}: its example is refused: {tool['error']}"
        assert len(tool["result"]) > 20, f"{tool['tool']}: no result printed: {tool['result']!r}"
