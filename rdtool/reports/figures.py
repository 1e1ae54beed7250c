"""The figures of a period, exactly as the report contract counts them (docs/report.md, docs/figures.md).

A period (rdtool.services.periods) is a term, a calendar year or a date range; a record
belongs to it by its date. States (in office, replied, overdue) are judged on `as_of`, so
a report run next year for this year gives the same figures when given the same --as-of.
"""

from __future__ import annotations

from rdtool.services.periods import Period
from rdtool.store import figures as sql
from rdtool.store.db import Store


def _rate(n: int, d: int) -> float | None:
    return None if not d else n / d


def compute(store: Store, period: Period, as_of: str) -> dict:
    """The report contract's figures for a period (keys only ever added, never renamed)."""
    from rdtool.services import proposal_views

    f, t = period.date_from, period.date_to
    presidium_meetings = sql.meeting_counts(store, "presidium", f, t)
    presidium_items = sql.item_counts(store, "presidium", ("decision",), f, t)
    congress_meetings = sql.meeting_counts(store, "congress", f, t)
    congress_items = sql.item_counts(store, "congress", sql.DECISION_KINDS, f, t)
    state_day = min(t, as_of)
    deputies = _deputies(store, period.term, state_day)
    activities = sql.activity_counts(store, f, t)
    return {
        "period": period.as_dict(),
        "as_of": as_of,
        "presidium": {
            "meetings": presidium_meetings["meetings"],
            "decisions": presidium_items["items"],
            "decisions_passed": presidium_items["passed"],
            "appointments": sql.appointments(store, f, t),
        },
        "congress": {
            "sessions": congress_meetings["meetings"],
            "extraordinary": congress_meetings["extraordinary"],
            "decisions": congress_items["items"],
            "elected": sql.elected(store, f, t),
        },
        "deputies": deputies,
        "proposals": proposal_views.figures(store, f, t, as_of),
        "activities": {
            "total": activities["total"],
            "township": activities["township"],
            "county": activities["county"],
            "training": activities["training"],
            "by_kind": activities["by_kind"],
        },
    }


def _deputies(store: Store, term: int | None, day: str) -> dict:
    empty = {"total": 0, "active": 0, "party": 0, "women": 0, "re_elected": 0}
    counts = sql.deputy_counts(store, term, day) if term is not None else {}
    town, county = counts.get("township", empty), counts.get("county", empty)
    presidium = sql.presidium_counts(store, term, day) if term is not None else {"members": 0, "party": 0}
    return {
        "township": town["total"],
        "county": county["total"],
        "active_township": town["active"],
        "active_county": county["active"],
        "party_share": _rate(town["party"], town["active"]),
        "women_share": _rate(town["women"], town["active"]),
        "re_elected_share": _rate(town["re_elected"], town["active"]),
        "presidium_members": presidium["members"],
        "presidium_party_share": _rate(presidium["party"], presidium["members"]),
    }
