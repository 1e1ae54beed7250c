"""SQL for a term's opening totals (录入前结转): one row per term (rdtool.services.terms.opening_totals)."""

from __future__ import annotations

from rdtool.store.db import Store

COUNTS = ("presidium_meetings", "congress_sessions", "decisions", "appointments", "suggestions", "replied",
          "with_feedback", "satisfied", "activities", "training")


def get(store: Store, term: int) -> dict | None:
    return store.one("SELECT * FROM opening_totals WHERE term = ?", (term,))


def all_rows(store: Store) -> list[dict]:
    return store.query("SELECT * FROM opening_totals ORDER BY term")


def put(store: Store, term: int, values: dict) -> None:
    if get(store, term) is None:
        store.insert("opening_totals", {"term": term, **values})
    else:
        store.update("opening_totals", term, values, key="term")


def records_through(store: Store, until: str, date_from: str) -> dict[str, int]:
    """Records dated within the span the totals cover (entered as records: counted twice if also in the totals)."""
    one = lambda sql: store.scalar(sql, (date_from, until))  # noqa: E731
    return {
        "presidium_meetings": one("SELECT count(*) FROM meetings WHERE kind = 'presidium' AND voided_at IS NULL "
                                  "AND date BETWEEN ? AND ?"),
        "congress_sessions": one("SELECT count(*) FROM meetings WHERE kind = 'congress' AND voided_at IS NULL "
                                 "AND date BETWEEN ? AND ?"),
        "suggestions": one("SELECT count(*) FROM proposals WHERE voided_at IS NULL AND submitted_on BETWEEN ? AND ?"),
        "activities": one("SELECT count(*) FROM activities WHERE voided_at IS NULL AND date BETWEEN ? AND ?"),
    }
