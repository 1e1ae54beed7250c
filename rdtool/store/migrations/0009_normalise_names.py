"""Migration m1501_normalise_names, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations


NAME = "m1501_normalise_names"


def migrate(db) -> None:
    """(CHANGES.md “Real rosters”) names stored before input was normalised take the one spelling every lookup uses
    (`rdtool.labels.clean_name`: NFKC, invisible characters removed, no spaces inside),
    so that `deputy show 金志强` finds the record typed with U+F90A 金 or padded as 金　志强."""
    from rdtool.labels import clean_name

    for table, column in (("deputies", "name"), ("candidates", "name"), ("appointments", "person"),
                          ("ge_candidates", "name")):
        for row_id, value in db.execute(f"SELECT id, {column} FROM {table}").fetchall():
            fixed = clean_name(value)
            if fixed and fixed != value:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (fixed, row_id))
