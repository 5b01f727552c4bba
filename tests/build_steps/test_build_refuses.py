"""./scripts/build refuses every mistake, naming the file and line, and serves nothing half-made.

One copy of the small project (tests/conftest.py: every page, the real hooks, topics and data,
the error catalogue and the pages' prose cut out) is built once (the site a reader is being
served); each test then breaks one thing in the copy, runs the same all-or-nothing build as
./scripts/build (scripts/site_build.py), and checks the exit, the message, and that the served
site is the old one, untouched, with a failure note that ./scripts/preview refuses to serve past.
"""

from __future__ import annotations

import contextlib
import pathlib
import shutil
import types

import pytest

from scripts import docs, site_build

# One worker runs them all: the served build is the module's, and another worker built it again.
pytestmark = pytest.mark.xdist_group("build-refuses")


@pytest.fixture(scope="module")
def served(small_project_template, tmp_path_factory):
    """(project copy, its site built once, a marker proving which build the site is)."""
    project = pathlib.Path(shutil.copytree(small_project_template, tmp_path_factory.mktemp("refuses") / "project"))
    site = site_build.build(project / "site", project, quiet=True, complete=site_build.zip_stand_in(project))
    marker = site / "served-build.txt"
    marker.write_text("the good build\n", encoding="utf-8")
    return project, site, marker


@contextlib.contextmanager
def broken(path: pathlib.Path, change):
    """Apply `change` (bytes -> bytes, or None to delete) to a file of the copy, then restore it."""
    original = path.read_bytes()
    try:
        changed = change(original)
        if changed is None:
            path.unlink()
        else:
            path.write_bytes(changed)
        yield
    finally:
        path.write_bytes(original)


def refused(project: pathlib.Path, site: pathlib.Path, marker: pathlib.Path) -> str:
    page = site / "how-kms-works" / "index.html"
    before = page.stat().st_mtime_ns
    with pytest.raises(site_build.BuildFailed) as failure:
        site_build.build(site, project, quiet=True, complete=site_build.zip_stand_in(project))
    assert marker.exists(), "the served site was replaced by the failed build"
    assert page.stat().st_mtime_ns == before
    assert not site_build.staging(site).exists()
    note = site_build.failure_note(site)
    assert note.exists() and str(failure.value) in note.read_text(encoding="utf-8")
    return str(failure.value)


def line_of(path: pathlib.Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def append_line(text: str):
    return lambda raw: raw.rstrip(b"\n") + b"\n\n" + text.encode("utf-8") + b"\n"


def test_unclosed_shortcode_names_page_and_line(served):
    project, site, marker = served
    page = project / "docs" / "how-kms-works.en.md"
    with broken(page, append_line("See {{ fact kms_port here.")):
        line = line_of(page, "{{ fact kms_port here")
        message = refused(project, site, marker)
    assert f"docs/how-kms-works.en.md:{line}:" in message and "{{ fact kms_port" in message


def test_missing_translation_is_never_published_in_the_wrong_language(served):
    project, site, marker = served
    with broken(project / "docs" / "sources.fr.md", lambda raw: None):
        message = refused(project, site, marker)
    assert "docs/sources.en.md has no twin docs/sources.fr.md" in message


@pytest.mark.parametrize("target, problem", [("no-such-page", "no page no-such-page"),
                                             ("how-kms-works#no-such-anchor", "how-kms-works has no anchor #no-such-anchor")])
def test_redirect_to_a_missing_page_or_anchor(served, target, problem):
    project, site, marker = served
    redirects = project / "docs" / "data" / "redirects.yml"
    with broken(redirects, lambda raw: raw.replace(b"pages: {}", f"pages:\n  old-page: {target}".encode())):
        assert b"old-page" in redirects.read_bytes(), "redirects.yml no longer starts with an empty pages map"
        line = line_of(redirects, "old-page")
        message = refused(project, site, marker)
    assert f"docs/data/redirects.yml:{line}: old-page -> {target}: {problem}" in message


def test_broken_link_in_raw_html_names_page_and_line(served):
    project, site, marker = served
    page = project / "docs" / "dns-srv.fr.md"
    with broken(page, append_line('<p><a href="../no-such-page/">voir</a></p>')):
        line = line_of(page, "no-such-page")
        message = refused(project, site, marker)
    assert f"docs/dns-srv.fr.md:{line}: fr/dns-srv/index.html: <a> ../no-such-page/: no such file" in message


@pytest.mark.parametrize("relative", ["docs/glossary.fr.md", "docs/data/facts.yml"])
def test_a_byte_that_is_not_utf8_names_file_and_line(served, relative):
    project, site, marker = served
    path = project / relative
    lines = path.read_bytes().split(b"\n")
    with broken(path, lambda raw: b"\n".join(lines[:3] + [lines[3] + b" caf\xe9"] + lines[4:])):
        message = refused(project, site, marker)
    assert f"{relative}:4: not UTF-8 (byte 0xE9)" in message


def test_preview_refuses_a_site_whose_last_build_failed(served, monkeypatch):
    project, site, marker = served
    with broken(project / "docs" / "sources.fr.md", lambda raw: None):
        refused(project, site, marker)
    monkeypatch.setattr(docs, "SITE", site)
    monkeypatch.setattr(docs, "enter_venv", lambda *args: None)
    with pytest.raises(SystemExit) as stopped:
        docs.cmd_preview(types.SimpleNamespace(port=0))
    assert "the last build failed" in str(stopped.value) and "no twin" in str(stopped.value)
    # A good build clears the note: the site is servable again.
    site_build.build(site, project, quiet=True, complete=site_build.zip_stand_in(project))
    assert not site_build.failure_note(site).exists() and not marker.exists()
