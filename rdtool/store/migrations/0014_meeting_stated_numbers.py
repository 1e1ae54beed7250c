"""Migration m2351_meeting_stated_numbers, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store import changelog
from rdtool.store.migrations._sql import run_sql

NAME = "m2351_meeting_stated_numbers"


def migrate(db) -> None:
    """A meeting's number (次序) is a fact the secretary states (`--number`, a code such as C18-5, the import's
    次序 column) or derived from the one before it (rdtool.services.meetings.meetings.renumber); `seq_stated` = 1
    marks a stated one, which no later add, date correction or void renumbers (issue 23). Existing numbers are kept
    as they are: the first number of a group (meeting_numbering) was stated, and so is any number that the
    derivation would not give (so that no stored number changes)."""
    run_sql(db, "ALTER TABLE meetings ADD COLUMN seq_stated INTEGER NOT NULL DEFAULT 0;  -- 1: stated, else derived")
    conn = db.conn
    logging = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (changelog.CHANGE_LOG,)).fetchone()
    if logging:
        for sql in changelog.trigger_sql(conn, "meetings"):
            conn.execute(sql)
    firsts = {(t, k): f for t, k, f in conn.execute("SELECT term, kind, first FROM meeting_numbering")}
    groups: dict[tuple, list] = {}
    for mid, term, kind, seq in conn.execute("SELECT id, term, kind, seq FROM meetings WHERE voided_at IS NULL "
                                             "ORDER BY date, id"):
        groups.setdefault((term, kind), []).append((mid, seq))
    stated = []
    for key, rows in groups.items():
        previous = None
        for i, (mid, seq) in enumerate(rows):
            derived = (previous + 1) if previous is not None else 1
            if seq is not None and (seq != derived or (i == 0 and key in firsts)):
                stated.append(mid)
            previous = seq if seq is not None else derived
    conn.executemany("UPDATE meetings SET seq_stated = 1 WHERE id = ?", [(i,) for i in stated])
    if logging:
        changelog.uninstall(conn)
