"""质询案 (inquiries, 组织法 第二十四条) and their signers (rdtool.services.proposals.inquiries)."""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import Where

COLUMNS = ("code", "meeting_id", "submitted_on", "target", "title", "body", "answer_method", "answered_on",
           "answered_by", "answer", "notes")

_SELECT = ("SELECT q.*, m.code AS meeting, m.date AS meeting_date, m.end_date AS meeting_end, m.term, "
           "(SELECT d.name FROM inquiry_signers s JOIN deputies d ON d.id = s.deputy_id "
           " WHERE s.inquiry_id = q.id AND s.lead = 1) AS lead, "
           "(SELECT count(*) FROM inquiry_signers s WHERE s.inquiry_id = q.id) AS signers "
           "FROM inquiries q JOIN meetings m ON m.id = q.meeting_id WHERE q.voided_at IS NULL")


def insert(store: Store, values: dict, signers: list[tuple[int, bool]]) -> int:
    new_id = store.insert("inquiries", {k: values.get(k) for k in COLUMNS})
    for deputy_id, lead in signers:
        store.insert("inquiry_signers", {"inquiry_id": new_id, "deputy_id": deputy_id, "lead": int(lead)})
    return new_id


def update(store: Store, row_id: int, values: dict) -> None:
    store.update("inquiries", row_id, values)


def by_code(store: Store, code: str) -> dict | None:
    return store.one(_SELECT + " AND q.code = ?", (code,))


def codes(store: Store) -> list[str]:
    return [r["code"] for r in store.query("SELECT code FROM inquiries WHERE voided_at IS NULL ORDER BY id")]


def count_for_meeting(store: Store, meeting_id: int) -> int:
    return store.scalar("SELECT count(*) FROM inquiries WHERE meeting_id = ?", (meeting_id,))


def listing(store: Store, meeting_id: int | None = None, term: int | None = None) -> list[dict]:
    where = Where().equals("q.meeting_id", meeting_id).equals("m.term", term)
    return store.query(f"{_SELECT} AND {where.clause} ORDER BY m.date, q.id", where.params)


def signers(store: Store, inquiry_id: int) -> list[dict]:
    return store.query("SELECT d.id AS deputy_id, d.name, d.level, s.lead, s.unsatisfied FROM inquiry_signers s "
                       "JOIN deputies d ON d.id = s.deputy_id WHERE s.inquiry_id = ? ORDER BY s.lead DESC, d.id",
                       (inquiry_id,))


def set_unsatisfied(store: Store, inquiry_id: int, deputy_ids: set[int]) -> None:
    """Mark which signers are unsatisfied with the answer (the others not); only rows that change are written."""
    for r in store.query("SELECT deputy_id, unsatisfied FROM inquiry_signers WHERE inquiry_id = ?", (inquiry_id,)):
        want = int(r["deputy_id"] in deputy_ids)
        if r["unsatisfied"] != want:
            store.execute("UPDATE inquiry_signers SET unsatisfied = ? WHERE inquiry_id = ? AND deputy_id = ?",
                          (want, inquiry_id, r["deputy_id"]))
