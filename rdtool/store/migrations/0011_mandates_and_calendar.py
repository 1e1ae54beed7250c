"""Migration m1402_mandates_and_calendar, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1402_mandates_and_calendar"

M1402_MANDATES_AND_CALENDAR = """
ALTER TABLE ge_rounds ADD COLUMN tie_revote INTEGER NOT NULL DEFAULT 0;      -- 再次投票 among the tied (选举法 art. 45¶3)
ALTER TABLE general_elections ADD COLUMN kind TEXT NOT NULL DEFAULT 'general'; -- general | by_election (补选, art. 57)
ALTER TABLE general_elections ADD COLUMN code TEXT;                          -- a by-election's code: B3-01
ALTER TABLE meetings ADD COLUMN notified_on TEXT;       -- deputies notified of a session (浙江 art. 20, 重庆 art. 11)
ALTER TABLE meetings ADD COLUMN requesters INTEGER;     -- extraordinary session on N deputies' proposal (组织法 art. 14¶3)
CREATE TABLE mandate_ends (          -- how a deputy's mandate ended; the status and its date stay on deputies
    id INTEGER PRIMARY KEY,
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    letter_on TEXT,                  -- resignation submitted in writing (选举法 art. 55¶2)
    item_id INTEGER REFERENCES items(id),  -- the congress vote that accepted the resignation (art. 55¶2)
    petitioners INTEGER,             -- recall: voters who signed the request (art. 50: 30+ township, 50+ county)
    voters INTEGER,                  -- recall: the constituency's registered voters (art. 53)
    recall_yes INTEGER,              -- recall: votes for recalling (art. 53: more than half of the voters)
    announced_on TEXT,               -- announced by the congress (代表法 2025 art. 63¶2; 选举法 art. 55¶2)
    post_announced_on TEXT,          -- a chair's or vice-chair's post ended, announced by the presidium (arts. 54, 56)
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX mandate_ends_deputy ON mandate_ends(deputy_id);
CREATE TABLE post_ends (             -- chair, vice-chair, town head or deputy head leaving the post (组织法 arts. 31, 32)
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    deputy_id INTEGER REFERENCES deputies(id),
    post TEXT NOT NULL,              -- 主席, 副主席, 镇长, 副镇长 …
    action TEXT NOT NULL,            -- recalled | resigned
    item_id INTEGER NOT NULL REFERENCES items(id),  -- the congress vote (majority of all deputies, art. 25)
    motion_by TEXT,                  -- recall: presidium | deputies (art. 31¶2)
    movers INTEGER,                  -- recall on deputies' motion: how many signed (one fifth or more)
    announced_on TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX post_ends_item ON post_ends(item_id);
"""


def migrate(db) -> None:
    run_sql(db, M1402_MANDATES_AND_CALENDAR)
