"""The "paste what you see" analyzer's data: what the page gives overrides/assets/javascripts/evidence.js.

errors.yml and error_catalogue.yml (code, name, meaning, documented: whether errors.yml has a full
page for it; every code has a page at errors/<code>/), slmgr_output.yml, evidence.yml, and the
thresholds, time tolerance and port of facts.yml, validated like every data file. `python -m vakb.topics.evidence`
prints it as JSON (the Node tests read it so).
"""

from __future__ import annotations

import json
import sys

from vakb import data
from vakb.topics.errors import codes as error_codes


def error_entries() -> list[dict]:
    """Every code with a page: the documented ones, then the catalogue's others."""
    return ([{"code": e["code"], "name": e["name"], "meaning": e["meaning"], "documented": True}
             for e in error_codes.entries()]
            + [{"code": e["code"], "name": e["name"], "meaning": e["meaning"], "documented": False}
               for e in error_codes.catalogue_only()])


def payload() -> dict:
    facts = data.load("facts")
    return {
        "errors": error_entries(),
        "slmgr": data.load("slmgr_output"),
        "evidence": data.load("evidence"),
        "thresholds": {"client_os": facts["threshold_client_os"]["value"],
                       "server_os": facts["threshold_server_os"]["value"],
                       "time_tolerance_hours": facts["time_tolerance"]["value"]},
        "defaults": {"kms_port": facts["kms_port"]["value"]},
    }


if __name__ == "__main__":
    json.dump(payload(), sys.stdout, ensure_ascii=False)
