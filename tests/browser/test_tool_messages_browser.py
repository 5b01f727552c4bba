"""What a tool says about a bad entry, in Chromium, both languages: the message is true (the count
calculator does not call a field "required" that may stay empty), its numbers are written as the
pages write them (1,000,000 / 1 000 000), and every field in error is marked (aria-invalid) and
visibly so (its border changes, at 3:1 at least against the page, in both palettes), in the tools
and in the lookup box of errors/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from vakb import data
from conftest import LANGUAGE_PREFIX, LANGUAGES, stop_transitions

NARROW_NBSP = "\u202f"


def written(n: int, lang: str) -> str:
    """A number as the pages write it (README: 10,080 / 10 080)."""
    grouped = f"{n:,}"
    return grouped.replace(",", NARROW_NBSP) if lang == "fr" else grouped


# The border of a field and the background behind it, and their contrast (WCAG 2 formula).
BORDER_JS = """el => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = null;
  for (let e = el.parentElement; e && !bg; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] === 1) bg = c; }
  bg = bg || [255, 255, 255];
  const style = getComputedStyle(el), border = parse(style.borderLeftColor);
  const [hi, lo] = [lum(border), lum(bg)].sort((a, b) => b - a);
  return {border: style.borderLeftColor + ' ' + style.borderLeftWidth, contrast: (hi + 0.05) / (lo + 0.05),
          invalid: el.getAttribute('aria-invalid')};
}"""


@pytest.fixture
def tool_page(browser):
    contexts = []

    def open_page(scheme: str = "light"):
        context = browser.new_context(service_workers="block", color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script("localStorage.clear()")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_count_calculator_asks_for_either_field_and_accepts_one(tool_page, site_url, lang):
    tools = data.load("tools")
    strings = {key: value[lang] for key, value in {**tools["common"],
                                                    **tools["tools"]["count-calculator"]["strings"]}.items()}
    page = tool_page()
    page.goto(site_url + LANGUAGE_PREFIX[lang] + "activation-count/", wait_until="load")
    form = page.locator("#count-calculator")
    form.locator("button[type=submit]").click()
    message = form.locator(".vakb-tool__message").inner_text()
    for name in ("clients", "servers"):
        # A field the tool accepts empty is not "required".
        assert message != strings["required"].replace("{field}", strings[name]), message
        assert form.locator(f'[name="{name}"]').get_attribute("aria-invalid") == "true", f"{name} not marked"
    form.locator('[name="servers"]').fill("5")
    form.locator("button[type=submit]").click()
    assert form.locator("#count-result").is_visible(), "servers alone (clients empty) should give a result"
    assert form.locator("[aria-invalid=true]").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_in_tool_messages_are_written_for_the_language(tool_page, site_url, lang):
    low, high = data.load("tools")["limits"]["machines"]
    page = tool_page()
    page.goto(site_url + LANGUAGE_PREFIX[lang] + "activation-count/", wait_until="load")
    form = page.locator("#count-calculator")
    form.locator('[name="clients"]').fill(str(high + 1))
    form.locator("button[type=submit]").click()
    message = form.locator(".vakb-tool__message").inner_text()
    assert written(high, lang) in message and str(high) not in message.replace(written(high, lang), ""), message


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_field_in_error_is_marked_and_shows_it(tool_page, site_url, scheme):
    page, problems = tool_page(scheme), []
    # (page, the form once its script has taken it over, field, entry, submit button). The lookup
    # box's "not a code" comes after the analyzer's parser has been asked, which loads on demand:
    # the field is read once it is marked invalid, or after 10 s (then reported as not marked).
    cases = (("activation-count/", "#count-calculator[data-mounted]", "#count-calculator [name=clients]", "abc",
              "#count-calculator button[type=submit]"),
             ("dns-srv/", "#srv-generator[data-mounted]", "#srv-generator [name=domain]", "not a name!",
              "#srv-generator button[type=submit]"),
             ("errors/", "#error-lookup[data-ready=true]", ".vakb-error-lookup input[type=search]", "zzz",
              ".vakb-error-lookup button"))
    for url, ready, field_selector, entry, submit in cases:
        page.goto(site_url + url, wait_until="load")
        page.locator(ready).wait_for()  # else a click before the script submits the form to the server
        stop_transitions(page)
        field = page.locator(field_selector)
        before = field.evaluate(BORDER_JS)
        field.fill(entry)
        page.locator(submit).first.click()
        page.mouse.click(1, 1)  # the focus leaves the field: its own look, not the focus ring
        try:
            page.locator(f"{field_selector}[aria-invalid=true]").wait_for(timeout=10_000)
        except PlaywrightTimeout:
            pass  # reported below with the other pages' problems
        after = field.evaluate(BORDER_JS)
        if after["invalid"] != "true":
            problems.append(f"{url}: {field_selector} not aria-invalid after {entry!r}")
        if after["border"] == before["border"]:
            problems.append(f"{url}: {field_selector} looks the same in error ({after['border']})")
        if after["contrast"] < 3:
            problems.append(f"{url}: {field_selector} error border at {after['contrast']:.2f}:1 ({after['border']})")
    assert not problems, f"{scheme} palette:\n" + "\n".join(problems)
