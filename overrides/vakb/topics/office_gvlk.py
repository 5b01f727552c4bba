"""The KMS client keys of the Office 2010 volume products (office_gvlk.yml).

    {{ table office-gvlk }}     one row per product, grouped by family, each row with its anchor
                                (office-2010-clients/#professional-plus-2010) and a copy button.
    {{ office-gvlk <id> }}      one key inline, linked to its row.

The keys go through the same format check as the Windows client setup keys of gvlk.yml
(`client_setup_keys.product_key_problems`).
"""

import html

from vakb import data, links
from vakb.shortcodes import ShortcodeError, shortcode
from vakb.tables import html_table, table
from vakb.topics.client_setup_keys import product_key_problems

PAGE = "office-2010-clients.md"
HEADERS = {
    "en": ["Product", "KMS client key", "Family"],
    "fr": ["Produit", "Clé de client KMS", "Famille"],
}
COPY = {"en": ("Copy", "Copy the KMS client key of {product}"),
        "fr": ("Copier", "Copier la clé de client KMS de {product}")}


def copy_button(key: str, product: str, lang: str) -> str:
    text, label = COPY[lang]
    return (f'<button type="button" class="vakb-copy-value" data-copy-value="{html.escape(key)}" '
            f'aria-label="{html.escape(label.format(product=product))}">{text}</button>')


@table("office-gvlk")
def render_office_gvlk(args, context):
    if args:
        raise ShortcodeError("expected {{ table office-gvlk }} (no argument)")
    doc, lang = data.load("office_gvlk"), context.lang
    families = {f["id"]: data.text(f, lang, "name") for f in doc["families"]}
    rows = []
    for family in doc["families"]:
        for product in doc["products"]:
            if product["family"] != family["id"]:
                continue
            name = data.text(product, lang, "name")
            rows.append((product["id"], [
                f'<a href="#{product["id"]}">{html.escape(name)}</a>',
                f"<code>{product['key']}</code> " + copy_button(product["key"], name, lang),
                html.escape(families[product["family"]]),
            ]))
    return html_table(HEADERS[lang], rows)


@shortcode("office-gvlk")
def render_one(args, context):
    products = {p["id"]: p for p in data.load("office_gvlk")["products"]}
    if len(args) != 1 or args[0] not in products:
        raise ShortcodeError("expected {{ office-gvlk <product id> }} with an id of docs/data/office_gvlk.yml, "
                             f"e.g. {next(iter(products))}")
    target = links.to_source(f"{PAGE}#{args[0]}", context.page)
    return f"[`{products[args[0]]['key']}`]({target})"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("office_gvlk")
def office_keys_are_well_formed(doc):
    families = {f["id"] for f in doc["families"]}
    for index, message in data.unique(doc["families"], "id", "family id"):
        yield ["families", index, "id"], message
    for index, message in data.unique(doc["products"], "id", "product id"):
        yield ["products", index, "id"], message
    for index, message in data.unique(doc["products"], "key", "key"):
        yield ["products", index, "key"], message
    windows = {e["key"] for e in data.load("gvlk")["editions"]}
    for index, product in enumerate(doc["products"]):
        for message in product_key_problems(product["key"]):
            yield ["products", index, "key"], message
        if product["key"] in windows:
            yield ["products", index, "key"], f"{product['key']!r} is a Windows client setup key (gvlk.yml)"
        if product["family"] not in families:
            yield ["products", index, "family"], f"unknown family {product['family']!r}; known: {', '.join(sorted(families))}"
    used = {p["family"] for p in doc["products"]}
    for index, family in enumerate(doc["families"]):
        if family["id"] not in used:
            yield ["families", index], f"family {family['id']!r} has no product"
