"""Every control of the content (buttons, fields, tab labels) keeps its text readable, at least
4.5:1 (WCAG AA), in every state a reader puts it in: normal, hovered, focused (a button keeps the
focus after a click, while it says "Copied"), pressed; in both palettes.

axe-core (tests/browser/test_browser_site.py) measures the page as loaded only: hover and focus states are
never seen there. Here Chromium is put in each state by Playwright (hover(), focus(), mouse down),
and the contrast is computed from getComputedStyle: the text colour against the background behind
it (the first opaque background among the element and its ancestors, semi-transparent ones
composited on top), as WCAG 2 defines the ratio.
"""

from __future__ import annotations

import pytest

from conftest import stop_transitions

MINIMUM = 4.5
# Every kind of control the site has: the ticket-reply button (error pages), the lookup box
# (errors/), the four tools (fields, a primary submit button, Copy and Download buttons), tabs.
# The colours do not depend on the language: two French pages check the longer labels only.
PAGES = ("errors/0xc004f074/", "errors/", "registry/", "dns-srv/", "activation-count/", "key-groups/", "client-setup-keys/",
         "kms-host-setup/", "fr/errors/0xc004f074/", "fr/dns-srv/")
# Controls that show text. Icon-only buttons (a code block's copy icon, the tab row's arrows) have
# no text to read; they are left to axe.
CONTROLS = (".md-typeset :is(button, .md-button, input[type=text], input[type=search], select, "
            ".tabbed-labels > label):not(.md-code__button, .tabbed-button)")

# Contrast of each element of a list, measured in the browser (WCAG 2 relative luminance).
CONTRAST_JS = """elements => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return elements.map(el => {
    const bg = background(el), fg = over(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const name = (el.textContent.trim() || el.getAttribute('aria-label') || el.id || el.tagName).slice(0, 40);
    return {name, kinds: [...el.classList], ratio: (hi + 0.05) / (lo + 0.05), color: getComputedStyle(el).color,
            background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')'};
  });
}"""


MEASURE_ONE = f"element => ({CONTRAST_JS})([element])[0]"


def measure(page, control) -> dict:
    return control.evaluate(MEASURE_ONE)


# Entries that make each tool give a result (its Copy and Download buttons appear).
TOOL_ENTRIES = {
    "dns-srv/": {"domain": "corp.example.com", "host": "kms1.corp.example.com"},
    "registry/": {"VLRenewalInterval": "10080"},
    "activation-count/": {"clients": "30"},
}
PER_KIND = 3  # controls measured per page and kind: the 20 tab labels of a page look alike


def show_everything(page, url: str):
    """Fill in and submit the page's tool: its result, with Copy and Download buttons, appears."""
    for name, value in TOOL_ENTRIES.get(url.removeprefix("fr/"), {}).items():
        page.locator(f'.vakb-tool [name="{name}"]').fill(value)
    submit = page.locator(".vakb-tool button[type=submit]")
    if submit.count():
        submit.first.click()
        page.locator(".vakb-tool__result:not([hidden]), .vakb-tool__message:not(:empty)").first.wait_for()


# The visible controls, a few of each kind (tag and classes) per page: their places in the list of
# CONTROLS, chosen in one call rather than two per control (a page of tabs has dozens).
CHOOSE_JS = """([selector, perKind]) => {
  const seen = new Map(), chosen = [];
  [...document.querySelectorAll(selector)].forEach((e, index) => {
    const kind = e.tagName + '.' + [...e.classList].sort().join('.');
    const box = e.getBoundingClientRect();  // visible as Playwright means it: a box, not visibility:hidden
    if (box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden' && (seen.get(kind) || 0) < perKind) {
      seen.set(kind, (seen.get(kind) || 0) + 1);
      chosen.push(index);
    }
  });
  return chosen;
}"""


def controls_to_measure(page):
    """The visible controls, a few of each kind (tag and classes) per page. As element handles, taken
    in one call: the page does not change under the test, and each call through a locator queries
    the page for its selector again (8-10 ms of CPU, against 1.4 through a handle; the test makes
    seven per control)."""
    every = page.locator(CONTROLS).element_handles()
    return [every[index] for index in page.evaluate(CHOOSE_JS, [CONTROLS, PER_KIND])]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_is_readable_in_every_state(browser_page, site_url, scheme):
    page, failures, measured, names = browser_page.page, [], 0, set()
    page.add_init_script("localStorage.clear()")
    page.emulate_media(color_scheme=scheme)
    for url in PAGES:
        page.goto(site_url + url, wait_until="load")
        # Colours are read at the end of their transitions, not half-way.
        stop_transitions(page)
        show_everything(page, url)
        for control in controls_to_measure(page):
            control.scroll_into_view_if_needed()
            page.mouse.move(0, 0)
            page.evaluate("document.activeElement && document.activeElement.blur()")
            states = {"normal": measure(page, control)}
            control.hover()
            states["hover"] = measure(page, control)
            page.mouse.down()
            states["active"] = measure(page, control)
            page.mouse.move(0, 0)  # released away from the control: no click
            page.mouse.up()
            control.focus()
            states["focus"] = measure(page, control)
            control.hover()
            states["focus+hover"] = measure(page, control)
            for state, m in states.items():
                measured += 1
                names.update(m["kinds"])
                if m["ratio"] < MINIMUM:
                    failures.append(f"{url} {m['name']!r} {state}: {m['ratio']:.2f}:1 "
                                    f"({m['color']} on {m['background']})")
    expected = {"vakb-tool__copy", "vakb-tool__download", "md-button--primary", "vakb-ticket-reply__button"}
    assert measured > 50 and expected <= names, \
        f"some controls were not measured ({measured} states of {sorted(names)}): did the pages change?"
    assert not failures, f"{scheme} palette: controls under {MINIMUM}:1\n" + "\n".join(failures)


def hue_and_saturation(rgb: str) -> tuple[float, float]:
    import colorsys
    r, g, b = (int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    h, _lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_button_that_has_copied_does_not_look_like_an_error(browser_page, site_url, scheme):
    # After a click the button keeps the focus, filled with the accent: in red (the old light
    # accent, #b3261e) "Copied" looked like a failure.
    page = browser_page.page
    page.add_init_script("localStorage.clear()")
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "errors/0xc004f074/", wait_until="load")
    stop_transitions(page)
    button = page.locator(".vakb-ticket-reply__button")
    button.click()
    page.mouse.move(0, 0)
    fill = button.evaluate("e => getComputedStyle(e).backgroundColor")
    hue, saturation = hue_and_saturation(fill)
    reddish = saturation > 0.25 and (hue < 25 or hue > 330)
    assert not reddish, f"the focused button is filled with {fill} (hue {hue:.0f}°): it reads as an error"
