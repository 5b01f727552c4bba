"""`{{ print-edition-link }}`: on the home pages, a link to the print edition of their language.

The print editions exist only in the offline bundle (scripts/bundle.py builds them with
mkdocs-print-site and copies them in as `print.html` and `fr/print.html`), so the link is rendered
only in the offline build. Online and inside the print edition itself the shortcode renders nothing.
Raw HTML, not a Markdown link: MkDocs would check a Markdown link against docs/ and find no page.
"""

import html
import posixpath

from search_per_language import language_prefixes
from shortcode_registry import Context, ShortcodeError, shortcode

PRINT_PAGE = "print.html"  # scripts/bundle.py writes <language prefix>print.html
TEXT = {
    "en": ("Print edition", "the whole knowledge base on one page, to print or to save as PDF."),
    "fr": ("Édition imprimable", "toute la base de connaissances sur une seule page, à imprimer ou à "
                                 "enregistrer en PDF."),
}
SEPARATOR = {"en": ": ", "fr": "\u00a0: "}  # French puts a no-break space before the colon


def enabled(config, plugin: str) -> bool:
    return plugin in config.plugins and bool(config.plugins[plugin].config.get("enabled"))  # print-site has a legacy config


@shortcode("print-edition-link")
def render_print_link(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("takes no arguments: {{ print-edition-link }}")
    config = context.config
    if not enabled(config, "material/offline") or enabled(config, "print-site"):
        return ""
    target = language_prefixes(config).get(context.lang, "") + PRINT_PAGE
    here = posixpath.dirname(context.page.file.dest_uri)
    url = posixpath.relpath(target, here or ".")
    label, description = TEXT[context.lang]
    return (f'<p class="vakb-print-edition"><a href="{html.escape(url)}">{label}</a>'
            f"{SEPARATOR[context.lang]}{description}</p>")
