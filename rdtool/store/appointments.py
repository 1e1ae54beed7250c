"""SQL for appointments (任免) and the office-holder records elections make. Every query of records ignores voided
rows."""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import TERM_DATES, Where

APPOINTMENT_COLUMNS = ("person", "deputy_id", "position", "action", "meeting_id", "item_id", "decided_on",
                       "party_decision_on", "nomination_on", "application_on", "discussion_on", "vote_on", "oath_on",
                       "statement_on", "announced_on", "notes", "candidate_id")


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
    where = Where("a.voided_at IS NULL", "(m.id IS NULL OR m.voided_at IS NULL)")
    # of the term: decided at one of its meetings, or (with no meeting) within its dates
    where.when(term, f"(m.term = ? OR (m.id IS NULL AND {TERM_DATES.format(column='a.decided_on')}))", term, term, term)
    where.year("a.decided_on", year)
    return store.query(_APPOINTMENT + f"{where.sql} ORDER BY a.decided_on, a.id", where.params)


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
