"""The import/export kinds by name. Each kind lives with its entity's service and is loaded only when used."""

from __future__ import annotations

import importlib

from rdtool.errors import UsageError
from rdtool.io.kinds import Kind

# kind -> "module:attribute"; modules are imported only for the kind asked for.
KINDS: dict[str, str] = {
    "terms": "rdtool.services.terms.terms:KIND",
    "deputies": "rdtool.services.transfer.deputies_io:KIND",
    "meetings": "rdtool.services.transfer.meetings_io:MEETINGS",
    "attendance": "rdtool.services.transfer.meetings_io:ATTENDANCE",
    "items": "rdtool.services.transfer.meetings_io:ITEMS",
    "elections": "rdtool.services.transfer.elections_io:KIND",
    "appointments": "rdtool.services.elections.appointments:KIND",
    "ge_plan": "rdtool.services.transfer.general_election_io:PLAN_KIND",
    "ge_constituencies": "rdtool.services.transfer.general_election_io:CONSTITUENCIES_KIND",
    "ge_candidates": "rdtool.services.transfer.general_election_io:CANDIDATES_KIND",
    "activities": "rdtool.services.transfer.activities_io:KIND",
    "proposals": "rdtool.services.transfer.proposals_io:KIND",
}


def get(name: str) -> Kind:
    target = KINDS.get(name)
    if target is None:
        raise UsageError(f"不支持的类型“{name}”，可用：{'、'.join(KINDS)}")
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)
