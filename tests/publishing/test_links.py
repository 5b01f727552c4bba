"""Links that never break: inventory of published URLs, redirects, internal links, external links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest


from conftest import ROOT
from nginx_server import running_nginx
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


def test_link_checker_reports_a_removed_anchor_and_a_missing_page(site_dir, tmp_path):
    # Two real pages are enough to show the checker reads real links and ids: the French home links a
    # section of how-kms-works/. Every other page it links is missing from the copy, so what is
    # checked is what the two changes add to the checker's report.
    copy = tmp_path / "site"
    for rel in ("fr/index.html", "fr/how-kms-works/index.html"):
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site_dir / rel, copy / rel)
    target, source = copy / "fr" / "how-kms-works" / "index.html", copy / "fr" / "index.html"
    anchor = link_check.read_site(copy)["fr/how-kms-works/"].content_ids[0]
    html = source.read_text(encoding="utf-8")
    source.write_text(html.replace("</article>", f'<a href="how-kms-works/#{anchor}">x</a></article>', 1), encoding="utf-8")
    before = set(link_check.broken_links(copy))
    # The added link is good until its anchor goes.
    assert before and not [line for line in before if "how-kms-works/#" in line]
    target.write_text(target.read_text(encoding="utf-8").replace(f'id="{anchor}"', 'id="renamed-by-test"'),
                      encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("</article>", '<a href="no-such-page/">y</a></article>', 1),
                      encoding="utf-8")
    added = set(link_check.broken_links(copy)) - before
    assert {f"fr/index.html: <a> how-kms-works/#{anchor}: no id {anchor!r} on fr/how-kms-works/index.html",
            "fr/index.html: <a> no-such-page/: no such file"} <= added
    # and nothing else (the page's own table of contents links the renamed section too)
    assert all(f"#{anchor}: no id" in line or "no-such-page/" in line for line in added), added


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


@pytest.mark.build  # a real nginx and a crawl of the whole site
def test_a_crawl_of_the_served_site_reaches_every_page_without_error(site_dir, tmp_path):
    """LinkChecker, a third-party crawler, over the site as nginx serves it (its configuration, its
    redirects and 404 pages): starting from the home page and following links only, it reaches
    every page sitemap.xml lists, in both languages, and no link it follows ends in an error.

    What a crawl alone shows is checked here; every `href`, `src` and `#anchor` of every built page
    is proven by the project's own checker (test_internal_links_and_anchors_resolve_online, and
    every ./scripts/build). LinkChecker's anchor plugin is left off: with it, 1,864 pages did not
    finish in 40 minutes. Assets are not followed (they are in the project's check too)."""
    from scripts.nginx import nginx_runtime

    linkchecker = shutil.which("linkchecker", path=str(ROOT / ".venv" / "bin")) or "linkchecker"
    crawler_port = nginx_runtime.free_port()
    with running_nginx(site_dir, tmp_path / "nginx", crawler_port=crawler_port):
        crawled(linkchecker, f"http://127.0.0.1:{crawler_port}/", site_dir, tmp_path)


def crawled(linkchecker: str, base: str, site_dir, tmp_path) -> None:
    import csv
    import urllib.parse

    config = tmp_path / "linkcheckerrc"
    # Code pages (432 per language) are requested like every page but not read for more links: what
    # they link is reached from the other pages, and reading them was most of the crawl's time.
    config.write_text(
        "[checking]\nthreads=4\nmaxrequestspersecond=1000\n"
        "[filtering]\ncheckextern=0\n"
        f"nofollow=\n  ^{re.escape(base)}(fr/)?errors/0x\n"
        # The print editions are made by the offline bundle's build and copied in by ./scripts/build
        # (scripts/bundle.py publish): this build has none; their links are checked in the bundle.
        "ignore=\n  \\.(css|js|json|xml|gz|svg|png|ico|zip)(\\?.*)?$\n  (^|/)print\\.html$\n"
        "[output]\nlog=csv\nverbose=1\n[csv]\nseparator=;\n", encoding="utf-8")
    result = subprocess.run([linkchecker, "--config", str(config), "--no-status", base],
                            capture_output=True, text=True, timeout=1500)
    rows = list(csv.DictReader((line for line in result.stdout.splitlines() if ";" in line), delimiter=";"))
    assert rows, result.stdout[-2000:] + result.stderr[-2000:]
    errors = [f"{row['urlname']} (on {row['parentname']}): {row['result']}" for row in rows if row["valid"] != "True"]
    assert not errors, "\n".join(errors[:30])
    assert result.returncode == 0, result.stderr[-2000:]
    reached = {urllib.parse.urljoin(row["parentname"] or base, row["urlname"]).split("#")[0]
               for row in rows if row["result"].startswith("200")}
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    site_url = re.search(r"^site_url: (\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    listed = {loc.text.replace(site_url, base)
              for loc in ET.parse(site_dir / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    assert len(listed) > 900
    assert not listed - reached, f"pages no link leads to: {sorted(listed - reached)[:20]}"
