"""What docs/data/errors.yml's JSON Schema cannot say: unique codes, known groups, channels,
related codes and source tags, placeholders declared, one-line meanings, Windows' messages with
known sources and a French text exactly when a French source is named."""

import re

from vakb import data

# Confidence levels whose page must say what is uncertain.
NEEDS_STATUS = {"CONFLICT"}


@data.check("errors")
def errors_are_consistent(doc):
    groups = [g["id"] for g in doc["groups"]]
    for index, message in data.unique(doc["groups"], "id", "group id"):
        yield ["groups", index, "id"], message
    for index, message in data.unique(doc["errors"], "code"):
        yield ["errors", index, "code"], message
    codes = {entry["code"] for entry in doc["errors"]}
    source_tags = None
    if (data.DATA_DIR / "sources.yml").exists():
        source_tags = {source["tag"] for source in data.load("sources")["sources"]}
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
        for lang in data.LANGUAGES:
            # The meaning is a title, a table cell and a JSON string: plain text on one line.
            meaning = entry["meaning"][lang]
            if "{{" in meaning or "\n" in meaning or "`" in meaning:
                yield where + ["meaning", lang], "one line of plain text: no shortcode, backtick or line break"
        for n, tag in enumerate(entry["sources"]):
            if source_tags is not None and tag not in source_tags:
                yield where + ["sources", n], f"source tag {tag!r} is not in docs/data/sources.yml"
        yield from _windows_message_problems(entry.get("windows_message"), where + ["windows_message"], source_tags)
    for index, group in enumerate(doc["groups"]):
        if group["id"] not in used_groups:
            yield ["groups", index], f"group {group['id']!r} has no code"
    labels = doc["labels"]
    for lang in data.LANGUAGES:
        missing = sorted(set(labels["en"]) ^ set(labels[lang]))
        if missing:
            yield ["labels", lang], f"labels must have the same keys in every language; differ on {', '.join(missing)}"


def _windows_message_problems(message, where, source_tags):
    """Windows' words are quoted as they are: plain text on one line, each language with the tag of
    the Microsoft page it was read on; a French text only with its French source, and the reverse."""
    if message is None:
        return
    if (message["fr"] is None) != (message["fr_source"] is None):
        yield where, "`fr` and `fr_source` go together: both null (no French Microsoft page) or both given"
    for lang, tag_field in (("en", "source"), ("fr", "fr_source")):
        text, tag = message[lang], message[tag_field]
        if text is not None and ("{{" in text or "\n" in text or "`" in text or "<" in text):
            yield where + [lang], "Windows' words are quoted as plain text on one line: no shortcode, backtick, HTML or line break"
        if tag is not None and source_tags is not None and tag not in source_tags:
            yield where + [tag_field], f"source tag {tag!r} is not in docs/data/sources.yml"
