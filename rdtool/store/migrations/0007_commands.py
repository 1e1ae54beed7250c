"""Migration m1100_commands, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1100_commands"

COMMANDS_SCHEMA = """
CREATE TABLE commands (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    argv TEXT NOT NULL,               -- JSON: the command line after `rdtool`
    reason TEXT,                      -- --reason, when given
    undoes INTEGER REFERENCES commands(id),   -- set on an `rdtool undo`: the command it reverted
    first_log_id INTEGER NOT NULL,    -- the change_log entries this commit sealed: first_log_id..last_log_id
    last_log_id INTEGER NOT NULL,     -- (its own entries carry command_id; others in the span came from other programs)
    last_hash TEXT NOT NULL           -- the chain's hash at last_log_id
);
ALTER TABLE change_log ADD COLUMN command_id INTEGER REFERENCES commands(id);
ALTER TABLE change_log ADD COLUMN hash TEXT;
CREATE INDEX change_log_command ON change_log(command_id);
"""


def migrate(db) -> None:
    """Commands and the sealed chain of the change log (CHANGES.md “Corrections”, “Nothing lost”): see rdtool.store.changelog."""
    run_sql(db, COMMANDS_SCHEMA)
