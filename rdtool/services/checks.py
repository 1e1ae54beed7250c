"""Domain checks: what needs the secretary's attention (used by `db check` and by the reports).

Each entity's service contributes one function `checks(store, as_of) -> list[Finding]`,
registered here and imported only when checks run.
"""

from __future__ import annotations

import importlib
from typing import TypedDict

from rdtool.store.db import Store


class Finding(TypedDict):
    check: str       # stable code, e.g. "composition_target", "proposal_overdue"
    severity: str    # "error" (the records contradict the rules) or "warning" (needs attention)
    table: str
    record: str      # id or code of the record concerned ("" for a whole-roster finding)
    message: str     # one Chinese sentence


# Append one line per service that contributes checks.
CHECKS: list[str] = [
    "rdtool.services.deputies:checks",
    "rdtool.services.meetings:checks",
    "rdtool.services.elections:checks",
    "rdtool.services.appointments:checks",
]


def run_all(store: Store, as_of: str) -> list[Finding]:
    findings: list[Finding] = []
    for target in CHECKS:
        module, attr = target.split(":")
        findings.extend(getattr(importlib.import_module(module), attr)(store, as_of))
    return findings
