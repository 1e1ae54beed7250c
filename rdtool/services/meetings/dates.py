"""Dates a meeting fixes (issue 23): what was decided, voted, elected or submitted at a meeting is dated by it.

The records keep their own date (a report counts an appointment by its 决定日期), so a correction of the meeting's
date carries to them in the same transaction (`carry`): a record dated on the meeting's k-th day is dated on the
k-th day of the corrected meeting (never after its last day); the correction lists each one it moved. So do the
end of a mandate or a post accepted or decided by a vote at it, the presidium role ended with it, and the
announcements made during the session. A record
dated outside its meeting's days, or an appointment whose steps contradict each other (决定日期 before its own
党委决定), is an error `db check` finds (`checks`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from rdtool.labels import FIELD_ZH
from rdtool.store import meetings as sql
from rdtool.store.db import Store

# (table, the column naming the meeting, the date columns it fixes, what the record is in Chinese)
LINKED: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("appointments", "meeting_id", ("decided_on", "vote_on"), "任免记录"),
    ("proposals", "meeting_id", ("submitted_on",), "议案建议"),
    ("proposals", "decision_meeting_id", ("decided_on",), "议案"),
    ("proposals", "outcome_meeting_id", ("outcome_on",), "议案"),
    ("election_contests", "meeting_id", ("held_on",), "选举"),
)


def _linked(store: Store) -> list[tuple[str, str, tuple[str, ...], str]]:
    """LINKED as far as this database has the columns."""
    have = {t: set(sql.column_names(store, t)) for t in {x[0] for x in LINKED}}
    return [(t, link, tuple(c for c in cols if c in have[t]), zh) for t, link, cols, zh in LINKED
            if link in have[t] and any(c in have[t] for c in cols)]


def _span(meeting: dict) -> tuple[str, str]:
    return meeting["date"], max(meeting["end_date"] or meeting["date"], meeting["date"])


def carry(store: Store, before: dict, after: dict) -> list[str]:
    """After a meeting's date (or last day) is corrected: move the dates of the records it fixes with it; what
    now contradicts another date of its record (an appointment decided before its 党委决定), in Chinese."""
    (old_from, old_to), (new_from, new_to) = _span(before), _span(after)
    if (old_from, old_to) == (new_from, new_to):
        return []
    def moved(day: str | None) -> str | None:
        """The day's place in the corrected meeting, or None when it does not move (not one of its days)."""
        if not day or not old_from <= day <= old_to:
            return None
        k = (date.fromisoformat(day) - date.fromisoformat(old_from)).days
        there = min((date.fromisoformat(new_from) + timedelta(days=k)).isoformat(), new_to)
        return there if there != day else None

    for table, link, cols, _ in _linked(store):
        for row in sql.dated_by(store, table, link, cols, before["id"]):
            changes = {c: moved(row[c]) for c in cols if moved(row[c])}
            if changes:
                sql.set_dates(store, table, row["id"], changes)
    _carry_ends(store, before["id"], moved)
    return [f"任免记录 {a['id']}（{a['person']} {a['position']}）{p}；用 rdtool appointment edit {a['id']} 更正"
            for a in sql.appointment_dates(store) if a["meeting_id"] == before["id"] for p in appointment_order(a)]


def _carry_ends(store: Store, meeting_id: int, moved) -> None:
    """A mandate or a post ended by a vote at the meeting: the end date (the day the congress accepted the
    resignation, 选举法 第五十五条第二款), the presidium role that ended with it, and announcements made during the
    session move with the meeting's days."""
    from rdtool.store import deputies as deputies_sql
    from rdtool.store import mandates as mandates_sql

    roles_moved: set[int] = set()  # (each once: the old and the new days may overlap)

    def move_roles(deputy_id: int, old_day: str, new_day: str, posts_only: bool) -> None:
        for role in deputies_sql.memberships(store, deputy_id):
            if role["id"] not in roles_moved and role["to_date"] == old_day and (
                    not posts_only or role["role"] in ("chair", "vice_chair")):
                deputies_sql.update_membership(store, role["id"], {"to_date": new_day})
                roles_moved.add(role["id"])

    for end in mandates_sql.ends_decided_at(store, meeting_id):
        changes = {c: moved(end[c]) for c in ("announced_on", "post_announced_on") if moved(end[c])}
        if changes:
            mandates_sql.update_mandate_end(store, end["id"], changes)
        if day := moved(end["status_date"]):
            deputies_sql.update(store, end["deputy_id"], {"status_date": day})
            move_roles(end["deputy_id"], end["status_date"], day, posts_only=False)
    for end in mandates_sql.post_ends_decided_at(store, meeting_id):
        if day := moved(end["announced_on"]):
            mandates_sql.update_post_end(store, end["id"], {"announced_on": day})
        if end["deputy_id"] is not None:
            for role in deputies_sql.memberships(store, end["deputy_id"]):
                if day := moved(role["to_date"]):
                    move_roles(end["deputy_id"], role["to_date"], day, posts_only=True)


# ---------------------------------------------------------------- checks

STEPS_AFTER_PARTY = ("nomination_on", "discussion_on", "vote_on", "decided_on", "oath_on", "statement_on",
                     "announced_on")


def _who(table: str, row: dict, zh: str) -> str:
    if table == "appointments":
        return f"{zh} {row['id']}（{row.get('person') or ''} {row.get('position') or ''}）"
    if table == "proposals":
        return f"{zh} {row.get('code') or row['id']}"
    return f"{zh} {row['id']}"


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Records dated outside the days of the meeting they were done at; appointments whose steps are dated before
    their own 党委决定, or sworn in / announced before they were decided."""
    lo, hi = date_from or "", min(as_of, date_to or as_of)
    for table, link, cols, zh in _linked(store):
        for row in sql.dated_records(store, table, link, cols):  # (those SQLite finds may be outside their meeting)
            m = {"code": row["m_code"], "date": row["m_date"], "end_date": row["m_end_date"]}
            first, last = _span(m)
            for c in cols:
                day = row[c]
                if not day or first <= day <= last or not (lo <= day <= hi or lo <= first <= hi):
                    continue
                if table == "proposals" and c == "submitted_on" and day > last:
                    continue  # a suggestion handed in after the session it was raised at: allowed
                yield {"check": "dated_outside_meeting", "severity": "error", "table": table,
                       "record": str(row.get("code") or row["id"]),
                       "message": f"{_who(table, row, zh)}的{FIELD_ZH.get(c, c)} {day} 不在会议 {m['code']}"
                                  f"（{first if first == last else first + ' 至 ' + last}）之内；"
                                  f"更正日期，或用 rdtool meeting edit {m['code']} --date 更正会议日期"}
    for row in sql.appointment_dates(store):
        day = row["decided_on"] or ""
        if not (lo <= day <= hi):
            continue
        for problem in appointment_order(row):
            yield {"check": "dated_out_of_order", "severity": "error", "table": "appointments",
                   "record": str(row["id"]), "message": f"{_who('appointments', row, '任免记录')}{problem}"}


def appointment_order(row: dict) -> list[str]:
    """What is dated before what it follows: a step before 党委决定, the oath or the announcement before the
    decision."""
    out = []
    party = row.get("party_decision_on")
    for s in STEPS_AFTER_PARTY:
        if party and row.get(s) and row[s] < party:
            out.append(f"的{FIELD_ZH.get(s, s)} {row[s]} 早于党委决定日期 {party}")
    decided = row.get("decided_on")
    for s in ("oath_on", "announced_on"):
        if decided and row.get(s) and row[s] < decided:
            out.append(f"的{FIELD_ZH.get(s, s)} {row[s]} 早于决定日期 {decided}")
    return out
