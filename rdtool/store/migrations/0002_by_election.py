"""Migration m301_by_election, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m301_by_election"


def migrate(db) -> None:
    """election_contests.by_election: a 补选 (组织法 第三十条) lifts the 差额 ratio warnings."""
    run_sql(db, "ALTER TABLE election_contests ADD COLUMN by_election INTEGER NOT NULL DEFAULT 0;")
