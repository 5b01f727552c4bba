"""The print builds' page-key ids (vakb.build_steps.print_anchor_ids) are print-site's own, made without
its backtracking: the same output as print-site's function on pages written to catch every
difference and on random ones, and the function print-site calls in print builds only."""

from __future__ import annotations

import random
import types

import pytest
from mkdocs_print_site_plugin import urls

from vakb.build_steps import print_anchor_ids

PRINT_SITES_OWN = urls.update_anchor_ids  # read before any print build's hook could replace it


def test_the_comparison_is_with_print_sites_own_function():
    assert PRINT_SITES_OWN.__module__ == "mkdocs_print_site_plugin.urls"

PAGES = [
    '<h2 id="step-2">Step 2</h2>\n<p>See <a href="#step-2">step 2</a>.</p>',
    '<ul>\n<li id="item">one</li><li id="other">two</li>\n</ul>',
    '<p>Note<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>\n<li id="fn:1">The note.</li>',
    '<H3 ID="Upper">Upper case</H3>',  # the pattern ignores case; the tag names it keeps do not
    '<table id="t"><tr><td id="c">cell</td></tr></table>',  # other tags keep their ids
    '<h2 class="id" id="id">the id word twice</h2>',
    # The errors index's line: one id, then thousands of options without one.
    '<datalist id="error-lookup-codes">' + "".join(
        f'<option value="0xC004F{n:03X}" label="0xC004F{n:03X} — text"></option>' for n in range(60)) + "</datalist>",
    '<h2 id="unclosed>no closing quote</h2>\n<h2 id="next">next line</h2>',
    '<h2 id="open"',  # no closing >
    '<span>text <h2 id="inner">inside a span\'s match</h2></span>\n<h2 id="inner">again</h2>',
]
TOKENS = ['<h2 ', '<li', '<sup ', '<p>', '<datalist ', 'id="a"', 'ID="b"', 'id="', '"', '>', ' ', '\n',
          'text', 'class="x"', '</h2>', '<', 'li', 'id=']


@pytest.mark.parametrize("page", PAGES, ids=range(len(PAGES)))
def test_same_ids_as_print_site_on_written_cases(page):
    assert print_anchor_ids.update_anchor_ids(page, "key") == PRINT_SITES_OWN(page, "key")


def test_same_ids_as_print_site_on_random_pages():
    rng = random.Random(20261207)
    for _ in range(3000):
        page = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 40)))
        assert print_anchor_ids.update_anchor_ids(page, "pg") == PRINT_SITES_OWN(page, "pg"), repr(page)


def fake_config(print_site: bool):
    """What vakb.build_kind reads of a MkDocs config: print-site in its plugins, enabled or not."""
    plugin = types.SimpleNamespace(config={"enabled": print_site})
    return types.SimpleNamespace(plugins={"print-site": plugin})


def test_print_site_calls_it_in_print_builds_only(monkeypatch):
    called = []
    monkeypatch.setattr(urls, "update_anchor_ids", PRINT_SITES_OWN)
    monkeypatch.setattr(print_anchor_ids, "update_anchor_ids", lambda html, key: called.append(key) or html)
    print_anchor_ids.use_in_print_builds(fake_config(print_site=False))
    urls.fix_internal_links('<h2 id="a">A</h2>', "page/", True, 0)
    assert called == []
    print_anchor_ids.use_in_print_builds(fake_config(print_site=True))
    urls.fix_internal_links('<h2 id="a">A</h2>', "page/", True, 0)
    assert called == ["page"], "print-site's link fixing did not call vakb's update_anchor_ids"
