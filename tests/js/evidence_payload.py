"""Print the analyzer's data as JSON, the way the page will embed it: errors.yml (code, name,
meaning), slmgr_output.yml, evidence.yml, and the thresholds, time tolerance and port of
facts.yml.

Read straight from docs/data/ with PyYAML (no hook module), so the Node tests follow the data the
site is built from. Usage: python tests/js/evidence_payload.py > payload.json
"""

from __future__ import annotations

import json
import pathlib
import sys

import yaml

DATA = pathlib.Path(__file__).resolve().parents[2] / "docs" / "data"


def load(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def payload() -> dict:
    errors = load("errors")["errors"]
    facts = load("facts")
    return {
        "errors": [{"code": e["code"], "name": e["name"], "meaning": e["meaning"]} for e in errors],
        "slmgr": load("slmgr_output"),
        "evidence": load("evidence"),
        "thresholds": {"client_os": facts["threshold_client_os"]["value"],
                       "server_os": facts["threshold_server_os"]["value"],
                       "time_tolerance_hours": facts["time_tolerance"]["value"]},
        "defaults": {"kms_port": facts["kms_port"]["value"]},
    }


if __name__ == "__main__":
    json.dump(payload(), sys.stdout, ensure_ascii=False)
