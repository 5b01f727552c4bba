"""The inline scripts the site means to have, each identified by what it is.

The Content-Security-Policy allows inline scripts by hash (csp_hashes.py). Hashing whatever the
built pages hold would also allow a `<script>` typed into a page or a data file. So a script gets a
hash only when it is one of these:

- Material's own, written by the theme templates listed in MATERIAL_TEMPLATES. Each template's
  script text is read from the theme folders of this build (custom_dir first, as MkDocs does), and
  a Jinja expression in it (`{{ config.extra.scope | d(base_url) }}`) matches only what can stand
  inside its string literal, so the script can differ from the template by its base URL alone.
- The project's own, in PROJECT_SCRIPTS (none today: every script of the project is a file).

Anything else is reported by csp_hashes.py and fails the strict build, naming the page.
A new Material feature that writes another inline script (announce bar, cookie consent...) fails
the build the same way: review its template, then add it to MATERIAL_TEMPLATES.
"""

from __future__ import annotations

import functools
import pathlib
import re

# Material 9.x templates whose inline <script> the site uses: the storage scope helper (every
# page), palette restore (palette toggle), linked content tabs and the tab a #fragment selects.
MATERIAL_TEMPLATES = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)

# {name: exact script text} for inline scripts the project writes itself (none: keep it that way
# where possible, a file under overrides/assets/javascripts/ needs no hash).
PROJECT_SCRIPTS: dict[str, str] = {}

SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# A value inside a JavaScript "..." literal that cannot end it or escape from it.
IN_STRING_LITERAL = r'[^"\\<>\n]*'


def _pattern(script: str) -> re.Pattern:
    parts = JINJA_EXPRESSION.split(script)
    return re.compile(IN_STRING_LITERAL.join(re.escape(part) for part in parts))


def _default_theme_dirs() -> list[pathlib.Path]:
    import material  # the installed theme, when no MkDocs config is at hand (tests)

    return [pathlib.Path(material.__file__).parent / "templates"]


@functools.lru_cache(maxsize=None)
def material_templates(theme_dirs: tuple[str, ...] | None = None) -> tuple[tuple[str, re.Pattern], ...]:
    """((name, pattern), ...) for every script of MATERIAL_TEMPLATES, read from the first theme
    folder holding the template (the build's custom_dir may override one)."""
    folders = [pathlib.Path(d) for d in theme_dirs] if theme_dirs else _default_theme_dirs()
    known = []
    for template in MATERIAL_TEMPLATES:
        source = next((folder / template for folder in folders if (folder / template).is_file()), None)
        if source is None:
            raise FileNotFoundError(f"csp_allowlist: no {template} in {[str(f) for f in folders]}: "
                                    "did Material move it? Review the new template and update MATERIAL_TEMPLATES")
        for script in SCRIPT.findall(source.read_text(encoding="utf-8")):
            known.append((f"material: {template}", _pattern(script)))
    return tuple(known)


def identify(script: str, material: tuple[tuple[str, re.Pattern], ...]) -> str | None:
    """The name of this inline script if it is a reviewed one, else None."""
    for name, text in PROJECT_SCRIPTS.items():
        if script == text:
            return f"project: {name}"
    for name, pattern in material:
        if pattern.fullmatch(script):
            return name
    return None
