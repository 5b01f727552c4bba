"""Semantic checks of the data files: what their JSON Schemas cannot say.

Each check is registered for one data file and yields (path inside the document, message);
data.validate() turns them into `file:line: entry: message` and stops the build.
"""

import re

from data import check


@check("facts")
def facts_are_consistent(facts):
    for name, fact in facts.items():
        value, unit = fact["value"], fact["unit"]
        numeric = unit not in ("text",)
        if numeric and not isinstance(value, int):
            yield [name, "value"], f"unit {unit!r} needs a whole number, not {value!r}"
        if not numeric and isinstance(value, int):
            yield [name, "value"], "unit 'text' needs a string or an en/fr pair"
        for lang, patterns in (fact.get("claims") or {}).items():
            for index, pattern in enumerate(patterns):
                try:
                    compiled = re.compile(pattern)
                except re.error as err:
                    yield [name, "claims", lang, index], f"not a valid regular expression: {err}"
                    continue
                if compiled.groups != 1:
                    yield [name, "claims", lang, index], "needs exactly one (group) around the figure"
    # Figures that are defined by others: a contradiction here is a typo in one of them.
    if {"cmid_cache_size", "threshold_client_os"} <= facts.keys():
        if facts["cmid_cache_size"]["value"] != 2 * facts["threshold_client_os"]["value"]:
            yield ["cmid_cache_size", "value"], "must be twice threshold_client_os (the host keeps 2 x the highest threshold)"
    if {"cmid_cache_size_servers_only", "threshold_server_os"} <= facts.keys():
        if facts["cmid_cache_size_servers_only"]["value"] != 2 * facts["threshold_server_os"]["value"]:
            yield ["cmid_cache_size_servers_only", "value"], "must be twice threshold_server_os"
    low, high = facts.get("interval_minimum"), facts.get("interval_maximum")
    for name in ("activation_interval", "renewal_interval"):
        if low and high and name in facts and not low["value"] <= facts[name]["value"] <= high["value"]:
            yield [name, "value"], f"outside interval_minimum..interval_maximum ({low['value']}..{high['value']})"
# diagrams.yml: names that must refer to something (participants, states, facts). Imported at module
# level (not inside the function) because the hooks folder is on sys.path only while hooks load.
import data  # noqa: E402  (already loading: data.py imports this module at its end)
import diagram_labels  # noqa: E402


def _diagram_labels(value, path):
    """(path, text) of every bilingual label inside a diagram entry."""
    if isinstance(value, dict) and set(value) == {"en", "fr"}:
        for lang in ("en", "fr"):
            yield path + [lang], value[lang]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _diagram_labels(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _diagram_labels(item, path + [index])


@check("diagrams")
def diagrams_refer_to_what_exists(diagrams):
    facts = data.load("facts")
    for name, diagram in diagrams.items():
        if diagram["kind"] == "sequence":
            ids, members, refs = [p["id"] for p in diagram["participants"]], "participants", "steps"
        else:
            ids, members, refs = [s["id"] for s in diagram["states"]], "states", "transitions"
        for index, member_id in enumerate(ids):
            if ids.index(member_id) != index:
                yield [name, members, index, "id"], f"duplicate id {member_id!r}"
        if diagram["kind"] == "states":
            places = [tuple(s["at"]) for s in diagram["states"]]
            for index, place in enumerate(places):
                if places.index(place) != index:
                    yield [name, "states", index, "at"], f"two states at {list(place)}"
        for index, item in enumerate(diagram[refs]):
            for end in ("from", "to"):
                if end in item and item[end] not in ids:
                    yield [name, refs, index, end], f"{item[end]!r} is not one of the {members}: {', '.join(ids)}"
        for path, text in _diagram_labels(diagram, [name]):
            for fact, option in diagram_labels.placeholders(text):
                if fact not in facts:
                    yield path, f"{{fact:{fact}}}: no such fact in docs/data/facts.yml"
                elif option and option not in diagram_labels.OPTIONS:
                    yield path, f"{{fact:{fact}:{option}}}: option must be one of {', '.join(diagram_labels.OPTIONS)}"


# --- errors.yml (issue 5: error-code pages, lookup box, api/errors.json) ---
import data as errors_data  # noqa: E402  (already loading: data.py imports this module at its end)

# Confidence levels whose page must say what is uncertain.
NEEDS_STATUS = {"CONFLICT"}


@check("errors")
def errors_are_consistent(doc):
    groups = [g["id"] for g in doc["groups"]]
    for index, message in errors_data.unique(doc["groups"], "id", "group id"):
        yield ["groups", index, "id"], message
    for index, message in errors_data.unique(doc["errors"], "code"):
        yield ["errors", index, "code"], message
    codes = {entry["code"] for entry in doc["errors"]}
    source_tags = None
    if (errors_data.DATA_DIR / "sources.yml").exists():
        source_tags = {source["tag"] for source in errors_data.load("sources")["sources"]}
    used_groups = set()
    for index, entry in enumerate(doc["errors"]):
        where = ["errors", index]
        used_groups.add(entry["group"])
        if entry["group"] not in groups:
            yield where + ["group"], f"unknown group {entry['group']!r}; groups: {', '.join(groups)}"
        for n, channel in enumerate(entry["seen_in"]):
            if channel not in doc["channels"]:
                yield where + ["seen_in", n], f"unknown channel {channel!r}; channels: {', '.join(doc['channels'])}"
        for n, code in enumerate(entry["related"]):
            if code == entry["code"]:
                yield where + ["related", n], "a code is not related to itself"
            elif code not in codes:
                yield where + ["related", n], f"{code} is not in this file"
        if entry["confidence"] in NEEDS_STATUS and "status" not in entry:
            yield where, f"confidence {entry['confidence']} needs a `status` saying what the sources disagree on"
        for n, step in enumerate(entry["fix"]):
            for name in re.findall(r"<([A-Za-z][A-Za-z ]*)>", step.get("command", "")):
                if name not in doc["placeholders"] and not name.isupper():
                    yield where + ["fix", n, "command"], f"placeholder <{name}> needs an entry under `placeholders` (or upper case)"
        for lang in errors_data.LANGUAGES:
            # The meaning is a title, a table cell and a JSON string: plain text on one line.
            meaning = entry["meaning"][lang]
            if "{{" in meaning or "\n" in meaning or "`" in meaning:
                yield where + ["meaning", lang], "one line of plain text: no shortcode, backtick or line break"
        for n, tag in enumerate(entry["sources"]):
            if source_tags is not None and tag not in source_tags:
                yield where + ["sources", n], f"source tag {tag!r} is not in docs/data/sources.yml"
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used_groups:
            yield ["groups", index], f"group {group['id']!r} has no code"
    labels = doc["labels"]
    for lang in errors_data.LANGUAGES:
        missing = sorted(set(labels["en"]) ^ set(labels[lang]))
        if missing:
            yield ["labels", lang], f"labels must have the same keys in every language; differ on {', '.join(missing)}"


# --- slmgr.yml, glossary.yml, sources.yml (issue 4: slmgr, glossary and sources pages) ---
import data as data_loader  # noqa: E402  (already loading: data.py imports this module at its end)
from data import unique  # noqa: E402

@check("slmgr")
def slmgr_switches_are_consistent(doc):
    group_ids = [g["id"] for g in doc["groups"]]
    for index, message in unique(doc["switches"], "id", "anchor"):
        yield ["switches", index, "id"], message
    for index, message in unique(doc["switches"], "switch"):
        yield ["switches", index, "switch"], message
    for index, entry in enumerate(doc["switches"]):
        # The anchor is the switch without its slash, so slmgr/#ato can be guessed from `/ato`.
        if entry["id"] != entry["switch"].lstrip("/"):
            yield ["switches", index, "id"], f"anchor must be {entry['switch'].lstrip('/')!r} (the switch without '/')"
        if entry["group"] not in group_ids:
            yield ["switches", index, "group"], f"unknown group {entry['group']!r}; groups: {', '.join(group_ids)}"
    used = {entry["group"] for entry in doc["switches"]}
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used:
            yield ["groups", index], f"group {group['id']!r} has no switch"
    present = {entry["switch"] for entry in doc["switches"]}
    for index, item in enumerate(doc["later_only"]):
        for name in item["switches"]:
            if name in present:
                yield ["later_only", index], f"{name} is listed both as present and as later-only"


@check("glossary")
def glossary_terms_are_consistent(doc):
    for index, message in unique(doc["terms"], "id"):
        yield ["terms", index, "id"], message
    for index, message in unique(doc["terms"], "abbr"):
        yield ["terms", index, "abbr"], message
    for index, term in enumerate(doc["terms"]):
        abbr = term.get("abbr")
        for lang in ("en", "fr"):
            has_expansion = "expansion" in term[lang]
            if abbr and not has_expansion:
                yield ["terms", index, lang], f"abbr {abbr!r} needs an {lang} expansion (the tooltip text)"
            if has_expansion and not abbr:
                yield ["terms", index, lang, "expansion"], "an expansion without an abbr is never shown"
            if abbr and abbr not in term[lang]["term"]:
                yield ["terms", index, lang, "term"], f"the term should show its acronym {abbr!r}"


@check("sources")
def sources_are_consistent(doc):
    topic_ids = [t["id"] for t in doc["topics"]]
    for index, message in unique(doc["sources"], "tag"):
        yield ["sources", index, "tag"], message
    used = set()
    for index, source in enumerate(doc["sources"]):
        for topic in source["topics"]:
            used.add(topic)
            if topic not in topic_ids:
                yield ["sources", index, "topics"], f"unknown topic {topic!r}; topics: {', '.join(topic_ids)}"
    for index, topic in enumerate(doc["topics"]):
        if topic["id"] not in used:
            yield ["topics", index], f"topic {topic['id']!r} has no source"


@check("facts")
def fact_sources_are_listed(facts):
    # Every tag a fact cites must be a reference the Sources page lists, so a reader can follow it.
    if not (data_loader.DATA_DIR / "sources.yml").exists():
        return
    tags = {source["tag"] for source in data_loader.load("sources")["sources"]}
    for name, fact in facts.items():
        for index, tag in enumerate(fact["sources"]):
            if tag not in tags:
                yield [name, "sources", index], f"source tag {tag!r} is not in docs/data/sources.yml"


# --- Reference data: GVLKs, key groups, registry values, count examples (activation-count,
# key-groups, client-setup-keys, registry pages). Cross-file references are checked here too.
import data as _data  # noqa: E402
import key_hierarchy  # noqa: E402

PRODUCT_KEY_ALPHABET = set("BCDFGHJKMPQRTVWXY2346789")


@check("gvlk")
def gvlk_keys_are_well_formed(doc):
    systems = {s["id"] for s in doc["systems"]}
    for index, message in _data.unique(doc["systems"], "id", "system id"):
        yield ["systems", index, "id"], message
    for index, message in _data.unique(doc["editions"], "id", "edition id"):
        yield ["editions", index, "id"], message
    for index, message in _data.unique(doc["editions"], "key", "key"):
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
    products = {p["id"] for p in _data.load("key_groups")["products"]}
    covered = set()
    for index, edition in enumerate(doc["editions"]):
        if edition["product"] not in products:
            yield ["editions", index, "product"], f"unknown product {edition['product']!r} (see key_groups.yml products)"
        covered.add(edition["product"])
    for product in sorted(products - covered):
        yield ["editions"], f"no edition for product {product!r} of key_groups.yml"


@check("key_groups")
def key_groups_follow_the_hierarchy(doc):
    for part in ("generations", "groups", "products", "keys"):
        for index, message in _data.unique(doc[part], "id"):
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
        expected = set(key_hierarchy.rule_activates(key, doc))
        missing, extra = sorted(expected - set(key["activates"])), sorted(set(key["activates"]) - expected)
        if missing or extra:
            yield ["keys", index, "activates"], (
                "disagrees with the hierarchy (own group and lower, own generation and older): "
                + (f"missing {', '.join(missing)}" if missing else "")
                + ("; " if missing and extra else "")
                + (f"should not list {', '.join(extra)}" if extra else "")
            )


@check("registry")
def registry_values_are_consistent(doc):
    facts = _data.load("facts")
    for index, message in _data.unique(doc["values"], "name", "value name"):
        yield ["values", index, "name"], message
    for index, value in enumerate(doc["values"]):
        for field in ("default_fact", "example_fact"):
            if field in value and value[field] not in facts:
                yield ["values", index, field], f"no fact {value[field]!r} in facts.yml"
        for fact in value.get("range_facts", []):
            if fact not in facts:
                yield ["values", index, "range_facts"], f"no fact {fact!r} in facts.yml"
        # The command must write a value of the declared type.
        expected = {"REG_DWORD": int, "REG_SZ": (str, int), "REG_MULTI_SZ": list}[value["type"]]
        for field in ("example", "example_win7"):
            if field in value and not isinstance(value[field], expected):
                yield ["values", index, field], f"{value['type']} needs a {'number' if expected is int else 'list of lines' if expected is list else 'string'}"
        if "example_win7" in value and "win7" not in value["generations"]:
            yield ["values", index, "example_win7"], "a Windows 7 example for a value not documented on Windows 7"


@check("count_examples")
def count_examples_are_distinct(doc):
    for index, message in _data.unique(doc["examples"], "id", "example id"):
        yield ["examples", index, "id"], message
    seen = {}
    for index, example in enumerate(doc["examples"]):
        inputs = (example["clients"], example["servers"])
        if inputs in seen:
            yield ["examples", index], f"same machines as example {seen[inputs]!r}"
        seen.setdefault(inputs, example["id"])
