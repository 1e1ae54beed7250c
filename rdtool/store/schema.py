"""The schema, as a list of named migrations applied through sqlite_utils.Migrations("rdtool").

Tables are readable by sqlite3, sqlite-utils and Datasette: real foreign keys,
ISO dates, codes not labels, one row per fact. A migration is only ever
appended, never edited once released. Functions receive a sqlite_utils Database.
"""

from __future__ import annotations

from typing import Callable

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


def run_sql(db, script: str) -> None:
    """Run a script statement by statement, inside the migration's transaction.

    (sqlite3's executescript would COMMIT first and break the migration's atomicity.)
    """
    import sqlite3

    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def m001_initial(db) -> None:
    run_sql(db, M001_INITIAL)


def m301_by_election(db) -> None:
    """election_contests.by_election: a 补选 (组织法 第三十条) lifts the 差额 ratio warnings."""
    run_sql(db, "ALTER TABLE election_contests ADD COLUMN by_election INTEGER NOT NULL DEFAULT 0;")
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


def m401_proposals(db) -> None:
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


def m701_change_log(db) -> None:
    """The change log (issue 7); its triggers are (re)built after every migration by store.changelog.install."""
    from rdtool.store.changelog import SCHEMA

    run_sql(db, SCHEMA)


# (name, function) in the order they apply. Append only.
MIGRATIONS: list[tuple[str, Callable]] = [
    ("m001_initial", m001_initial),
    ("m301_by_election", m301_by_election),
    ("m401_proposals", m401_proposals),
    ("m701_change_log", m701_change_log),
]


# --- issue 8: the general election of deputies (换届选举, 选举法 2020) -------------------------
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


def m801_general_election(db) -> None:
    run_sql(db, M801_GENERAL_ELECTION)


MIGRATIONS.append(("m801_general_election", m801_general_election))


def m601_report_indexes(db) -> None:
    """Indexes the period reports lean on (issue 6): the proposal, item and roll-call figures read only an
    index, and the "pending" query finds unanswered rounds without scanning every round ever handled."""
    run_sql(db, """
CREATE INDEX proposals_figures ON proposals(submitted_on, round, voided_at, kind, unit, category, assigned_on,
                                            due_on, replied_on, closed_on, feedback_on, feedback, result);
CREATE INDEX proposal_rounds_replied ON proposal_rounds(replied_on);
CREATE INDEX attendance_meeting_status ON attendance(meeting_id, status);
CREATE INDEX items_meeting_figures ON items(meeting_id, kind, voided_at, result);
""")


MIGRATIONS.append(("m601_report_indexes", m601_report_indexes))


def m1100_commands(db) -> None:
    """Commands and the sealed chain of the change log (issues 11 and 12): see rdtool.store.changelog."""
    from rdtool.store.changelog import COMMANDS_SCHEMA

    run_sql(db, COMMANDS_SCHEMA)


MIGRATIONS.append(("m1100_commands", m1100_commands))


def m1401_congress_election_results(db) -> None:
    """Issues 14 and 18: what a congress election's winners become, and appointments fed by their vote.

    - ``presidium_members.candidate_id``: the election result (candidates row) a presidium role comes from
      (组织法 第十八条、第十九条); NULL for a role typed by hand. ``ended_by_contest``: the election contest
      that ended a role (a chair succeeded, a presidium replaced by the next session's); deliberately not a
      foreign key, so that deleting a contest can never delete a role typed by hand.
    - ``appointments.candidate_id``: an office-holder record (action ``elect``) made from an election
      result, whose oath (宪法宣誓) and announcement are tracked like an appointment's steps.
    - Appointments linked to a meeting but not yet to its personnel vote are linked when exactly one
      personnel item of that meeting names the person (as `appointment add` does).
    """
    run_sql(db, """
ALTER TABLE presidium_members ADD COLUMN candidate_id INTEGER REFERENCES candidates(id);
ALTER TABLE presidium_members ADD COLUMN ended_by_contest INTEGER;
ALTER TABLE appointments ADD COLUMN candidate_id INTEGER REFERENCES candidates(id);
CREATE INDEX presidium_members_candidate ON presidium_members(candidate_id);
CREATE INDEX appointments_candidate ON appointments(candidate_id);
UPDATE appointments SET item_id = (
    SELECT min(i.id) FROM items i WHERE i.meeting_id = appointments.meeting_id AND i.kind = 'personnel'
    AND i.voided_at IS NULL AND instr(i.title, appointments.person) > 0)
WHERE item_id IS NULL AND meeting_id IS NOT NULL AND (
    SELECT count(*) FROM items i WHERE i.meeting_id = appointments.meeting_id AND i.kind = 'personnel'
    AND i.voided_at IS NULL AND instr(i.title, appointments.person) > 0) = 1;
""")


MIGRATIONS.append(("m1401_congress_election_results", m1401_congress_election_results))


def m1501_normalise_names(db) -> None:
    """Issue 15: names stored before input was normalised take the one spelling every lookup uses
    (`rdtool.labels.clean_name`: NFKC, invisible characters removed, no spaces inside),
    so that `deputy show 金志强` finds the record typed with U+F90A 金 or padded as 金　志强."""
    from rdtool.labels import clean_name

    for table, column in (("deputies", "name"), ("candidates", "name"), ("appointments", "person"),
                          ("ge_candidates", "name")):
        for row_id, value in db.execute(f"SELECT id, {column} FROM {table}").fetchall():
            fixed = clean_name(value)
            if fixed and fixed != value:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (fixed, row_id))


MIGRATIONS.append(("m1501_normalise_names", m1501_normalise_names))


# --- issue 16: the full-text index declared the way sqlite-utils and Datasette detect it -------------------
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


def m1601_fts_detectable(db) -> None:
    """proposals_fts as `content=[proposals]`: sqlite-utils (`sqlite-utils search db proposals 便民桥`) and
    Datasette's search box find a table's FTS index by that spelling, not by `content='proposals'`."""
    run_sql(db, M1601_FTS)


MIGRATIONS.append(("m1601_fts_detectable", m1601_fts_detectable))


# --- issue 14: re-votes, by-elections, the term's calendar, mandates and posts ending ------------------
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


def m1402_mandates_and_calendar(db) -> None:
    run_sql(db, M1402_MANDATES_AND_CALENDAR)


MIGRATIONS.append(("m1402_mandates_and_calendar", m1402_mandates_and_calendar))


def m1101_meeting_numbering(db) -> None:
    """Where a township's numbering of its meetings starts (issue 11: adoption mid-term). A term's meetings of
    one kind are numbered consecutively by date from `first` (1 when there is no row)."""
    run_sql(db, """
CREATE TABLE meeting_numbering (
    term INTEGER NOT NULL REFERENCES terms(number),
    kind TEXT NOT NULL,                   -- presidium | congress | other
    first INTEGER NOT NULL,               -- the number of the earliest meeting of this kind on record
    PRIMARY KEY (term, kind)
);
""")


MIGRATIONS.append(("m1101_meeting_numbering", m1101_meeting_numbering))


# --- issue 13: figures a secretary can sign ----------------------------------------------------------------
M1301_FIGURES = """
ALTER TABLE meetings ADD COLUMN quorum_met INTEGER;        -- computed by rdtool.rules.majority.quorum, never typed
                                                           -- in: 1 met, 0 not (the meeting could not be held),
                                                           -- NULL figures not known
ALTER TABLE items ADD COLUMN subject TEXT;                 -- 议题 of a report item (supervision prose); derived from
                                                           -- the title when NULL (rdtool.services.supervision)
ALTER TABLE proposals ADD COLUMN disposition TEXT;         -- motions: on_agenda | not_on_agenda | as_suggestion
ALTER TABLE proposals ADD COLUMN decided_on TEXT;          -- the presidium's decision (组织法 第二十二条第二款)
ALTER TABLE proposals ADD COLUMN decision_meeting_id INTEGER REFERENCES meetings(id);
ALTER TABLE proposals ADD COLUMN outcome TEXT;             -- motions on the agenda: passed | failed | withdrawn
ALTER TABLE proposals ADD COLUMN outcome_on TEXT;          -- (组织法 第二十二条第三款: withdrawn before the vote)
ALTER TABLE proposals ADD COLUMN outcome_meeting_id INTEGER REFERENCES meetings(id);
CREATE INDEX meetings_without_quorum ON meetings(date) WHERE quorum_met = 0;
DROP INDEX IF EXISTS proposals_figures;
CREATE INDEX proposals_figures_1301 ON proposals(submitted_on, voided_at, round, kind, disposition, decided_on, unit,
                                                 category, assigned_on, due_on, replied_on, closed_on, feedback_on,
                                                 feedback, result, outcome, outcome_on);
"""


def m1301_figures(db) -> None:
    """Motion disposition (组织法 第二十二条第二款), item subjects, the report's SQL views (rdtool.store.report_views).

    Stored values are brought to the new definitions, each change written to the change log: each meeting's
    quorum is computed from its figures (as rdtool.services.meetings.refresh_quorum does); a motion already
    handed to a unit was handled as a suggestion (disposition as_suggestion, decided on its assignment date);
    民族 is stored by its full name (汉 → 汉族), a blank as NULL (未填).
    """
    from rdtool.ethnicity import SPELLINGS
    from rdtool.store import changelog

    run_sql(db, M1301_FIGURES)
    conn = db.conn
    logging = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (changelog.CHANGE_LOG,)).fetchone()
    tables = ("proposals", "deputies", "ge_candidates", "meetings")
    if logging:  # the log's triggers are off while migrating: put them on these tables for the data changes
        for table in tables:
            for sql in changelog.trigger_sql(conn, table):
                conn.execute(sql)
    conn.execute("UPDATE proposals SET disposition = 'as_suggestion', decided_on = assigned_on "
                 "WHERE kind = 'motion' AND assigned_on IS NOT NULL AND disposition IS NULL")
    _quorums(conn)
    for table in ("deputies", "ge_candidates"):
        conn.execute(f"UPDATE {table} SET ethnicity = NULL WHERE trim(ethnicity) = ''")
        conn.executemany(f"UPDATE {table} SET ethnicity = ? WHERE ethnicity = ?",
                         [(full, short) for short, full in SPELLINGS.items() if short != full])
    if logging:
        changelog.uninstall(conn)


def _quorums(conn) -> None:
    """Each meeting's quorum, computed and stored as rdtool.services.meetings.refresh_quorum does at runtime (the
    province profile's presidium rule included), so that a stored flag never depends on when it was written."""
    from pathlib import Path

    from rdtool.services import meetings as msvc
    from rdtool.store import meetings as meetings_sql
    from rdtool.store.db import Store

    import sqlite3

    factory, conn.row_factory = conn.row_factory, sqlite3.Row
    try:
        store = Store(conn, Path(""), False)
        for (meeting_id,) in conn.execute("SELECT id FROM meetings WHERE voided_at IS NULL").fetchall():
            msvc.refresh_quorum(store, meetings_sql.meeting_by_id(store, meeting_id))
    finally:
        conn.row_factory = factory


MIGRATIONS.append(("m1301_figures", m1301_figures))


# --- issue 23: meeting numbers as she states them --------------------------------------------------------------
def m2351_meeting_stated_numbers(db) -> None:
    """A meeting's number (次序) is a fact the secretary states (`--number`, a code such as C18-5, the import's
    次序 column) or derived from the one before it (rdtool.services.meetings.renumber); `seq_stated` = 1 marks a
    stated one, which no later add, date correction or void renumbers. Existing numbers are kept as they are: the
    first number of a group (meeting_numbering) was stated, and so is any number that the derivation would not
    give (so that no stored number changes)."""
    from rdtool.store import changelog

    run_sql(db, "ALTER TABLE meetings ADD COLUMN seq_stated INTEGER NOT NULL DEFAULT 0;  -- 1: stated, else derived")
    conn = db.conn
    logging = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (changelog.CHANGE_LOG,)).fetchone()
    if logging:
        for sql in changelog.trigger_sql(conn, "meetings"):
            conn.execute(sql)
    firsts = {(t, k): f for t, k, f in conn.execute("SELECT term, kind, first FROM meeting_numbering")}
    groups: dict[tuple, list] = {}
    for mid, term, kind, seq in conn.execute("SELECT id, term, kind, seq FROM meetings WHERE voided_at IS NULL "
                                             "ORDER BY date, id"):
        groups.setdefault((term, kind), []).append((mid, seq))
    stated = []
    for key, rows in groups.items():
        previous = None
        for i, (mid, seq) in enumerate(rows):
            derived = (previous + 1) if previous is not None else 1
            if seq is not None and (seq != derived or (i == 0 and key in firsts)):
                stated.append(mid)
            previous = seq if seq is not None else derived
    conn.executemany("UPDATE meetings SET seq_stated = 1 WHERE id = ?", [(i,) for i in stated])
    if logging:
        changelog.uninstall(conn)


MIGRATIONS.append(("m2351_meeting_stated_numbers", m2351_meeting_stated_numbers))


def m2352_election_dates(db) -> None:
    """An election's own date (issue 23): elections held on a session's second day. NULL: the session's first day.
    Dated by its meeting: a correction of the meeting's dates carries to it (rdtool.services.meeting_dates)."""
    run_sql(db, "ALTER TABLE election_contests ADD COLUMN held_on TEXT;  -- NULL: the meeting's first day")


MIGRATIONS.append(("m2352_election_dates", m2352_election_dates))


M2353_OPENING = """
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


def m2353_opening_totals(db) -> None:
    """Opening totals of a term adopted mid-term (rdtool.services.opening); part of the term's figures."""
    run_sql(db, M2353_OPENING)


MIGRATIONS.append(("m2353_opening_totals", m2353_opening_totals))
