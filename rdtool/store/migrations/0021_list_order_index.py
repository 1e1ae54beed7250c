"""Migration m2851_list_order_index, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2851_list_order_index"

M2851 = """
-- Meetings in the order every list prints them (date, kind, code): `meeting list`, `vote list` and the attendance
-- export read them in this order from the index, and print their first rows at once instead of after sorting a
-- county's 40,000 meetings (with their figures) whole.
CREATE INDEX IF NOT EXISTS meetings_listed ON meetings(date, kind, code);
"""


def migrate(db) -> None:
    """An index in the lists' order of meetings; no data changes."""
    run_sql(db, M2851)
