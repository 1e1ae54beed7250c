"""Aggregate SQL for the period figures (docs/report.md).

Every figure is one aggregate query over indexed columns, so a county-sized
database costs about what the sample does. Voided records never count.
"""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.deputies import IN_OFFICE

DECISION_KINDS = ("decision", "report", "budget")  # congress.decisions counts these
TRAINING_KINDS = ("training", "study")


def meeting_counts(store: Store, kind: str, date_from: str, date_to: str) -> dict:
    return store.one(
        "SELECT count(*) AS meetings, coalesce(sum(extraordinary), 0) AS extraordinary FROM meetings "
        "WHERE kind = ? AND date BETWEEN ? AND ? AND voided_at IS NULL", (kind, date_from, date_to))


def item_counts(store: Store, meeting_kind: str, item_kinds: tuple[str, ...], date_from: str, date_to: str) -> dict:
    marks = ", ".join("?" for _ in item_kinds)
    return store.one(
        f"SELECT count(*) AS items, coalesce(sum(i.result = 'passed'), 0) AS passed "
        f"FROM items i JOIN meetings m ON m.id = i.meeting_id "
        f"WHERE m.kind = ? AND m.date BETWEEN ? AND ? AND m.voided_at IS NULL AND i.voided_at IS NULL "
        f"AND i.kind IN ({marks})", (meeting_kind, date_from, date_to, *item_kinds))


def appointments(store: Store, date_from: str, date_to: str) -> int:
    """任免人次: the presidium's (and congress's) appointment decisions, not office-holders elected by the congress
    (counted in `elected`), nor a decision whose personnel vote failed (it did not take effect)."""
    return store.scalar(
        "SELECT count(*) FROM appointments a LEFT JOIN meetings m ON m.id = a.meeting_id "
        "WHERE coalesce(a.decided_on, m.date) BETWEEN ? AND ? AND a.voided_at IS NULL "
        "AND (m.id IS NULL OR m.voided_at IS NULL) AND a.action != 'elect' "
        "AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = a.item_id AND i.voided_at IS NULL "
        "AND i.result IN ('failed', 'no_quorum'))", (date_from, date_to))


def elected(store: Store, date_from: str, date_to: str) -> int:
    return store.scalar(
        "SELECT count(*) FROM candidates c JOIN election_contests e ON e.id = c.contest_id "
        "JOIN meetings m ON m.id = e.meeting_id WHERE m.kind = 'congress' AND m.date BETWEEN ? AND ? "
        "AND c.elected = 1 AND e.voided_at IS NULL AND m.voided_at IS NULL", (date_from, date_to))


def deputy_counts(store: Store, term: int, day: str) -> dict:
    """Per level: all deputies of the term, those in office on `day`, and the shares' numerators."""
    rows = store.query(
        f"SELECT d.level AS level, count(*) AS total, coalesce(sum({IN_OFFICE}), 0) AS active, "
        f"coalesce(sum({IN_OFFICE} AND d.party IN ('cpc', 'cpc_probationary')), 0) AS party, "
        f"coalesce(sum({IN_OFFICE} AND d.gender = 'female'), 0) AS women, "
        f"coalesce(sum({IN_OFFICE} AND d.re_elected = 1), 0) AS re_elected "
        f"FROM deputies d WHERE d.term = :term AND d.voided_at IS NULL GROUP BY d.level",
        {"term": term, "day": day})
    return {r["level"]: r for r in rows}


def presidium_counts(store: Store, term: int, day: str) -> dict:
    return store.one(
        f"SELECT count(DISTINCT d.id) AS members, "
        f"count(DISTINCT CASE WHEN d.party IN ('cpc', 'cpc_probationary') THEN d.id END) AS party "
        f"FROM deputies d JOIN presidium_members p ON p.deputy_id = d.id "
        f"WHERE d.term = :term AND {IN_OFFICE} AND (p.from_date IS NULL OR p.from_date <= :day) "
        f"AND (p.to_date IS NULL OR p.to_date >= :day)", {"term": term, "day": day})


def activity_counts(store: Store, date_from: str, date_to: str) -> dict:
    training = ", ".join(f"'{k}'" for k in TRAINING_KINDS)
    row = store.one(
        f"SELECT count(*) AS total, "
        f"coalesce(sum(kind NOT IN ({training}) AND level IN ('township', 'both')), 0) AS township, "
        f"coalesce(sum(kind NOT IN ({training}) AND level IN ('county', 'both')), 0) AS county, "
        f"coalesce(sum(kind IN ({training})), 0) AS training "
        f"FROM activities WHERE date BETWEEN ? AND ? AND voided_at IS NULL", (date_from, date_to))
    by_kind = {r["kind"]: r["n"] for r in store.query(
        "SELECT kind, count(*) AS n FROM activities WHERE date BETWEEN ? AND ? AND voided_at IS NULL "
        "GROUP BY kind ORDER BY kind", (date_from, date_to))}
    return {**row, "by_kind": by_kind}


def meetings_in(store: Store, date_from: str, date_to: str) -> list[dict]:
    """Meetings of the period with their item counts (the report's meeting table)."""
    return store.query(
        "SELECT m.code, m.kind, m.date, m.title, m.extraordinary, "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL) AS items, "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL "
        " AND i.result = 'passed') AS passed "
        "FROM meetings m WHERE m.date BETWEEN ? AND ? AND m.voided_at IS NULL AND m.kind IN ('presidium', 'congress') "
        "ORDER BY m.date, m.code", (date_from, date_to))
