"""Pages are published without their templates' indentation (vakb.build_steps.minify.collapse_whitespace),
and what white space means is kept: preformatted text, scripts and the spacing between words."""

from __future__ import annotations

import re

import pytest

from vakb.build_steps import minify
from conftest import LANGUAGE_PREFIX, LANGUAGES

VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)


def test_indentation_and_blank_lines_go_outside_verbatim_elements():
    page = (
        "<div>\n    <p>\n      Two\n      words</p>\n\n\n   <span>a</span> <span>b</span>\n"
        "<pre><code>slmgr /dlv\n    Key Management Service is enabled\n\n  Current count: 25</code></pre>\n"
        "  <script>\n  var x = `a\n    b`;\n  </script>\n  <textarea>\n  kept\n</textarea>\n</div>"
    )
    out = minify.collapse_whitespace(page)
    assert "<div>\n<p>\nTwo\nwords</p>\n<span>a</span> <span>b</span>\n" in out
    assert "<code>slmgr /dlv\n    Key Management Service is enabled\n\n  Current count: 25</code>" in out
    assert "<script>\n  var x = `a\n    b`;\n  </script>" in out
    assert "<textarea>\n  kept\n</textarea>" in out
    # Every run of white space that held a line break still holds one: the text reads the same.
    assert out.split() == page.split()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_published_pages_carry_no_indentation_but_keep_their_preformatted_text(built_pages, lang):
    indented = []
    for url, path in built_pages.items():
        if not url.startswith(LANGUAGE_PREFIX[lang]) or (lang == "en" and url.startswith("fr/")):
            continue
        text = VERBATIM.sub("<verbatim/>", path.read_text(encoding="utf-8"))
        if re.search(r"\n[ \t]+\S|\n\s*\n", text):
            indented.append(url)
    assert not indented, f"pages still indented: {indented[:5]}"
    # The slmgr output examples keep the indentation Windows prints.
    example = built_pages[LANGUAGE_PREFIX[lang] + "slmgr-output/"].read_text(encoding="utf-8")
    assert re.search(r"(\n|</a>) {4}Key Management Service is enabled on this machine", example)
