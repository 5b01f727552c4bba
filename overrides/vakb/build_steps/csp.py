"""The site's Content-Security-Policy: stated once here, sent by nginx, and carried by every page.

Material writes small inline scripts into every page (__md_scope, palette, content tabs...). The
policy allows scripts from the site itself plus exactly these, by hash: no 'unsafe-inline', so a
script injected into a page cannot run. The hashes change whenever Material or a page changes, so
they are computed here from the written HTML, never typed.

The policy reaches the reader two ways, both from POLICY below:
- every online page carries it in a `<meta http-equiv="Content-Security-Policy">` with the hashes
  of its own scripts, so the site keeps its policy on any static host or CDN it is copied to. A
  meta policy cannot carry frame-ancestors (browsers ignore it there, with a console error), so the
  meta leaves it out; the offline bundle has none (file:// has no origin for 'self' to name);
- nginx sends it as a header with the hashes of every page, frame-ancestors included: the build
  writes it to `csp-hashes.conf` at the site root (`set $vakb_csp ...`), which the server block
  includes and scripts/nginx/security-headers.conf sends (vakb.conf refuses to serve that file).

Only reviewed scripts are hashed (csp_allowlist.py beside this file: Material's, identified by
their template, and the project's own). Any other inline script, such as a `<script>` typed into a
page, stops the build naming the source file and line that wrote it, and gets no hash. Inline event
handlers (onclick=...) and javascript: URLs cannot be allowed by hash without 'unsafe-hashes', so
they stop the build the same way.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import logging
import pathlib
import re

from mkdocs.exceptions import PluginError

from vakb import build_kind, generated_pages, html_tags
from vakb.build_steps import csp_allowlist

CONF_NAME = "csp-hashes.conf"

# The policy, directive by directive (script-src gets the hashes of the reviewed inline scripts):
#   script-src  'self' + hashes: no 'unsafe-inline', no 'unsafe-eval'.
#   worker-src  'self': the search worker is a same-origin file (assets/javascripts/workers/).
#               No blob: (the iframe-worker shim that would need it only runs from file://).
#   style-src   'self': stylesheets from the site only; no <style> element may apply (those could
#               read the page through attribute selectors). Material needs nothing more: it styles
#               elements through the CSSOM (element.style.x = ...), which CSP allows. No style=""
#               attributes either (the diagrams size themselves from diagrams.css).
#   img-src     'self' data:: Material's icons are data: SVG URLs in its stylesheet (mask-image).
#   connect-src 'self': search index, sitemap.xml (language switcher), api/errors.json.
#   frame-ancestors 'none' (with X-Frame-Options for old browsers): no framing, no clickjacking.
POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("worker-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# What a policy delivered in a <meta> element cannot carry (CSP Level 3, section 3.3).
NOT_IN_META = {"frame-ancestors", "report-uri", "sandbox"}
# <script type=...> values a browser executes; others (application/json config blocks) are data.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module",
                    "text/ecmascript", "application/ecmascript"}

log = logging.getLogger("mkdocs.hooks.csp_hashes")


def policy(hashes, meta: bool = False) -> str:
    """The policy as a header value (meta=True: as a <meta> element may carry it)."""
    return "; ".join(f"{name} {sources}{''.join(' ' + h for h in hashes) if name == 'script-src' else ''}"
                     for name, sources in POLICY if not (meta and name in NOT_IN_META))


# -- reading a page's scripts ----------------------------------------------------------------------
# The tags are read by vakb.html_tags (a fast reading of the HTML the build itself wrote: it was a
# tenth of the build's time with html.parser), each <script> element whole (its text is what the
# browser hashes), and the attributes of other start tags only when they could hold an event
# handler or a URL. tests/build_steps/test_html_tags.py holds it to the standard library's HTML
# parser on every published page and on crafted markup.
TOKEN = html_tags.tag_pattern()
# Attributes worth reading: an on... name, a javascript: URL, or a character reference hiding one.
SUSPECT = re.compile(r"""[\s/"']on|script|&""", re.I)
# A page without any of these holds no event handler and no javascript: URL (an attribute name
# follows a space, a slash or a quote; a javascript: value is written with "script:" or hidden
# behind a numeric reference or &colon;): only its <script> elements need reading. Most pages.
ON_ATTRIBUTE = re.compile(r"on[a-z]*\s*=")
ATTRIBUTE_SEPARATORS = " \t\n\r\f/\"'"
SCRIPTS_ONLY = html_tags.tag_pattern(start_tags=False)  # a <style>'s text is skipped here too


@dataclasses.dataclass
class InlineScripts:
    scripts: list[str] = dataclasses.field(default_factory=list)  # text of each inline executable script
    unhashable: list[str] = dataclasses.field(default_factory=list)  # handlers and javascript: URLs


def anything_suspect(text: str) -> bool:
    """False only when no tag of the page can hold an event handler or a javascript: URL. Plain
    substring tests on the lower-cased page: a case-insensitive regex over every page cost more than
    the reading it saves."""
    low = text.lower()
    if "script:" in low or "&#" in low or "&colon;" in low:
        return True
    return any(low[match.start() - 1] in ATTRIBUTE_SEPARATORS for match in ON_ATTRIBUTE.finditer(low, 1))


def scan_page(text: str) -> InlineScripts:
    found = InlineScripts()
    tokens = TOKEN if anything_suspect(text) else SCRIPTS_ONLY
    for match in tokens.finditer(text):
        if match["raw"] is not None:  # a <script> or <style> element: its attributes are read
            tag, raw = match["raw"].lower(), match["raw_attributes"]
        elif match.re is TOKEN and match["start"] is not None and SUSPECT.search(match["attributes"]):
            tag, raw = match["start"].lower(), match["attributes"]
        else:
            continue  # a comment, or a tag with nothing that runs
        attrs = html_tags.attributes(raw)
        for name, value in attrs:
            if name.startswith("on"):
                found.unhashable.append(f"<{tag} {name}=...>")
            elif name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                found.unhashable.append(f"<{tag} {name}=javascript:...>")
        if tag == "script":
            named = dict(attrs)
            if "src" not in named and named.get("type", "").strip().lower() in EXECUTABLE_TYPES:
                found.scripts.append(match["body"])
    return found


def csp_source(script: str) -> str:
    """The CSP source expression allowing exactly this script text: 'sha256-<base64>'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def reviewed(found: InlineScripts, theme_dirs) -> tuple[list[str], list[tuple[str, str]]]:
    """(hash sources of the reviewed scripts, [(what is refused, text to find it by in a source)])."""
    known = csp_allowlist.material_templates(theme_dirs)
    hashes, refused = [], []
    for item in found.unhashable:
        refused.append((f"{item} cannot be allowed by a Content-Security-Policy",
                        item.split(" ", 1)[1].split("=")[0]))
    for script in found.scripts:
        if csp_allowlist.identify(script, known):
            hashes.append(csp_source(script))
        else:
            start = script.strip()[:60]
            refused.append((f"an inline script not on the reviewed list ({start!r})", start.split("\n")[0][:30]))
    return sorted(set(hashes)), refused


# -- the pages ---------------------------------------------------------------------------------------

def source_line(page, needle: str) -> str:
    """`docs/<source>:<line>` of the text that wrote `needle` into a page: its Markdown file, or the
    data file a generated page is made of; the file alone when no line holds it (a template)."""
    data_file = generated_pages.data_file_of(page.file)
    source = pathlib.Path(page.file.abs_src_path or "") if not data_file else \
        pathlib.Path(page.file.src_dir) / data_file
    name = f"docs/{data_file or page.file.src_uri}"
    if not needle or not source.is_file():
        return name
    for number, line in enumerate(source.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if needle in line or needle.lower() in line.lower():
            return f"{name}:{number}"
    return f"{name} (not in its text: from a template or a shortcode)"


# Pages already read, by output file: {path: (bytes written, hashes)}. A page whose file is still
# what was written is not read again when the site's hash list is made.
_pages: dict[str, tuple[int, list[str]]] = {}


def with_meta(output: str, hashes) -> str:
    """The page with the policy in a <meta> right after its charset, before any script."""
    content = policy(hashes, meta=True).replace("&", "&amp;").replace('"', "&quot;")  # quotes ' stay as they are
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    charset = re.search(r"<meta charset=[^>]*>", output[:2048], re.I)
    if charset:
        return output[:charset.end()] + meta + output[charset.end():]
    head = re.search(r"<head[^>]*>", output, re.I)
    return output[:head.end()] + meta + output[head.end():] if head else output


def check_page(output: str, page, config) -> str:
    """on_post_page, last: refuse an unreviewed script naming its source, add the meta policy."""
    if build_kind.offline(config):
        return output  # the file:// bundle and print editions: no policy to carry, as before
    hashes, refused = reviewed(scan_page(output), tuple(str(d) for d in config.theme.dirs))
    if refused:
        raise PluginError("\n".join(
            f"{source_line(page, needle)}: {page.file.dest_uri}: {what}; move the code into a script "
            "file (see overrides/vakb/build_steps/csp.py and csp_allowlist.py)" for what, needle in refused))
    output = with_meta(output, hashes)
    _pages[page.file.abs_dest_path] = (len(output.encode("utf-8")), hashes)
    return output


def check_template(output: str, template_name: str, config) -> str:
    """on_post_template: static pages (404.html) get the meta policy too."""
    if not template_name.endswith(".html") or build_kind.offline(config):
        return output
    hashes, refused = reviewed(scan_page(output), tuple(str(d) for d in config.theme.dirs))
    if refused:
        raise PluginError(f"overrides/ or the theme's {template_name}: " + "; ".join(what for what, _ in refused))
    return with_meta(output, hashes)


def site_hashes(site_dir: pathlib.Path, theme_dirs: tuple[str, ...] | None = None
                ) -> tuple[list[str], dict[str, list[str]]]:
    """(sorted unique hash sources of the reviewed scripts, {page: [refused]}) over every HTML file
    of the site: the pages read as they were written, the other files (404 pages, redirect stubs)
    read here."""
    hashes: set[str] = set()
    refused: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        known = _pages.get(str(page))
        if known and known[0] == page.stat().st_size:
            hashes.update(known[1])
            continue
        page_hashes, problems = reviewed(scan_page(page.read_text(encoding="utf-8")), theme_dirs)
        hashes.update(page_hashes)
        if problems:
            refused[page.relative_to(site_dir).as_posix()] = [what for what, _ in problems]
    return sorted(hashes), refused


def nginx_conf(hashes: list[str]) -> str:
    return ("# Generated by overrides/vakb/build_steps/csp.py from this build's pages: do not edit.\n"
            "# Include it in the server block before vakb/vakb.conf (scripts/nginx/vakb.conf says how).\n"
            f'set $vakb_csp "{policy(hashes)}";\n')


def write_conf(site_dir: pathlib.Path, theme_dirs: tuple[str, ...] | None = None) -> list[str]:
    hashes, refused = site_hashes(site_dir, theme_dirs)
    for page, items in refused.items():
        log.warning("%s: %s; move the code into a script file (see overrides/vakb/build_steps/csp.py "
                    "and csp_allowlist.py)", page, ", ".join(items))
    (site_dir / CONF_NAME).write_text(nginx_conf(hashes), encoding="utf-8")
    return hashes


def write_for_build(config):
    """Runs after every language's pages are written (vakb.build_order.CSP_HASHES): once per
    language build; the last run, at the end of the default language's build, sees the whole site."""
    if build_kind.offline(config):
        return  # the file:// bundle has no web server and no headers
    write_conf(pathlib.Path(config.site_dir), tuple(str(d) for d in config.theme.dirs))
