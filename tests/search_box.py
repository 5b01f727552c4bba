"""Site search driven as a reader drives it, for the tests that search in Chromium (the query set and
the snippets in tests/browser/, the offline bundle's in tests/publishing/): a query put into the real
box, and what the result list shows once the search worker has answered that very query."""

from __future__ import annotations

# Follows the queries the page sends to the search worker and the results it gets back, whatever the
# worker (a real one, or the file:// iframe shim that replaces window.Worker). Material posts the
# box's value on each keyup (unchanged values are not sent again) and draws the first results in the
# handler of the worker's answer: once the last query sent is the one typed and every query sent has
# its answer, the list shown is that query's.
COUNT_QUERIES = """(() => {
  let pending = 0, last = null;
  window.__vakbSearchState = () => ({pending, last});
  const wrap = Base => class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => { if (event.data && event.data.type === 3) pending--; });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { pending++; last = message.data; }
      return super.postMessage(message, ...rest);
    }
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: value => { current = wrap(value); }});
})();"""

SEARCH_BOX_FOCUSED = "document.activeElement !== null && document.activeElement.matches('input.md-search__input')"
# The pages of the result list, in order: one list item per page, its first link is the page itself.
RESULT_PAGES = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
  const url = new URL(item.querySelector('a.md-search-result__link').href);
  url.hash = ""; url.search = "";
  return url.href;
})"""
# What `script` reads from the result list once the query typed is answered (COUNT_QUERIES), or null
# if it never is.
ANSWERED = """async ([query, script, timeout]) => {
  const read = eval(script);
  for (let waited = 0; waited < timeout; waited += 5) {
    const {pending, last} = window.__vakbSearchState();
    if (last === query && pending <= 0) return read();
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  return null;
}"""


def search(page, query: str, read: str = RESULT_PAGES, timeout_ms: int = 15_000):
    """Put `query` in the search box and release a key, as a reader who pastes it does; `read` (a
    script) run on the results drawn for it. Material searches on each keyup: typing the query key by
    key made as many searches as it has characters, and the results of the last one are the same."""
    box = page.locator("input.md-search__input")
    # The box is clicked once, when the dialog is not open yet; a reader's next query goes into the
    # box that still has the focus. A click on each query (Playwright's checks that the box is
    # visible, still and not covered) cost 0.04 CPU s of a 0.1 CPU s query.
    if not page.evaluate(SEARCH_BOX_FOCUSED):
        box.click()
    box.fill(query)
    page.keyboard.press("End")  # fill() left the focus in the box
    shown = page.evaluate(ANSWERED, [query, read, timeout_ms])
    assert shown is not None, f"the search worker never answered {query!r}"
    return shown


def open_search(page, url: str) -> None:
    """Open `url` with the queries followed, and wait for its search index to answer."""
    page.add_init_script(COUNT_QUERIES)
    page.goto(url, wait_until="load")
    # The index loads in a worker when search is first used; Material sends the query typed meanwhile
    # once it is ready (which a loaded machine may take long to be). "KMS" is on every page.
    assert search(page, "KMS", timeout_ms=60_000), f"the search index of {url} gave nothing for KMS"
