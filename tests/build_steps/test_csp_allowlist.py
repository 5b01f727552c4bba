"""Only reviewed inline scripts reach the pages: the CSP hashes the known ones, the build refuses
any other, and data files refuse raw HTML that would run.

Each build test copies the project into a temporary folder, adds one script there, and runs the
same strict `mkdocs build` as ./scripts/build (the real tree is never touched).
"""

from __future__ import annotations

import pathlib
import re

import pytest

from vakb.build_steps import csp_allowlist
from vakb.build_steps import csp as csp_hashes
from conftest import copy_project, mkdocs_build

ERRORS = pathlib.Path("docs/data/errors.yml")


@pytest.fixture
def project(tmp_path) -> pathlib.Path:
    return copy_project(tmp_path / "project")


def failed_build(project: pathlib.Path) -> str:
    result = mkdocs_build(project / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output[-3000:]}"
    return output


def test_a_script_typed_into_a_page_fails_the_build_naming_the_page(project):
    page = project / "docs" / "how-kms-works.en.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>alert("typed into a page")</script>\n',
                    encoding="utf-8")
    output = failed_build(project)
    assert re.search(r"how-kms-works/index\.html: .*inline script", output), output[-3000:]
    assert 'alert("typed into a page")' in output  # the start of the script, so it can be found
    conf = project / "site" / "csp-hashes.conf"
    # Not hashed either: were the failed build served, the CSP would still block the script.
    assert csp_hashes.csp_source('alert("typed into a page")') not in conf.read_text()


def line_of(path: pathlib.Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))


@pytest.mark.parametrize("html", ['<script>alert(1)</script>', '<img src="x" onerror="alert(1)">',
                                  '<SCRIPT src="//example.org/x.js"></SCRIPT>',
                                  '[a link](javascript:alert(1))'])
def test_raw_html_that_runs_in_a_data_text_fails_naming_file_and_line(project, html):
    path = project / ERRORS
    start = '    en: "In the message that `slmgr.vbs` prints'
    line = line_of(path, start)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(start, start + " " + html.replace('"', '\\"'), 1)
    path.write_text("".join(lines), encoding="utf-8")
    output = failed_build(project)
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
