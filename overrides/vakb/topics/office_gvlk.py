"""The KMS client keys of the Office 2010 volume products (office_gvlk.yml).

    {{ table office-gvlk }}     one row per product, grouped by family, each row with its anchor
                                (office-2010-clients/#professional-plus-2010) and a copy button.
    {{ office-gvlk <id> }}      one key inline, linked to its row.

The key table, the inline key and the checks of the keys (format, uniqueness) are those of the
Windows client setup keys of gvlk.yml (`client_setup_keys.key_row`, `key_link`, `key_list_problems`).
"""

import html

from vakb import data
from vakb.shortcodes import ShortcodeError, shortcode
from vakb.tables import html_table, table
from vakb.topics.client_setup_keys import key_link, key_list_problems, key_row

PAGE = "office-2010-clients.md"
HEADERS = {
    "en": ["Product", "KMS client key", "Family"],
    "fr": ["Produit", "Clé de client KMS", "Famille"],
}
COPY = {"en": "Copy the KMS client key of {name}",
        "fr": "Copier la clé de client KMS de {name}"}


@table("office-gvlk")
def render_office_gvlk(args, context):
    if args:
        raise ShortcodeError("expected {{ table office-gvlk }} (no argument)")
    doc, lang = data.load("office_gvlk"), context.lang
    rows = []
    for family in doc["families"]:
        for product in doc["products"]:
            if product["family"] != family["id"]:
                continue
            name = data.text(product, lang, "name")
            rows.append(key_row(product["id"], name, product["key"], COPY[lang].format(name=name), lang,
                                html.escape(data.text(family, lang, "name"))))
    return html_table(HEADERS[lang], rows)


@shortcode("office-gvlk")
def render_one(args, context):
    products = {p["id"]: p for p in data.load("office_gvlk")["products"]}
    if len(args) != 1 or args[0] not in products:
        raise ShortcodeError("expected {{ office-gvlk <product id> }} with an id of docs/data/office_gvlk.yml, "
                             f"e.g. {next(iter(products))}")
    return key_link(products[args[0]]["key"], PAGE, args[0], context)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("office_gvlk")
def office_keys_are_well_formed(doc):
    yield from key_list_problems(doc, "families", "products", "family", "product")
    windows = {e["key"] for e in data.load("gvlk")["editions"]}
    for index, product in enumerate(doc["products"]):
        if product["key"] in windows:
            yield ["products", index, "key"], f"{product['key']!r} is a Windows client setup key (gvlk.yml)"
    used = {p["family"] for p in doc["products"]}
    for index, family in enumerate(doc["families"]):
        if family["id"] not in used:
            yield ["families", index], f"family {family['id']!r} has no product"
