"""Diagrams as a reader sees them in Chromium, on a laptop (1366 px) and a phone (390 px):
- text is never smaller than the page's small print (the text of Material's tables, .64rem);
- every label drawn in a box (participant, action, state, the plate under a divider or an arrow's
  label) stays inside it;
- no dashed line (lifeline, reply, dashed transition, divider) crosses a label.

tests/topics/test_diagrams.py checks the SVG as built (structure, facts, both languages); this checks the
drawing as laid out and scaled by the browser.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES

PAGES = ("how-kms-works/", "client-activation/", "kms-host-setup/")
VIEWPORTS = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})

# Font size of the page's small print: a table cell of the content, as Material sets it.
SMALL_PRINT_JS = """() => {
  const table = document.createElement('table'); table.innerHTML = '<tbody><tr><td>x</td></tr></tbody>';
  document.querySelector('.md-content .md-typeset').appendChild(table);
  const size = parseFloat(getComputedStyle(table.querySelector('td')).fontSize);
  table.remove(); return size;
}"""

# Per diagram: each text's rendered size (font size in user units times the drawing's scale on
# screen), the boxes each text sits in, and the dashed lines it meets.
DIAGRAMS_JS = """() => [...document.querySelectorAll('.md-content figure.vakb-diagram')].map(figure => {
  const svg = figure.querySelector('svg');
  const boxes = [...svg.querySelectorAll('rect')].map(r => ({el: r, cls: r.getAttribute('class'), box: r.getBoundingClientRect(),
                                                            filled: getComputedStyle(r).fill !== 'none'}));
  const dashed = [...svg.querySelectorAll('line')].filter(l => getComputedStyle(l).strokeDasharray !== 'none');
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const crosses = (l, r) => {  // segment/rectangle intersection, sampled along the segment
    const p = l.getBoundingClientRect(), m = l.getScreenCTM();
    const pt = (x, y) => ({x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f});
    const a = pt(+l.getAttribute('x1'), +l.getAttribute('y1')), b = pt(+l.getAttribute('x2'), +l.getAttribute('y2'));
    for (let i = 0; i <= 200; i++) { const x = a.x + (b.x - a.x) * i / 200, y = a.y + (b.y - a.y) * i / 200;
      if (x > r.left + 1 && x < r.right - 1 && y > r.top + 1 && y < r.bottom - 1) return true; }
    return false;
  };
  const texts = [...svg.querySelectorAll('tspan')].map(t => {
    const box = t.getBoundingClientRect(), text = t.parentElement;
    const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    // The box a text belongs to: the smallest rect containing its centre.
    const cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
    const holders = boxes.filter(b => cx > b.box.left && cx < b.box.right && cy > b.box.top && cy < b.box.bottom)
                         .sort((p, q) => p.box.width * p.box.height - q.box.width * q.box.height);
    return {text: t.textContent, size, holder: holders.length ? holders[0].cls : null,
            outside: holders.length ? !inside(box, holders[0].box) : false,
            // A line drawn before the filled box the text sits on is hidden by it where they meet.
            crossed: dashed.filter(l => crosses(l, box) && !(holders.length && holders[0].filled
                                     && (l.compareDocumentPosition(holders[0].el) & Node.DOCUMENT_POSITION_FOLLOWING)))
                           .map(l => l.getAttribute('class'))};
  });
  return {id: figure.dataset.diagram, texts};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}px")
def test_diagram_text_is_legible_and_stays_in_place(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block")
    page, problems, measured = context.new_page(), [], 0
    try:
        for lang in LANGUAGES:
            for url in PAGES:
                page.goto(site_url + LANGUAGE_PREFIX[lang] + url, wait_until="load")
                small_print = page.evaluate(SMALL_PRINT_JS)
                for diagram in page.evaluate(DIAGRAMS_JS):
                    where = f"{LANGUAGE_PREFIX[lang]}{url} {diagram['id']}"
                    for t in diagram["texts"]:
                        measured += 1
                        if t["size"] < small_print - 0.05:
                            problems.append(f"{where}: {t['text']!r} at {t['size']:.1f} px < {small_print:.1f} px")
                        if t["outside"]:
                            problems.append(f"{where}: {t['text']!r} leaves its box ({t['holder']})")
                        if t["crossed"]:
                            problems.append(f"{where}: {t['text']!r} crossed by {t['crossed']}")
    finally:
        context.close()
    assert measured > 100
    assert not problems, f"at {viewport['width']} px:\n" + "\n".join(problems)
