"""The KMS client setup keys of gvlk.yml.

    {{ table gvlk [system] }}   one row per edition (of one system, or all).
    {{ gvlk <edition-id> }}     one key inline, linked to its row, for pages that quote a key
                                (e.g. {{ gvlk ws2008-standard }}) instead of retyping it.

Each row carries the edition id as its HTML id (client-setup-keys/#vista-business) and links to
itself, so a helpdesk agent can copy the address of one key. The key-group column comes from
key_groups.yml through the edition's product.
"""

import html
import posixpath

import data
from render_table import html_table, table
from shortcode_registry import ShortcodeError, shortcode

HEADERS = {
    "en": ["Edition", "KMS client setup key (GVLK)", "KMS key group"],
    "fr": ["Édition", "Clé d'installation du client KMS (GVLK)", "Groupe de clés KMS"],
}


def group_names(lang: str) -> dict:
    """{product id: name of its key group} in `lang`."""
    groups = data.load("key_groups")
    names = {g["id"]: data.text(g, lang, "name") for g in groups["groups"]}
    return {p["id"]: names[p["group"]] for p in groups["products"]}


@table("gvlk")
def render_gvlk(args, context):
    doc = data.load("gvlk")
    systems = {s["id"]: s for s in doc["systems"]}
    if len(args) > 1 or (args and args[0] not in systems):
        raise ShortcodeError(f"expected {{{{ table gvlk [system] }}}} with system one of: {', '.join(systems)}")
    lang, groups = context.lang, group_names(context.lang)
    rows = []
    for edition in doc["editions"]:
        if args and edition["system"] != args[0]:
            continue
        name = data.text(edition, lang, "name")
        if not args:
            name = f"{data.text(systems[edition['system']], lang, 'name')} {name}"
        cells = [
            f'<a href="#{edition["id"]}">{html.escape(name)}</a>',
            f"<code>{edition['key']}</code>",
            html.escape(groups[edition["product"]]),
        ]
        rows.append((edition["id"], cells))
    return html_table(HEADERS[context.lang], rows)


@shortcode("gvlk")
def render_one_gvlk(args, context):
    editions = {e["id"]: e for e in data.load("gvlk")["editions"]}
    if len(args) != 1 or args[0] not in editions:
        raise ShortcodeError(f"expected {{{{ gvlk <edition id> }}}} with an id of docs/data/gvlk.yml, e.g. {next(iter(editions))}")
    here = posixpath.dirname(context.page.file.src_uri) if context.page else ""
    target = posixpath.relpath("client-setup-keys.md", here or ".")
    return f"[`{editions[args[0]]['key']}`]({target}#{args[0]})"
