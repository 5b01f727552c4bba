"""The reference of a script's switches (overrides/vakb/topics/script_switches.py), the one renderer
and the common checks of slmgr.vbs (slmgr.yml) and ospp.vbs (ospp.yml).

Each check is called on a small change of the real data; the order of a switch's section is read
on both built reference pages, in both languages.
"""

from __future__ import annotations

import copy
import re

import pytest

from vakb import data
from vakb.topics import ospp, slmgr

CHECKS = {"slmgr": slmgr.slmgr_switches_are_consistent, "ospp": ospp.ospp_switches_are_consistent}
PREFIX = {"en": "", "fr": "fr/"}


def messages(script: str, doc: dict) -> list[str]:
    return [message for _, message in CHECKS[script](doc)]


@pytest.mark.parametrize("script", CHECKS)
def test_the_real_data_passes(script):
    assert messages(script, data.load(script)) == []


@pytest.mark.parametrize("script", CHECKS)
def test_a_group_cannot_take_a_switch_anchor(script):
    # Both are headings of the same page: ospp's group "rearm" once hid the /rearm switch's anchor.
    doc = copy.deepcopy(data.load(script))
    doc["groups"][0]["id"] = doc["switches"][0]["id"]
    assert any("is also a switch's anchor" in m for m in messages(script, doc))


@pytest.mark.parametrize("script", CHECKS)
def test_a_switch_is_listed_once(script):
    doc = copy.deepcopy(data.load(script))
    twin = copy.deepcopy(doc["switches"][0])
    twin["id"] = "other"
    doc["switches"].append(twin)
    assert any(m.startswith("duplicate switch") for m in messages(script, doc))


@pytest.mark.parametrize("script", CHECKS)
def test_an_unknown_fact_placeholder_is_refused(script):
    doc = copy.deepcopy(data.load(script))
    doc["switches"][0]["meaning"]["fr"] += " {fact:no_such_fact}"
    assert any("{fact:no_such_fact}" in m for m in messages(script, doc))


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("script", CHECKS)
def test_a_note_comes_after_the_facts_on_both_pages(built_pages, script, lang):
    """Meaning, the facts list, then the note that comments on them: ospp/ once put its note
    before the list, slmgr/ after it."""
    page = built_pages[f"{PREFIX[lang]}{script}/"].read_text(encoding="utf-8")
    noted = [entry["id"] for entry in data.load(script)["switches"] if "note" in entry]
    assert noted
    for anchor in noted:
        section = re.search(rf'<h3 id="{anchor}">.*?(?=<h[23] |</article>)', page, re.S).group(0)
        blocks = re.findall(r"^<(p|ul|div)\b", section, re.M)
        assert blocks[-2:] == ["ul", "p"], f"{lang} {script}/#{anchor}: {blocks}"
