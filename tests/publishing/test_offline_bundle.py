"""The offline bundle (scripts/bundle.py): built once per session with the code `./scripts/build`
runs, unpacked into a temporary folder, then read from file:// in headless Debian Chromium.

Static checks cover every file of the bundle (tests/offline_checks.py); the browser loads every
page once, and a sample of pages for the interactive parts (search, switcher, lookup, redirects).
"""

from __future__ import annotations

import json
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.parse
import zipfile

import pytest

import offline_checks
from search_box import COUNT_QUERIES, search
from vakb.topics.errors import codes as error_codes
from conftest import ROOT, Bundle
from scripts import bundle

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
ERROR_CODE = "0xC004F074"
ERROR_PAGE = f"errors/{ERROR_CODE.lower()}.html"
# A short page (a catalogue code errors.yml does not document): the offline bundle's lighter form.
SHORT_CODE = "0xC004F301"
SHORT_PAGE = f"errors/{SHORT_CODE.lower()}.html"
TOPIC = "how-kms-works.html"
PREFIX = bundle.LANGUAGES  # {"en": "", "fr": "fr/"}


def languages_pages(offline_bundle: Bundle, lang: str) -> list[str]:
    """Bundle-relative paths of the content pages of one language (no print page, no stubs)."""
    stubs = set(offline_checks.redirect_stubs(offline_bundle.root))
    found = []
    for path in offline_checks.pages(offline_bundle.root):
        rel = path.relative_to(offline_bundle.root).as_posix()
        in_french = rel.startswith(PREFIX["fr"])
        if path in stubs or path.name == bundle.PRINT_PAGE or in_french != (lang == "fr"):
            continue
        found.append(rel)
    return found


def error_codes_listed() -> bool:
    return (ROOT / "docs" / "data" / "errors.yml").exists() and ERROR_CODE in error_codes.by_code()


# -- the archive ------------------------------------------------------------------------------------


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))


def test_zip_is_named_after_the_version_with_one_top_folder(offline_bundle):
    name = re.fullmatch(r"vakb-offline-(.+)\.zip", offline_bundle.zip.name)
    assert name, offline_bundle.zip.name
    version = name.group(1)
    if git("describe", "--tags").returncode == 0:
        assert git("rev-parse", "--verify", f"{version}^{{commit}}").returncode == 0, f"{version}: not a git describe"
    else:
        # Other commits may land while the tests run: the hash must be a commit, its date the name's.
        day, commit = re.fullmatch(r"(\d{8})-([0-9a-f]{7,})", version).groups()
        assert git("log", "-1", "--date=format-local:%Y%m%d", "--format=%ad", commit).stdout.strip() == day
    with zipfile.ZipFile(offline_bundle.zip) as zf:
        names = zf.namelist()
    assert {name.split("/", 1)[0] for name in names} == {f"vakb-offline-{version}"}
    assert f"vakb-offline-{version}/index.html" in names
    assert f"vakb-offline-{version}/fr/index.html" in names


def test_bundle_is_lean(offline_bundle):
    assert offline_checks.waste(offline_bundle.root) == []
    lunr = {p.name for p in (offline_bundle.root / bundle.LUNR).rglob("*.js")}
    assert lunr == {"lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}
    # A budget, not a measurement: fails when something big sneaks in (fonts, a second theme...).
    # The one of scripts/budgets.toml: the catalogue's hundreds of short pages (issue 19) took the
    # zip past the 2 MiB this test used to hold, within the budget.
    budget = tomllib.loads((ROOT / "scripts" / "budgets.toml").read_text(encoding="utf-8"))["offline_zip"]["max_mib"]
    assert offline_bundle.zip.stat().st_size < budget * 1024 * 1024
    # The gzip copies are for nginx (overrides/vakb/build_steps/precompress.py); from file:// they are dead weight.
    assert sorted(p.name for p in offline_bundle.root.rglob("*.gz")) == []


def test_every_page_has_its_files_and_anchors(offline_bundle):
    assert offline_checks.broken_references(offline_bundle.root) == []


def test_no_link_to_the_online_site(offline_bundle):
    """No page, script or style mentions the online address: everything is relative.

    Canonical links included: the offline plugin would make them https://<site>/<page>.html,
    addresses the online site (directory URLs) does not serve, so overrides/main.html leaves them
    out of the offline build, with the hreflang alternates (see test_no_alternate_links).
    """
    assert offline_checks.online_site_references(offline_bundle.root, SITE_URL) == []


def test_home_pages_offer_no_download_of_what_the_reader_already_has(offline_bundle):
    for home in ("index.html", "fr/index.html"):
        text = (offline_bundle.root / home).read_text(encoding="utf-8")
        assert 'class="vakb-print-edition"' in text  # the editions paragraph is there...
        assert "vakb-offline-edition" not in text and "download/" not in text  # ...without the zip


def test_no_alternate_links(offline_bundle):
    """Material fetches sitemap.xml beside every <link rel=alternate>, which file:// refuses."""
    assert offline_checks.alternate_links(offline_bundle.root) == []


def test_every_page_exists_in_both_languages(offline_bundle):
    english = {rel for rel in languages_pages(offline_bundle, "en")}
    french = {rel.removeprefix(PREFIX["fr"]) for rel in languages_pages(offline_bundle, "fr")}
    assert english == french
    assert {"index.html", TOPIC, "errors/index.html"} <= english


def test_error_page_is_in_the_bundle_when_the_data_lists_it(offline_bundle):
    listed = error_codes_listed()
    for lang in PREFIX:
        exists = (offline_bundle.root / PREFIX[lang] / ERROR_PAGE).is_file()
        assert exists == listed, (
            f"docs/data/errors.yml {'lists' if listed else 'does not list'} {ERROR_CODE}, "
            f"but {PREFIX[lang]}{ERROR_PAGE} is {'missing' if listed else 'present'}"
        )


@pytest.mark.parametrize("lang", PREFIX)
def test_print_edition_holds_every_page_of_its_language(offline_bundle, lang):
    """Every page is in the binder, but the catalogue's short error pages: their code and meaning
    are printed as rows of the errors index's catalogue tables, which the print edition opens
    (a closed <details> prints as its summary), and each row links the page in the bundle."""
    printed = offline_bundle.root / PREFIX[lang] / bundle.PRINT_PAGE
    text = printed.read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}"', text)
    assert f"<title>{bundle.PRINT_TITLES[lang]} - " in text
    plain_text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    heading = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    short = {f"{PREFIX[lang]}errors/{error_codes.slug(entry['code'])}.html": entry
             for entry in error_codes.catalogue_only()}
    for rel in languages_pages(offline_bundle, lang):
        title = heading.search((offline_bundle.root / rel).read_text(encoding="utf-8"))
        assert title, f"{rel} has no <h1>"
        plain = " ".join(re.sub(r"<[^>]+>", " ", title.group(1)).split())
        if rel in short:
            assert plain not in plain_text, f"{rel}: a short page is printed whole"
            href = posixpath.relpath(rel, posixpath.dirname(PREFIX[lang] + bundle.PRINT_PAGE))
            assert f'href="{href}"' in text, f"{rel}: its printed catalogue row does not link it"
        else:
            assert plain in plain_text, f"{rel}: heading {plain!r} missing from the print edition"
    catalogue = re.findall(r'<details class="vakb-error-catalogue"[^>]*>', text)
    assert catalogue and all(" open" in tag for tag in catalogue), catalogue[:2]
    missing = [entry["code"] for entry in short.values() if entry["code"] not in plain_text]
    assert not missing, f"catalogue codes not printed: {missing[:5]}"


# -- the checks bite: the same functions on a broken copy --------------------------------------------


SHORT_PAGES = re.compile(r"^(fr/)?errors/0x[0-9a-f]{8}\.html$")
ATTRIBUTE = r'\b{name}="([^"]*)"'


def short_pages(offline_bundle: Bundle) -> list[str]:
    found = []
    for prefix in PREFIX.values():
        for path in sorted((offline_bundle.root / prefix / "errors").glob("0x*.html")):
            if 'id="causes"' not in path.read_text(encoding="utf-8"):
                found.append(path.relative_to(offline_bundle.root).as_posix())
    return found


def resolve(rel: str, href: str) -> tuple[str, str]:
    target, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)), anchor


def test_short_code_pages_are_light_and_keep_what_a_reader_needs(offline_bundle):
    # The zip compresses each page alone: the short pages (766) get a one-line header instead of
    # Material's (overrides/catalogue-code-offline.html), and keep their content, the way home and
    # to the errors index, search, the language switch to the same page and the ticket reply.
    pages = short_pages(offline_bundle)
    assert len(pages) > 700 and SHORT_PAGE in pages
    ids: dict[str, set[str]] = {}
    for rel in pages:
        text = (offline_bundle.root / rel).read_text(encoding="utf-8")
        prefix = PREFIX["fr"] if rel.startswith(PREFIX["fr"]) else PREFIX["en"]
        other = PREFIX["en"] if prefix else PREFIX["fr"]
        header = re.search(r'<header class="md-header vakb-light-header".*?</header>', text, re.S)
        assert header, f"{rel}: not the light form"
        assert "md-search__input" not in text and "md-nav--secondary" not in text, rel
        links = {resolve(rel, href)[0] for href in re.findall(ATTRIBUTE.format(name="href"), header.group(0))}
        assert {prefix + "index.html", prefix + "errors/index.html", other + rel.removeprefix(prefix)} <= links, rel
        form = re.search(r'<form class="vakb-light-header__search" action="([^"]*)"[^>]*>\s*<input type="search" name="q"',
                         header.group(0))
        assert form and resolve(rel, form.group(1))[0] == prefix + "index.html", rel
        for section in ("meaning", "where-to-start", "windows-text"):
            assert f'id="{section}"' in text, f"{rel}: no #{section}"
        reply = json.loads(re.search(r'<script type="application/json" class="vakb-ticket-reply__text">(.*?)</script>',
                                     text, re.S).group(1))
        # Offline like a documented page's reply: the public address when the build had one, else named.
        assert reply["offline"] is True and reply["named"] and (reply["url"] is None or reply["url"].startswith("https://"))
        target, anchor = resolve(rel, reply["href"])
        assert (offline_bundle.root / target).is_file(), f"{rel}: {reply['href']}"
        if anchor:
            if target not in ids:
                ids[target] = set(re.findall(ATTRIBUTE.format(name="id"), (offline_bundle.root / target).read_text(encoding="utf-8")))
            assert anchor in ids[target], f"{rel}: {reply['href']}"


@pytest.mark.parametrize("lang", PREFIX)
def test_short_page_search_box_opens_search_on_the_home_page(offline_bundle, browser_page, lang):
    page = visit(browser_page, offline_bundle, PREFIX[lang] + SHORT_PAGE)
    box = page.locator(".vakb-light-header__search input")
    box.fill(ERROR_CODE)
    box.press("Enter")
    page.wait_for_load_state("load")
    assert offline_bundle.rel(page.url).split("?")[0] == PREFIX[lang] + "index.html"
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 0", timeout=10_000)
    results = [offline_bundle.rel(url) for url in
               page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")]
    if error_codes_listed():
        assert PREFIX[lang] + ERROR_PAGE in results, results
    assert_stayed_inside(browser_page, offline_bundle)


def test_static_checks_catch_a_broken_copy(offline_bundle, tmp_path):
    # Each check reads every page of the folder it is given: one page, the page it links to and the
    # assets show every mistake (the bundle itself is checked whole by the tests above).
    copy = tmp_path / "copy"
    shutil.copytree(offline_bundle.root / "assets", copy / "assets")
    for rel in (TOPIC, "dns-srv.html"):
        shutil.copy2(offline_bundle.root / rel, copy / rel)
    page = copy / TOPIC
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", (
        f'<a href="{SITE_URL}dns-srv/">online</a>'
        '<img src="/assets/images/logo.svg">'
        '<script src="assets/javascripts/missing.js"></script>'
        '<a href="dns-srv.html#no-such-anchor">anchor</a>'
        '<link rel="stylesheet" href="https://cdn.example.net/x.css">'
        '<link rel="alternate" href="fr/how-kms-works.html" hreflang="fr">'
        "</body>")), encoding="utf-8")
    (copy / "assets" / "stylesheets" / "main.css.map").write_text("{}")
    shutil.copyfile(copy / "assets" / "images" / "logo.svg", copy / "assets" / "images" / "logo-copy.svg")

    broken = "\n".join(offline_checks.broken_references(copy))
    assert "'/assets/images/logo.svg': absolute path" in broken
    assert "missing.js': no such file" in broken
    assert "no id 'no-such-anchor'" in broken
    assert "x.css': asset from another host" in broken
    assert any(p.startswith(f"{TOPIC}:") for p in offline_checks.online_site_references(copy, SITE_URL))
    assert offline_checks.alternate_links(copy) == [f"{TOPIC}: <link rel=alternate href='fr/how-kms-works.html'>"]
    wasted = "\n".join(offline_checks.waste(copy))
    assert "main.css.map: source map" in wasted and "logo-copy.svg" in wasted


# -- in the browser, from file:// ---------------------------------------------------------------------


def visit(recorded, offline_bundle: Bundle, rel: str):
    """Open a bundle page; fail on any request outside the bundle or any console error."""
    recorded.page.goto(offline_bundle.url(rel), wait_until="load")
    return recorded.page


def assert_stayed_inside(recorded, offline_bundle: Bundle):
    inside = offline_bundle.root.as_uri() + "/"
    assert recorded.foreign_requests((inside,)) == [], "requests leaving the bundle"
    assert recorded.console_errors == []
    assert not [url for url in recorded.requests if "sitemap.xml" in url]


# Browser-loaded: one page of each kind per language (the static checks above read every page).
SAMPLE = ["index.html", TOPIC, "errors/index.html", ERROR_PAGE, SHORT_PAGE, "tools.html", "glossary.html",
          "client-setup-keys.html", bundle.PRINT_PAGE]


def sample_pages() -> list[str]:
    return [prefix + rel for prefix in PREFIX.values() for rel in SAMPLE]


def test_every_page_is_a_whole_html_page(offline_bundle):
    """Every page of both languages (the browser loads a sample of them below)."""
    stubs = set(offline_checks.redirect_stubs(offline_bundle.root))
    for path in offline_checks.pages(offline_bundle.root):
        text = path.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), path
        if path not in stubs:
            assert re.search(r"<h1[ >]", text), f"{path}: no <h1>"
            assert 'id="__config"' in text, f"{path}: no Material configuration, its scripts would not start"


@pytest.mark.parametrize("rel", sample_pages())
def test_sample_page_renders_in_its_language(offline_bundle, browser_page, rel):
    if rel.endswith(ERROR_PAGE) and not (offline_bundle.root / rel).exists():
        # test_error_page_is_in_the_bundle_when_the_data_lists_it fails if the data lists the code.
        assert not error_codes_listed()
        return
    lang = "fr" if rel.startswith(PREFIX["fr"]) else "en"
    if rel.endswith(bundle.PRINT_PAGE):
        # The print edition (the whole site on one page, long to load) is reached as a reader
        # reaches it, from its language's home page, and checked there.
        page = visit(browser_page, offline_bundle, PREFIX[lang] + "index.html")
        page.click(".vakb-print-edition a")
        page.wait_for_load_state("load")
        assert offline_bundle.rel(page.url) == rel, "the home page leads to its language's print edition"
        assert page.title().startswith(bundle.PRINT_TITLES[lang])
    else:
        page = visit(browser_page, offline_bundle, rel)
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("article h1 >> visible=true").count() >= 1
    # The theme's stylesheet applied (a file:// path mistake would leave the page unstyled).
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") in ("sticky", "fixed")
    broken_images = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    assert broken_images == []
    # Diagrams are inline SVG (role=img): drawn at a readable width, none collapsed to nothing.
    widths = page.eval_on_selector_all(
        "article svg[role=img]", "svgs => svgs.filter(s => s.checkVisibility()).map(s => s.getBoundingClientRect().width)")
    if 'role="img"' in (offline_bundle.root / rel).read_text(encoding="utf-8"):
        assert widths and min(widths) > 200, widths
    assert_stayed_inside(browser_page, offline_bundle)


RESULT_LINKS = "() => [...document.querySelectorAll('.md-search-result__link')].map(a => a.href)"


def searched(browser_page, offline_bundle: Bundle, rel: str, query: str) -> list[str]:
    """Open a bundle page and search it as a reader does; the result links once the worker has
    answered `query` itself (tests/search_box.py), not a prefix typed before it. The index is read
    when search is first used (file://), so the first answer may take long on a loaded machine."""
    browser_page.page.add_init_script(COUNT_QUERIES)
    page = visit(browser_page, offline_bundle, rel)
    return search(page, query, read=RESULT_LINKS, timeout_ms=60_000)


@pytest.mark.parametrize("lang", PREFIX)
def test_search_finds_pages_of_its_own_language(offline_bundle, browser_page, lang):
    found = searched(browser_page, offline_bundle, PREFIX[lang] + TOPIC, "activation")  # a word of both languages
    results = [offline_bundle.rel(url) for url in found]
    assert results, "no result for 'activation'"
    in_french = [rel.startswith(PREFIX["fr"]) for rel in results]
    assert all(in_french) if lang == "fr" else not any(in_french), results
    for rel in results:
        assert (offline_bundle.root / rel).is_file(), rel
    assert_stayed_inside(browser_page, offline_bundle)


# Hexadecimal with and without 0x, and the signed decimal an event log prints (its leading "-" is
# lunr's exclusion operator unless the site's search worker reads it as a number).
@pytest.mark.parametrize("query", [ERROR_CODE, ERROR_CODE[2:], str(int(ERROR_CODE, 16) - 2**32)])
@pytest.mark.parametrize("lang", PREFIX)
def test_search_finds_an_error_code(offline_bundle, browser_page, lang, query):
    found = searched(browser_page, offline_bundle, PREFIX[lang] + "index.html", query)
    results = [offline_bundle.rel(url) for url in found]
    if error_codes_listed():
        assert PREFIX[lang] + ERROR_PAGE in results, results
    assert all(rel.startswith(PREFIX["fr"]) == (lang == "fr") for rel in results), results
    assert_stayed_inside(browser_page, offline_bundle)


@pytest.mark.parametrize(("start", "other"), [("en", "fr"), ("fr", "en")])
def test_switcher_opens_the_same_page_in_the_other_language(offline_bundle, browser_page, start, other):
    page = visit(browser_page, offline_bundle, PREFIX[start] + TOPIC)
    page.hover(".md-header__option .md-select")  # the switcher's menu opens on hover
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_load_state("load")
    assert offline_bundle.rel(page.url) == PREFIX[other] + TOPIC
    assert page.get_attribute("html", "lang") == other
    assert_stayed_inside(browser_page, offline_bundle)


def pages_with(offline_bundle: Bundle, marker: str) -> list[str]:
    return [p.relative_to(offline_bundle.root).as_posix() for p in offline_checks.pages(offline_bundle.root)
            if marker in p.read_text(encoding="utf-8")]


def test_error_lookup_box_finds_an_error_page(offline_bundle, browser_page):
    # Not in the print editions: there the index rows lead to sections of the same page.
    hosts = [rel for rel in pages_with(offline_bundle, 'id="error-lookup"')
             if not rel.endswith(bundle.PRINT_PAGE)]
    if not hosts:
        pytest.skip("no page of the bundle has the error lookup box (#error-lookup) yet")
    assert error_codes_listed(), "a lookup box without error data"
    for rel in hosts:
        page = visit(browser_page, offline_bundle, rel)
        box = page.locator("#error-lookup input").first
        box.fill(ERROR_CODE[2:].lower())  # as a user types it: no 0x, lower case
        box.press("Enter")
        page.wait_for_function(
            "code => location.href.toLowerCase().includes(code)"
            " || !!document.querySelector(`#error-lookup a[href*='${code}']`)",
            arg=ERROR_CODE.lower(), timeout=5_000)
        if ERROR_CODE.lower() not in page.url.lower():
            page.click(f"#error-lookup a[href*='{ERROR_CODE.lower()}']")
            page.wait_for_load_state("load")
        lang = "fr" if rel.startswith(PREFIX["fr"]) else "en"
        assert offline_bundle.rel(page.url) == PREFIX[lang] + ERROR_PAGE
        assert_stayed_inside(browser_page, offline_bundle)


def stub_copy(offline_bundle: Bundle, tmp_path: pathlib.Path) -> Bundle:
    """A copy of the bundle with a stub per language, written with the redirect hook's own template
    as it would write it for `old-topic: how-kms-works#<first section>` (used while
    docs/data/redirects.yml lists no moved page)."""
    from vakb.build_steps import redirects

    copy = tmp_path / "with-stubs"
    shutil.copytree(offline_bundle.root, copy)
    anchor = re.search(r'<h2 id="([^"]+)"', (copy / TOPIC).read_text(encoding="utf-8")).group(1)
    for lang, prefix in PREFIX.items():
        (copy / prefix / "old-topic.html").write_text(redirects.STUB.format(
            lang=lang, title=redirects.TITLES[lang], url=f"{TOPIC}#{anchor}",
            script=("../" if prefix else "") + "assets/javascripts/anchor-redirects.js"), encoding="utf-8")
    return Bundle(zip=offline_bundle.zip, root=copy)


def test_redirect_stub_lands_on_its_target(offline_bundle, browser_page, tmp_path):
    target = offline_bundle
    if not offline_checks.redirect_stubs(offline_bundle.root):
        target = stub_copy(offline_bundle, tmp_path)
    stubs = offline_checks.redirect_stubs(target.root)
    assert stubs
    for stub in stubs[:4]:
        rel = stub.relative_to(target.root).as_posix()
        url = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', stub.read_text(encoding="utf-8")).group(1)
        path, _, anchor = url.partition("#")
        expected = (stub.parent / path).resolve().relative_to(target.root.resolve()).as_posix()
        page = browser_page.page
        page.goto(target.url(rel))
        page.wait_for_url(lambda now: target.rel(now) == expected, timeout=5_000)
        page.wait_for_load_state("load")
        assert urllib.parse.urlsplit(page.url).fragment == anchor, f"{rel}: the #fragment was lost"
        assert page.locator("article h1").first.is_visible()
        assert_stayed_inside(browser_page, target)


def test_request_check_catches_a_page_that_leaves_the_bundle(offline_bundle, browser_page, tmp_path):
    """The recorder the browser tests rely on does see a request to another host."""
    copy = tmp_path / "copy"
    shutil.copytree(offline_bundle.root, copy)
    page_file = copy / TOPIC
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</body>", '<img src="https://fonts.example.invalid/x.png"></body>'), encoding="utf-8")
    broken = Bundle(zip=offline_bundle.zip, root=copy)
    visit(browser_page, broken, TOPIC)
    with pytest.raises(AssertionError, match="requests leaving the bundle"):
        assert_stayed_inside(browser_page, broken)
