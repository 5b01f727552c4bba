"""The KMS event pages and the troubleshooting guides, read from the strict build and from the YAML.

Expected values come from docs/data/events.yml (the single source the pages are generated from) and
from the issue's contract: the events every KMS client or host writes, which log each goes to (only
12290 in the Key Management Service log), one anchor per field, every related code linked to its
page, one anchor per step in each guide. Each check returns its problems, so the tests at the end can
show it fails on a broken copy.
"""

from __future__ import annotations

import copy
import pathlib
import posixpath
import shutil
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, LANGUAGE_PREFIX, read_yaml

EVENTS_YML = ROOT / "docs" / "data" / "events.yml"
ERRORS_YML = ROOT / "docs" / "data" / "errors.yml"
GUIDES = ROOT / "docs" / "troubleshooting"
# The list: events that a page must exist for, whatever else the data adds.
REQUIRED_EVENTS = {12288, 12289, 12290, 12293, 12294}
KMS_LOG_EVENT = 12290  # Win7 VA Technical Reference, Windows Event Log; KB2553863
# Verdict and what to do next first, then the table of fields (issue 25), then the reference sections;
# the per-field sections (their anchors kept) under #field-details.
SECTION_IDS = ["next-steps", "fields", "when", "message", "example", "details", "field-details", "related-codes"]


@pytest.fixture(scope="module")
def events() -> dict:
    return read_yaml(EVENTS_YML)


def page_path(site: pathlib.Path, rel: str) -> pathlib.Path:
    return site / rel / "index.html"


def event_page(event_id: int, lang: str) -> str:
    return f"{LANGUAGE_PREFIX[lang]}events/{event_id}/"


def field_ids(entry: dict) -> list[str]:
    return [f"field-{n}-{field['slug']}" for n, field in enumerate(entry["fields"], 1)]


def soup(site: pathlib.Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(page_path(site, rel).read_text(encoding="utf-8"), "html.parser")


# --- checks --------------------------------------------------------------------------------------

def log_problems(doc: dict) -> list[str]:
    """Only 12290 is in the Key Management Service log; every required event has an entry."""
    problems = []
    ids = {entry["id"] for entry in doc["events"]}
    problems += [f"event {missing} has no entry in events.yml" for missing in sorted(REQUIRED_EVENTS - ids)]
    for entry in doc["events"]:
        want = "kms" if entry["id"] == KMS_LOG_EVENT else "application"
        if entry["log"] != want:
            problems.append(f"event {entry['id']}: log {entry['log']!r}, expected {want!r}")
    return problems


def page_problems(site: pathlib.Path, doc: dict) -> list[str]:
    """Both pages of every event, with every section and field anchor, in the same order."""
    problems = []
    for entry in doc["events"]:
        expected = ["top", *SECTION_IDS[:7], *field_ids(entry), *SECTION_IDS[7:]]
        for lang in ("en", "fr"):
            rel = event_page(entry["id"], lang)
            if not page_path(site, rel).exists():
                problems.append(f"/{rel}: missing")
                continue
            article = soup(site, rel).find("article")
            found = [h.get("id") for h in article.find_all(["h1", "h2", "h3"])]
            if found != expected:
                problems.append(f"/{rel}: heading ids {found}, expected {expected}")
            # The page states the log the data gives, in its language.
            log_name = doc["logs"][entry["log"]][lang]
            if log_name not in article.get_text():
                problems.append(f"/{rel}: does not name its log {log_name!r}")
    return problems


def related_code_problems(site: pathlib.Path, doc: dict, codes: set[str]) -> list[str]:
    """Each related code is in errors.yml and linked, from both pages, to a page that exists."""
    problems = []
    for entry in doc["events"]:
        for code in entry["related"]:
            if code not in codes:
                problems.append(f"event {entry['id']}: related {code} is not in errors.yml")
        for lang in ("en", "fr"):
            rel = event_page(entry["id"], lang)
            section = soup(site, rel).find(id="related-codes")
            links = []
            for sibling in section.find_next_siblings():
                if sibling.name in ("h2", "h1"):
                    break
                links += sibling.find_all("a", href=True)
            linked = {}
            for link in links:
                target = urllib.parse.urljoin("/" + rel, link["href"]).lstrip("/").split("#")[0]
                linked[link.get_text(strip=True)] = target
            for code in entry["related"]:
                target = linked.get(code)
                if target is None:
                    problems.append(f"/{rel}: {code} is not linked under #related-codes")
                elif target != f"{LANGUAGE_PREFIX[lang]}errors/{code.lower()}/" or not page_path(site, target).exists():
                    problems.append(f"/{rel}: {code} links to /{target}, not to an existing error page")
    return problems


def guide_files() -> list[pathlib.Path]:
    return sorted(p for p in GUIDES.glob("*.md") if not p.name.startswith("index."))


def guide_step_problems(site: pathlib.Path, slugs: list[str]) -> list[str]:
    """Every h2 of a guide is a step, numbered from 1 without a gap: `step-<n>-...`, in both languages."""
    problems = []
    for slug in slugs:
        for lang in ("en", "fr"):
            rel = f"{LANGUAGE_PREFIX[lang]}troubleshooting/{slug}/"
            if not page_path(site, rel).exists():
                problems.append(f"/{rel}: missing")
                continue
            ids = [h.get("id") or "" for h in soup(site, rel).find("article").find_all("h2")]
            if not ids:
                problems.append(f"/{rel}: no step")
            for n, anchor in enumerate(ids, 1):
                if not anchor.startswith(f"step-{n}-"):
                    problems.append(f"/{rel}: heading {n} has id {anchor!r}, expected step-{n}-...")
    return problems


# --- the real site -------------------------------------------------------------------------------

def test_only_12290_is_in_the_key_management_service_log(events):
    assert log_problems(events) == []


def test_every_event_has_both_pages_with_every_field_anchor(site_dir, events):
    assert page_problems(site_dir, events) == []


def test_every_related_code_links_to_an_existing_error_page(site_dir, events):
    codes = {entry["code"] for entry in read_yaml(ERRORS_YML)["errors"]}
    assert related_code_problems(site_dir, events, codes) == []


def test_every_guide_step_has_a_numbered_anchor_in_both_languages(site_dir):
    slugs = [p.name.removesuffix(".en.md") for p in guide_files() if p.name.endswith(".en.md")]
    assert len(slugs) == 7
    assert guide_step_problems(site_dir, slugs) == []


def test_events_index_links_every_event_in_both_languages(site_dir, events):
    for lang in ("en", "fr"):
        rel = f"{LANGUAGE_PREFIX[lang]}events/"
        hrefs = {urllib.parse.urljoin("/" + rel, a["href"]).lstrip("/")
                 for a in soup(site_dir, rel).find(id="all-events").find_next("table").find_all("a", href=True)}
        assert hrefs == {event_page(entry["id"], lang) for entry in events["events"]}


# --- each check can fail -------------------------------------------------------------------------

def test_log_check_fails_when_an_event_moves_to_the_kms_log_or_goes_missing(events):
    broken = copy.deepcopy(events)
    dns = next(e for e in broken["events"] if e["id"] == 12293)
    dns["log"] = "kms"  # the mistake the issue corrects
    broken["events"] = [e for e in broken["events"] if e["id"] != 12294]
    problems = log_problems(broken)
    assert "event 12293: log 'kms', expected 'application'" in problems
    assert "event 12294 has no entry in events.yml" in problems


def test_page_check_fails_on_a_missing_field_anchor_and_a_missing_page(site_dir, events, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = page_path(site, "fr/events/12289/")
    page.write_text(page.read_text(encoding="utf-8").replace('id="field-3-activated"', 'id="renamed"'), encoding="utf-8")
    shutil.rmtree(site / "events" / "12293")
    problems = page_problems(site, events)
    assert any(p.startswith("/fr/events/12289/: heading ids") and "'renamed'" in p for p in problems)
    assert "/events/12293/: missing" in problems


def test_related_code_check_fails_on_an_unknown_code_and_a_broken_link(site_dir, events, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    broken = copy.deepcopy(events)
    broken["events"][0]["related"].append("0xC004FFFF")  # in no catalogue
    shutil.rmtree(site / "fr" / "errors" / "0xc004f038")
    codes = {entry["code"] for entry in read_yaml(ERRORS_YML)["errors"]}
    problems = related_code_problems(site, broken, codes)
    assert "event 12288: related 0xC004FFFF is not in errors.yml" in problems
    assert "/events/12288/: 0xC004FFFF is not linked under #related-codes" in problems
    assert "/fr/events/12289/: 0xC004F038 links to /fr/errors/0xc004f038/, not to an existing error page" in problems


def test_guide_check_fails_on_a_step_without_its_anchor(site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = page_path(site, "troubleshooting/office-2010/")
    page.write_text(page.read_text(encoding="utf-8").replace('id="step-2-office-host-key"', 'id="office-host-key"'),
                    encoding="utf-8")
    assert guide_step_problems(site, ["office-2010"]) == [
        "/troubleshooting/office-2010/: heading 2 has id 'office-host-key', expected step-2-..."]


def test_build_stops_on_an_event_in_the_wrong_log_naming_file_and_line(small_project):
    from conftest import failed_build_output

    project = small_project
    path = project / "docs" / "data" / "events.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: 12293\n")
    line = next(n for n in range(start, len(lines)) if lines[n].strip() == "log: application") + 1
    lines[line - 1] = "    log: kms\n"
    path.write_text("".join(lines), encoding="utf-8")
    output = failed_build_output(project)
    assert f"docs/data/events.yml:{line}: events[" in output
    assert "only event 12290 is in the Key Management Service log" in output


def test_event_pages_are_in_the_search_index_of_their_language(site_dir, events):
    import json

    for lang in ("en", "fr"):
        index = json.loads((site_dir / LANGUAGE_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        titles = {doc["location"]: doc["title"] for doc in index["docs"]}
        for entry in events["events"]:
            title = titles.get(f"events/{entry['id']}/", "")
            assert entry["title"][lang] in title, f"{lang}: events/{entry['id']}/ not found by its title"
