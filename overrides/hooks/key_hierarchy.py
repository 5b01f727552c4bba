"""The KMS key hierarchy as plain functions over docs/data/key_groups.yml (no MkDocs).

A KMS host key activates the products of its group and of every lower-ranked group, in its own
generation and every older one (Microsoft: "keys are hierarchical"; "the KMS key for the newer
Windows products will also activate the previous generation"). MAKs are not hierarchical.
"""

from __future__ import annotations


def by_id(items) -> dict:
    return {item["id"]: item for item in items}


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
