"""Key-group tables and sections from key_groups.yml.

    {{ table key-matrix }}   one row per KMS key, one column per product family (generation x
                             group): a tick where the key activates that family.
    {{ key-groups }}         one section per key (heading id key-<id>): what it activates and which
                             host OS may carry it.
"""

import html

from vakb.typography import colon
from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import ShortcodeError, shortcode
from vakb.topics.sources import source_links

WORDS = {
    "en": {"key": "KMS key", "yes": "✔", "no": "—", "yes_title": "activates", "no_title": "does not activate",
           "activates": "Activates", "hosts": "Can be installed on", "label": "Name in Microsoft's tables",
           "sources": "sources"},
    "fr": {"key": "Clé KMS", "yes": "✔", "no": "—", "yes_title": "active", "no_title": "n'active pas",
           "activates": "Active", "hosts": "Peut être installée sur", "label": "Nom dans les tableaux de Microsoft",
           "sources": "sources"},
}


def families(doc) -> list[dict]:
    """Product families in display order: generation (older first), then group rank."""
    out = []
    for generation in sorted(doc["generations"], key=lambda g: g["order"]):
        for group in sorted(doc["groups"], key=lambda g: g["rank"]):
            products = [p for p in doc["products"] if p["generation"] == generation["id"] and p["group"] == group["id"]]
            if products:
                out.append({"generation": generation, "group": group, "products": products})
    return out


def key_title(key, doc, lang) -> str:
    generations = {g["id"]: g for g in doc["generations"]}
    groups = {g["id"]: g for g in doc["groups"]}
    return f"{data.text(groups[key['group']], lang, 'name')} — {data.text(generations[key['generation']], lang, 'name')}"


def short_label(group: dict, generation: dict, lang: str) -> str:
    """A product family or a key in two short lines, group then generation: the matrix's columns
    are narrow (the full names are in the tooltips and in the key sections)."""
    return (f'{html.escape(data.text(group, lang, "short"))}'
            f'<br><small>{html.escape(data.text(generation, lang, "short"))}</small>')


@table("key-matrix")
def render_key_matrix(args, context):
    if args:
        raise ShortcodeError("expected {{ table key-matrix }} (no argument)")
    doc, lang = data.load("key_groups"), context.lang
    words, fams = WORDS[lang], families(doc)
    headers = [words["key"]]
    for fam in fams:
        names = ", ".join(data.text(p, lang, "name") for p in fam["products"])
        headers.append(f'<span title="{html.escape(names)}">{short_label(fam["group"], fam["generation"], lang)}</span>')
    rows = []
    for key in doc["keys"]:
        activated = set(key["activates"])
        generation = next(g for g in doc["generations"] if g["id"] == key["generation"])
        group = next(g for g in doc["groups"] if g["id"] == key["group"])
        cells = [f'<a href="#key-{key["id"]}" title="{html.escape(key_title(key, doc, lang))}">'
                 f'{short_label(group, generation, lang)}</a>']
        for fam in fams:
            # The data check guarantees a key activates all products of a family or none.
            yes = all(p["id"] in activated for p in fam["products"])
            mark, title = (words["yes"], words["yes_title"]) if yes else (words["no"], words["no_title"])
            # The mark is for the eye; screen readers get the word instead.
            cells.append(f'<span aria-hidden="true" title="{title}">{mark}</span>'
                         f'<span class="vakb-visually-hidden">{title}</span>')
        rows.append((f"matrix-{key['id']}", cells))
    # The wrapper lets reference-tables.css compact this wide table without losing Material's style.
    return f'\n\n<div class="vakb-key-matrix">{html_table(headers, rows)}</div>\n\n'


@shortcode("key-groups")
def render_key_sections(args, context):
    if args:
        raise ShortcodeError("expected {{ key-groups }} (no argument)")
    doc, lang = data.load("key_groups"), context.lang
    words = WORDS[lang]
    products = {p["id"]: p for p in doc["products"]}
    out = []
    for key in doc["keys"]:
        out.append(f"### {key_title(key, doc, lang)} {{ #key-{key['id']} }}\n")
        out.append(f"*{data.text(key, lang, 'name')}* · {words['label']}{colon(lang)} `{key['label']}`\n")
        out.append(f"**{words['activates']}**\n")
        out.extend(f"- {data.text(products[p], lang, 'name')}" for p in key["activates"])
        out.append(f"\n**{words['hosts']}**\n")
        out.extend(f"- {data.text(h, lang)} <small>({words['sources']}{colon(lang)} {source_links(h['sources'], context)})</small>"
                   for h in key["hosts"])
        out.append("")
    return "\n".join(out) + "\n"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("key_groups")
def key_groups_follow_the_hierarchy(doc):
    for part in ("generations", "groups", "products", "keys"):
        for index, message in data.unique(doc[part], "id"):
            yield [part, index, "id"], message
    generations = {g["id"] for g in doc["generations"]}
    ranks = {g["id"]: g["rank"] for g in doc["groups"]}
    products = {p["id"] for p in doc["products"]}
    for index, product in enumerate(doc["products"]):
        if product["generation"] not in generations:
            yield ["products", index, "generation"], f"unknown generation {product['generation']!r}"
        if product["group"] not in ranks:
            yield ["products", index, "group"], f"unknown group {product['group']!r}"
    for index, key in enumerate(doc["keys"]):
        if key["generation"] not in generations:
            yield ["keys", index, "generation"], f"unknown generation {key['generation']!r}"
            continue
        if key["group"] not in ranks:
            yield ["keys", index, "group"], f"unknown group {key['group']!r}"
            continue
        if key["rank"] != ranks[key["group"]]:
            yield ["keys", index, "rank"], f"group {key['group']!r} has rank {ranks[key['group']]}, not {key['rank']}"
        unknown = [p for p in key["activates"] if p not in products]
        if unknown:
            yield ["keys", index, "activates"], f"unknown products {', '.join(unknown)}"
            continue
        if any(p["generation"] not in generations or p["group"] not in ranks for p in doc["products"]):
            continue
        expected = set(rule_activates(key, doc))
        missing, extra = sorted(expected - set(key["activates"])), sorted(set(key["activates"]) - expected)
        if missing or extra:
            yield ["keys", index, "activates"], (
                "disagrees with the hierarchy (own group and lower, own generation and older): "
                + (f"missing {', '.join(missing)}" if missing else "")
                + ("; " if missing and extra else "")
                + (f"should not list {', '.join(extra)}" if extra else "")
            )


# --- The hierarchy rule: a KMS host key activates its group and every lower one, its generation and every older one ---

def rule_activates(key: dict, doc: dict) -> list[str]:
    """Product ids the hierarchy rule gives to `key`, in the file's product order."""
    order = {g["id"]: g["order"] for g in doc["generations"]}
    rank = {g["id"]: g["rank"] for g in doc["groups"]}
    return [
        p["id"] for p in doc["products"]
        if order[p["generation"]] <= order[key["generation"]] and rank[p["group"]] <= rank[key["group"]]
    ]


def smallest_key(doc: dict, product_ids) -> dict | None:
    """The least inclusive key that activates every product of `product_ids` (None if none does).

    Candidates are totally ordered on (generation order, rank) where it matters: every key that
    covers the selection is at least as new and as high as the newest, highest product selected.
    """
    wanted = set(product_ids)
    order = {g["id"]: g["order"] for g in doc["generations"]}
    candidates = [k for k in doc["keys"] if wanted <= set(k["activates"])]
    return min(candidates, key=lambda k: (order[k["generation"]], k["rank"]), default=None)
