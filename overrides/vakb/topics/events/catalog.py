"""The events of docs/data/events.yml as the event pages, the index and the `{{ event }}` link need them.

One place for reaching an entry by ID, for an event's page source path and field anchors, and for the
checks JSON Schema cannot express (ids, slugs, cross-references to errors.yml and sources.yml).
"""

from __future__ import annotations

import re

from vakb import data

PAGE_DIR = "events"
PAGE_SOURCE = re.compile(r"^events/(\d+)\.(\w+)\.md$")
# The Application log holds every KMS event but this one (W7EVENTS, VA2OPS, KB2553863).
KMS_LOG_ONLY = 12290


def catalog() -> dict:
    return data.load("events")


def entries() -> list:
    return catalog()["events"]


def by_id() -> dict:
    return {entry["id"]: entry for entry in entries()}


def page_source(event_id: int, lang: str | None = None) -> str:
    """Source path of an event's page: unsuffixed for links, suffixed (`.fr.md`) for the file itself."""
    return f"{PAGE_DIR}/{event_id}.{lang}.md" if lang else f"{PAGE_DIR}/{event_id}.md"


def field_anchor(number: int, field: dict) -> str:
    """`field-3-server-port`: the position in the Info line, then the field's name."""
    return f"field-{number}-{field['slug']}"


def labels(lang: str) -> dict:
    return catalog()["labels"][lang]


def text(value, lang: str) -> str:
    return data.text(value, lang)


@data.check("events")
def events_are_consistent(doc):
    for index, message in data.unique(doc["events"], "id", "event id"):
        yield ["events", index, "id"], message
    codes = {entry["code"] for entry in data.load("errors")["errors"]}
    tags = {source["tag"] for source in data.load("sources")["sources"]}
    for index, entry in enumerate(doc["events"]):
        where = ["events", index]
        if entry["provider"] not in doc["providers"]:
            yield where + ["provider"], f"unknown provider {entry['provider']!r}; providers: {', '.join(doc['providers'])}"
        if entry["confidence"] == "COM" and "status" not in entry:
            yield where, "confidence COM needs a `status` saying what no source confirms"
        if (entry["log"] == "kms") != (entry["id"] == KMS_LOG_ONLY):
            yield where + ["log"], f"only event {KMS_LOG_ONLY} is in the Key Management Service log (W7EVENTS, Table 11)"
        for n, message in data.unique(entry["fields"], "slug", "field slug"):
            yield where + ["fields", n, "slug"], message
        for n, code in enumerate(entry["related"]):
            if code not in codes:
                yield where + ["related", n], f"{code} is not in docs/data/errors.yml; add it there first"
        for n, tag in enumerate(entry["sources"]):
            if tag not in tags:
                yield where + ["sources", n], f"source tag {tag!r} is not in docs/data/sources.yml"
        example_source = entry["example"].get("source")
        if example_source and example_source not in entry["sources"]:
            yield where + ["example", "source"], f"{example_source!r} is not among this event's sources"
    for lang in data.LANGUAGES:
        missing = sorted(set(doc["labels"]["en"]) ^ set(doc["labels"][lang]))
        if missing:
            yield ["labels", lang], f"labels differ between languages: {', '.join(missing)}"
