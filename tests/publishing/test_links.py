"""Links that never break: inventory of published URLs, redirects, internal links, external links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


from conftest import ROOT
from scripts import external_links
from scripts import link_check
from scripts import url_inventory

from vakb import data


def test_internal_links_and_anchors_resolve_online(published_site):
    assert link_check.broken_links(published_site) == []


def test_home_pages_link_the_offline_zip_inside_the_site(published_site, offline_bundle):
    # Served as plain files by any static host (or crawled), the link must find the zip in site/.
    for home in ("index.html", "fr/index.html"):
        page = (published_site / home).read_text(encoding="utf-8")
        links = re.findall(r'<p class="vakb-offline-edition"><a href="([^"]+)" download>', page)
        assert len(links) == 1, f"{home}: one offline-edition link"
        target = (published_site / home).parent / links[0]
        assert target.is_file(), f"{home} links {links[0]}, not in the built site"
        assert target.read_bytes() == offline_bundle.zip.read_bytes()


def test_internal_links_and_anchors_resolve_in_offline_bundle(offline_bundle):
    assert link_check.broken_links(offline_bundle.root) == []


def test_link_checker_reports_a_removed_anchor_and_a_missing_page(published_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published_site, copy)
    target = copy / "fr" / "how-kms-works" / "index.html"
    anchor = link_check.read_site(copy)["fr/how-kms-works/"].content_ids[0]
    source = copy / "fr" / "index.html"
    html = source.read_text(encoding="utf-8")
    source.write_text(html.replace("</article>", f'<a href="how-kms-works/#{anchor}">x</a></article>', 1),
                      encoding="utf-8")
    assert link_check.broken_links(copy) == []  # the added link is good until its anchor goes
    target.write_text(target.read_text(encoding="utf-8").replace(f'id="{anchor}"', 'id="renamed-by-test"'),
                      encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("</article>", '<a href="no-such-page/">y</a></article>', 1),
                      encoding="utf-8")
    problems = link_check.broken_links(copy)
    assert f"fr/index.html: <a> how-kms-works/#{anchor}: no id {anchor!r} on fr/how-kms-works/index.html" in problems
    assert "fr/index.html: <a> no-such-page/: no such file" in problems


def test_every_published_url_and_anchor_still_exists(site_dir):
    entries = url_inventory.read_inventory()
    assert entries, "tests/published_urls.txt is empty: run ./scripts/docs.py inventory"
    anchors = data.load("redirects")["anchors"]
    assert url_inventory.missing_entries(site_dir, entries, anchors) == []


def test_inventory_lists_every_url_and_anchor_of_the_site(site_dir):
    new = url_inventory.site_entries(site_dir) - set(url_inventory.read_inventory())
    assert not new, f"not in tests/published_urls.txt (run ./scripts/docs.py inventory): {sorted(new)[:20]}"


def test_inventory_check_reports_a_lost_anchor_and_a_lost_page(published_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published_site, copy)
    entries = sorted(url_inventory.site_entries(copy))
    anchored = next(e for e in entries if "#" in e and e.startswith("fr/"))
    url, _, anchor = anchored.partition("#")
    page = copy / url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(f'id="{anchor}"', 'id="x-test"'), encoding="utf-8")
    shutil.rmtree(copy / "fr" / "glossary")
    problems = url_inventory.missing_entries(copy, entries, {})
    assert any(p.startswith(f"{anchored}: anchor gone") for p in problems), problems
    assert any(p.startswith("fr/glossary/: page gone") for p in problems), problems


def test_sitemap_lists_both_languages_with_hreflang(site_dir):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    assert "https://vakb.example.org/how-kms-works/" in urls
    assert "https://vakb.example.org/fr/how-kms-works/" in urls
    for loc, url in urls.items():
        langs = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert {"en", "fr"} <= langs.keys(), f"{loc}: hreflang alternates {langs}"


def test_external_links_are_well_formed_https_and_in_the_cache(site_dir):
    cache = external_links.load_cache()
    problems = []
    for url in sorted(external_links.external_urls(site_dir)):
        parts = external_links.urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
            problems.append(f"{url}: malformed")
        if url not in cache:
            problems.append(f"{url}: not in tests/external_links.json (run ./scripts/docs.py links)")
        elif parts.scheme == "http" and cache[url].get("https") is not False:
            problems.append(f"{url}: use https (the cache does not record that the host lacks it)")
    assert problems == []


def test_linkchecker_crawl_of_served_site_finds_no_broken_link(site_url, tmp_path):
    # LinkChecker, a third-party crawler, over the served site with anchor checking. It parses
    # pages in one Python thread (about a second a page here), so the crawl is split in two
    # processes, one per language: each checks every link of its own pages, the switcher's links
    # to the other language included, without recursing into the other language's pages.
    # Assets (CSS, JS, the search index) are checked by test_internal_links_and_anchors_resolve_online.
    # Code pages (errors/0x...: 432 per language since the whole catalogue has pages) are reached
    # and checked as links but not parsed: at a second a page they made the crawl the longest test
    # of the suite, and the project's own checker (run by every build, and by the test named above)
    # reads every link of every one of them.
    # The print editions (print.html, fr/print.html) are not in the online build: scripts/bundle.py
    # publishes them from the offline bundle (published_site), where the project's checker reads
    # them; like the zip, they are left out of this crawl of site_dir.
    linkchecker = shutil.which("linkchecker", path=str(ROOT / ".venv" / "bin")) or "linkchecker"
    host = re.escape(site_url)
    code_pages = f"^{host}(fr/)?errors/0x"
    crawls = {"en": (site_url, f"^{host}fr/"), "fr": (site_url + "fr/", f"^{host}(?!fr/)")}
    running = {}
    for lang, (start, other_language) in crawls.items():
        config = tmp_path / f"linkcheckerrc-{lang}"
        config.write_text(
            "[checking]\nthreads=2\n"
            "[filtering]\ncheckextern=0\n"
            f"nofollow=\n  {other_language}\n  {code_pages}\n"
            "ignore=\n  \\.(css|js|json|xml|gz|svg|png|ico|zip)(\\?.*)?$\n  (^|/)print\\.html$\n"
            "[AnchorCheck]\n[output]\nverbose=0\n", encoding="utf-8")
        running[lang] = subprocess.Popen([linkchecker, "--config", str(config), "--no-status", start],
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for lang, process in running.items():
        output, _ = process.communicate(timeout=1500)  # a crawl of the 2 x 820-page site: about 10 min here
        assert process.returncode == 0, f"{lang}: {output[-4000:]}"
        assert re.search(r"\b0 errors found", output), output[-2000:]
        checked = re.search(r"(\d+) links? in (\d+) URLs? checked", output)
        assert checked and int(checked.group(2)) > 50, f"{lang}: the crawl reached too few pages: {output[-1500:]}"
