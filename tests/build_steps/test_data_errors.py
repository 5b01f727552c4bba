"""Bad input stops the build with a message that names the file, the line and the entry.

Each test takes a fresh copy of the small project (tests/conftest.py), breaks one thing there, runs the same strict `mkdocs build` as ./scripts/build, and reads its output. The
real tree is never touched. Lines are found in the copied file, not hard-coded, so the tests keep
working as facts.yml grows.
"""

from __future__ import annotations

import pathlib

import pytest

from vakb import data
from conftest import failed_build_output as build_output

FACTS = pathlib.Path("docs/data/facts.yml")


@pytest.fixture
def project(small_project) -> pathlib.Path:
    return small_project


def replace_line(path: pathlib.Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = text + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def append(path: pathlib.Path, text: str) -> int:
    """Append `text`; returns the line number its first line gets."""
    content = path.read_text(encoding="utf-8")
    if not content.endswith("\n"):
        content += "\n"
    path.write_text(content + text, encoding="utf-8")
    return content.count("\n") + 1


def facts_in(project: pathlib.Path):
    return data.parse_yaml(project / FACTS)


def test_invalid_yaml_names_file_and_line(project):
    line = append(project / FACTS, "\nbroken_entry:\n  value: 12: 13\n") + 2
    output = build_output(project)
    assert f"docs/data/facts.yml:{line}: not valid YAML" in output


def test_schema_violation_names_file_line_and_entry(project):
    line = facts_in(project)["kms_port"].line_of("unit")
    replace_line(project / FACTS, line, "  unit: parsecs")
    output = build_output(project)
    assert f"docs/data/facts.yml:{line}: kms_port.unit: 'parsecs' is not one of" in output


def test_duplicate_key_names_both_lines(project):
    first = facts_in(project).line_of("kms_port")
    line = append(project / FACTS, "\nkms_port:\n  value: 1689\n  unit: port\n  sources: [T1]\n") + 1
    output = build_output(project)
    assert f"docs/data/facts.yml:{line}: duplicate key 'kms_port' (first at line {first})" in output


def test_contradiction_between_facts_names_the_entry(project):
    facts = facts_in(project)
    line = facts["cmid_cache_size"].line_of("value")
    replace_line(project / FACTS, line, f"  value: {2 * facts['threshold_client_os']['value'] + 10}")
    output = build_output(project)
    assert f"docs/data/facts.yml:{line}: cmid_cache_size.value: must be twice threshold_client_os" in output


def test_ui_string_missing_a_language_names_the_entry(project):
    ui = project / "docs/data/ui.yml"
    line = append(ui, "\nnew_label: {en: Only English}\n") + 1
    output = build_output(project)
    assert f"docs/data/ui.yml:{line}: new_label: 'fr' is a required property" in output


def test_template_asking_for_an_unknown_ui_string_names_the_key(project):
    page = project / "overrides/404.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ ui.not_found_title }}", "{{ ui.not_found_titel }}"))
    output = build_output(project)
    assert "docs/data/ui.yml has no key 'not_found_titel'" in output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unknown_shortcode_names_page_and_line(project, lang):
    page = project / f"docs/how-kms-works.{lang}.md"
    line = append(page, "\nSee {{ no_such_shortcode 1688 }} here.\n") + 1
    output = build_output(project, BUILD_ONLY_LOCALE=lang)
    assert f"docs/how-kms-works.{lang}.md:{line}: unknown shortcode {{{{ no_such_shortcode }}}}" in output

