"""Each page shows when its content last changed, in the reader's language, from git history:
topic pages from their own file, generated error pages from docs/data/errors.yml; online and in
the offline bundle; and a shallow clone (as CI makes) still builds with --strict."""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from conftest import ROOT, cut_catalogue, cut_pages, mkdocs_build

DATE = "span.git-revision-date-localized-plugin-date"
LABEL = {"en": "Last update", "fr": "Dernière mise à jour"}  # Material's own words, per language
PAGES = {  # page URL -> the file whose last commit dates it
    "kms-host-setup/": "docs/kms-host-setup.{lang}.md",
    "dns-srv/": "docs/dns-srv.{lang}.md",
    "errors/0xc004f074/": "docs/data/errors.yml",
}
PREFIX = {"en": "", "fr": "fr/"}


def last_commit_day(path: str, repo=ROOT) -> datetime.date | None:
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=repo,
                         capture_output=True, text=True).stdout.strip()
    return datetime.datetime.fromtimestamp(int(out), datetime.timezone.utc).date() if out else None


SOURCE_FILE = re.compile(r'<aside class="md-source-file">.*?</aside>', re.S)  # where Material shows it


def shown_date(html: str) -> tuple[str | None, str | None]:
    # Only the page's source-file aside is parsed: a whole page costs a tree of thousands of nodes.
    aside = SOURCE_FILE.search(html)
    soup = BeautifulSoup(aside.group(0) if aside else "", "html.parser")
    date = soup.select_one(DATE)
    # The label is written beside the date, in words (overrides/partials/source-file.html).
    label = date.find_parent(class_="md-source-file__fact").select_one(".vakb-page-date__label") if date else None
    words = label.get_text(strip=True).rstrip(":").replace("\u00a0", " ").strip() if label else None
    return (date.get_text(strip=True) if date else None, words)


def expected(lang: str, source: str) -> str:
    day = last_commit_day(source.format(lang=lang))
    if day is None or subprocess.run(["git", "status", "--porcelain", "--", source.format(lang=lang)],
                                     cwd=ROOT, capture_output=True, text=True).stdout.strip():
        pytest.skip(f"{source} has uncommitted changes: its date is the build's")
    return format_date(day, format="long", locale=lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("url", list(PAGES))
def test_page_shows_its_last_change_in_its_language(site_dir, lang, url):
    html = (site_dir / PREFIX[lang] / url / "index.html").read_text(encoding="utf-8")
    assert shown_date(html) == (expected(lang, PAGES[url]), LABEL[lang])


def test_every_page_shows_a_date(built_pages):
    undated = [url for url, path in built_pages.items()
               if 'http-equiv="refresh"' not in (text := path.read_text(encoding="utf-8"))
               and shown_date(text)[0] is None]
    assert not undated, undated[:20]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_offline_bundle_pages_show_their_date(offline_bundle, lang):
    for url, source in PAGES.items():
        html = (offline_bundle.root / PREFIX[lang] / (url.rstrip("/") + ".html")).read_text(encoding="utf-8")
        assert shown_date(html) == (expected(lang, source), LABEL[lang]), url


@pytest.mark.build
def test_shallow_clone_builds_strict(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    # What is tested is the dates of the clone's pages (git's, whatever the files hold now), not
    # the 360 short pages nor the prose.
    cut_catalogue(clone)
    cut_pages(clone)
    # The clone's own code, not this checkout's (which .venv's .pth file names): they differ while
    # a change is not committed yet.
    result = mkdocs_build(tmp_path / "site", cwd=clone, PYTHONPATH=f"{clone / 'overrides'}:{clone}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # Every page of the clone is dated by its one commit.
    day = last_commit_day(".", repo=clone)
    text, _ = shown_date((tmp_path / "site" / "fr" / "dns-srv" / "index.html").read_text(encoding="utf-8"))
    assert text == format_date(day, format="long", locale="fr")
