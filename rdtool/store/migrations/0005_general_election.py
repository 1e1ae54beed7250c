"""Migration m801_general_election, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m801_general_election"

M801_GENERAL_ELECTION = """
CREATE TABLE general_elections (
    id INTEGER PRIMARY KEY,
    term INTEGER NOT NULL REFERENCES terms(number),   -- the term the deputies are elected for
    level TEXT NOT NULL,                              -- township | county
    election_day TEXT NOT NULL,                       -- 投票选举
    mobilisation_on TEXT,                             -- 宣传动员
    registration_on TEXT,                             -- 选民登记: voter list published (选举法 art. 28)
    candidates_on TEXT,                               -- 初步候选人推荐: candidate list published (art. 32)
    final_list_on TEXT,                               -- 正式候选人确定: formal list published (art. 32)
    credentials_on TEXT,                              -- 代表资格审查 (art. 47)
    population INTEGER,                               -- for the art. 12 quota (else the setting)
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX general_elections_term ON general_elections(term, level);
CREATE TABLE ge_constituencies (
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES general_elections(id),
    name TEXT NOT NULL,
    seats INTEGER NOT NULL,
    voters INTEGER NOT NULL,                          -- registered voters (登记选民数)
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX ge_constituencies_election ON ge_constituencies(election_id);
CREATE TABLE ge_candidates (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES ge_constituencies(id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT,
    ethnicity TEXT,
    party TEXT,
    education TEXT,
    occupation TEXT,
    workplace TEXT,
    nominated_by TEXT,                                -- party/organisation, or NULL for voters
    nominators INTEGER,                               -- voters' joint nomination (art. 30: >= 10)
    final INTEGER NOT NULL DEFAULT 0,                 -- on the formal list (正式代表候选人)
    confirmed INTEGER,                                -- credentials: 1 confirmed, 0 void, NULL pending
    confirmed_on TEXT,
    confirm_note TEXT,
    deputy_id INTEGER REFERENCES deputies(id),        -- the deputy record made or linked
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX ge_candidates_constituency ON ge_candidates(constituency_id);
CREATE TABLE ge_rounds (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES ge_constituencies(id),
    round INTEGER NOT NULL,
    held_on TEXT,
    seats INTEGER NOT NULL,                           -- seats contested in this round
    revote INTEGER NOT NULL DEFAULT 0,                -- 另行选举 (art. 45¶5: one third suffices)
    ballots_issued INTEGER NOT NULL,
    ballots_returned INTEGER NOT NULL,
    ballots_invalid INTEGER NOT NULL DEFAULT 0,
    valid INTEGER,                                    -- computed by rdtool.rules.direct_elections
    void INTEGER,
    shortfall INTEGER,
    tie_seats INTEGER,
    vacant INTEGER,
    explanation TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX ge_rounds_constituency ON ge_rounds(constituency_id, round);
CREATE TABLE ge_votes (
    round_id INTEGER NOT NULL REFERENCES ge_rounds(id),
    candidate_id INTEGER NOT NULL REFERENCES ge_candidates(id),
    votes INTEGER NOT NULL,
    status TEXT NOT NULL,                             -- elected | tie | not_elected | void
    PRIMARY KEY (round_id, candidate_id)
);
CREATE INDEX ge_votes_candidate ON ge_votes(candidate_id);
"""


def migrate(db) -> None:
    run_sql(db, M801_GENERAL_ELECTION)
