"""Migration m2602_law_records, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2602_law_records"

M2602 = """
CREATE TABLE suspensions (                     -- 暂时停止执行代表职务 (代表法 2025 第六十一条), one row per period
    id INTEGER PRIMARY KEY,
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    ground TEXT NOT NULL,                      -- detained | serving (第六十一条第一款第一项、第二项)
    started_on TEXT NOT NULL,
    reported_meeting_id INTEGER REFERENCES meetings(id),  -- the congress session the report was made to
    ended_on TEXT,                             -- resumed (第六十一条第二款)
    end_reason TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX suspensions_deputy ON suspensions(deputy_id);

CREATE TABLE inquiries (                       -- 质询案 (组织法 第二十四条)
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),  -- the congress session
    submitted_on TEXT NOT NULL,
    target TEXT NOT NULL,                      -- 质询对象 (受质询机关)
    title TEXT NOT NULL,                       -- 质询的问题
    body TEXT,                                 -- 内容
    answer_method TEXT,                        -- presidium | plenary | written (第二十四条第二款)
    answered_on TEXT,
    answered_by TEXT,                          -- 受质询机关的负责人 (第三款)
    answer TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX inquiries_meeting ON inquiries(meeting_id);
CREATE TABLE inquiry_signers (
    inquiry_id INTEGER NOT NULL REFERENCES inquiries(id),
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    lead INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (inquiry_id, deputy_id)
);
CREATE INDEX inquiry_signers_deputy ON inquiry_signers(deputy_id);

CREATE TABLE nominations (                     -- 候选人提名 for the congress's elections (组织法 第二十六条)
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    post TEXT NOT NULL,
    seats INTEGER NOT NULL,
    nominated_by TEXT NOT NULL,                -- presidium | deputies
    submitted_on TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX nominations_meeting ON nominations(meeting_id, post);
CREATE TABLE nominees (
    id INTEGER PRIMARY KEY,
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    name TEXT NOT NULL,
    deputy_id INTEGER REFERENCES deputies(id)
);
CREATE INDEX nominees_nomination ON nominees(nomination_id);
CREATE TABLE nomination_signers (
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (nomination_id, deputy_id)
);
CREATE TABLE primaries (                       -- 预选 (组织法 第二十七条第一款), one row per candidate
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    post TEXT NOT NULL,
    seats INTEGER NOT NULL,
    margin INTEGER NOT NULL,                   -- 选举办法规定的差额数
    held_on TEXT,
    name TEXT NOT NULL,
    votes INTEGER NOT NULL,
    formal INTEGER,                            -- 1 on the formal list, 0 not, NULL tied at the cut
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX primaries_meeting ON primaries(meeting_id, post);

CREATE TABLE ge_proxies (                      -- 委托投票 (选举法 第四十二条), one row per entrustment
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES general_elections(id),
    constituency_id INTEGER REFERENCES ge_constituencies(id),
    principal TEXT NOT NULL,                   -- the voter away (委托人)
    proxy TEXT NOT NULL,                       -- the voter who votes for him (受委托人)
    approved_on TEXT,                          -- the election committee's consent
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX ge_proxies_election ON ge_proxies(election_id, proxy);
"""


def migrate(db) -> None:
    """Tables for suspended duties, inquiries, congress nominations and primaries, and proxy votes; no data
    changes."""
    run_sql(db, M2602)
