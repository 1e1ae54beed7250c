"""Migration m1601_fts_detectable, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1601_fts_detectable"

M1601_FTS = """
DROP TRIGGER IF EXISTS proposals_fts_insert;
DROP TRIGGER IF EXISTS proposals_fts_delete;
DROP TRIGGER IF EXISTS proposals_fts_update;
DROP TABLE IF EXISTS proposals_fts;
CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content=[proposals], content_rowid=[id],
                                              tokenize='trigram');
CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, body ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO proposals_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild');
"""


def migrate(db) -> None:
    """proposals_fts as `content=[proposals]`: sqlite-utils (`sqlite-utils search db proposals 便民桥`) and
    Datasette's search box find a table's FTS index by that spelling, not by `content='proposals'`."""
    run_sql(db, M1601_FTS)
