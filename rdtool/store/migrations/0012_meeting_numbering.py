"""Migration m1101_meeting_numbering, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1101_meeting_numbering"


def migrate(db) -> None:
    """Where a township's numbering of its meetings starts (CHANGES.md “Corrections”: adoption mid-term). A term's meetings of
    one kind are numbered consecutively by date from `first` (1 when there is no row)."""
    run_sql(db, """
CREATE TABLE meeting_numbering (
    term INTEGER NOT NULL REFERENCES terms(number),
    kind TEXT NOT NULL,                   -- presidium | congress | other
    first INTEGER NOT NULL,               -- the number of the earliest meeting of this kind on record
    PRIMARY KEY (term, kind)
);
""")
