"""The KMS client setup keys of gvlk.yml, and which editions can use KMS.

    {{ table gvlk [system] }}      one row per edition (of one system, or all).
    {{ gvlk <edition-id> }}        one key inline, linked to its row, for pages that quote a key
                                   (e.g. {{ gvlk ws2008-standard }}) instead of retyping it.
    {{ table editions [system] }}  every edition of gvlk.yml, with a key (a KMS client) or not
                                   (`other_editions`): KMS client or not, its key, what to do.
                                   One row per edition, row anchor kms-editions/#<edition id>.

`product_key_problems` is the one format check of a product key (five groups of five characters of
the product-key alphabet); the Office 2010 client keys of office_gvlk.yml go through it too.

Each row carries the edition id as its HTML id (client-setup-keys/#vista-business) and links to
itself, so a helpdesk agent can copy the address of one key. The key-group column comes from
key_groups.yml through the edition's product.
"""

import html
import re

from vakb import links
from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import ShortcodeError, shortcode
from vakb.typography import colon

# What the copy button of a key says to a screen reader: which key it copies.
COPY = {"en": "Copy the client setup key of {name}",
        "fr": "Copier la clé d'installation du client de {name}"}
COPY_WORD = {"en": "Copy", "fr": "Copier"}

HEADERS = {
    "en": ["Edition", "KMS client setup key (GVLK)", "KMS key group"],
    "fr": ["Édition", "Clé d'installation du client KMS (GVLK)", "Groupe de clés KMS"],
}


def group_names(lang: str) -> dict:
    """{product id: name of its key group} in `lang`."""
    groups = data.load("key_groups")
    names = {g["id"]: data.text(g, lang, "name") for g in groups["groups"]}
    return {p["id"]: names[p["group"]] for p in groups["products"]}


# --- A table of product keys (this module's and office_gvlk.py's): one row per key at its own anchor

def key_row(anchor: str, name: str, key: str, copy_label: str, lang: str, *more: str) -> tuple[str, list[str]]:
    """The row of one key: its name linking to the row itself (a helpdesk agent copies the address
    of one key), the key with a copy button (keys are typed into `slmgr /ipk` by hand otherwise,
    and a misread 8/B or 2/Z gives 0xC004F050; copy-link.js copies it), then the `more` cells."""
    button = (f'<button type="button" class="vakb-copy-value" data-copy-value="{html.escape(key)}" '
              f'aria-label="{html.escape(copy_label)}">{COPY_WORD[lang]}</button>')
    return anchor, [f'<a href="#{anchor}">{html.escape(name)}</a>', f"<code>{key}</code> {button}", *more]


def key_link(key: str, page: str, anchor: str, context) -> str:
    """One key inline, as code, linked to its row."""
    return f"[`{key}`]({links.to_source(f'{page}#{anchor}', context.page)})"


def chosen_system(args: list, doc: dict, usage: str) -> str | None:
    """The system a `{{ table <kind> [system] }}` names, or None for every system."""
    systems = [s["id"] for s in doc["systems"]]
    if len(args) > 1 or (args and args[0] not in systems):
        raise ShortcodeError(f"expected {{{{ {usage} [system] }}}} with system one of: {', '.join(systems)}")
    return args[0] if args else None


def edition_name(edition: dict, doc: dict, lang: str, system: str | None) -> str:
    """An edition's name; in a table of every system, preceded by its system's name."""
    name = data.text(edition, lang, "name")
    if system:
        return name
    systems = {s["id"]: s for s in doc["systems"]}
    return f"{data.text(systems[edition['system']], lang, 'name')} {name}"


@table("gvlk")
def render_gvlk(args, context):
    doc = data.load("gvlk")
    system = chosen_system(args, doc, "table gvlk")
    lang, groups = context.lang, group_names(context.lang)
    rows = []
    for edition in doc["editions"]:
        if system and edition["system"] != system:
            continue
        name = edition_name(edition, doc, lang, system)
        rows.append(key_row(edition["id"], name, edition["key"], COPY[lang].format(name=name), lang,
                            html.escape(groups[edition["product"]])))
    return html_table(HEADERS[context.lang], rows)


@shortcode("gvlk")
def render_one_gvlk(args, context):
    editions = {e["id"]: e for e in data.load("gvlk")["editions"]}
    if len(args) != 1 or args[0] not in editions:
        raise ShortcodeError(f"expected {{{{ gvlk <edition id> }}}} with an id of docs/data/gvlk.yml, e.g. {next(iter(editions))}")
    return key_link(editions[args[0]]["key"], "client-setup-keys.md", args[0], context)


EDITION_HEADERS = {
    "en": ["Edition", "KMS client?", "Client setup key (GVLK)", "What to do"],
    "fr": ["Édition", "Client KMS ?", "Clé d'installation du client KMS (GVLK)", "Que faire"],
}
# data-kms on each row: what tests/topics/test_kms_editions.py reads.
STATUS = {
    "kms-client": ("yes", {"en": "Yes", "fr": "Oui"}),
    "not-kms-client": ("no", {"en": "No", "fr": "Non"}),
    "not-listed": ("no", {"en": "No (not in Microsoft's KMS lists)", "fr": "Non (absente des listes KMS de Microsoft)"}),
    "unconfirmed": ("unconfirmed", {"en": "Not stated by the sources", "fr": "Non précisé par les sources"}),
}
KMS_CLIENT_ADVICE = {
    "en": "Activated by a KMS host key of the {group} group or higher.",
    "fr": "Activée par une clé d'hôte KMS du groupe {group} ou d'un groupe supérieur.",
}
SOURCES_WORD = {"en": "sources", "fr": "sources"}


def edition_rows(system: str | None = None) -> list[dict]:
    """Every edition of `system` (or all), KMS clients first within a system, as plain dicts:
    id, system, name (bilingual), status, key (or None), product (or None), advice, sources."""
    doc = data.load("gvlk")
    rows = []
    for sys_entry in doc["systems"]:
        if system and sys_entry["id"] != system:
            continue
        for edition in doc["editions"]:
            if edition["system"] == sys_entry["id"]:
                rows.append({**edition, "status": "kms-client", "advice": None, "sources": ["KEYS", "KEYS-A"]})
        for edition in doc["other_editions"]:
            if edition["system"] == sys_entry["id"]:
                rows.append({**edition, "key": None, "product": None})
    return rows


@table("editions")
def render_editions(args, context):
    doc = data.load("gvlk")
    system = chosen_system(args, doc, "table editions")
    lang, groups = context.lang, group_names(context.lang)
    advice = {a["id"]: a for a in doc["advice"]}
    rows = []
    for edition in edition_rows(system):
        name = edition_name(edition, doc, lang, system)
        flag, label = STATUS[edition["status"]]
        if edition["key"]:
            key_cell = f"<code>{edition['key']}</code>"
            what = html.escape(KMS_CLIENT_ADVICE[lang].format(group=groups[edition["product"]]))
        else:
            key_cell = "—"
            what = inline_code(data.text(advice[edition["advice"]], lang))
        what += (f" <small>({SOURCES_WORD[lang]}{colon(lang)} "
                 + ", ".join(f"<code>{html.escape(t)}</code>" for t in edition["sources"]) + ")</small>")
        cells = [
            f'<a href="#{edition["id"]}">{html.escape(name)}</a>',
            f'<span data-kms="{flag}">{html.escape(label[lang])}</span>',
            key_cell,
            what,
        ]
        rows.append((edition["id"], cells))
    return html_table(EDITION_HEADERS[lang], rows, "kms-editions")


SAME_PAGE_LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)")


def inline_code(text: str) -> str:
    """Escape data text for raw HTML, keeping its `code` spans and its links to an anchor of the
    same page ([what to do](#not-a-client)); links to other pages are not allowed in raw HTML."""
    parts = html.escape(text).split("`")
    marked = "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
    return SAME_PAGE_LINK.sub(r'<a href="#\2">\1</a>', marked)


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

# --- Reference data: GVLKs, key groups, registry values, count examples (activation-count,
# key-groups, client-setup-keys, registry pages). Cross-file references are checked here too.

PRODUCT_KEY_ALPHABET = set("BCDFGHJKMPQRTVWXY2346789")


def product_key_problems(key: str) -> list[str]:
    """What is wrong with the form of a product key (empty list when nothing is)."""
    problems = []
    groups = key.split("-")
    if len(groups) != 5 or any(len(g) != 5 for g in groups):
        problems.append(f"{key!r}: a product key is five groups of five characters")
    bad = sorted(set(key.replace("-", "")) - PRODUCT_KEY_ALPHABET)
    if bad:
        problems.append(f"{key!r}: {', '.join(bad)} not in the product-key alphabet BCDFGHJKMPQRTVWXY2346789")
    return problems


def key_list_problems(doc: dict, parents: str, entries: str, parent: str, entry: str):
    """(path, message) common to a file of keys whose `entries` are grouped in `parents` (gvlk.yml:
    editions of systems; office_gvlk.yml: products of families): ids and keys unique, keys well
    formed, each entry's `parent` field naming a known one."""
    known = {p["id"] for p in doc[parents]}
    for index, message in data.unique(doc[parents], "id", f"{parent} id"):
        yield [parents, index, "id"], message
    for index, message in data.unique(doc[entries], "id", f"{entry} id"):
        yield [entries, index, "id"], message
    for index, message in data.unique(doc[entries], "key", "key"):
        yield [entries, index, "key"], message
    for index, item in enumerate(doc[entries]):
        for message in product_key_problems(item["key"]):
            yield [entries, index, "key"], message
        if item[parent] not in known:
            yield [entries, index, parent], f"unknown {parent} {item[parent]!r}; known: {', '.join(sorted(known))}"


def edition_ids_start_with_their_system(doc: dict, entries: str):
    """An edition id starts with its system (vista-business): the anchors stay unique across systems."""
    systems = {s["id"] for s in doc["systems"]}
    for index, edition in enumerate(doc[entries]):
        if edition["system"] in systems and not edition["id"].startswith(edition["system"] + "-"):
            yield [entries, index, "id"], f"an edition id starts with its system: {edition['system']}-..."


@data.check("gvlk")
def gvlk_keys_are_well_formed(doc):
    yield from key_list_problems(doc, "systems", "editions", "system", "edition")
    yield from edition_ids_start_with_their_system(doc, "editions")
    # Every product the key groups name has its client setup key, and every key names a real product.
    products = {p["id"] for p in data.load("key_groups")["products"]}
    covered = set()
    for index, edition in enumerate(doc["editions"]):
        if edition["product"] not in products:
            yield ["editions", index, "product"], f"unknown product {edition['product']!r} (see key_groups.yml products)"
        covered.add(edition["product"])
    for product in sorted(products - covered):
        yield ["editions"], f"no edition for product {product!r} of key_groups.yml"


@data.check("gvlk")
def other_editions_are_not_kms_clients(doc):
    """An edition without a key is a distinct edition: its id is not one of a keyed edition, it
    belongs to a known system, and its advice and sources exist."""
    systems = {s["id"] for s in doc["systems"]}
    keyed = {e["id"] for e in doc["editions"]}
    advice = {a["id"] for a in doc["advice"]}
    for index, message in data.unique(doc["advice"], "id", "advice id"):
        yield ["advice", index, "id"], message
    for index, message in data.unique(doc["other_editions"], "id", "edition id"):
        yield ["other_editions", index, "id"], message
    tags = {s["tag"] for s in data.load("sources")["sources"]}
    for index, edition in enumerate(doc["other_editions"]):
        if edition["id"] in keyed:
            yield ["other_editions", index, "id"], (
                f"{edition['id']!r} has a client setup key in `editions`: it is a KMS client, not an other edition")
        if edition["system"] not in systems:
            yield ["other_editions", index, "system"], f"unknown system {edition['system']!r}; known: {', '.join(sorted(systems))}"
        if edition["advice"] not in advice:
            yield ["other_editions", index, "advice"], f"unknown advice {edition['advice']!r}; known: {', '.join(sorted(advice))}"
        for tag in edition["sources"]:
            if tag not in tags:
                yield ["other_editions", index, "sources"], f"unknown source tag {tag!r} (see sources.yml)"
    yield from edition_ids_start_with_their_system(doc, "other_editions")
