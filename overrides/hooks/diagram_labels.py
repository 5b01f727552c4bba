"""The `{fact:<name>[:<option>]}` placeholders that diagram labels in docs/data/diagrams.yml use.

Kept apart from the renderer so that data_checks.py can check them without importing a shortcode
module (data.py imports data_checks.py while it is itself being imported).
"""

import re

# {fact:kms_port}, {fact:renewal_interval:days}, {fact:renewal_interval:number}
PLACEHOLDER = re.compile(r"\{fact:([a-z][a-z0-9_]*)(?::([a-z]+))?\}")
OPTIONS = ("minutes", "hours", "days", "number")


def placeholders(label: str) -> list[tuple[str, str | None]]:
    """(fact name, option or None) for every placeholder in a label."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(label)]
