"""The strict build passes in both languages, and each translation is complete on its own."""


def test_strict_build_has_no_warning(site_dir):
    # site_dir is built with --strict: any warning aborts. Both languages must be present.
    assert (site_dir / "index.html").exists()
    assert (site_dir / "fr" / "index.html").exists()


def test_every_page_exists_in_each_language_without_fallback(small_project):
    # With fallback off, a page missing in French is a nav reference to a missing file: strict fails.
    # The small project has every written page; generated pages are made in both languages by design.
    from conftest import mkdocs_build

    result = mkdocs_build(small_project / "site", cwd=small_project, I18N_FALLBACK="false")
    assert result.returncode == 0, result.stdout + result.stderr
