"""The "paste what you see" analyzer's data: what the page gives overrides/assets/javascripts/evidence.js.

errors.yml (code, name, meaning), slmgr_output.yml, evidence.yml, and the thresholds, time
tolerance and port of facts.yml, validated like every data file. `python -m vakb.topics.evidence`
prints it as JSON (the Node tests read it so).
"""

from __future__ import annotations

import json
import sys

from vakb import data


def payload() -> dict:
    facts = data.load("facts")
    return {
        "errors": [{"code": e["code"], "name": e["name"], "meaning": e["meaning"]} for e in data.load("errors")["errors"]],
        "slmgr": data.load("slmgr_output"),
        "evidence": data.load("evidence"),
        "thresholds": {"client_os": facts["threshold_client_os"]["value"],
                       "server_os": facts["threshold_server_os"]["value"],
                       "time_tolerance_hours": facts["time_tolerance"]["value"]},
        "defaults": {"kms_port": facts["kms_port"]["value"]},
    }


if __name__ == "__main__":
    json.dump(payload(), sys.stdout, ensure_ascii=False)
