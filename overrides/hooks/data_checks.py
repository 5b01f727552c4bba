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
