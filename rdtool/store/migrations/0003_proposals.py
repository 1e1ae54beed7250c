"""Migration m401_proposals, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m401_proposals"

M401_PROPOSALS = """
ALTER TABLE proposals ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
CREATE TABLE proposal_rounds (                -- every handling round of a proposal, the current one included
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    round INTEGER NOT NULL,                   -- 1 = the first handling; 2… = re-handling after 不满意
    unit TEXT,
    started_on TEXT NOT NULL,                 -- round 1: assigned_on; later rounds: the unsatisfied feedback's date
    due_on TEXT NOT NULL,
    due_reason TEXT,
    replied_on TEXT,
    result TEXT,
    reply TEXT,
    feedback TEXT,
    feedback_on TEXT,
    UNIQUE (proposal_id, round)
);
CREATE INDEX proposals_meeting ON proposals(meeting_id);
CREATE INDEX proposals_due ON proposals(due_on);
CREATE INDEX proposal_rounds_due ON proposal_rounds(due_on, replied_on);
CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content='proposals', content_rowid='id',
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
    """Proposal handling rounds (history kept across re-handling) and the trigram full-text index.

    FTS5's trigram tokenizer needs SQLite ≥ 3.34 (the default unicode61 tokenizer cannot find Chinese
    words inside text).
    """
    import sqlite3

    if sqlite3.sqlite_version_info < (3, 34, 0):
        from rdtool.errors import RdtoolError

        raise RdtoolError(f"本机 SQLite 版本 {sqlite3.sqlite_version} 过旧，全文检索需要 3.34 或更新版本",
                          "请升级 Python（自带的 SQLite）后再运行")
    run_sql(db, M401_PROPOSALS)
