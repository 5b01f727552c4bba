"""`{{ table <kind> }}`: one shortcode for every reference table generated from docs/data/.

Several data files render tables (GVLKs, registry values, key groups...). Each table module registers
its kind here with `@table("gvlk")` instead of claiming a shortcode of its own, so pages read the same
way everywhere and a new table never collides with another module's shortcode name.
"""

from __future__ import annotations

import html
from typing import Callable

from vakb.shortcodes import Context, ShortcodeError, registrar, shortcode

TableRenderer = Callable[[list, Context], str]
TABLES: dict[str, TableRenderer] = {}


table = registrar(TABLES, "table")  # @table("gvlk"): the renderer of {{ table gvlk [args] }}


@shortcode("table")
def render_table(args: list, context: Context) -> str:
    if not args or args[0] not in TABLES:
        raise ShortcodeError(f"expected {{{{ table <kind> }}}} with kind one of: {', '.join(sorted(TABLES)) or '(none)'}")
    return TABLES[args[0]](args[1:], context)


def html_table(headers: list[str], rows: list[tuple[str | None, list[str]]], css_class: str = "") -> str:
    """A raw HTML table; each row is (row id or None, cells already escaped/marked up).

    Raw HTML rather than a Markdown table because rows need their own id (stable anchors such as
    client-setup-keys/#vista-business); MkDocs still records these ids for its anchor validation.
    """
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = []
    for row_id, cells in rows:
        attr = f' id="{html.escape(row_id)}"' if row_id else ""
        body.append(f"<tr{attr}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    table = f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    # The class goes on a wrapper, never on the table: Material styles and wraps only tables
    # without a class (a box of their own that scrolls sideways); a classed table stayed bare and
    # made the whole page scroll on a phone (slmgr/, sources/; tests/browser/test_phone_layout.py).
    if css_class:
        table = f'<div class="{css_class}">\n{table}\n</div>'
    return f"\n\n{table}\n\n"
