"""SQL for references: finding a record by the code or name people see, and the codes and names to suggest.

Used only by rdtool.services.kernel.refs. Lookups of codes ignore case (p5-22 is P5-22); voided records are found too
(flagged), so that `db void` can say a record is already void and a voided code is never suggested.
"""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import Where

# kind -> (table, code column) for the records typed by a code
_CODED = {"meeting": ("meetings", "code"), "proposal": ("proposals", "code"), "activity": ("activities", "code")}


def by_code(store: Store, kind: str, code: str) -> dict | None:
    """{id, code, voided_at} of the record with this code (a live one first)."""
    table, column = _CODED[kind]
    return store.one(f"SELECT id, {column} AS code, voided_at FROM {table} WHERE {column} = ? COLLATE NOCASE "
                     "ORDER BY voided_at IS NOT NULL, id LIMIT 1", (code,))


def codes(store: Store, kind: str) -> list[str]:
    """Every live record's code (the candidates of a 'did you mean')."""
    table, column = _CODED[kind]
    return [r[column] for r in store.query(f"SELECT {column} FROM {table} WHERE voided_at IS NULL")]


_BY_ID = {"meeting": "meetings", "proposal": "proposals", "activity": "activities", "item": "items",
          "election": "election_contests", "appointment": "appointments", "deputy": "deputies",
          "nomination": "nominations"}


def by_id(store: Store, kind: str, record_id: int) -> dict | None:
    """{id, voided_at} of a record by its internal id."""
    return store.one(f"SELECT id, voided_at FROM {_BY_ID[kind]} WHERE id = ?", (record_id,))


def item(store: Store, meeting_id: int, seq: int) -> dict | None:
    return store.one("SELECT id, voided_at FROM items WHERE meeting_id = ? AND seq = ? "
                     "ORDER BY voided_at IS NOT NULL, id LIMIT 1", (meeting_id, seq))


def item_refs(store: Store, meeting_id: int | None = None) -> list[str]:
    """'P5-22#3' for every live item (of one meeting)."""
    sql = ("SELECT m.code || '#' || i.seq AS ref FROM items i JOIN meetings m ON m.id = i.meeting_id "
           "WHERE i.voided_at IS NULL AND m.voided_at IS NULL")
    if meeting_id is None:
        return [r["ref"] for r in store.query(sql + " ORDER BY m.date, i.seq")]
    return [r["ref"] for r in store.query(sql + " AND m.id = ? ORDER BY i.seq", (meeting_id,))]


def deputies_named(store: Store, name: str, term: int | None = None) -> list[dict]:
    where = Where().equals("name", name).add("voided_at IS NULL").equals("term", term)
    return store.query("SELECT id, person_id, name, term, level, constituency, birth_date, voided_at FROM deputies "
                       f"{where.sql} ORDER BY id", where.params)


def mandates_of_person(store: Store, deputy_id: int) -> list[dict]:
    """The live mandates of the same term held by the person of mandate `deputy_id` (that one included)."""
    return store.query("SELECT d.id, d.person_id, d.level, d.term FROM deputies d JOIN deputies x ON x.id = ? "
                       "AND d.person_id = x.person_id AND d.term = x.term WHERE d.voided_at IS NULL ORDER BY d.id",
                       (deputy_id,))


def deputy_names(store: Store, term: int | None = None) -> list[dict]:
    """{id, name, term} of every live deputy (of a term)."""
    if term is None:
        return store.query("SELECT id, name, term FROM deputies WHERE voided_at IS NULL ORDER BY id")
    return store.query("SELECT id, name, term FROM deputies WHERE voided_at IS NULL AND term = ? ORDER BY id",
                       (term,))




# How a record is named in words, by table and id (for change reports and undo previews).
_NAME_SQL = {
    "deputies": "SELECT name FROM deputies WHERE id = ?",
    "meetings": "SELECT code FROM meetings WHERE id = ?",
    "items": "SELECT m.code || '#' || coalesce(i.seq, '?') FROM items i JOIN meetings m ON m.id = i.meeting_id "
             "WHERE i.id = ?",
    "election_contests": "SELECT m.code || ' ' || c.post || '选举（第' || c.round || '轮）' FROM election_contests c "
                         "JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?",
    "proposals": "SELECT code FROM proposals WHERE id = ?",
    "activities": "SELECT code FROM activities WHERE id = ?",
    "appointments": "SELECT person || '（' || position || '）' FROM appointments WHERE id = ?",
    "general_elections": "SELECT '第' || term || '届换届选举' FROM general_elections WHERE id = ?",
    "ge_constituencies": "SELECT name FROM ge_constituencies WHERE id = ?",
    "ge_candidates": "SELECT name FROM ge_candidates WHERE id = ?",
    "ge_rounds": "SELECT k.name || '第' || r.round || '轮投票' FROM ge_rounds r "
                 "JOIN ge_constituencies k ON k.id = r.constituency_id WHERE r.id = ?",
    "inquiries": "SELECT code FROM inquiries WHERE id = ?",
    "nominations": "SELECT m.code || ' ' || n.post || '候选人提名' FROM nominations n JOIN meetings m ON m.id = n.meeting_id "
                   "WHERE n.id = ?",
}


def name_of(store: Store, table: str, record_id) -> str | None:
    """The code or name of a record by its id (None when the table has none or the record is gone)."""
    sql = _NAME_SQL.get(table)
    if sql is None or record_id is None:
        return None
    found = store.scalar(sql, (record_id,))
    return found if found is not None else _gone(store, record_id, table)


def _gone(store: Store, record_id, table: str) -> str | None:
    """The code or name a deleted record had, from its last change-log entry (a delete lists the records it took
    with it after the record itself: 三届一次-001 附议代表, not #3)."""
    import json

    row = store.one("SELECT before, after FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
                    (table, str(record_id)))
    for blob in (row["before"], row["after"]) if row else ():
        if blob:
            record = json.loads(blob)
            if record.get("code") or record.get("name"):
                return str(record.get("code") or record.get("name"))
    return None
