"""Suspended duties (暂时停止执行代表职务, 代表法 第六十一条) of deputies (rdtool.services.deputies.suspensions)."""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import Where

COLUMNS = ("deputy_id", "ground", "started_on", "reported_meeting_id", "ended_on", "end_reason", "notes")

_SELECT = ("SELECT s.*, d.name, d.level, d.term, d.status AS deputy_status, d.status_date, "
           "m.code AS reported_meeting, m.date AS reported_date, m.end_date AS reported_end, m.kind AS reported_kind "
           "FROM suspensions s JOIN deputies d ON d.id = s.deputy_id "
           "LEFT JOIN meetings m ON m.id = s.reported_meeting_id WHERE s.voided_at IS NULL")


def insert(store: Store, values: dict) -> int:
    return store.insert("suspensions", {k: values.get(k) for k in COLUMNS})


def update(store: Store, row_id: int, values: dict) -> None:
    store.update("suspensions", row_id, values)


def by_id(store: Store, row_id: int) -> dict | None:
    return store.one(_SELECT + " AND s.id = ?", (row_id,))


def of_deputy(store: Store, deputy_id: int) -> list[dict]:
    return store.query(_SELECT + " AND s.deputy_id = ? ORDER BY s.started_on, s.id", (deputy_id,))


def listing(store: Store, term: int | None = None) -> list[dict]:
    if term is None:
        return store.query(_SELECT + " ORDER BY s.started_on, s.id")
    return store.query(_SELECT + " AND d.term = ? ORDER BY s.started_on, s.id", (term,))


def periods(store: Store, deputy_ids: list[int] | None = None) -> dict[int, list[tuple[str, str | None]]]:
    """deputy id -> [(started_on, ended_on)] of the suspensions not voided."""
    out: dict[int, list[tuple[str, str | None]]] = {}
    for r in store.query("SELECT deputy_id, started_on, ended_on FROM suspensions WHERE voided_at IS NULL"):
        if deputy_ids is None or r["deputy_id"] in deputy_ids:
            out.setdefault(r["deputy_id"], []).append((r["started_on"], r["ended_on"]))
    return out


def present_during(store: Store, deputy_id: int, start: str, end: str | None) -> list[dict]:
    """Meetings in [start, end) at which the deputy is recorded present."""
    where = Where("a.status = 'present'", "m.voided_at IS NULL").add("a.deputy_id = ?", deputy_id)
    where.add("m.date >= ?", start).when(end, "m.date < ?")
    return store.query("SELECT m.id, m.code, m.date, m.kind FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                       f"{where.sql} ORDER BY m.date, m.id", where.params)


def congress_sessions_since(store: Store, term: int, day: str) -> list[dict]:
    """Congress sessions of the term held on or after ``day``."""
    return store.query("SELECT id, code, date, end_date FROM meetings WHERE voided_at IS NULL AND kind = 'congress' "
                       "AND term = ? AND COALESCE(end_date, date) >= ? ORDER BY date, id", (term, day))


def absences_while_suspended(store: Store, since: str, day: str) -> dict[int, int]:
    """deputy id -> congress meetings in [since, day] at which he is recorded absent while suspended."""
    rows = store.query(
        "SELECT a.deputy_id, COUNT(DISTINCT m.id) AS n FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
        "JOIN suspensions s ON s.deputy_id = a.deputy_id AND s.voided_at IS NULL AND m.date >= s.started_on "
        "AND (s.ended_on IS NULL OR m.date < s.ended_on) WHERE a.status = 'absent' AND m.kind = 'congress' "
        "AND m.voided_at IS NULL AND m.date >= ? AND m.date <= ? GROUP BY a.deputy_id", (since, day))
    return {r["deputy_id"]: r["n"] for r in rows}
