"""Migration m701_change_log, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m701_change_log"

SCHEMA = """
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL,             -- insert | update | void | delete
    before TEXT,                      -- JSON: the record before (update, void, delete)
    after TEXT                        -- JSON: the record after (insert, update, void)
);
CREATE INDEX change_log_record ON change_log(table_name, row_id);
"""


def migrate(db) -> None:
    """The change log; its triggers are (re)built after every migration by store.changelog.install."""
    run_sql(db, SCHEMA)
