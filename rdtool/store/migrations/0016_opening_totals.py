"""Migration m2353_opening_totals, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2353_opening_totals"

SQL = """
CREATE TABLE opening_totals (        -- a term's totals for the period before rdtool was adopted (录入前结转, issue 23)
    term INTEGER PRIMARY KEY REFERENCES terms(number),
    until TEXT NOT NULL,             -- the last day they cover (from the term's start); records are entered after it
    presidium_meetings INTEGER,      -- 主席团会议（次）
    congress_sessions INTEGER,       -- 人代会会议（次）
    decisions INTEGER,               -- 主席团决定事项（件，通过的）
    appointments INTEGER,            -- 任免（人次）
    suggestions INTEGER,             -- 代表建议（件）
    replied INTEGER,                 -- 其中已答复
    with_feedback INTEGER,           -- 其中有代表意见
    satisfied INTEGER,               -- 其中满意或基本满意
    activities INTEGER,              -- 代表活动（次，不含学习培训）
    training INTEGER,                -- 学习培训（次）
    notes TEXT
);
"""


def migrate(db) -> None:
    """Opening totals of a term adopted mid-term (rdtool.services.terms.opening_totals); part of the term's
    figures."""
    run_sql(db, SQL)
