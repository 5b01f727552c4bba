"""The grace timeline (kms-mak-rearm/#grace-timeline): the data's references, its check, and the built
table in both languages, whose totals are computed from facts.yml, never typed."""

from __future__ import annotations

import copy
import re

import pytest

from vakb import data
from vakb.topics import grace

LANGS = ("en", "fr")
PREFIX = {"en": "", "fr": "fr/"}
DAYS = {"en": "days", "fr": "jours"}


def problems(document) -> list[str]:
    return [message for check in data.CHECKS["grace"] for _, message in check(document)]


def test_every_system_resolves_and_the_check_catches_bad_references():
    document = copy.deepcopy(data.load("grace"))
    assert problems(document) == []
    document["systems"][0]["rearms"] = "oob_grace"          # a fact in days, not a count
    document["systems"][1]["after"] = "shutdown"            # no such outcome
    document["systems"][2]["sources"] = ["NO-SUCH-SOURCE"]
    found = problems(document)
    assert any("not count" in p for p in found), found
    assert any("unknown outcome 'shutdown'" in p for p in found), found
    assert any("NO-SUCH-SOURCE" in p for p in found), found


def test_totals_follow_the_rearm_counts():
    totals = {s["id"]: grace.total_days(s) for s in grace.systems()}
    assert totals["win7"] == 120  # 30 + 3 x 30, the figure the issue quotes
    assert totals["vista-sp1-enterprise"] == 30 * (1 + data.load("facts")["rearm_count_vista_enterprise_sp1"]["value"])
    assert {s["after"] for s in grace.systems() if s["id"] == "vista-rtm"} == {"rfm"}


@pytest.mark.parametrize("lang", LANGS)
def test_built_table_gives_each_system_its_total(built_pages, lang):
    html = built_pages[f"{PREFIX[lang]}kms-mak-rearm/"].read_text(encoding="utf-8")
    for system in grace.systems():
        row = re.search(rf'<tr id="grace-{system["id"]}">(.*?)</tr>', html, re.S)
        assert row, (lang, system["id"])
        text = re.sub(r"<[^>]+>", " ", row.group(1)).replace("\u00a0", " ")
        assert f"{grace.total_days(system)} {DAYS[lang]}" in text, (lang, system["id"], text)
        assert data.text(system["name"], lang) in text.replace("&#x27;", "'").replace("&#39;", "'")
    for anchor in ("grace-timeline", "grace-timeline-tool", "mak", "mak-independent-proxy", "mak-remaining",
                   "mak-unattend", "mak-image"):
        assert f'id="{anchor}"' in html, (lang, anchor)
    assert 'data-tool="grace-calculator"' in html
    assert html.count('id="grace-timeline"') == 1  # the section only: the tool's form is #grace-calculator


@pytest.mark.parametrize("lang", LANGS)
def test_mak_unattend_names_the_specialize_pass_and_shell_setup(built_pages, lang):
    html = built_pages[f"{PREFIX[lang]}kms-mak-rearm/"].read_text(encoding="utf-8")
    section = html[html.index('id="mak-unattend"'):html.index('id="mak-image"')]
    for word in ("Microsoft-Windows-Shell-Setup", "specialize", "windowsPE", "ProductKey"):
        assert word in section, (lang, word)


@pytest.mark.parametrize("lang", LANGS)
def test_mak_remaining_says_where_microsoft_reads_the_count(built_pages, lang):
    """Coverage review RQ27: the section names VAMT's command and the VLSC page, each with its source."""
    html = built_pages[f"{PREFIX[lang]}kms-mak-rearm/"].read_text(encoding="utf-8")
    section = html[html.index('id="mak-remaining"'):html.index('id="mak-unattend"')]
    text = re.sub(r"<[^>]+>", " ", section).replace("\u00a0", " ").replace("&gt;", ">")
    text = re.sub(r"\s+", " ", text)
    assert "Refresh product key data online" in text, lang
    assert "VAMT-KEYS" in text and "VLSC-KEYS" in text, lang
    vlsc_path = {"en": "Licenses > Relationship Summary > Licensing ID > Product Keys",
                 "fr": "Licences > Résumé de la relation > ID de licence > Clés de produit"}[lang]
    assert vlsc_path in text, (lang, text)
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    assert {"VAMT-KEYS", "VLSC-KEYS"} <= tags
