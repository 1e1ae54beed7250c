"""Migration m001_initial, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m001_initial"

M001_INITIAL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL               -- JSON
);
CREATE TABLE terms (
    number INTEGER PRIMARY KEY,       -- 届次: 3 for 第三届
    start_date TEXT NOT NULL,
    end_date TEXT
);
CREATE TABLE deputies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT,
    ethnicity TEXT,
    party TEXT,
    education TEXT,
    occupation TEXT,
    workplace TEXT,
    level TEXT NOT NULL,
    constituency TEXT,
    term INTEGER NOT NULL REFERENCES terms(number),
    elected_on TEXT,
    re_elected INTEGER,
    phone TEXT,
    id_number TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    status_date TEXT,
    status_reason TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX deputies_term_level ON deputies(term, level, status);
CREATE INDEX deputies_name ON deputies(name);
CREATE TABLE presidium_members (
    id INTEGER PRIMARY KEY,
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    role TEXT NOT NULL,
    from_date TEXT,
    to_date TEXT
);
CREATE INDEX presidium_members_deputy ON presidium_members(deputy_id);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    extraordinary INTEGER NOT NULL DEFAULT 0,
    term INTEGER REFERENCES terms(number),
    seq INTEGER,                      -- number within term and kind, for the formal title
    date TEXT NOT NULL,
    end_date TEXT,
    title TEXT,
    location TEXT,
    present INTEGER,                  -- for old records without a roll call
    entitled INTEGER,                 -- explicit roster size for old records
    roster INTEGER,                   -- roster snapshot taken with the roll call
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX meetings_kind_date ON meetings(kind, date);
CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    status TEXT NOT NULL,
    PRIMARY KEY (meeting_id, deputy_id)
);
CREATE INDEX attendance_deputy ON attendance(deputy_id);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    seq INTEGER,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    method TEXT,
    yes INTEGER,
    no INTEGER,
    abstain INTEGER,
    not_voting INTEGER,
    result TEXT,                      -- computed by rdtool.rules, never typed in
    rule TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX items_meeting ON items(meeting_id, kind);
CREATE TABLE election_contests (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    post TEXT NOT NULL,
    seats INTEGER NOT NULL,
    round INTEGER NOT NULL DEFAULT 1,
    ballots_issued INTEGER,
    ballots_returned INTEGER,
    ballots_invalid INTEGER,
    outcome TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX election_contests_meeting ON election_contests(meeting_id);
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES election_contests(id),
    name TEXT NOT NULL,
    deputy_id INTEGER REFERENCES deputies(id),
    votes INTEGER,
    elected INTEGER NOT NULL DEFAULT 0,
    elected_on TEXT
);
CREATE INDEX candidates_contest ON candidates(contest_id);
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    deputy_id INTEGER REFERENCES deputies(id),
    position TEXT NOT NULL,
    action TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    item_id INTEGER REFERENCES items(id),
    decided_on TEXT,
    party_decision_on TEXT,
    nomination_on TEXT,
    application_on TEXT,
    discussion_on TEXT,
    vote_on TEXT,
    oath_on TEXT,
    statement_on TEXT,
    announced_on TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX appointments_decided ON appointments(decided_on);
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT,
    category TEXT,
    submitted_on TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    lead_id INTEGER NOT NULL REFERENCES deputies(id),
    unit TEXT,
    assigned_on TEXT,
    due_on TEXT,
    due_reason TEXT,
    complex INTEGER NOT NULL DEFAULT 0,
    replied_on TEXT,
    result TEXT,
    reply TEXT,
    feedback TEXT,
    feedback_on TEXT,
    closed_on TEXT,
    close_reason TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX proposals_submitted ON proposals(submitted_on);
CREATE INDEX proposals_lead ON proposals(lead_id);
CREATE TABLE proposal_cosigners (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (proposal_id, deputy_id)
);
CREATE INDEX proposal_cosigners_deputy ON proposal_cosigners(deputy_id);
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    level TEXT,
    date TEXT NOT NULL,
    title TEXT NOT NULL,
    subject TEXT,
    location TEXT,
    organiser TEXT,
    notes TEXT,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX activities_date ON activities(date);
CREATE TABLE activity_participants (
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (activity_id, deputy_id)
);
CREATE INDEX activity_participants_deputy ON activity_participants(deputy_id);
"""


def migrate(db) -> None:
    run_sql(db, M001_INITIAL)
