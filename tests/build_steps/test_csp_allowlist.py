"""Only reviewed inline scripts reach the pages: the CSP hashes the known ones, the build refuses
any other naming the file and line that wrote it, and data files refuse raw HTML that would run.

Each build test takes a fresh copy of the small project (tests/conftest.py), adds one script there,
and runs the same strict `mkdocs build` as ./scripts/build (the real tree is never touched).
"""

from __future__ import annotations

import html.parser
import pathlib
import re

import pytest

from vakb.build_steps import csp_allowlist
from vakb.build_steps import csp as csp_hashes
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


# -- reading the scripts of a page ---------------------------------------------------------------

class StandardParser(html.parser.HTMLParser):
    """The standard library's reading of a page, which csp.scan_page (a faster one) must match."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts, self.unhashable, self._current = [], [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.unhashable.append(f"<{tag} {name}=...>")
            elif name in ("href", "src", "action") and html.unescape(value or "").strip().lower().startswith("javascript:"):
                self.unhashable.append(f"<{tag} {name}=javascript:...>")
        named = dict(attrs)
        if tag == "script" and "src" not in named and (named.get("type") or "").strip().lower() in csp_hashes.EXECUTABLE_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def standard_reading(text: str) -> tuple[list, list]:
    parser = StandardParser()
    parser.feed(text)
    parser.close()
    return parser.scripts, parser.unhashable


CRAFTED = [
    '<p>x</p><script>alert(1)</script><script type="application/json">{"a": 1}</script>',
    '<img src=x onerror=alert(1)>', "<img src='x' ONERROR='alert(1)'>", '<svg><a href="javascript:go()">x</a></svg>',
    '<a href="&#106;avascript:go()">entity</a>', '<a href=" JavaScript:go()">case</a>',
    '<!-- <script>not run</script> --><script>run()</script>', '<form action="javascript:go()"></form>',
    '<SCRIPT TYPE="module">import("./x.js")</SCRIPT>', '<script src="a.js"></script><div data-on="1" title="on">',
    '<input value="a > b" onfocus="go()">', '<body onload="go()"><p>text</p></body>',
    '<a href="java&#x73;cript:go()">hidden letters</a>', '<img/onerror=go()>', '<a href="x"onclick="go()">y</a>',
    '<p>no handler: "version=1", activation</p><script>run()</script><script type="text/plain">x</script>',
    # A <style>'s text is not markup (html.parser and browsers read no tag in it); its own tag is.
    '<style>p::after { content: "<img src=x onerror=go()>" }</style><script>run()</script>',
    '<style onload="go()">p { color: red }</style>', '<div title="a > b" id="x"><script>run()</script></div >',
]


@pytest.mark.parametrize("markup", CRAFTED)
def test_the_fast_reading_matches_the_standard_parser_on_crafted_markup(markup):
    found = csp_hashes.scan_page(markup)
    assert (found.scripts, found.unhashable) == standard_reading(markup)
    assert found.scripts or found.unhashable or "data-on" in markup


def test_the_fast_reading_matches_the_standard_parser_on_every_built_page(site_dir):
    differ = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = csp_hashes.scan_page(text)
        if (found.scripts, found.unhashable) != standard_reading(text):
            differ.append(page.relative_to(site_dir).as_posix())
    assert not differ, differ[:10]


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
