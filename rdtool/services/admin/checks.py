"""Domain checks: what needs the secretary's attention (used by `db check` and by the reports).

Each entity's service contributes one function
`checks(store, as_of, date_from=None, date_to=None) -> list[Finding]` (the period limits the records
looked at, where the entity has a date),
registered here and imported only when checks run.
"""

from __future__ import annotations

import importlib
from typing import Iterator, TypedDict

from rdtool.store.db import Store


class Finding(TypedDict):
    check: str       # stable code, e.g. "composition_target", "proposal_overdue"
    severity: str    # "error" (the records contradict the rules or each other), "warning" (needs attention) or
                     # "note" (a fact worth knowing, correctly recorded: a meeting that lacked its quorum)
    table: str
    record: str      # id or code of the record concerned ("" for a whole-roster finding)
    message: str     # one Chinese sentence


# Append one line per service that contributes checks.
CHECKS: list[str] = [
    "rdtool.services.deputies.deputies:checks",
    "rdtool.services.meetings.meetings:checks",
    "rdtool.services.meetings.votes:checks",
    "rdtool.services.meetings.recompute:checks",
    "rdtool.services.elections.elections:checks",
    "rdtool.services.elections.outcomes:checks",
    "rdtool.services.elections.appointments:checks",
    "rdtool.services.general_election.results:checks",
    "rdtool.services.proposals.views:checks",
    "rdtool.services.terms.calendar:checks",
    "rdtool.services.deputies.mandates:checks",
    "rdtool.services.deputies.people:checks",  # a person's own fields agree between their mandates (issue 23)
    "rdtool.services.elections.post_ends:checks",
    "rdtool.services.elections.by_elections:checks",
    "rdtool.services.admin.stored_values:checks",
    "rdtool.services.meetings.dates:checks",
    "rdtool.services.admin.law_checks:checks",  # CHANGES.md “The law, third pass”
    "rdtool.services.general_election.appeals:checks",
    "rdtool.services.deputies.suspensions:checks",
    "rdtool.services.proposals.inquiries:checks",  # CHANGES.md “The law: suspended duties, inquiries, nominations, proxy votes”
]


# What the period reports list under 需要关注的事项: overdue proposals, appointments missing
# steps, meetings without quorum, composition targets missed. The deep re-computation of every stored
# vote and election result is left to `rdtool db check`.
REPORT_CHECKS: list[str] = [
    "rdtool.services.deputies.deputies:checks",
    "rdtool.services.meetings.meetings:checks",
    "rdtool.services.elections.appointments:checks",
    "rdtool.services.proposals.views:checks",
    "rdtool.services.terms.calendar:checks",  # (CHANGES.md “Elections and the law”) sessions, presidium meetings, notice, first session
]


def run_all(store: Store, as_of: str, targets: list[str] | None = None, date_from: str | None = None,
            date_to: str | None = None) -> list[Finding]:
    """Findings on `as_of`; with a period, only about records dated in it (meetings, appointments, proposals)."""
    return list(iter_all(store, as_of, targets, date_from, date_to))


def iter_all(store: Store, as_of: str, targets: list[str] | None = None, date_from: str | None = None,
             date_to: str | None = None) -> Iterator[Finding]:
    """run_all's findings, each check's as it gives them."""
    for target in CHECKS if targets is None else targets:
        module, attr = target.split(":")
        check = getattr(importlib.import_module(module), attr)
        yield from check(store, as_of, date_from=date_from, date_to=date_to)
