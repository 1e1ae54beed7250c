"""Migration m601_report_indexes, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m601_report_indexes"


def migrate(db) -> None:
    """Indexes the period reports lean on: the proposal, item and roll-call figures read only an
    index, and the "pending" query finds unanswered rounds without scanning every round ever handled."""
    run_sql(db, """
CREATE INDEX proposals_figures ON proposals(submitted_on, round, voided_at, kind, unit, category, assigned_on,
                                            due_on, replied_on, closed_on, feedback_on, feedback, result);
CREATE INDEX proposal_rounds_replied ON proposal_rounds(replied_on);
CREATE INDEX attendance_meeting_status ON attendance(meeting_id, status);
CREATE INDEX items_meeting_figures ON items(meeting_id, kind, voided_at, result);
""")
