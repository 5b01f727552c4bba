"""Pages that lead with the action (issue 25), read in Chromium on a phone.

- An event page opens with its verdict, what to do next and one table of its fields (position,
  name, the example's value, what it means); the per-field sections, which keep their anchors,
  come after. Before, "What to do next" sat about 2,500 px down, after every field section.
- On a touch screen (no hover), the permalink of a troubleshooting step or an event field is
  visible, and tapping it copies the link.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, read_yaml

PHONE = {"width": 390, "height": 844}
EVENTS = read_yaml(ROOT / "docs" / "data" / "events.yml")["events"]
# "What to do next" starts within the first screen and a half of a phone, whatever the event.
NEXT_STEPS_WITHIN = int(PHONE["height"] * 1.5)

LAYOUT_JS = """() => {
  const top = e => e ? e.getBoundingClientRect().top + scrollY : null;
  const article = document.querySelector('article');
  const table = article.querySelector('.vakb-event-fields table');
  return {
    verdict: top(article.querySelector('.vakb-verdict')),
    next: top(document.getElementById('next-steps')),
    table: top(table),
    firstField: top(article.querySelector('h3[id^="field-"]')),
    rows: table ? [...table.tBodies[0].rows].map(r => ({
      anchor: (r.cells[1].querySelector('a') || {}).getAttribute?.('href'),
      value: r.cells[2].textContent.trim(),
      meaning: r.cells[3].textContent.trim(),
    })) : [],
  };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_lead_with_verdict_next_steps_and_fields_table(phone, site_url, lang):
    problems = []
    for entry in EVENTS:
        rel = f"{LANGUAGE_PREFIX[lang]}events/{entry['id']}/"
        phone.goto(site_url + rel, wait_until="load")
        found = phone.evaluate(LAYOUT_JS)
        order = [found["verdict"], found["next"], found["table"], found["firstField"]]
        if None in order or order != sorted(order):
            problems.append(f"{rel}: verdict, next steps, fields table, first field section at {order}")
            continue
        if found["next"] > NEXT_STEPS_WITHIN:
            problems.append(f"{rel}: 'what to do next' starts {found['next']:.0f} px down (> {NEXT_STEPS_WITHIN})")
        anchors = [f"#field-{n}-{field['slug']}" for n, field in enumerate(entry["fields"], 1)]
        if [row["anchor"] for row in found["rows"]] != anchors:
            problems.append(f"{rel}: table rows link {[row['anchor'] for row in found['rows']]}, expected {anchors}")
        if any(not row["meaning"] or not row["value"] for row in found["rows"]):
            problems.append(f"{rel}: a row of the fields table has no value or meaning: {found['rows']}")
        # An example that is the Info line alone gives every Info field its value, in order.
        example = entry["example"].get("text", "")
        info = [field for field in entry["fields"] if field["in"] == "info"]
        if example and "Info:" in entry["message"] and "Info:" not in example:
            expected = [part.strip() for part in example.split(",")]
            values = [row["value"] for row in found["rows"]][:len(info)]
            if values != expected:
                problems.append(f"{rel}: example values {values}, expected {expected}")
    assert not problems, "\n".join(problems)


def headerlink_state(page, anchor: str) -> dict:
    return page.evaluate("""(id) => {
      const link = document.getElementById(id).querySelector('a.headerlink');
      if (!link) return null;
      const box = link.getBoundingClientRect(), style = getComputedStyle(link);
      return {opacity: Number(style.opacity), visibility: style.visibility, width: box.width, height: box.height};
    }""", anchor)


@pytest.mark.parametrize("rel, anchor", [
    ("events/12289/", "field-3-activated"),
    ("fr/events/12288/", "field-3-server-port"),
    ("troubleshooting/count-not-growing/", "step-2-duplicate-cmids"),
    ("fr/troubleshooting/clients-cannot-find-host/", "step-1-what-the-client-tried"),
])
def test_touch_screens_see_and_tap_the_permalink_of_a_step_or_field(phone, site_url, rel, anchor):
    phone.goto(site_url + rel, wait_until="load")
    phone.locator(f"#{anchor}").scroll_into_view_if_needed()
    state = headerlink_state(phone, anchor)
    assert state, f"{rel}: #{anchor} has no permalink"
    assert state["opacity"] >= 0.99 and state["visibility"] == "visible", f"{rel}#{anchor}: permalink hidden on touch: {state}"
    assert state["width"] >= 24 and state["height"] >= 24, f"{rel}#{anchor}: permalink too small to tap: {state}"
    link = phone.locator(f"#{anchor} a.headerlink")
    link.tap()
    phone.wait_for_function("(id) => document.querySelector('#' + id + ' a.headerlink').dataset.copiedUrl", arg=anchor)
    assert link.get_attribute("data-copied-url") == site_url + rel + "#" + anchor
    assert phone.locator(".md-dialog--active").count() == 1, "no 'copied' message after the tap"


def test_permalinks_stay_hover_only_with_a_mouse(browser, site_url):
    """The desktop reading is unchanged: without touch, a permalink appears on hover only."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "events/12289/", wait_until="load")
        assert headerlink_state(page, "field-3-activated")["opacity"] == 0
    finally:
        context.close()


SITE_NAMES = {"en": "Volume Activation 2.0 knowledge base", "fr": "Base de connaissances Volume Activation 2.0"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [360, 390])
def test_header_shows_the_whole_site_name_on_a_phone(browser, site_url, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + LANGUAGE_PREFIX[lang], wait_until="load")
        title = page.evaluate("""() => {
          const e = document.querySelector('.md-header__topic:first-child .md-ellipsis');
          const header = document.querySelector('.md-header').getBoundingClientRect(), box = e.getBoundingClientRect();
          return {text: e.textContent.trim(), cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
                  inside: box.top >= header.top && box.bottom <= header.bottom};
        }""")
        assert title["text"] == SITE_NAMES[lang]
        assert not title["cut"] and title["inside"], f"{width} px: the site name is cut in the header: {title}"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_names_the_site_once_and_gives_tools_and_the_analyzer_their_place(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + LANGUAGE_PREFIX[lang] + "how-kms-works/", wait_until="load")
        nav = page.locator(".md-sidebar--primary .md-nav--primary")
        visible_text = nav.evaluate("n => n.innerText")
        assert SITE_NAMES[lang] not in visible_text, "the navigation repeats the header's site name"
        sections = page.evaluate("""() => [...document.querySelectorAll(
            '.md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item--section')].map(item => ({
              title: item.querySelector(':scope > label, :scope > .md-nav__link').innerText.trim(),
              links: [...item.querySelectorAll('a.md-nav__link')].map(a => a.getAttribute('href')) }))""")
        by_title = {section["title"]: section["links"] for section in sections}
        tools = {"en": "Tools", "fr": "Outils"}[lang]
        troubleshoot = {"en": "Troubleshoot", "fr": "Dépanner"}[lang]
        assert tools in by_title, f"no top-level {tools!r} section: {list(by_title)}"
        assert any(link.rstrip("/").endswith("analyzer") for link in by_title[tools]), by_title[tools]
        assert any(link.rstrip("/").endswith("tools") for link in by_title[tools]), by_title[tools]
        assert not any(link.rstrip("/").endswith("tools") for link in by_title[troubleshoot])
    finally:
        context.close()


@pytest.mark.parametrize("lang, label", [("en", "Last update:"), ("fr", "Dernière mise à jour\u00a0:")])
def test_last_update_is_labelled_in_words(browser_page, site_url, lang, label):
    page = browser_page.page
    page.goto(site_url + LANGUAGE_PREFIX[lang] + "how-kms-works/", wait_until="load")
    text = page.locator(".md-source-file").inner_text()
    assert label in text, f"the page date is not labelled: {text!r}"
