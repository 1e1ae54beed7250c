"""SQL for how mandates and posts end: ``mandate_ends`` (resignation, recall, announcement) and ``post_ends``.

Every query ignores voided rows.
"""

from __future__ import annotations

from rdtool.store.db import Store

MANDATE_COLUMNS = ("deputy_id", "letter_on", "item_id", "petitioners", "voters", "recall_yes", "announced_on",
                   "post_announced_on", "notes")
POST_COLUMNS = ("person", "deputy_id", "post", "action", "item_id", "motion_by", "movers", "announced_on", "notes")

_ITEM = ("i.seq AS item_seq, i.title AS item_title, i.result AS item_result, m.code AS meeting_code, "
         "m.kind AS meeting_kind, m.date AS meeting_date, m.end_date AS meeting_end_date")


def mandate_end(store: Store, deputy_id: int) -> dict | None:
    return store.one("SELECT * FROM mandate_ends WHERE deputy_id = ? AND voided_at IS NULL ORDER BY id DESC LIMIT 1",
                     (deputy_id,))


def insert_mandate_end(store: Store, values: dict) -> int:
    return store.insert("mandate_ends", {k: values.get(k) for k in MANDATE_COLUMNS if k in values})


def update_mandate_end(store: Store, row_id: int, changes: dict) -> None:
    store.update("mandate_ends", row_id, changes)


def ended_deputies(store: Store) -> list[dict]:
    """Every deputy whose mandate ended, with the procedure recorded (if any) and the accepting vote."""
    return store.query(
        f"SELECT d.id, d.name, d.level, d.term, d.constituency, d.status, d.status_date, e.id AS end_id, "
        f"e.letter_on, e.item_id, e.petitioners, e.voters, e.recall_yes, e.announced_on, e.post_announced_on, "
        f"{_ITEM}, (SELECT p.role FROM presidium_members p WHERE p.deputy_id = d.id AND p.to_date = d.status_date "
        f"AND p.role IN ('chair', 'vice_chair') ORDER BY p.id DESC LIMIT 1) AS ended_role "
        f"FROM deputies d LEFT JOIN mandate_ends e ON e.deputy_id = d.id AND e.voided_at IS NULL "
        f"LEFT JOIN items i ON i.id = e.item_id LEFT JOIN meetings m ON m.id = i.meeting_id "
        f"WHERE d.voided_at IS NULL AND d.status != 'active' ORDER BY d.status_date, d.id")


def insert_post_end(store: Store, values: dict) -> int:
    return store.insert("post_ends", {k: values.get(k) for k in POST_COLUMNS if k in values})


def post_ends(store: Store) -> list[dict]:
    return store.query(f"SELECT p.*, {_ITEM} FROM post_ends p JOIN items i ON i.id = p.item_id "
                       f"JOIN meetings m ON m.id = i.meeting_id WHERE p.voided_at IS NULL ORDER BY m.date, p.id")


def ends_decided_at(store: Store, meeting_id: int) -> list[dict]:
    """The live mandate ends whose accepting vote was taken at a meeting, with the deputy's status date (a
    correction of the meeting's date carries to them: rdtool.services.meetings.dates)."""
    return store.query("SELECT e.id, e.deputy_id, e.announced_on, e.post_announced_on, d.status_date "
                       "FROM mandate_ends e JOIN items i ON i.id = e.item_id JOIN deputies d ON d.id = e.deputy_id "
                       "WHERE i.meeting_id = ? AND e.voided_at IS NULL ORDER BY e.id", (meeting_id,))


def post_ends_decided_at(store: Store, meeting_id: int) -> list[dict]:
    """The live post ends (recall, accepted resignation) decided by a vote at a meeting."""
    return store.query("SELECT p.id, p.deputy_id, p.post, p.announced_on FROM post_ends p JOIN items i "
                       "ON i.id = p.item_id WHERE i.meeting_id = ? AND p.voided_at IS NULL ORDER BY p.id",
                       (meeting_id,))


def update_post_end(store: Store, row_id: int, changes: dict) -> None:
    store.update("post_ends", row_id, changes)
