"""./scripts/build runs its four MkDocs builds side by side (each is a process of its own): the
offline bundle's two print editions beside its offline build, and the online site beside the
bundle. Checked with stand-in builds that meet at a barrier: run one after the other, the first
would wait there alone until the barrier gives up."""

from __future__ import annotations

import pathlib
import threading
import types

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


def test_a_failed_print_build_fails_the_bundle_and_leaves_no_zip(tmp_path):
    def build(site: pathlib.Path, complete=None, link_check: bool = True, **env: str) -> None:
        if env.get("PRINT_SITE"):
            raise site_build.BuildFailed(f"print edition ({env['BUILD_ONLY_LOCALE']}) broke")
        write_stand_in_page(site, "index.html")
        if complete:
            complete(site)

    with pytest.raises(site_build.BuildFailed, match="print edition"):
        bundle.build_bundle(build, tmp_path / "dist", say=lambda message: None)
    assert not list((tmp_path / "dist").glob("*.zip"))


@pytest.fixture
def build_command(tmp_path, monkeypatch):
    """`docs.cmd_build` on a site folder of tmp_path, MkDocs replaced by a stand-in page; what it
    says is recorded."""
    said = []
    monkeypatch.setattr(docs, "enter_venv", lambda *args: None)
    monkeypatch.setattr(docs, "say", said.append)
    monkeypatch.setattr(docs, "ROOT", tmp_path)
    monkeypatch.setattr(docs, "SITE", tmp_path / "site")
    monkeypatch.setattr(docs, "DIST", tmp_path / "dist")
    monkeypatch.setattr(site_build, "run_mkdocs", lambda project, target, quiet, env: write_stand_in_page(target, "index.html"))
    monkeypatch.setattr(site_build.link_checker, "broken_links", lambda folder: [])
    return types.SimpleNamespace(run=lambda: docs.cmd_build(None), said=said, site=tmp_path / "site")


def stand_in_bundle(archive: pathlib.Path, before=lambda: None):
    def build_bundle(build, dist, say):
        before()
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_bytes(b"zip")
        say("offline bundle: zipped")
        return archive
    return build_bundle


def test_the_online_site_builds_beside_the_bundle(build_command, tmp_path, monkeypatch):
    meeting = threading.Barrier(2, timeout=MEETING_TIMEOUT_S)  # the bundle and the online build
    archive = tmp_path / "dist" / "vakb-offline.zip"
    published = []
    online_build = site_build.run_mkdocs

    def run_mkdocs(project, target, quiet, env):
        meeting.wait()
        online_build(project, target, quiet, env)

    monkeypatch.setattr(site_build, "run_mkdocs", run_mkdocs)
    monkeypatch.setattr(bundle, "build_bundle", stand_in_bundle(archive, before=meeting.wait))
    monkeypatch.setattr(bundle, "publish", lambda zip_path, folder: published.append(zip_path))
    build_command.run()
    assert published == [archive] and (build_command.site / "index.html").is_file()


def test_a_failed_bundle_fails_the_site_build_and_leaves_it_as_it_was(build_command, monkeypatch):
    """The online build waits for the zip before its links are checked. When the bundle fails, the
    online build stops there: its staging folder goes, the site served stays as it was, and the
    failure note and the last words say why."""
    write_stand_in_page(build_command.site, "served.html")

    def build_bundle(build, dist, say):
        raise site_build.BuildFailed("the offline build broke")

    monkeypatch.setattr(bundle, "build_bundle", build_bundle)
    with pytest.raises(SystemExit) as stopped:
        build_command.run()
    assert stopped.value.code == 1
    assert (build_command.site / "served.html").is_file() and not (build_command.site / "index.html").exists()
    assert not site_build.staging(build_command.site).exists()
    assert "the offline build broke" in site_build.failure_note(build_command.site).read_text(encoding="utf-8")
    assert build_command.said[-1].startswith("build failed") and "the offline build broke" in build_command.said[-1]


def test_a_failure_is_said_last_when_the_other_build_ends_after_it(build_command, tmp_path, monkeypatch):
    failed = threading.Event()

    def run_mkdocs(project, target, quiet, env):
        failed.set()
        raise site_build.BuildFailed("docs/sources.fr.md:3: broken")

    monkeypatch.setattr(site_build, "run_mkdocs", run_mkdocs)
    monkeypatch.setattr(bundle, "build_bundle", stand_in_bundle(tmp_path / "dist" / "vakb-offline.zip",
                                                                before=lambda: failed.wait(MEETING_TIMEOUT_S)))
    with pytest.raises(SystemExit):
        build_command.run()
    assert "offline bundle: zipped" in build_command.said
    assert build_command.said[-1].startswith("build failed") and "sources.fr.md:3" in build_command.said[-1]
