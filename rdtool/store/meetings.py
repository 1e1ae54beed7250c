"""SQL for meetings, roll calls (attendance), agenda items, election contests and appointments.

Every query of records ignores voided rows (`voided_at IS NOT NULL`).
"""

from __future__ import annotations

import json
from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.deputies import SHARED_NAMES

MEETING_COLUMNS = ("code", "kind", "extraordinary", "term", "seq", "date", "end_date", "title", "location",
                   "present", "entitled", "roster", "notes", "notified_on", "requesters", "seq_stated")
ITEM_COLUMNS = ("meeting_id", "seq", "title", "kind", "method", "yes", "no", "abstain", "not_voting", "result",
                "rule", "notes", "subject")
APPOINTMENT_COLUMNS = ("person", "deputy_id", "position", "action", "meeting_id", "item_id", "decided_on",
                       "party_decision_on", "nomination_on", "application_on", "discussion_on", "vote_on", "oath_on",
                       "statement_on", "announced_on", "notes", "candidate_id")

# Figures of a meeting: present = roll call when there is one, else the stored bare count.
_FIGURES = """
    (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS roll_rows,
    (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present') AS roll_present,
    (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'absent') AS roll_absent,
    (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'leave') AS roll_leave
"""


# ---------------------------------------------------------------- meetings

def insert_meeting(store: Store, values: dict) -> int:
    return store.insert("meetings", {k: values.get(k) for k in MEETING_COLUMNS if k in values})


def update_meeting(store: Store, meeting_id: int, changes: dict) -> None:
    store.update("meetings", meeting_id, changes)


def meeting_by_code(store: Store, code: str) -> dict | None:
    """A live meeting by its code (C18-4), or by its printed name (十八届四次, 第十八届人民代表大会第四次会议)."""
    found = store.one(f"SELECT m.*, {_FIGURES} FROM meetings m WHERE m.code = ? AND m.voided_at IS NULL", (code,))
    if found is None:
        found = meeting_by_name(store, code)
    return found


def meeting_by_name(store: Store, text: str) -> dict | None:
    from rdtool.labels import meeting_name

    parsed = meeting_name(text)
    if parsed is None:
        return None
    return store.one(f"SELECT m.*, {_FIGURES} FROM meetings m WHERE m.term = ? AND m.kind = ? AND m.seq = ? "
                     "AND m.voided_at IS NULL ORDER BY m.id LIMIT 1", parsed)


def meeting_by_id(store: Store, meeting_id: int) -> dict | None:
    return store.one(f"SELECT m.*, {_FIGURES} FROM meetings m WHERE m.id = ? AND m.voided_at IS NULL",
                     (meeting_id,))


def code_taken(store: Store, code: str) -> bool:
    return store.scalar("SELECT count(*) FROM meetings WHERE code = ?", (code,)) > 0


def meetings(store: Store, *, kind: str | None = None, term: int | None = None, year: int | None = None,
             stream: bool = False) -> list[dict] | Iterator[dict]:
    """Live meetings with their figures, by date (`stream`: as read)."""
    where, params = ["m.voided_at IS NULL"], []
    if kind:
        where.append("m.kind = ?")
        params.append(kind)
    if term is not None:
        where.append("m.term = ?")
        params.append(term)
    if year is not None:
        where.append("substr(m.date, 1, 4) = ?")
        params.append(f"{year:04d}")
    return (store.iter if stream else store.query)(
        f"SELECT m.*, {_FIGURES}, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL)"
        f" AS items FROM meetings m WHERE {' AND '.join(where)} ORDER BY m.date, m.kind, m.code", params)


def held(store: Store) -> list[dict]:
    """The meetings held — quorum met, or figures unknown (meetings.quorum_met) — oldest first, with what the
    term's calendar reads (rdtool.services.terms.calendar); no attendance counts (a county has 12,000 meetings)."""
    rows = store.query("SELECT id, code, kind, term, date, extraordinary, notified_on, requesters FROM meetings "
                       "WHERE voided_at IS NULL AND (quorum_met IS NULL OR quorum_met = 1) ORDER BY date, kind, code")
    for r in rows:
        r["extraordinary"] = bool(r["extraordinary"])
    return rows


def without_quorum(store: Store, date_from: str, date_to: str) -> list[dict]:
    """Presidium meetings and congress sessions in a date range recorded without a quorum (meetings.quorum_met,
    kept by rdtool.services.meetings.meetings.refresh_quorum), with their figures."""
    return store.query(
        f"SELECT m.*, {_FIGURES} FROM meetings m WHERE m.voided_at IS NULL AND m.kind IN ('presidium', 'congress') "
        "AND m.quorum_met = 0 AND m.date BETWEEN ? AND ? ORDER BY m.date, m.code", (date_from, date_to))


def group(store: Store, term: int | None, kind: str) -> list[dict]:
    """The term's live meetings of one kind, in the order they are numbered (by date)."""
    return store.query("SELECT id, seq, seq_stated, code, title, date FROM meetings WHERE term IS ? AND kind = ? "
                       "AND voided_at IS NULL ORDER BY date, id", (term, kind))


def groups(store: Store) -> list[tuple[int, str]]:
    """(term, kind) of every group of live meetings."""
    return [(r["term"], r["kind"]) for r in store.query(
        "SELECT DISTINCT term, kind FROM meetings WHERE voided_at IS NULL AND term IS NOT NULL ORDER BY 1, 2")]


def meetings_since(store: Store, term: int, kind: str | None, since: str) -> list[int]:
    """Ids of the term's live meetings (of one kind) dated on or after `since`."""
    sql = "SELECT id FROM meetings WHERE voided_at IS NULL AND term = ? AND date >= ?"
    params: list = [term, since]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    return [r["id"] for r in store.query(sql, params)]


def deputy_term(store: Store, deputy_id: int) -> int | None:
    return store.scalar("SELECT term FROM deputies WHERE id = ?", (deputy_id,))


def count_group(store: Store, term: int | None, kind: str) -> int:
    return store.scalar("SELECT count(*) FROM meetings WHERE term IS ? AND kind = ? AND voided_at IS NULL",
                        (term, kind))


def code_held_elsewhere(store: Store, code: str, moving: set[int]) -> bool:
    """Whether a meeting that is not about to change its code (a voided one included) holds `code`."""
    ids = [r["id"] for r in store.query("SELECT id FROM meetings WHERE code = ?", (code,))]
    return any(i not in moving for i in ids)


def recode_proposals(store: Store, meeting_id: int, old: str, new: str) -> None:
    """Proposals at a session whose number changed: codes generated with the old prefix (十八届一次-001) take the
    new one (十八届五次-001); a code typed by hand, or one whose new code is taken, stays."""
    for r in store.query("SELECT id, code FROM proposals WHERE meeting_id = ? AND code LIKE ? || '-%'",
                         (meeting_id, old)):
        code = new + r["code"][len(old):]
        if not store.scalar("SELECT count(*) FROM proposals WHERE code = ?", (code,)):
            store.update("proposals", r["id"], {"code": code})


# ---------------------------------------------------------------- dates a meeting fixes (issue 23)

def column_names(store: Store, table: str) -> list[str]:
    from rdtool.store.sqltext import ident

    return [r["name"] for r in store.query(f"PRAGMA table_info({ident(table)})")]


def dated_by(store: Store, table: str, link: str, cols: tuple[str, ...], meeting_id: int) -> list[dict]:
    """The live records of `table` done at a meeting (`link` = its id), with their date columns."""
    from rdtool.store.sqltext import ident

    return store.query(f"SELECT id, {', '.join(ident(c) for c in cols)} FROM {ident(table)} "
                       f"WHERE {ident(link)} = ? AND voided_at IS NULL ORDER BY id", (meeting_id,))


def dated_records(store: Store, table: str, link: str, cols: tuple[str, ...]) -> list[dict]:
    """Every live record of `table` done at a meeting, with its date columns (and code, person, position)."""
    from rdtool.store.sqltext import ident

    extra = [c for c in ("code", "person", "position") if c in column_names(store, table)]
    return store.query(f"SELECT id, {ident(link)}, {', '.join(ident(c) for c in (*cols, *extra))} "
                       f"FROM {ident(table)} WHERE {ident(link)} IS NOT NULL AND voided_at IS NULL ORDER BY id")


def set_dates(store: Store, table: str, row_id: int, changes: dict) -> None:
    store.update(table, row_id, changes)


def appointment_dates(store: Store) -> list[dict]:
    return store.query("SELECT * FROM appointments WHERE voided_at IS NULL ORDER BY decided_on, id")


# ---------------------------------------------------------------- attendance

def attendance(store: Store, meeting_id: int) -> list[dict]:
    return store.query("SELECT a.deputy_id, a.status, d.name, d.term FROM attendance a JOIN deputies d "
                       "ON d.id = a.deputy_id WHERE a.meeting_id = ? ORDER BY a.deputy_id", (meeting_id,))




def roll_calls(store: Store, meeting_ids: list[int]) -> dict[int, dict[int, str]]:
    """meeting id → {deputy id: status} of the roll calls of many meetings, in one query."""
    out: dict[int, dict[int, str]] = {i: {} for i in meeting_ids}
    for meeting_id, deputy_id, status in store.conn.execute(
            "SELECT meeting_id, deputy_id, status FROM attendance WHERE meeting_id IN (SELECT value FROM json_each(?))",
            (json.dumps(meeting_ids),)):
        out[meeting_id][deputy_id] = status
    return out


def delete_attendance(store: Store, meeting_id: int, deputy_id: int) -> None:
    store.execute("DELETE FROM attendance WHERE meeting_id = ? AND deputy_id = ?", (meeting_id, deputy_id))


def add_attendance(store: Store, meeting_id: int, deputy_id: int, status: str) -> None:
    store.execute("INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (?, ?, ?)",
                  (meeting_id, deputy_id, status))


def set_attendance(store: Store, meeting_id: int, deputy_id: int, status: str) -> None:
    store.execute("UPDATE attendance SET status = ? WHERE meeting_id = ? AND deputy_id = ?",
                  (status, meeting_id, deputy_id))


def add_attendance_rows(store: Store, rows: list[tuple[int, int, str]]) -> None:
    """(meeting_id, deputy_id, status) rows in one executemany (an import of 100,000 roll-call rows)."""
    store.conn.executemany("INSERT INTO attendance (meeting_id, deputy_id, status) VALUES (?, ?, ?)", rows)


def deputy_attendance(store: Store, deputy_id: int) -> list[dict]:
    return store.query("SELECT m.code, m.kind, m.extraordinary, m.date, m.title, m.term, a.status "
                       "FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                       "WHERE a.deputy_id = ? AND m.voided_at IS NULL ORDER BY m.date, m.code", (deputy_id,))


def congress_absences(store: Store) -> list[dict]:
    """Unexcused absences (缺席, not 请假) from congress sessions: one row per deputy and term."""
    # driven by the congress sessions (few) and the (meeting_id, status) index, not by every roll-call row
    return store.query("SELECT a.deputy_id, d.name, m.term, count(*) AS n, group_concat(m.code, '、') AS codes "
                       "FROM meetings m CROSS JOIN attendance a ON a.meeting_id = m.id JOIN deputies d ON d.id = a.deputy_id "
                       "WHERE m.kind = 'congress' AND a.status = 'absent' AND m.voided_at IS NULL "
                       "AND d.voided_at IS NULL GROUP BY a.deputy_id, m.term ORDER BY a.deputy_id")


def export_attendance_sql() -> str:
    """The attendance export as one query, columns meeting, deputy, status, deputy_id (only for a shared name)."""
    return ("SELECT m.code AS meeting, d.name AS deputy, a.status, CASE WHEN s.n > 1 THEN d.id END AS deputy_id "
            "FROM meetings m CROSS JOIN attendance a ON a.meeting_id = m.id JOIN deputies d ON d.id = a.deputy_id "
            f"LEFT JOIN ({SHARED_NAMES}) s ON s.name = d.name AND s.term = d.term "
            "WHERE m.voided_at IS NULL ORDER BY m.date, m.code, a.deputy_id")


def all_attendance(store: Store):
    """Streamed (an export of 100,000 rows never holds them all)."""
    return store.iter("SELECT m.code AS meeting, d.name AS deputy, a.status, d.id AS deputy_id, d.term "
                       "FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN deputies d ON d.id = a.deputy_id "
                       "WHERE m.voided_at IS NULL ORDER BY m.date, m.code, a.deputy_id")


# ---------------------------------------------------------------- items

def insert_item(store: Store, values: dict) -> int:
    return store.insert("items", {k: values.get(k) for k in ITEM_COLUMNS if k in values})


def update_item(store: Store, item_id: int, changes: dict) -> None:
    store.update("items", item_id, changes)


def items_of(store: Store, meeting_id: int) -> list[dict]:
    return store.query("SELECT * FROM items WHERE meeting_id = ? AND voided_at IS NULL ORDER BY seq, id",
                       (meeting_id,))


def item(store: Store, item_id: int) -> dict | None:
    return store.one("SELECT * FROM items WHERE id = ? AND voided_at IS NULL", (item_id,))


def item_by_seq(store: Store, meeting_id: int, seq: int) -> dict | None:
    return store.one("SELECT * FROM items WHERE meeting_id = ? AND seq = ? AND voided_at IS NULL", (meeting_id, seq))


def next_item_seq(store: Store, meeting_id: int) -> int:
    return (store.scalar("SELECT max(seq) FROM items WHERE meeting_id = ? AND voided_at IS NULL", (meeting_id,))
            or 0) + 1


def items(store: Store, *, meeting_id: int | None = None, term: int | None = None, year: int | None = None,
          kind: str | None = None, result: str | None = None, body: str | None = None,
          stream: bool = False) -> list[dict] | Iterator[dict]:
    """Live items with their meeting's code, kind and date, in meeting order (`stream`: as they are read)."""
    where, params = ["i.voided_at IS NULL", "m.voided_at IS NULL"], []
    for cond, value in (("i.meeting_id = ?", meeting_id), ("m.term = ?", term), ("i.kind = ?", kind),
                        ("i.result = ?", result), ("m.kind = ?", body)):
        if value is not None:
            where.append(cond)
            params.append(value)
    if year is not None:
        where.append("substr(m.date, 1, 4) = ?")
        params.append(f"{year:04d}")
    return (store.iter if stream else store.query)(
        f"SELECT i.*, m.code AS meeting_code, m.kind AS meeting_kind, m.date AS meeting_date "
        f"FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE {' AND '.join(where)} "
        f"ORDER BY m.date, m.code, i.seq, i.id", params)


def results(store: Store) -> list[dict]:
    """Every live item's meeting, number and stored result (what a correction compares before and after)."""
    return store.query("SELECT i.id, i.meeting_id, m.code || '#' || i.seq AS ref, i.result FROM items i "
                       "JOIN meetings m ON m.id = i.meeting_id WHERE i.voided_at IS NULL AND m.voided_at IS NULL")


def move_item_appointments(store: Store, item_id: int, meeting_id: int) -> None:
    """Appointments decided by an item follow it to the meeting it is moved to."""
    store.execute("UPDATE appointments SET meeting_id = ? WHERE item_id = ?", (meeting_id, item_id))


def proposals_at(store: Store, meeting_id: int) -> int:
    return store.scalar("SELECT count(*) FROM proposals WHERE meeting_id = ? AND voided_at IS NULL", (meeting_id,))


def set_result(store: Store, item_id: int, result: str | None, rule: str | None) -> None:
    store.execute("UPDATE items SET result = ?, rule = ? WHERE id = ?", (result, rule, item_id))


# ---------------------------------------------------------------- elections

def insert_contest(store: Store, values: dict) -> int:
    return store.insert("election_contests", values)


def contest(store: Store, contest_id: int) -> dict | None:
    return store.one("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                     "coalesce(c.held_on, m.date) AS held_date "
                     "FROM election_contests c JOIN meetings m ON m.id = c.meeting_id "
                     "WHERE c.id = ? AND c.voided_at IS NULL", (contest_id,))


def contests(store: Store, *, meeting_id: int | None = None, term: int | None = None) -> list[dict]:
    where, params = ["c.voided_at IS NULL", "m.voided_at IS NULL"], []
    if meeting_id is not None:
        where.append("c.meeting_id = ?")
        params.append(meeting_id)
    if term is not None:
        where.append("m.term = ?")
        params.append(term)
    return store.query("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                     "coalesce(c.held_on, m.date) AS held_date "
                       f"FROM election_contests c JOIN meetings m ON m.id = c.meeting_id WHERE {' AND '.join(where)} "
                       "ORDER BY m.date, m.code, c.id", params)


def contest_round(store: Store, meeting_id: int, post: str) -> int:
    return (store.scalar("SELECT max(round) FROM election_contests WHERE meeting_id = ? AND post = ? "
                         "AND voided_at IS NULL", (meeting_id, post)) or 0) + 1


def contest_exists(store: Store, meeting_id: int, post: str, round_: int) -> bool:
    return store.scalar("SELECT count(*) FROM election_contests WHERE meeting_id = ? AND post = ? AND round = ? "
                        "AND voided_at IS NULL", (meeting_id, post, round_)) > 0


def candidates(store: Store, contest_id: int) -> list[dict]:
    return store.query("SELECT * FROM candidates WHERE contest_id = ? ORDER BY id", (contest_id,))


def insert_candidate(store: Store, values: dict) -> int:
    return store.insert("candidates", values)


def set_candidate_elected(store: Store, candidate_id: int, elected: bool, elected_on: str | None) -> None:
    store.execute("UPDATE candidates SET elected = ?, elected_on = ? WHERE id = ?",
                  (int(elected), elected_on, candidate_id))


def set_candidate_votes(store: Store, candidate_id: int, votes: int) -> None:
    store.execute("UPDATE candidates SET votes = ? WHERE id = ?", (votes, candidate_id))


def outcomes(store: Store) -> list[dict]:
    """Every live contest's outcome and winners (what a correction compares before and after)."""
    return store.query("SELECT c.id, c.meeting_id, m.code || ' ' || c.post || '选举' AS label, c.outcome, "
                       "(SELECT group_concat(name, '、') FROM (SELECT x.name FROM candidates x WHERE x.contest_id = c.id "
                       "AND x.elected ORDER BY x.id)) AS winners FROM election_contests c "
                       "JOIN meetings m ON m.id = c.meeting_id WHERE c.voided_at IS NULL AND m.voided_at IS NULL")


def set_contest_outcome(store: Store, contest_id: int, outcome: str) -> None:
    store.execute("UPDATE election_contests SET outcome = ? WHERE id = ?", (outcome, contest_id))


def update_contest(store: Store, contest_id: int, changes: dict) -> None:
    store.update("election_contests", contest_id, changes)


def rounds_of_post(store: Store, meeting_id: int, post: str) -> list[dict]:
    """The rounds of one post's election at one session, in order (re-votes and 另行选举 are later rounds)."""
    return store.query("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                     "coalesce(c.held_on, m.date) AS held_date "
                       "FROM election_contests c JOIN meetings m ON m.id = c.meeting_id "
                       "WHERE c.meeting_id = ? AND c.post = ? AND c.voided_at IS NULL ORDER BY c.round, c.id",
                       (meeting_id, post))


def winners(store: Store) -> list[dict]:
    """Every elected candidate of a contest that stands, in the order held (date, session, round, contest)."""
    return store.query("SELECT x.id AS candidate_id, x.name, x.deputy_id, c.id AS contest_id, c.post, c.round, "
                       "c.by_election, m.id AS meeting_id, coalesce(c.held_on, m.date) AS date, "
                       "m.code AS meeting_code FROM candidates x JOIN election_contests c ON c.id = x.contest_id "
                       "JOIN meetings m ON m.id = c.meeting_id "
                       "WHERE x.elected = 1 AND c.voided_at IS NULL AND m.voided_at IS NULL "
                       "ORDER BY coalesce(c.held_on, m.date), m.id, c.round, c.id, x.id")


# ---------------------------------------------------------------- appointments

def insert_appointment(store: Store, values: dict) -> int:
    return store.insert("appointments", {k: values.get(k) for k in APPOINTMENT_COLUMNS if k in values})


def update_appointment(store: Store, appointment_id: int, changes: dict) -> None:
    store.update("appointments", appointment_id, changes)


# An appointment with its meeting's code and, when linked, its personnel vote (result, meeting date, reference).
_APPOINTMENT = ("SELECT a.*, m.code AS meeting, i.result AS vote_result, im.date AS vote_date, "
                "im.code || '#' || i.seq AS vote_item FROM appointments a "
                "LEFT JOIN meetings m ON m.id = a.meeting_id "
                "LEFT JOIN items i ON i.id = a.item_id AND i.voided_at IS NULL "
                "LEFT JOIN meetings im ON im.id = i.meeting_id AND im.voided_at IS NULL ")


def appointment(store: Store, appointment_id: int) -> dict | None:
    return store.one(_APPOINTMENT + "WHERE a.id = ? AND a.voided_at IS NULL AND (m.id IS NULL OR m.voided_at IS NULL)",
                     (appointment_id,))


def appointments(store: Store, *, term: int | None = None, year: int | None = None) -> list[dict]:
    where, params = ["a.voided_at IS NULL", "(m.id IS NULL OR m.voided_at IS NULL)"], []
    if term is not None:
        where.append("(m.term = ? OR (m.id IS NULL AND a.decided_on BETWEEN "
                     "(SELECT start_date FROM terms WHERE number = ?) AND "
                     "coalesce((SELECT end_date FROM terms WHERE number = ?), '9999')))")
        params += [term, term, term]
    if year is not None:
        where.append("substr(a.decided_on, 1, 4) = ?")
        params.append(f"{year:04d}")
    return store.query(_APPOINTMENT + f"WHERE {' AND '.join(where)} ORDER BY a.decided_on, a.id", params)


def office_records(store: Store) -> list[dict]:
    """Office-holder records made from election results (appointments with a candidate), voided ones left out."""
    return store.query("SELECT * FROM appointments WHERE candidate_id IS NOT NULL AND voided_at IS NULL ORDER BY id")


def office_record_for(store: Store, person: str, position: str, meeting_id: int | None) -> dict | None:
    return store.one("SELECT * FROM appointments WHERE candidate_id IS NOT NULL AND voided_at IS NULL "
                     "AND person = ? AND position = ? AND meeting_id IS ? ORDER BY id LIMIT 1",
                     (person, position, meeting_id))


def void_appointment(store: Store, appointment_id: int, at: str, reason: str) -> None:
    store.execute("UPDATE appointments SET voided_at = ?, void_reason = ? WHERE id = ?", (at, reason, appointment_id))


def link_personnel_item(store: Store, meeting_id: int) -> None:
    """Link each appointment of a meeting to its personnel vote when exactly one personnel item names the person."""
    match = ("FROM items i WHERE i.meeting_id = appointments.meeting_id AND i.kind = 'personnel' "
             "AND i.voided_at IS NULL AND instr(i.title, appointments.person) > 0")
    store.execute(f"UPDATE appointments SET item_id = (SELECT min(i.id) {match}) WHERE meeting_id = ? "
                  f"AND item_id IS NULL AND voided_at IS NULL AND action != 'elect' "
                  f"AND (SELECT count(*) {match}) = 1", (meeting_id,))


def in_congress_session(store: Store, day: str) -> bool:
    """Whether a congress session was sitting on `day` (between its opening and closing days)."""
    return store.one("SELECT 1 AS x FROM meetings WHERE kind = 'congress' AND voided_at IS NULL "
                     "AND date <= :d AND coalesce(end_date, date) >= :d", {"d": day}) is not None
