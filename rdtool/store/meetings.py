"""SQL for meetings, the dates a meeting fixes, and roll calls (attendance). Agenda items are in store.items,
election contests in store.contests, appointments in store.appointments.

Every query of records ignores voided rows (`voided_at IS NOT NULL`).
"""

from __future__ import annotations

import json
from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.where import Where
from rdtool.store.deputies import SHARED_NAMES

MEETING_COLUMNS = ("code", "kind", "extraordinary", "term", "seq", "date", "end_date", "title", "location",
                   "present", "entitled", "roster", "notes", "notified_on", "requesters", "seq_stated")

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
    where = Where("m.voided_at IS NULL").equals("m.kind", kind or None).equals("m.term", term).year("m.date", year)
    return (store.iter if stream else store.query)(
        f"SELECT m.*, {_FIGURES}, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL)"
        f" AS items FROM meetings m {where.sql} ORDER BY m.date, m.kind, m.code", where.params)


def vote_figures(store: Store) -> Iterator[dict]:
    """Each live meeting with what its quorum and its votes are decided by (rdtool.services.meetings.quorum.figures)
    and its stored quorum, by date, as read (`db check`)."""
    return store.iter("SELECT m.id, m.code, m.kind, m.date, m.quorum_met, m.present, m.entitled, m.roster, "
                      "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS roll_rows, "
                      "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present') "
                      "AS roll_present FROM meetings m WHERE m.voided_at IS NULL ORDER BY m.date, m.kind, m.code")


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
    kept by rdtool.services.meetings.quorum.refresh_quorum), with their figures."""
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
    where = Where("voided_at IS NULL").equals("term", term).add("date >= ?", since).equals("kind", kind)
    return [r["id"] for r in store.query(f"SELECT id FROM meetings {where.sql}", where.params)]


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


def dated_records(store: Store, table: str, link: str, cols: tuple[str, ...]) -> Iterator[dict]:
    """The live records of `table` done at a live meeting that may be dated outside its days, by id, with their
    date columns (and code, person, position) and the meeting's `m_code`, `m_date`, `m_end_date`. SQLite leaves
    out every record whose dates all lie within the meeting's days (as text, compared as Python compares them); the
    caller decides on the rest (a county's 45,000 proposals are not read to find none)."""
    from rdtool.store.sqltext import ident

    extra = [c for c in ("code", "person", "position") if c in column_names(store, table)]
    last = "max(CASE WHEN m.end_date IS NULL OR m.end_date = '' THEN m.date ELSE m.end_date END, m.date)"
    outside = [f"NOT (r.{ident(c)} IS NULL OR typeof(r.{ident(c)}) = 'text' AND r.{ident(c)} >= m.date "
               f"AND r.{ident(c)} <= {last})" for c in cols]
    where = Where("r.voided_at IS NULL", "m.voided_at IS NULL",
                  f"(typeof(m.date) != 'text' OR typeof({last}) != 'text' OR {' OR '.join(outside)})")
    return store.iter(f"SELECT r.id, r.{ident(link)}, {', '.join('r.' + ident(c) for c in (*cols, *extra))}, "
                      "m.code AS m_code, m.date AS m_date, m.end_date AS m_end_date "
                      f"FROM {ident(table)} r JOIN meetings m ON m.id = r.{ident(link)} {where.sql} ORDER BY r.id",
                      where.params)


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
                       "AND d.voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM suspensions s "  # 代表法 第六十一条
                       "WHERE s.deputy_id = a.deputy_id AND s.voided_at IS NULL AND m.date >= s.started_on "
                       "AND (s.ended_on IS NULL OR m.date < s.ended_on)) "
                       "GROUP BY a.deputy_id, m.term ORDER BY a.deputy_id")


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


def in_congress_session(store: Store, day: str) -> bool:
    """Whether a congress session was sitting on `day` (between its opening and closing days)."""
    return store.one("SELECT 1 AS x FROM meetings WHERE kind = 'congress' AND voided_at IS NULL "
                     "AND date <= :d AND coalesce(end_date, date) >= :d", {"d": day}) is not None
