"""Migration m2352_election_dates, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2352_election_dates"


def migrate(db) -> None:
    """An election's own date (issue 23): elections held on a session's second day. NULL: the session's first day.
    Dated by its meeting: a correction of the meeting's dates carries to it (rdtool.services.meetings.dates)."""
    run_sql(db, "ALTER TABLE election_contests ADD COLUMN held_on TEXT;  -- NULL: the meeting's first day")
