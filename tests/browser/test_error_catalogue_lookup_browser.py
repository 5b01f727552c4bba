"""The lookup box of the errors index opens the short page of a catalogue code from every written form
(headless Debian Chromium, both languages), and a documented code still opens its full page.

The forms come from the hand-worked tests/fixtures/code_forms.yml: 0x and eight hex digits, the
same without 0x, in lower case, and the unsigned and signed decimal readings.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, read_yaml
from error_lookup_box import check_every_form_opens_its_page


def written_forms() -> list[tuple[str, str]]:
    """(what an agent types, the code whose page it must open) for every form of every fixture code."""
    fixture = read_yaml(ROOT / "tests" / "fixtures" / "code_forms.yml")
    documented = {e["code"] for e in read_yaml(ROOT / "docs" / "data" / "errors.yml")["errors"]}
    short = [form for form in fixture["forms"] if form["code"] not in documented]
    full = next(form for form in fixture["forms"] if form["code"] in documented)
    typed = []
    for form in short:
        code = form["code"]
        typed += [(code, code), (code[2:], code), (code.lower(), code), (code[2:].lower(), code),
                  (str(form["unsigned"]), code), (str(form["signed"]), code)]
    return typed + [(str(full["signed"]), full["code"])]


def test_the_fixture_has_a_short_page_code_with_a_negative_signed_form():
    assert any(typed.startswith("-") and code != written_forms()[-1][1] for typed, code in written_forms())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_written_form_of_a_catalogue_code_opens_its_page(browser_page, site_dir, site_url, lang):
    check_every_form_opens_its_page(browser_page, site_dir, site_url, lang, written_forms())
