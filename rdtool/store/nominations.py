"""Nominations of candidates for the congress's elections (组织法 第二十六条) and primaries (第二十七条第一款)
(rdtool.services.elections.nominations)."""

from __future__ import annotations

from rdtool.store.db import Store


def insert(store: Store, values: dict, nominees: list[str], signer_ids: list[int]) -> int:
    new_id = store.insert("nominations", {k: values.get(k) for k in ("meeting_id", "post", "seats", "nominated_by",
                                                                      "submitted_on", "notes")})
    for name in nominees:
        store.insert("nominees", {"nomination_id": new_id, "name": name})
    for deputy_id in signer_ids:
        store.insert("nomination_signers", {"nomination_id": new_id, "deputy_id": deputy_id})
    return new_id


def of_post(store: Store, meeting_id: int, post: str) -> list[dict]:
    """The nominations for a post at a session, each with its nominees and signers."""
    rows = store.query("SELECT * FROM nominations WHERE voided_at IS NULL AND meeting_id = ? AND post = ? ORDER BY id",
                       (meeting_id, post))
    for r in rows:
        r["nominees"] = [x["name"] for x in store.query("SELECT name FROM nominees WHERE nomination_id = ? "
                                                        "ORDER BY id", (r["id"],))]
        r["signers"] = store.query("SELECT d.id, d.name FROM nomination_signers s JOIN deputies d ON d.id = s.deputy_id "
                                   "WHERE s.nomination_id = ? ORDER BY d.id", (r["id"],))
    return rows


def posts(store: Store, meeting_id: int | None = None) -> list[dict]:
    """(meeting, post) pairs with nominations or a primary."""
    sql = ("SELECT DISTINCT n.meeting_id, m.code AS meeting, m.date, n.post FROM ("
           "SELECT meeting_id, post FROM nominations WHERE voided_at IS NULL UNION "
           "SELECT meeting_id, post FROM primaries WHERE voided_at IS NULL) n JOIN meetings m ON m.id = n.meeting_id")
    if meeting_id is None:
        return store.query(sql + " ORDER BY m.date, n.post")
    return store.query(sql + " WHERE n.meeting_id = ? ORDER BY m.date, n.post", (meeting_id,))


def primary(store: Store, meeting_id: int, post: str) -> list[dict]:
    return store.query("SELECT * FROM primaries WHERE voided_at IS NULL AND meeting_id = ? AND post = ? "
                       "ORDER BY votes DESC, id", (meeting_id, post))


def void_primary(store: Store, meeting_id: int, post: str, at: str, reason: str) -> None:
    store.execute("UPDATE primaries SET voided_at = ?, void_reason = ? WHERE voided_at IS NULL AND meeting_id = ? "
                  "AND post = ?", (at, reason, meeting_id, post))


def replace_primary(store: Store, meeting_id: int, post: str, rows: list[dict], at: str) -> None:
    """A primary entered again voids the one before (never deleted)."""
    store.execute("UPDATE primaries SET voided_at = ?, void_reason = '重新录入预选结果' WHERE voided_at IS NULL "
                  "AND meeting_id = ? AND post = ?", (at, meeting_id, post))
    for r in rows:
        store.insert("primaries", {"meeting_id": meeting_id, "post": post, **r})
