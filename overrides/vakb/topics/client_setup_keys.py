"""The KMS client setup keys of gvlk.yml.

    {{ table gvlk [system] }}   one row per edition (of one system, or all).
    {{ gvlk <edition-id> }}     one key inline, linked to its row, for pages that quote a key
                                (e.g. {{ gvlk ws2008-standard }}) instead of retyping it.

Each row carries the edition id as its HTML id (client-setup-keys/#vista-business) and links to
itself, so a helpdesk agent can copy the address of one key. The key-group column comes from
key_groups.yml through the edition's product.
"""

import html

from vakb import links
from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import ShortcodeError, shortcode

# A copy button beside each key: keys are typed into `slmgr /ipk` by hand otherwise, and a
# misread 8/B or 2/Z gives 0xC004F050. overrides/assets/javascripts/copy-link.js copies it.
COPY = {"en": ("Copy", "Copy the client setup key of {edition}"),
        "fr": ("Copier", "Copier la clé d'installation du client de {edition}")}

HEADERS = {
    "en": ["Edition", "KMS client setup key (GVLK)", "KMS key group"],
    "fr": ["Édition", "Clé d'installation du client KMS (GVLK)", "Groupe de clés KMS"],
}


def group_names(lang: str) -> dict:
    """{product id: name of its key group} in `lang`."""
    groups = data.load("key_groups")
    names = {g["id"]: data.text(g, lang, "name") for g in groups["groups"]}
    return {p["id"]: names[p["group"]] for p in groups["products"]}


def copy_button(key: str, edition: str, lang: str) -> str:
    text, label = COPY[lang]
    return (f'<button type="button" class="vakb-copy-value" data-copy-value="{html.escape(key)}" '
            f'aria-label="{html.escape(label.format(edition=edition))}">{text}</button>')


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
            f"<code>{edition['key']}</code> " + copy_button(edition["key"], name, lang),
            html.escape(groups[edition["product"]]),
        ]
        rows.append((edition["id"], cells))
    return html_table(HEADERS[context.lang], rows)


@shortcode("gvlk")
def render_one_gvlk(args, context):
    editions = {e["id"]: e for e in data.load("gvlk")["editions"]}
    if len(args) != 1 or args[0] not in editions:
        raise ShortcodeError(f"expected {{{{ gvlk <edition id> }}}} with an id of docs/data/gvlk.yml, e.g. {next(iter(editions))}")
    target = links.to_source(f"client-setup-keys.md#{args[0]}", context.page)
    return f"[`{editions[args[0]]['key']}`]({target})"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

# --- Reference data: GVLKs, key groups, registry values, count examples (activation-count,
# key-groups, client-setup-keys, registry pages). Cross-file references are checked here too.

PRODUCT_KEY_ALPHABET = set("BCDFGHJKMPQRTVWXY2346789")


@data.check("gvlk")
def gvlk_keys_are_well_formed(doc):
    systems = {s["id"] for s in doc["systems"]}
    for index, message in data.unique(doc["systems"], "id", "system id"):
        yield ["systems", index, "id"], message
    for index, message in data.unique(doc["editions"], "id", "edition id"):
        yield ["editions", index, "id"], message
    for index, message in data.unique(doc["editions"], "key", "key"):
        yield ["editions", index, "key"], message
    for index, edition in enumerate(doc["editions"]):
        key = edition["key"]
        groups = key.split("-")
        if len(groups) != 5 or any(len(g) != 5 for g in groups):
            yield ["editions", index, "key"], f"{key!r}: a product key is five groups of five characters"
        bad = sorted(set(key.replace("-", "")) - PRODUCT_KEY_ALPHABET)
        if bad:
            yield ["editions", index, "key"], f"{key!r}: {', '.join(bad)} not in the product-key alphabet BCDFGHJKMPQRTVWXY2346789"
        if edition["system"] not in systems:
            yield ["editions", index, "system"], f"unknown system {edition['system']!r}; known: {', '.join(sorted(systems))}"
        elif not edition["id"].startswith(edition["system"] + "-"):
            yield ["editions", index, "id"], f"an edition id starts with its system: {edition['system']}-..."
    # Every product the key groups name has its client setup key, and every key names a real product.
    products = {p["id"] for p in data.load("key_groups")["products"]}
    covered = set()
    for index, edition in enumerate(doc["editions"]):
        if edition["product"] not in products:
            yield ["editions", index, "product"], f"unknown product {edition['product']!r} (see key_groups.yml products)"
        covered.add(edition["product"])
    for product in sorted(products - covered):
        yield ["editions"], f"no edition for product {product!r} of key_groups.yml"
