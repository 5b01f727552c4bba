"""./scripts/build runs its four MkDocs builds side by side (each is a process of its own): the
offline bundle's two print editions beside its offline build, and the online site beside the
bundle. Checked with stand-in builds that meet at a barrier: run one after the other, the first
would wait there alone until the barrier gives up."""

from __future__ import annotations

import pathlib
import threading

import pytest

from scripts import bundle, docs, site_build

MEETING_TIMEOUT_S = 20


def write_stand_in_page(site: pathlib.Path, name: str) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text("<!doctype html><html><body><main>stand-in</main></body></html>", encoding="utf-8")


def test_the_print_editions_build_beside_the_offline_build(tmp_path):
    meeting = threading.Barrier(3, timeout=MEETING_TIMEOUT_S)  # the offline build and two print builds
    built = []

    def build(site: pathlib.Path, complete=None, link_check: bool = True, **env: str) -> None:
        for page in ["print_page.html"] if env.get("PRINT_SITE") else ["index.html", "fr/index.html"]:
            write_stand_in_page(site, page)
        meeting.wait()  # raises BrokenBarrierError if the three builds do not run at the same time
        built.append(env.get("BUILD_ONLY_LOCALE", "offline"))
        if complete:
            complete(site)

    archive = bundle.build_bundle(build, tmp_path / "dist", say=lambda message: None)
    assert sorted(built) == ["en", "fr", "offline"]
    assert archive.is_file()


def test_the_online_site_builds_beside_the_bundle(tmp_path, monkeypatch):
    meeting = threading.Barrier(2, timeout=MEETING_TIMEOUT_S)  # the bundle and the online build
    archive = tmp_path / "dist" / "vakb-offline.zip"
    published = []

    def build_bundle(build, dist, say):
        meeting.wait()
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_bytes(b"zip")
        return archive

    def build_site(site_dir=tmp_path / "site", complete=None, **env):
        meeting.wait()
        complete(site_dir)

    monkeypatch.setattr(docs, "enter_venv", lambda *args: None)
    monkeypatch.setattr(docs, "build_site", build_site)
    monkeypatch.setattr(docs, "DIST", tmp_path / "dist")
    monkeypatch.setattr(docs, "SITE", tmp_path / "site")
    monkeypatch.setattr(docs, "ROOT", tmp_path)
    monkeypatch.setattr(bundle, "build_bundle", build_bundle)
    monkeypatch.setattr(bundle, "publish", lambda zip_path, folder: published.append((zip_path, folder)))
    docs.cmd_build(None)
    assert published == [(archive, tmp_path / "site")]


def test_a_failed_bundle_stops_the_online_build_and_leaves_nothing_half_made(tmp_path, monkeypatch):
    """The online build waits for the zip before its links are checked. When the bundle fails, the
    online build stops there: its staging folder goes, the site served stays as it was, and no
    failure note blames the online build (scripts/site_build.py)."""
    site = tmp_path / "site"
    write_stand_in_page(site, "served.html")

    def build_bundle(build, dist, say):
        raise SystemExit(1)  # what docs.build_site does when the bundle's build fails

    monkeypatch.setattr(docs, "enter_venv", lambda *args: None)
    monkeypatch.setattr(docs, "SITE", site)
    monkeypatch.setattr(docs, "DIST", tmp_path / "dist")
    monkeypatch.setattr(bundle, "build_bundle", build_bundle)
    monkeypatch.setattr(site_build, "run_mkdocs", lambda project, target, quiet, env: write_stand_in_page(target, "index.html"))
    with pytest.raises(SystemExit):
        docs.cmd_build(None)
    assert (site / "served.html").is_file() and not (site / "index.html").exists()
    assert not site_build.staging(site).exists()
    assert not site_build.failure_note(site).exists()
