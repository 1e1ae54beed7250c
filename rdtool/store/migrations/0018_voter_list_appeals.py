"""Migration m2601_voter_list_appeals, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2601_voter_list_appeals"

M2601 = """
CREATE TABLE ge_appeals (                      -- 选民名单申诉 (选举法 第二十九条), one row per appeal
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES general_elections(id),
    person TEXT NOT NULL,                      -- the appellant
    filed_on TEXT NOT NULL,                    -- to the election committee
    decided_on TEXT,                           -- the committee's decision
    decision TEXT,
    court_filed_on TEXT,                       -- a suit to the people's court
    court_decided_on TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX ge_appeals_election ON ge_appeals(election_id);
"""


def migrate(db) -> None:
    """A table for appeals against the voter list (选举法 第二十九条); no data changes."""
    run_sql(db, M2601)
