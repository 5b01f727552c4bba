"""Error-code shortcodes, drawn from docs/data/errors.yml and docs/data/error_catalogue.yml.

    {{ error 0xC004F074 }}   a link to a documented code's page, from any page, in its language
    {{ error_index }}        the errors index: one section per group of documented codes, a table
                             row per code; then the catalogue's other codes, a folded <details>
                             per catalogue group
    {{ error_lookup }}       the lookup box (overrides/assets/javascripts/error-lookup.js drives it)

The index rows, folded or not, carry the links the lookup box follows: the script reads the URLs the
build rendered instead of guessing them, so it works with directory URLs online and `.html` URLs
offline alike, for every code that has a page.
"""

import html
import re

from vakb.topics.errors import codes as error_codes
from mkdocs.utils import get_relative_url
from vakb import build_kind, links
from vakb.shortcodes import Context, ShortcodeError, shortcode

CODE = re.compile(r"^0x[0-9A-Fa-f]{8}$")


def page_link(target: str, context: Context) -> str:
    """Markdown link path from the current page's source to `target` (an unsuffixed .md path)."""
    return links.to_source(target, context.page)


@shortcode("error")
def render_error(args: list, context: Context) -> str:
    if len(args) != 1 or not CODE.match(args[0]):
        raise ShortcodeError("expected {{ error 0xXXXXXXXX }} (eight hex digits)")
    code = "0x" + args[0][2:].upper()
    if code not in error_codes.by_code():
        raise ShortcodeError(f"{code} is not in docs/data/errors.yml; add it there first")
    return f"[`{code}`]({page_link(error_codes.page_source(code), context)})"


def page_url(code: str, context: Context) -> str:
    """URL of a code's page relative to the current page, as this build writes it."""
    target = context.files.get_file_from_path(error_codes.page_source(code)) if context.files else None
    if target is None or context.page is None:
        raise ShortcodeError(f"the page of {code} is not part of this build")
    return get_relative_url(target.url, context.page.url)


def root_path(code: str, context: Context) -> str:
    """URL of a code's page relative to this language's home page (errors/0xc004f074/).

    The print edition copies the index into one page elsewhere and turns its links into in-page
    anchors; the lookup box then resolves this path against Material's base (the language root).
    """
    target = context.files.get_file_from_path(error_codes.page_source(code))
    home = context.files.get_file_from_path("index.md")
    return get_relative_url(target.url, home.url if home else "")


def _row(entry: dict, context: Context, short: bool = False) -> str:
    """A row of the index. A short page's row (`short`) is out of the search index: the code's own
    entry there leads to its page (vakb.topics.errors.pages.search_documents)."""
    code, lang = entry["code"], context.lang
    meaning = html.escape(error_codes.text(entry["meaning"], lang))
    name = f"<br><small><code>{entry['name']}</code></small>" if entry["name"] else ""
    confidence = entry.get("confidence", "MS")  # catalogue entries carry none: no flag
    flag = "" if confidence in ("MS",) else f' <span class="vakb-confidence">{confidence}</span>'
    link = f'<a href="{html.escape(page_url(code, context))}"><code>{code}</code></a>'
    if "versions" in entry:  # dated later than the systems this site covers: said in the row too
        later = error_codes.catalogue()["introduced"][entry["versions"]["introduced"]]
        meaning += f'<br><small class="vakb-later">{html.escape(error_codes.text(later, lang))}</small>'
    cells = (f"<td data-search-exclude>{link}{name}</td><td data-search-exclude>{meaning}</td>" if short
             else f"<td>{link}</td><td>{meaning}{flag}{name}</td>")
    return (
        f'<tr id="{error_codes.slug(code)}" data-code="{code}" data-path="{html.escape(root_path(code, context))}">'
        f"{cells}</tr>"
    )


@shortcode("error_index")
def render_error_index(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ error_index }} (no arguments)")
    words = error_codes.labels(context.lang)
    out = []
    for group in error_codes.groups():
        members = sorted((e for e in error_codes.entries() if e["group"] == group["id"]), key=lambda e: e["code"])
        rows = [_row(e, context) for e in members]
        out += [
            f"## {error_codes.text(group['title'], context.lang)} {{ #{group['id']} }}",
            "",
            *_code_table(rows, words),
            "",
        ]
    return "\n".join(out + catalogue_index(context))


def _code_table(rows, words: dict) -> list[str]:
    """The table of an index section (a group of documented codes, or of catalogue codes)."""
    return ['<div class="vakb-error-index">', "<table>",
            f"<thead><tr><th>{words['code']}</th><th>{words['meaning']}</th></tr></thead>",
            "<tbody>", *rows, "</tbody>", "</table>", "</div>"]


def catalogue_index(context: Context) -> list[str]:
    """The catalogue's codes without a full page, one folded table per catalogue group: hundreds of
    rows the reader opens by group, and the lookup box searches all of them. Open in the print
    editions: a closed <details> prints as its summary, and the short pages are not printed."""
    words = error_codes.labels(context.lang)
    others = error_codes.catalogue_only()
    out = [f"## {words['catalogue_title']} {{ #catalogue }}", "", words["catalogue_intro"], ""]
    opened = " open" if build_kind.print_edition(context.config) else ""
    for group in error_codes.catalogue()["groups"]:
        members = sorted((e for e in others if e["group"] == group["id"]), key=lambda e: e["code"])
        if not members:
            continue
        title = html.escape(error_codes.text(group["title"], context.lang))
        out += [
            f'<details class="vakb-error-catalogue" id="{error_codes.catalogue_anchor(group["id"])}"{opened}>',
            f"<summary>{title} ({len(members)})</summary>",
            *_code_table([_row(e, context, short=True) for e in members], words),
            "</details>",
            "",
        ]
    return out


@shortcode("error_lookup")
def render_error_lookup(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ error_lookup }} (no arguments)")
    words = {k: html.escape(v) for k, v in error_codes.labels(context.lang).items()}
    options = "".join(
        f'<option value="{e["code"]}" label="{e["code"]} — {html.escape(error_codes.text(e["meaning"], context.lang))}"></option>'
        # Every code with a page: the browser's suggestions then filter the whole catalogue by the
        # digits or the words typed.
        for e in sorted(error_codes.entries() + error_codes.catalogue_only(), key=lambda e: e["code"])
    )
    # One line per element: Markdown leaves a raw HTML block alone only up to its first blank line.
    # Out of the search index (data-search-exclude): its label and button were the page's snippet.
    return "\n".join([
        f'<form id="error-lookup" class="vakb-error-lookup" role="search" data-search-exclude data-invalid="{words["lookup_invalid"]}" data-unknown="{words["lookup_unknown"]}">',
        f'<label for="error-lookup-input">{words["lookup_label"]}</label>',
        '<div class="vakb-error-lookup__row">',
        '<input type="search" id="error-lookup-input" name="code" list="error-lookup-codes" autocomplete="off"'
        ' spellcheck="false" autocapitalize="off" placeholder="0xC004F074" aria-describedby="error-lookup-help error-lookup-message">',
        f'<button type="submit" class="md-button md-button--primary">{words["lookup_button"]}</button>',
        "</div>",
        f'<datalist id="error-lookup-codes">{options}</datalist>',
        f'<p id="error-lookup-help" class="vakb-error-lookup__help">{words["lookup_help"]}</p>',
        '<p id="error-lookup-message" class="vakb-error-lookup__message" role="status" aria-live="polite"></p>',
        "</form>",
    ])
