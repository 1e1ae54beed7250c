"""SQL for agenda items (议程) and their votes' results. Every query of records ignores voided rows."""

from __future__ import annotations

from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.where import Where

ITEM_COLUMNS = ("meeting_id", "seq", "title", "kind", "method", "yes", "no", "abstain", "not_voting", "result",
                "rule", "notes", "subject")


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
    where = Where("i.voided_at IS NULL", "m.voided_at IS NULL")
    for column, value in (("i.meeting_id", meeting_id), ("m.term", term), ("i.kind", kind), ("i.result", result),
                          ("m.kind", body)):
        where.equals(column, value)
    where.year("m.date", year)
    return (store.iter if stream else store.query)(
        f"SELECT i.*, m.code AS meeting_code, m.kind AS meeting_kind, m.date AS meeting_date "
        f"FROM items i JOIN meetings m ON m.id = i.meeting_id {where.sql} "
        f"ORDER BY m.date, m.code, i.seq, i.id", where.params)


def vote_rows(store: Store):
    """(meeting id, meeting date, seq, title, yes, no, abstain, not_voting, result, rule) of every live item, in
    meeting order, as plain rows (`db check` reads a county's 50,000)."""
    return store.conn.execute(
        "SELECT i.meeting_id, m.date, i.seq, i.title, i.yes, i.no, i.abstain, i.not_voting, i.result, i.rule "
        "FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.voided_at IS NULL AND m.voided_at IS NULL "
        "ORDER BY m.date, m.code, i.seq, i.id")


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
