"""Where a link of a built page leads (scripts/site_links.py): the file a static server would serve
for it, or none. How the pages are read is in tests/build_steps/test_html_tags.py."""

from __future__ import annotations

from scripts import site_links


def test_a_link_leads_where_a_static_server_would_serve_it(tmp_path):
    site = tmp_path / "site"
    for rel in ("index.html", "page.html", "fr/index.html", "fr/registry/index.html", "assets/x.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    (tmp_path / "outside.html").write_text("beside the site, never published with it", encoding="utf-8")
    files = site_links.SiteFiles.of(site)
    cases = {
        ("fr/registry/index.html", "../"): ("fr/index.html", ""),
        ("fr/registry/index.html", "../.."): ("index.html", ""),
        ("fr/index.html", "registry"): ("fr/registry/index.html", ""),  # a folder, without its slash
        ("index.html", "/fr/registry/#vlrenewalinterval"): ("fr/registry/index.html", "vlrenewalinterval"),
        ("index.html", "#top"): ("index.html", "top"),
        ("index.html", "page.html?lang=fr"): ("page.html", ""),
        ("index.html", "fr%2Fregistry/"): ("fr/registry/index.html", ""),
        ("fr/index.html", "../assets/x.css"): ("assets/x.css", ""),
        ("index.html", "no-such-page/"): (None, ""),
        ("index.html", "page.html/"): (None, ""),
        ("fr/index.html", "../../outside.html"): (None, ""),
    }
    assert {case: files.resolve(*case) for case in cases} == cases
