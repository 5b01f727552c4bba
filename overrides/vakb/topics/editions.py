"""Links from the home pages to the other editions of the site.

`{{ print-edition-link }}`: the print edition of the page's language, `print.html` and `fr/print.html`
beside the home pages. scripts/bundle.py builds them with mkdocs-print-site for the offline bundle,
and publishes the same pages into the online site with the zip (`publish`), so the link is rendered
online and offline. Inside the print edition itself the shortcode renders nothing.

`{{ offline-edition-link }}`: online only, the offline zip of the same commit, which the web server
serves at download/ beside the site (release.py names it; scripts/nginx/vakb.conf serves it).
Offline it renders nothing: the reader already has it.

Raw HTML, not Markdown links: MkDocs would check a Markdown link against docs/ and find no page.
"""

import html
import pathlib

from vakb.typography import colon
from vakb import links
from vakb import build_kind
from vakb import release
from vakb import languages
from vakb.shortcodes import Context, ShortcodeError, shortcode

PRINT_PAGE = "print.html"  # scripts/bundle.py writes <language prefix>print.html
TEXT = {
    "en": ("Print edition", "the whole knowledge base on one page, to print or to save as PDF."),
    "fr": ("Édition imprimable", "toute la base de connaissances sur une seule page, à imprimer ou à "
                                 "enregistrer en PDF."),
}
OFFLINE_TEXT = {
    "en": ("Offline edition", "the whole knowledge base in one zip file, for machines without a network: "
                              "unzip it and open index.html in any browser; search works, nothing is "
                              "fetched from the Internet, and it holds the print edition."),
    "fr": ("Édition hors ligne", "toute la base de connaissances dans un fichier zip, pour les postes "
                                     "sans réseau : décompressez-le et ouvrez index.html dans un navigateur ; "
                                     "la recherche fonctionne, rien n'est chargé depuis Internet, et "
                                     "l'édition imprimable est incluse."),
}


@shortcode("print-edition-link")
def render_print_link(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("takes no arguments: {{ print-edition-link }}")
    config = context.config
    if build_kind.print_edition(config):
        return ""
    url = page_relative(context, languages.prefixes(config).get(context.lang, "") + PRINT_PAGE)
    label, description = TEXT[context.lang]
    return (f'<p class="vakb-print-edition"><a href="{html.escape(url)}">{label}</a>'
            f"{colon(context.lang)} {description}</p>")


def page_relative(context: Context, site_path: str) -> str:
    return links.to_site_file(site_path, context.page)


@shortcode("offline-edition-link")
def render_offline_link(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("takes no arguments: {{ offline-edition-link }}")
    config = context.config
    if build_kind.offline(config) or build_kind.print_edition(config):
        return ""
    repo = pathlib.Path(config.config_file_path).parent
    url = page_relative(context, release.DOWNLOAD_DIR + release.offline_zip_name(repo))
    label, description = OFFLINE_TEXT[context.lang]
    return (f'<p class="vakb-offline-edition"><a href="{html.escape(url)}" download>{label}</a>'
            f"{colon(context.lang)} {description}</p>")
