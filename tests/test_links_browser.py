"""Links in a real browser: redirect stubs land on the new page (same language, anchor kept),
online and from file://; a permalink click copies the page's full URL."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, mkdocs_build, serve


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    """A copy of the project where kms-host-setup used to be at old-setup, built online and offline."""
    work = tmp_path_factory.mktemp("moved")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    (work / "docs" / "data" / "redirects.yml").write_text(
        "pages:\n  old-setup: kms-host-setup\n  old/deep/page: how-kms-works\nanchors: {}\n", encoding="utf-8")
    sites = {}
    for variant, env in (("online", {}), ("offline", {"OFFLINE": "true"})):
        site = work / f"site-{variant}"
        result = mkdocs_build(site, config=work / "mkdocs.yml", cwd=work, **env)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[variant] = site
    return sites


@pytest.mark.browser
def test_redirect_lands_on_new_page_in_same_language_online(moved_site, browser_page):
    server, url = serve(moved_site["online"])
    try:
        page = browser_page.page
        for old, new in (("old-setup/#step-2", "kms-host-setup/#step-2"),
                         ("fr/old-setup/", "fr/kms-host-setup/"),
                         ("fr/old/deep/page/#x", "fr/how-kms-works/#x")):
            page.goto(url + old)
            page.wait_for_url(url + new)
            expected_lang = "fr" if new.startswith("fr/") else "en"
            assert page.evaluate("document.documentElement.lang") == expected_lang
    finally:
        server.shutdown()


@pytest.mark.browser
def test_redirect_lands_on_new_page_in_offline_bundle(moved_site, browser_page):
    site = moved_site["offline"]
    page = browser_page.page
    for old, new in (("old-setup.html#a1", "kms-host-setup.html#a1"), ("fr/old-setup.html", "fr/kms-host-setup.html")):
        page.goto((site / old.split("#")[0]).as_uri() + ("#" + old.split("#")[1] if "#" in old else ""))
        target = (site / new.split("#")[0]).as_uri() + ("#" + new.split("#")[1] if "#" in new else "")
        page.wait_for_url(target)
    assert browser_page.foreign_requests(("file:",)) == []


@pytest.mark.browser
def test_permalink_click_copies_full_url(site_url, browser):
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        for path in ("how-kms-works/", "fr/how-kms-works/"):
            page.goto(site_url + path)
            link = page.locator("article h2 a.headerlink").first
            href = link.get_attribute("href")
            # Named for screen readers by its title, in the page's language (not "pilcrow").
            expected_name = "Lien vers cette section" if path.startswith("fr/") else "Link to this section"
            assert link.get_attribute("aria-label") == link.get_attribute("title")
            assert link.get_attribute("title") == expected_name
            link.click(force=True)
            page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
            assert page.evaluate("navigator.clipboard.readText()") == site_url + path + href
            page.evaluate("navigator.clipboard.writeText('')")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["how-kms-works/", "fr/registry/"])
def test_a_malformed_fragment_raises_no_error(site_url, browser_page, path):
    # `%E0%A4%A` is a cut-off UTF-8 sequence: decodeURIComponent throws URIError on it. A reader
    # pasting a truncated link must get the page without a script error, on load and on hashchange.
    page = browser_page.page
    page.goto(site_url + path + "#%E0%A4%A")
    page.wait_for_load_state("load")
    page.evaluate("location.hash = '#%ZZ'")
    page.evaluate("location.hash = '#vlrenewalinterval'")
    page.wait_for_timeout(200)
    assert browser_page.console_errors == []
