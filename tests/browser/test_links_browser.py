"""Links in a real browser: redirect stubs land on the new page (same language, anchor kept),
renamed anchors are followed, online and from file://; a permalink click copies the page's full URL."""

from __future__ import annotations

import pathlib
import shutil

import pytest

from conftest import mkdocs_build, shared
from scripts.loopback_server import serve

# One worker runs them all: under pytest-xdist several workers asked for the moved site at once, and
# all but one waited, idle, while it was built.
pytestmark = [pytest.mark.build, pytest.mark.xdist_group("moved-site")]

# A renamed anchor: registry/#old-renewal-interval now lives at registry/#vlrenewalinterval.
RENAMED_ANCHOR = ("registry#old-renewal-interval", "vlrenewalinterval")


@pytest.fixture(scope="session")
def moved_site(small_project_template, tmp_path_factory):
    """A copy of the small project where kms-host-setup used to be at old-setup, built online and
    offline, once per test run."""
    def make(folder: pathlib.Path) -> None:
        work = pathlib.Path(shutil.copytree(small_project_template, folder / "project"))
        (work / "docs" / "data" / "redirects.yml").write_text(
            "pages:\n  old-setup: kms-host-setup\n  old/deep/page: how-kms-works\n"
            f"anchors:\n  {RENAMED_ANCHOR[0]}: {RENAMED_ANCHOR[1]}\n", encoding="utf-8")
        for variant, env in (("online", {}), ("offline", {"OFFLINE": "true"})):
            result = mkdocs_build(folder / f"site-{variant}", config=work / "mkdocs.yml", cwd=work, **env)
            assert result.returncode == 0, result.stdout + result.stderr

    folder = shared(tmp_path_factory, "moved", make)
    return {variant: folder / f"site-{variant}" for variant in ("online", "offline")}


@pytest.mark.browser
def test_redirect_lands_on_new_page_in_same_language_online(moved_site, browser_page):
    with serve(moved_site["online"]) as url:
        page = browser_page.page
        for old, new in (("old-setup/#step-2", "kms-host-setup/#step-2"),
                         ("fr/old-setup/", "fr/kms-host-setup/"),
                         ("fr/old/deep/page/#x", "fr/how-kms-works/#x")):
            page.goto(url + old)
            page.wait_for_url(url + new)
            expected_lang = "fr" if new.startswith("fr/") else "en"
            assert page.evaluate("document.documentElement.lang") == expected_lang


@pytest.mark.browser
def test_redirect_lands_on_new_page_in_offline_bundle(moved_site, browser_page):
    site = moved_site["offline"]
    page = browser_page.page
    for old, new in (("old-setup.html#a1", "kms-host-setup.html#a1"), ("fr/old-setup.html", "fr/kms-host-setup.html")):
        page.goto((site / old.split("#")[0]).as_uri() + ("#" + old.split("#")[1] if "#" in old else ""))
        target = (site / new.split("#")[0]).as_uri() + ("#" + new.split("#")[1] if "#" in new else "")
        page.wait_for_url(target)
    assert browser_page.foreign_requests(("file:",)) == []


def test_the_published_script_carries_the_renamed_anchor_map(moved_site):
    # The published copy is minified (vakb.build_steps.minify): the map must be filled in all the same.
    for site in moved_site.values():
        script = (site / "assets" / "javascripts" / "anchor-redirects.js").read_text(encoding="utf-8")
        assert "var ANCHOR_REDIRECTS = {};" not in script, "the published script is not the minified one"
        assert f'"{RENAMED_ANCHOR[0]}": "{RENAMED_ANCHOR[1]}"' in script


@pytest.mark.browser
def test_renamed_anchor_is_followed_online_and_offline(moved_site, browser_page):
    old, new = RENAMED_ANCHOR[0].split("#")[1], RENAMED_ANCHOR[1]
    page = browser_page.page
    with serve(moved_site["online"]) as url:
        for path in ("registry/", "fr/registry/"):
            page.goto(f"{url}{path}#{old}")
            page.wait_for_url(f"{url}{path}#{new}")
    for path in ("registry.html", "fr/registry.html"):
        page.goto((moved_site["offline"] / path).as_uri() + f"#{old}")
        page.wait_for_url((moved_site["offline"] / path).as_uri() + f"#{new}")
        assert page.evaluate("location.hash") == f"#{new}"


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
