"""Only reviewed inline scripts reach the pages: the CSP hashes the known ones, the build refuses
any other naming the file and line that wrote it, and data files refuse raw HTML that would run.

Each build test takes a fresh copy of the small project (tests/conftest.py), adds one script there,
and runs the same strict `mkdocs build` as ./scripts/build (the real tree is never touched).
"""

from __future__ import annotations

import pathlib
import re

import pytest

from vakb.build_steps import csp_allowlist
from conftest import failed_build_output

ERRORS = pathlib.Path("docs/data/errors.yml")


def line_of(path: pathlib.Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))


@pytest.mark.parametrize("lang, typed", [
    ("en", '<script>alert("typed into a page")</script>'),
    ("fr", '<p><img src="x.png" alt="" onerror="alert(1)"></p>'),
])
def test_a_script_typed_into_a_page_fails_the_build_naming_page_and_line(small_project, lang, typed):
    page = small_project / "docs" / f"how-kms-works.{lang}.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{typed}\n", encoding="utf-8")
    line = line_of(page, typed)
    output = failed_build_output(small_project)
    prefix = "fr/" if lang == "fr" else ""
    assert re.search(rf"docs/how-kms-works\.{lang}\.md:{line}: {prefix}how-kms-works/index\.html: ", output), output[-3000:]
    if "alert(\"typed" in typed:
        assert 'alert("typed into a page")' in output  # the start of the script, so it can be found
    else:
        assert "<img onerror=...> cannot be allowed" in output
    # Nothing of the failed build is published: no page, no hash list naming the script.
    assert not (small_project / "site" / "csp-hashes.conf").exists()


@pytest.mark.parametrize("html", ['<script>alert(1)</script>', '<img src="x" onerror="alert(1)">',
                                  '<SCRIPT src="//example.org/x.js"></SCRIPT>',
                                  '[a link](javascript:alert(1))'])
def test_raw_html_that_runs_in_a_data_text_fails_naming_file_and_line(small_project, html):
    path = small_project / ERRORS
    start = '    en: "In the message that `slmgr.vbs` prints'
    line = line_of(path, start)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(start, start + " " + html.replace('"', '\\"'), 1)
    path.write_text("".join(lines), encoding="utf-8")
    output = failed_build_output(small_project)
    assert f"docs/data/errors.yml:{line}: channels.slmgr.en:" in output, output[-3000:]


# -- the allow-list itself -----------------------------------------------------------------------

def test_every_inline_script_of_the_built_site_is_a_reviewed_one(site_dir):
    names = set()
    for page in site_dir.rglob("*.html"):
        for script in re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            name = csp_allowlist.identify(script, csp_allowlist.material_templates())
            assert name, f"{page}: unknown inline script {script[:80]!r}"
            names.add(name)
    # Material's scope helper, palette restore, linked tabs and tab anchor, and nothing else.
    assert names == {"material: partials/javascripts/base.html", "material: partials/javascripts/palette.html",
                     "material: partials/javascripts/content.html"}


@pytest.mark.parametrize("script", [
    # The scope helper with a base URL that leaves its string literal.
    '__md_scope=new URL("."+alert(1)+"",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
    'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    # A known script with something added.
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"));alert(1)',
    "alert(1)",
])
def test_a_script_resembling_a_known_one_is_not_taken_for_it(script):
    assert csp_allowlist.identify(script, csp_allowlist.material_templates()) is None
