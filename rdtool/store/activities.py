"""SQL for deputy activities (代表活动、培训、学习、视察…) and their participants."""

from __future__ import annotations

from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.where import Where

COLUMNS = ("code", "kind", "level", "date", "title", "subject", "location", "organiser", "notes")

# The levels an activity filter by level matches: an activity for both levels counts for each.
LEVEL_MATCH = {"township": ("township", "both"), "county": ("county", "both"), "both": ("both",)}
TRAINING_KINDS = ("training", "study")


def insert(store: Store, values: dict) -> int:
    return store.insert("activities", {k: values.get(k) for k in COLUMNS})


def update(store: Store, activity_id: int, values: dict) -> None:
    store.update("activities", activity_id, {k: v for k, v in values.items() if k in COLUMNS})


def set_participants(store: Store, activity_id: int, deputy_ids: list[int]) -> None:
    store.execute("DELETE FROM activity_participants WHERE activity_id = ?", (activity_id,))
    for deputy_id in dict.fromkeys(deputy_ids):
        store.execute("INSERT INTO activity_participants (activity_id, deputy_id) VALUES (?, ?)",
                      (activity_id, deputy_id))


def same_title_date(store: Store, title: str, day: str, but: int) -> dict | None:
    """Another live activity with the same title and date (the same one typed twice), with its participants."""
    return store.one("SELECT a.code, a.title, a.date, (SELECT count(*) FROM activity_participants p "
                     "WHERE p.activity_id = a.id) AS participants FROM activities a WHERE a.title = ? AND a.date = ? "
                     "AND a.id != ? AND a.voided_at IS NULL ORDER BY a.id LIMIT 1", (title, day, but))


def code_exists(store: Store, code: str) -> bool:
    return store.scalar("SELECT 1 FROM activities WHERE code = ?", (code,)) is not None


def codes_like(store: Store, prefix: str) -> list[str]:
    return [r["code"] for r in store.query("SELECT code FROM activities WHERE code LIKE ?", (prefix + "%",))]


def get(store: Store, ref: str) -> dict | None:
    """An activity by code, or by id ('12', '#12')."""
    row = store.one("SELECT * FROM activities WHERE code = ? AND voided_at IS NULL", (ref,))
    ident = ref.lstrip("#")
    if row is None and ident.isascii() and ident.isdigit() and len(ident) <= 18:
        row = store.one("SELECT * FROM activities WHERE id = ? AND voided_at IS NULL", (int(ident),))
    return row


def participants(store: Store, activity_id: int) -> list[dict]:
    return store.query(
        "SELECT d.id, d.name, d.level, d.term, d.constituency FROM activity_participants p "
        "JOIN deputies d ON d.id = p.deputy_id WHERE p.activity_id = ? AND d.voided_at IS NULL ORDER BY d.id",
        (activity_id,))


def participants_of(store: Store, activity_ids: list[int]) -> dict[int, list[dict]]:
    """activity id -> its participants (id, name, term), in one query."""
    out: dict[int, list[dict]] = {i: [] for i in activity_ids}
    if not activity_ids:
        return out
    for r in store.query(
            "SELECT p.activity_id, d.id, d.name, d.term, d.level FROM activity_participants p "
            "JOIN deputies d ON d.id = p.deputy_id "
            f"WHERE p.activity_id IN ({', '.join('?' for _ in activity_ids)}) AND d.voided_at IS NULL ORDER BY d.id",
            activity_ids):
        out[r.pop("activity_id")].append(r)
    return out


# Each activity's participants' names, in the order of their ids (a list reads them row by row as it is printed).
PARTICIPANT_NAMES = ("(SELECT group_concat(name, '、') FROM (SELECT d.name FROM activity_participants x "
                     "JOIN deputies d ON d.id = x.deputy_id WHERE x.activity_id = a.id AND d.voided_at IS NULL "
                     "ORDER BY d.id)) AS participant_names")


def select(store: Store, *, kind: str | None = None, level: str | None = None, date_from: str | None = None,
           date_to: str | None = None, deputy_id: int | None = None, term: int | None = None,
           with_subject: bool = False, person_id: int | None = None, with_names: bool = False,
           stream: bool = False) -> list[dict] | Iterator[dict]:
    """Activities (not voided) matching the filters, by date; each with its participant count. `person_id`: those
    any mandate of the person took part in; `with_names`: with the participants' names, joined with 、; `stream`: as
    they are read."""
    where = Where("a.voided_at IS NULL")
    where.one_of("a.kind", kind.split(",") if kind is not None else None)
    where.one_of("a.level", LEVEL_MATCH[level] if level is not None else None)
    where.when(date_from, "a.date >= ?").when(date_to, "a.date <= ?")
    where.when(deputy_id, "EXISTS (SELECT 1 FROM activity_participants x WHERE x.activity_id = a.id AND x.deputy_id = ?)")
    where.when(person_id, "EXISTS (SELECT 1 FROM activity_participants x JOIN deputies d ON d.id = x.deputy_id "
                          "WHERE x.activity_id = a.id AND d.person_id = ?)")
    where.in_term("a.date", term)
    if with_subject:
        where.add("coalesce(a.subject, '') <> ''")
    names = f", {PARTICIPANT_NAMES}" if with_names else ""
    return (store.iter if stream else store.query)(
        "SELECT a.*, (SELECT count(*) FROM activity_participants x JOIN deputies d ON d.id = x.deputy_id "
        f"WHERE x.activity_id = a.id AND d.voided_at IS NULL) AS participant_count{names} "
        f"FROM activities a {where.sql} ORDER BY a.date, a.code", where.params)
