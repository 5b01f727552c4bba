"""axe-core in the browser tests: serious and critical violations of the current page, one line each.

axe-core comes with axe-playwright-python (pinned in requirements-test.txt). It is injected once per
document, with a memo of its colour parser (below), and run with the rules and the part of the page
a test names.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_SOURCE = Axe().axe_script  # axe-core 4, as axe-playwright-python ships it (572 KB)
BLOCKING_IMPACTS = ("serious", "critical")

# axe-core's colour rules parse every colour string they read with colorjs.io: the text's colour,
# and the background of every layer under every piece of text, text after text. The strings are
# few (a page's palette) and the parse depends on the string alone, so it is remembered per string:
# 20-45 % less time for the colour rules on long pages (key-groups/, registry/), the same results
# (tests/browser/test_axe_check.py). A string that fails to parse is not remembered: it fails again,
# and axe records it, as without the memo.
COLOUR_MEMO = """() => {
  const Color = axe.commons.color.Color, parse = Color.prototype.parseString, parsed = new Map();
  window.vakbColourMemo = {hits: 0};
  Color.prototype.parseString = function (text) {
    const known = parsed.get(text);
    if (known === undefined) {
      parse.call(this, text);
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    } else {
      [this.r, this.g, this.b, this.alpha] = known;
      window.vakbColourMemo.hits += 1;
    }
    return this;
  };
}"""
RUN_AXE = """([context, options]) => axe.run(context || document, options).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target)})))"""


def inject(page, memo: bool = True) -> None:
    """axe-core into the current document, once (with the colour memo unless `memo` is False)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
        if memo:
            page.evaluate(COLOUR_MEMO)


def blocking_violations(page, within: str | dict | None = None, rules: tuple[str, ...] | None = None) -> list[str]:
    """axe-core violations of serious or critical impact on the current page (or the part of it
    `within` names: a CSS selector, or an axe-core context), one line each; `rules` runs only those."""
    inject(page)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    violations = page.evaluate(RUN_AXE, [within, options])
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
            for v in violations if v.get("impact") in BLOCKING_IMPACTS]
