"""`{{ error 0xC004F074 }}`: a link to an error code's page, from any page, in its language.

Until docs/data/errors.yml lists the code, the code is shown without a link.
"""

import posixpath
import re

import data
from shortcode_registry import Context, ShortcodeError, shortcode

CODE = re.compile(r"^0x[0-9A-Fa-f]{8}$")


def known_codes() -> set[str]:
    if not (data.DATA_DIR / "errors.yml").exists():
        return set()
    return {entry["code"].lower() for entry in data.load("errors")["errors"]}


def page_link(target: str, context: Context) -> str:
    """Markdown link path from the current page's source to `target` (an unsuffixed .md path)."""
    here = posixpath.dirname(context.page.file.src_uri) if context.page else ""
    return posixpath.relpath(target, here or ".")


@shortcode("error")
def render_error(args: list, context: Context) -> str:
    if len(args) != 1 or not CODE.match(args[0]):
        raise ShortcodeError("expected {{ error 0xXXXXXXXX }} (eight hex digits)")
    code = "0x" + args[0][2:].upper()
    if code.lower() not in known_codes():
        return f"`{code}`"
    return f"[`{code}`]({page_link(f'errors/{code.lower()}.md', context)})"
