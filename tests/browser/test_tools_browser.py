"""The four interactive tools in headless Debian Chromium, in both languages.

For each tool: a reader fills it in with the keyboard and gets the result the issue asks for; the
address then holds the state, and opening that address gives the same result; bad input gets a
message in the page's language and no output; axe-core finds no serious or critical violation in
the tool. Also: the tools mount without Material (DOMContentLoaded) and after a content swap such
as instant navigation (document$), they work from the offline bundle on file://, and no request
leaves the site. Expected values come from the issue, the seed and the data files.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from vakb import data
from vakb.topics import tools as render_tools
from vakb.shortcodes import Context
from axe_check import blocking_violations as site_blocking_violations
from test_error_lookup_browser import REFUSING_EVERY_COPY

PREFIX = {"en": "", "fr": "fr/"}
LANGS = ["en", "fr"]


def tool_data(tool_id: str) -> dict:
    return data.load("tools")["tools"][tool_id]


def string(tool_id: str, key: str, lang: str) -> str:
    """A tool's string as the page gives it to the script: French with French spacing (vakb.typography)."""
    from vakb.typography import french_text

    tools = data.load("tools")
    entry = tools["tools"][tool_id]["strings"].get(key) or tools["common"][key]
    text = data.text(entry, lang)
    return french_text(text) if lang == "fr" else text


def fragment(template: str) -> str:
    """The longest literal piece of a message template: present in every message made from it."""
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def fact(name: str, lang: str = "en"):
    return data.text(data.load("facts")[name], lang, "value")


def goto_tool(page, url: str, tool_id: str):
    """Open `url` and wait until the tool's script has mounted it (restored the state the address holds)."""
    page.goto(url, wait_until="load")
    page.locator(f"#{tool_id}[data-mounted]").wait_for()


def result_state(page, box: str, *attributes: str) -> tuple:
    """What a tool's result shows: the figures its box carries (data-...), then its text."""
    result = page.locator(box)
    return (*(result.get_attribute(name) for name in attributes), result.inner_text())


def open_tool(browser_page, site_url: str, lang: str, tool_id: str, query: str = ""):
    page = browser_page.page
    path = tool_data(tool_id)["page"].removesuffix(".md") + "/"
    goto_tool(page, f"{site_url}{PREFIX[lang]}{path}{query}", tool_id)
    assert page.locator("html").get_attribute("lang") == lang
    return page


def tab_into(page, tool_id: str):
    """Focus the tool section's permalink, then Tab (past any link of the introduction) into the form."""
    page.focus(f"#{tool_data(tool_id)['anchor']} a.headerlink")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("id => document.getElementById(id).contains(document.activeElement)", tool_id):
            return
    raise AssertionError(f"Tab never reached a field of #{tool_id}")


def active_name(page) -> str:
    return page.evaluate("document.activeElement && (document.activeElement.name || document.activeElement.id)")


def query_of(page) -> dict:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)


def blocking_violations(page, tool_id: str) -> list[str]:
    return site_blocking_violations(page, within=f"#{tool_id}")


def assert_clean(browser_page, site_url: str):
    foreign = browser_page.foreign_requests((site_url,))
    assert not foreign, f"requests that left {site_url}: {foreign}"
    assert browser_page.console_errors == []


def message(page, tool_id: str):
    return page.locator(f"#{tool_id}-message")


# ---- count calculator ------------------------------------------------------------------------

def count_state(page) -> tuple:
    return result_state(page, "#count-result", "data-count", "data-clients-activate", "data-servers-activate")


@pytest.mark.parametrize("lang", LANGS)
def test_count_calculator_by_keyboard_and_shared_address(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "count-calculator")
    assert page.locator("#count-result").is_hidden()
    tab_into(page, "count-calculator")
    assert active_name(page) == "clients"
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    assert active_name(page) == "servers"
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    # Seed row 1: 4 Windows Server 2008 + 1 Vista -> count 5, activation for the servers only.
    state = count_state(page)
    assert state[:3] == ("5", "false", "true")
    need = fact("threshold_client_os") - 5
    assert fragment(string("count-calculator", "clients_no_other", lang)) in state[3]
    assert str(need) in state[3]
    assert query_of(page) == {"clients": ["1"], "servers": ["4"]}
    shared = page.url
    assert page.locator(".vakb-tool__link-hint").is_visible()
    assert not blocking_violations(page, "count-calculator")
    goto_tool(page, shared, "count-calculator")
    assert count_state(page) == state
    assert page.input_value("#count-calculator-clients") == "1"
    assert_clean(browser_page, site_url)


@pytest.mark.parametrize("lang", LANGS)
def test_count_calculator_gives_the_seed_table_and_stops_at_the_cache(browser_page, site_url, lang):
    # The 2008 seed table: servers, clients -> count, clients activate, servers activate.
    rows = [(4, 1, "5", "false", "true"), (1, 4, "5", "false", "true"), (1, 1, "2", "false", "false"),
            (4, 22, "26", "true", "true")]
    page = open_tool(browser_page, site_url, lang, "count-calculator", "?servers=4&clients=1")
    for servers, clients, *expected in rows:
        page.fill("#count-calculator-servers", str(servers))
        page.fill("#count-calculator-clients", str(clients))
        assert list(count_state(page)[:3]) == expected, (servers, clients)
    page.fill("#count-calculator-servers", "")
    page.fill("#count-calculator-clients", "70")
    state = count_state(page)
    assert state[0] == str(fact("cmid_cache_size"))
    assert fragment(string("count-calculator", "capped", lang)) in state[3]


@pytest.mark.parametrize("lang", LANGS)
def test_count_calculator_refuses_a_non_number(browser, browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "count-calculator", "?clients=abc&servers=4")
    box = message(page, "count-calculator")
    assert box.is_visible()
    assert fragment(string("count-calculator", "whole_number", lang)) in box.inner_text()
    assert string("count-calculator", "clients", lang) in box.inner_text()
    assert page.locator("#count-result").is_hidden()
    assert page.locator("#count-result").get_attribute("data-count") is None
    assert page.get_attribute("#count-calculator-clients", "aria-invalid") == "true"
    assert not blocking_violations(page, "count-calculator")
    # The message colours of the dark palette, too: a fresh context that prefers dark.
    dark_context = browser.new_context(color_scheme="dark", service_workers="block")
    try:
        dark = dark_context.new_page()
        goto_tool(dark, page.url, "count-calculator")
        dark.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert message(dark, "count-calculator").is_visible()
        assert not blocking_violations(dark, "count-calculator")
    finally:
        dark_context.close()
    # Corrected, the message goes and the result comes.
    page.fill("#count-calculator-clients", "30")
    assert box.is_hidden()
    assert count_state(page)[:3] == ("34", "true", "true")


# ---- grace calculator ------------------------------------------------------------------------

def grace_state(page) -> tuple:
    return result_state(page, "#grace-result", "data-ends", "data-latest", "data-left")


@pytest.mark.parametrize("lang", LANGS)
def test_grace_calculator_by_keyboard_and_shared_address(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "grace-calculator")
    assert page.locator("#grace-result").is_hidden()
    tab_into(page, "grace-calculator")
    assert page.evaluate("document.activeElement.value") == "win7"  # the first system, checked
    page.keyboard.press("Tab")
    assert active_name(page) == "installed"
    page.keyboard.type("2010-01-01")
    page.keyboard.press("Tab")
    assert active_name(page) == "rearms"
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    # Windows 7: 30 days of grace, 3 rearms. One rearm on the last day: 60 days; all three: 120.
    state = grace_state(page)
    assert state[:3] == ("2010-03-02", "2010-05-01", "2")
    outcome = data.load("grace")["outcomes"]["notification"]
    assert data.text(outcome["name"], lang) in state[3]
    assert query_of(page) == {"installed": ["2010-01-01"], "rearms": ["1"]}
    assert not blocking_violations(page, "grace-calculator")
    goto_tool(page, page.url, "grace-calculator")
    assert grace_state(page) == state
    assert_clean(browser_page, site_url)


@pytest.mark.parametrize("lang", LANGS)
def test_grace_calculator_refuses_bad_input_and_keeps_it(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "grace-calculator",
                     "?system=vista-rtm&installed=2007-02-30&rearms=4")
    box = message(page, "grace-calculator")
    text = box.inner_text()
    assert fragment(string("grace-calculator", "bad_date", lang)) in text and "2007-02-30" in text
    assert fragment(string("grace-calculator", "too_many", lang)) in text
    assert page.locator("#grace-result").is_hidden()
    assert page.get_attribute("#grace-calculator-installed", "aria-invalid") == "true"
    assert page.get_attribute("#grace-calculator-rearms", "aria-invalid") == "true"
    assert page.input_value("#grace-calculator-installed") == "2007-02-30"  # nothing typed is lost
    assert page.is_checked("#grace-calculator-vista-rtm")
    assert not blocking_violations(page, "grace-calculator")
    page.fill("#grace-calculator-installed", "2007-02-28")
    page.fill("#grace-calculator-rearms", "3")
    assert box.is_hidden()
    ends, latest, left, text = grace_state(page)
    assert (ends, latest, left) == ("2007-06-28", "2007-06-28", "0")
    assert data.text(data.load("grace")["outcomes"]["rfm"]["name"], lang) in text
    # Submitting without a date says the field is required.
    page.fill("#grace-calculator-installed", "")
    page.click("#grace-calculator button[type=submit]")
    assert fragment(string("grace-calculator", "required", lang)) in box.inner_text()


# ---- key-group chooser -----------------------------------------------------------------------

def key_group(data_key: str) -> dict:
    return next(k for k in data.load("key_groups")["keys"] if k["id"] == data_key)


def product_name(product_id: str, lang: str) -> str:
    product = next(p for p in data.load("key_groups")["products"] if p["id"] == product_id)
    return data.text(product, lang, "name")


@pytest.mark.parametrize("lang", LANGS)
def test_key_chooser_by_keyboard_and_shared_address(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "key-group-chooser")
    tab_into(page, "key-group-chooser")
    assert page.evaluate("document.activeElement.value") == "vista-business"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "ws2008-web"
    page.keyboard.press("Space")
    result = page.locator("#key-group-result")
    assert result.get_attribute("data-key") == "2008-a"
    text = result.inner_text()
    key = key_group("2008-a")
    assert data.text(key, lang, "name") in text
    assert all(data.text(host, lang) in text for host in key["hosts"])
    assert product_name("ws2008-hpc", lang) in text  # what else the key activates
    assert product_name("vista-enterprise", lang) in text
    # The key's name links to its section of the same page.
    assert page.get_attribute("#key-group-result a", "href") == "#key-2008-a"
    assert page.locator("#key-2008-a").count() == 1
    assert query_of(page) == {"product": ["vista-business", "ws2008-web"]}
    assert not blocking_violations(page, "key-group-chooser")
    shared = page.url
    goto_tool(page, shared, "key-group-chooser")
    assert page.get_attribute("#key-group-result", "data-key") == "2008-a"
    assert page.locator("#key-group-result").inner_text() == text
    assert_clean(browser_page, site_url)


@pytest.mark.parametrize("lang", LANGS)
def test_key_chooser_from_an_address_and_with_nothing_ticked(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "key-group-chooser",
                     "?product=ws2008-datacenter&product=win7-professional")
    assert page.get_attribute("#key-group-result", "data-key") == "2008r2-c"
    assert page.is_checked("#key-group-chooser-ws2008-datacenter")
    ticked = page.eval_on_selector_all("#key-group-chooser input:checked", "boxes => boxes.map(b => b.id)")
    assert len(ticked) == 2
    for box_id in ticked:
        page.uncheck(f"#{box_id}")
    assert page.locator("#key-group-result").is_hidden()
    assert message(page, "key-group-chooser").is_hidden()  # browsing is not an error...
    page.click("#key-group-chooser button[type=submit]")  # ...asking for a key with none ticked is
    assert message(page, "key-group-chooser").inner_text() == string("key-group-chooser", "none", lang)
    assert page.locator("#key-group-result").get_attribute("data-key") is None
    assert not blocking_violations(page, "key-group-chooser")


# ---- SRV generator ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_srv_generator_by_keyboard_copy_and_shared_address(browser_page, site_url, lang):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = open_tool(browser_page, site_url, lang, "srv-generator")
    assert page.input_value("#srv-generator-port") == str(fact("kms_port"))
    assert page.input_value("#srv-generator-weight") == "0"
    tab_into(page, "srv-generator")
    assert active_name(page) == "domain"
    page.keyboard.type("corp.contoso.com")
    page.keyboard.press("Tab")
    assert active_name(page) == "host"
    page.keyboard.type("kms1.corp.contoso.com")
    page.keyboard.press("Enter")
    record, port, ttl = fact("srv_record"), fact("kms_port"), data.load("tools")["defaults"]["srv_ttl"]
    zone = f"{record}.corp.contoso.com. {ttl} IN SRV 0 0 {port} kms1.corp.contoso.com."
    assert page.inner_text("#srv-generator-zone") == zone
    assert page.inner_text("#srv-generator-dnscmd").startswith("dnscmd ")
    assert f"update add {record}.corp.contoso.com." in page.inner_text("#srv-generator-nsupdate")
    assert page.inner_text("#srv-generator-publish-list") == "corp.contoso.com,0,0"
    for output in ("zone", "dnscmd", "nsupdate", "publish-list"):
        assert page.locator(f'button[data-copy="srv-generator-{output}"]').is_visible()
    page.click('button[data-copy="srv-generator-zone"]')
    assert page.evaluate("navigator.clipboard.readText()") == zone
    copied = string("srv-generator", "copied", lang)
    assert page.get_attribute('button[data-copy="srv-generator-zone"]', "aria-label") == copied
    assert query_of(page) == {"domain": ["corp.contoso.com"], "host": ["kms1.corp.contoso.com"]}
    assert not blocking_violations(page, "srv-generator")
    goto_tool(page, page.url, "srv-generator")
    assert page.inner_text("#srv-generator-zone") == zone
    assert_clean(browser_page, site_url)


@pytest.mark.parametrize("lang", LANGS)
def test_srv_generator_refuses_bad_names_and_ports(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "srv-generator", "?domain=contoso..com&host=kms1.contoso.com")
    box = message(page, "srv-generator")
    assert fragment(string("srv-generator", "bad_name", lang)) in box.inner_text()
    assert "contoso..com" in box.inner_text()
    assert page.locator("#srv-result").is_hidden()
    assert page.inner_text("#srv-generator-zone") == ""
    page.fill("#srv-generator-domain", "contoso.com")
    assert box.is_hidden() and page.locator("#srv-result").is_visible()
    page.fill("#srv-generator-port", "65536")
    assert "65535" in box.inner_text()
    assert fragment(string("srv-generator", "whole_number", lang)) in box.inner_text()
    assert page.locator("#srv-result").is_hidden()
    assert not blocking_violations(page, "srv-generator")


# ---- registry generator ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_reg_generator_by_keyboard_download_and_shared_address(browser_page, site_url, lang):
    page = open_tool(browser_page, site_url, lang, "reg-generator")
    tab_into(page, "reg-generator")
    assert page.evaluate("document.activeElement.value") == "win7"  # the checked radio button
    page.keyboard.press("ArrowUp")  # radio group: the arrow keys move the choice
    assert page.is_checked("#reg-generator-vista")
    page.keyboard.press("Tab")
    assert active_name(page) == "VLActivationInterval"
    page.keyboard.type("120")
    page.keyboard.press("Enter")
    key = fact("registry_key_vista").replace("HKLM\\", "HKEY_LOCAL_MACHINE\\", 1)
    text = page.evaluate("document.getElementById('reg-generator-file').textContent")
    assert text.split("\r\n")[:4] == ["Windows Registry Editor Version 5.00", "", f"[{key}]",
                                      f'"VLActivationInterval"=dword:{120:08x}']
    assert page.inner_text("#reg-generator-commands").startswith(
        f'reg add "{fact("registry_key_vista")}" /v VLActivationInterval /t REG_DWORD /d 120 /f')
    service = fact("service_vista_short")
    assert fact("service_vista", lang) in page.inner_text("#reg-generator-restart-text")
    assert page.inner_text("#reg-generator-restart").split() == ["net", "stop", service, "net", "start", service]
    with page.expect_download() as download:
        page.click(".vakb-tool__download")
    assert download.value.suggested_filename.endswith(".reg")
    raw = open(download.value.path(), "rb").read()
    assert raw[:2] == b"\xff\xfe" and raw[2:].decode("utf-16-le") == text
    assert query_of(page) == {"version": ["vista"], "VLActivationInterval": ["120"]}
    assert not blocking_violations(page, "reg-generator")
    goto_tool(page, page.url, "reg-generator")
    assert page.evaluate("document.getElementById('reg-generator-file').textContent") == text
    assert_clean(browser_page, site_url)


@pytest.mark.parametrize("lang", LANGS)
def test_reg_generator_refuses_intervals_outside_the_range(browser_page, site_url, lang):
    low, high = fact("interval_minimum"), fact("interval_maximum")
    page = open_tool(browser_page, site_url, lang, "reg-generator", f"?VLRenewalInterval={high + 1}")
    shown = message(page, "reg-generator").inner_text()
    digits = re.sub(r"[\s\u00a0\u202f,]", "", shown)
    assert "VLRenewalInterval" in shown and str(low) in digits and str(high) in digits
    assert fragment(string("reg-generator", "interval", lang)) in shown
    assert page.locator("#reg-result").is_hidden()
    assert page.evaluate("document.getElementById('reg-generator-file').textContent") == ""
    assert not blocking_violations(page, "reg-generator")
    page.fill("#reg-generator-VLRenewalInterval", str(low))
    assert page.get_attribute("#reg-result", "data-version") == "win7"
    # An unknown version in an address keeps the default choice rather than none.
    page = open_tool(browser_page, site_url, lang, "reg-generator", f"?version=xp&VLRenewalInterval={low}")
    assert page.is_checked("#reg-generator-win7")
    assert fact("registry_key_win7") in page.inner_text("#reg-generator-commands")


# ---- mounting, the tools page, offline --------------------------------------------------------

def test_tools_mount_without_material_and_after_a_content_swap(browser_page, site_url):
    page = browser_page.page
    form = render_tools.BUILDERS["count-calculator"](Context(lang="en"))
    scripts = "".join(f'<script src="{site_url}assets/javascripts/{name}.js"></script>'
                      for name in ("site", "tools/common", "tools/count-calculator"))
    # A bare page: no Material bundle, so no document$; the tools mount on DOMContentLoaded.
    page.set_content(f"<!doctype html><html lang=en><title>t</title><body>{form}{scripts}</body></html>")
    page.locator("#count-calculator[data-mounted]").wait_for()
    page.fill("#count-calculator-clients", "25")
    assert page.get_attribute("#count-result", "data-clients-activate") == "true"
    # On a Material page, swap the form for a fresh copy and emit document$, as instant navigation does.
    page = open_tool(browser_page, site_url, "en", "count-calculator")
    page.evaluate("""html => {
        const old = document.getElementById('count-calculator');
        old.insertAdjacentHTML('afterend', html);
        old.remove();
        document$.next(document);
    }""", form.strip())
    page.locator("#count-calculator[data-mounted]").wait_for()
    page.fill("#count-calculator-servers", "5")
    assert page.get_attribute("#count-result", "data-servers-activate") == "true"


def test_a_refused_copy_says_so_on_the_button(browser, site_url):
    # No Clipboard API and execCommand("copy") refused (tests/browser/test_error_lookup_browser.py).
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script(REFUSING_EVERY_COPY)
        goto_tool(page, f"{site_url}dns-srv/?domain=corp.contoso.com&host=kms1.corp.contoso.com", "srv-generator")
        button = page.locator('button[data-copy="srv-generator-zone"]')
        button.click()
        failed = string("srv-generator", "copy_failed", "en")
        assert button.get_attribute("aria-label") == failed and button.inner_text() == failed
    finally:
        context.close()


def test_tools_page_links_each_tool_in_both_languages(built_pages):
    for lang in LANGS:
        html = built_pages[f"{PREFIX[lang]}tools/"].read_text(encoding="utf-8")
        for tool_id, tool in data.load("tools")["tools"].items():
            href = "../" + tool["page"].removesuffix(".md") + "/#" + tool["anchor"]
            assert f'href="{href}"' in html, (lang, href)
            assert data.text(tool, lang, "title") in re.sub(r"<[^>]+>", "", html)  # abbr tags aside
            target = built_pages[PREFIX[lang] + tool["page"].removesuffix(".md") + "/"].read_text(encoding="utf-8")
            assert f'id="{tool["anchor"]}"' in target and f'<form id="{tool_id}"' in target


def test_tool_pages_hold_no_executable_inline_script(built_pages):
    for lang in LANGS:
        for tool in data.load("tools")["tools"].values():
            html = built_pages[PREFIX[lang] + tool["page"].removesuffix(".md") + "/"].read_text(encoding="utf-8")
            form = html[html.index('class="vakb-tool"'):]
            form = form[:form.index("</form>")]
            scripts = re.findall(r"<script([^>]*)>", form)
            assert scripts == [' type="application/json" class="vakb-tool__data"'], scripts
            json.loads(re.search(r'class="vakb-tool__data">(.*?)</script>', form, re.S).group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_tools_work_from_the_offline_bundle(browser_page, offline_bundle, lang):
    page, offline_dir = browser_page.page, offline_bundle.root
    url = (offline_dir / PREFIX[lang] / "dns-srv.html").as_uri() + "?domain=contoso.com&host=kms.contoso.com"
    goto_tool(page, url, "srv-generator")
    assert page.inner_text("#srv-generator-publish-list") == "contoso.com,0,0"
    page.fill("#srv-generator-weight", "5")
    assert page.inner_text("#srv-generator-publish-list") == "contoso.com,0,5"
    goto_tool(page, (offline_dir / PREFIX[lang] / "activation-count.html").as_uri() + "?clients=24", "count-calculator")
    assert page.get_attribute("#count-result", "data-count") == "24"
    assert browser_page.console_errors == []
    assert not browser_page.foreign_requests(("file://",))


# ---- long and hostile input --------------------------------------------------------------------

# nginx reads a request line into one of large_client_header_buffers (default 4 x 8k): a longer
# address gets 414. A shared tool address must fit whatever was typed into its fields.
NGINX_REQUEST_LINE = 8192
# URLSearchParams writes a character as at most 9 bytes (%XX%XX%XX); maxlength counts UTF-16 units,
# so a 4-byte character (12 bytes) uses two of them.
BYTES_PER_UNIT = 9


def test_a_shared_tool_address_fits_what_nginx_accepts(built_pages):
    checked = 0
    for url, path in built_pages.items():
        html = path.read_text(encoding="utf-8")
        for form in re.findall(r'<form id="[^"]+" class="vakb-tool".*?</form>', html, re.S):
            query = 0
            for tag in re.findall(r"<input\b[^>]*>|<select\b.*?</select>", form, re.S):
                name = re.search(r'\bname="([^"]+)"', tag).group(1)
                if tag.startswith("<select"):
                    longest = max(len(v) for v in re.findall(r'<option value="([^"]*)"', tag))
                elif 'type="text"' in tag:
                    limit = re.search(r'\bmaxlength="(\d+)"', tag)
                    assert limit, f"/{url}: field {name} takes input of any length"
                    longest = int(limit.group(1))
                else:  # checkbox, radio: its own value
                    longest = len(re.search(r'\bvalue="([^"]*)"', tag).group(1))
                query += len(name) + 2 + BYTES_PER_UNIT * longest
            line = len(f"GET /{url}? HTTP/1.1") + query
            assert line < NGINX_REQUEST_LINE, f"/{url}: a filled-in address can reach {line} bytes"
            checked += 1
    assert checked >= 10, "five tools in two languages"


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_name_gets_a_short_neutral_message(browser_page, site_url, lang):
    long_name = "\u202e" + "a" * 3000
    query = "?" + urllib.parse.urlencode({"domain": long_name, "host": "kms1.contoso.com"})
    page = open_tool(browser_page, site_url, lang, "srv-generator", query)
    field = page.locator("#srv-generator-domain")
    limit = int(field.get_attribute("maxlength"))
    assert limit <= 254
    assert len(field.input_value()) <= limit  # cut to what the field holds, from the address too
    text = message(page, "srv-generator").inner_text()
    assert "\u202e" not in text and "U+202E" in text
    assert len(text) < 400, f"the whole input was echoed: {len(text)} characters"
    page.fill("#srv-generator-host", "x" * 3000)
    assert len(page.locator("#srv-generator-host").input_value()) <= limit
    assert len(page.evaluate("location.href")) < NGINX_REQUEST_LINE
    assert_clean(browser_page, site_url)
