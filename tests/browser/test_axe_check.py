"""tests/browser/axe_check.py: the memo of axe-core's colour parser changes no result, and is used.

A hand-made page, not the site: colours in every notation a computed style gives (rgb, rgba, hsl in
turns and radians, oklch, display-p3), layered and faded backgrounds, text that passes and text that
fails, each colour repeated so the memo answers. axe's colour rules are run on it with and without
the memo, in two fresh documents, and their whole results compared.
"""

from __future__ import annotations

from axe_check import inject

ROW = """
<p style="color: rgb(130, 130, 130)">Grey on cream, under 4.5:1.</p>
<p style="color: #595959">Dark grey on cream, above 4.5:1.</p>
<div style="background: rgba(0, 0, 0, 0.55)"><p style="color: oklch(0.72 0.1 200)">Teal on a half-dark layer.</p></div>
<p style="color: hsl(1rad 60% 38%)">An angle in radians.</p>
<p style="color: color(display-p3 0.25 0.2 0.8)">A display-p3 blue.</p>
<div style="opacity: 0.6"><p style="color: #1a1a1a">Faded text, <a href="#a" style="color: #0645ad">and a link</a> in it.</p></div>
<p style="color: #333">A sentence long enough to read as running text, with <a href="#b" style="color: #3a3a3a; text-decoration: none">a link</a> told apart by its colour alone, then more words after it.</p>
"""
PAGE = f"""<!doctype html><html lang="en"><head><title>Colours</title></head>
<body style="background: hsl(0.12turn 40% 94%)"><main>{ROW * 3}</main></body></html>"""
RULES = ["color-contrast", "link-in-text-block"]
RESULTS = """(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}}).then(r =>
  ['violations', 'passes', 'incomplete'].map(kind => r[kind].map(rule => [kind, rule.id,
    rule.nodes.map(node => [node.target, node.any.map(check => [check.id, check.data, check.message])])])))"""


def colour_results(context, memo: bool):
    page = context.new_page()  # a document of its own: axe and the memo are not carried over
    page.set_content(PAGE)
    inject(page, memo=memo)
    return page.evaluate(RESULTS, RULES), page.evaluate("window.vakbColourMemo && window.vakbColourMemo.hits")


def test_the_colour_memo_gives_axe_the_same_results(browser_page):
    plain, no_hits = colour_results(browser_page.context, memo=False)
    remembered, hits = colour_results(browser_page.context, memo=True)
    violations, passes = plain[0], plain[1]
    # Not a comparison of nothing: the page has text that fails and text that passes.
    assert {rule for _kind, rule, _nodes in violations} == set(RULES)
    assert any(rule == "color-contrast" and len(nodes) >= 9 for _kind, rule, nodes in passes)
    assert remembered == plain
    assert no_hits is None and hits > 50, f"the memo answered {hits} parses"
