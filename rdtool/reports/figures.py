"""The figures of a period, exactly as the report contract counts them (docs/report.md, docs/figures.md).

A period (rdtool.services.terms.periods) is a term, a calendar year or a date range; a record belongs to it by
its date. States (in office, replied, overdue) are judged on `as_of`, so a report run next year for this
year gives the same figures when given the same --as-of.

The SQL is rdtool.store.report_views: the same definitions the database keeps as views (`report_presidium`
…), so an analyst's query of a view gives what the report says.
"""

from __future__ import annotations

from rdtool.services.terms.periods import Period
from rdtool.store import report_views
from rdtool.store.db import Store

KEYS = report_views.CONTRACT_KEYS
VIEWS = {"presidium": "report_presidium", "congress": "report_congress", "deputies": "report_deputies",
         "proposals": "report_proposals", "activities": "report_activities"}


def sections(store: Store, period: Period, as_of: str) -> dict[str, dict]:
    """Each section's whole row (the contract's keys and the bases behind them, as the views have them)."""
    out = {name: report_views.one(store, view, period, as_of) for name, view in VIEWS.items()}
    out["activities"]["by_kind"] = {r["activity_kind"]: r["n"] for r in sorted(
        report_views.query(store, "report_activities_by_kind", period, as_of), key=lambda r: r["activity_kind"])}
    from rdtool.services.terms import opening_totals as opening  # the paper years' totals, when the period covers them (issue 23)

    out["carried_over"] = opening.for_period(store, period, as_of)
    opening.add_to(out, out["carried_over"])
    return out


def contract(rows: dict[str, dict], period: Period, as_of: str) -> dict:
    """The report contract's figures from the section rows (keys only ever added, never renamed)."""
    out = {"period": period.as_dict(), "as_of": as_of,
           **{name: {k: rows[name][k] for k in keys} for name, keys in KEYS.items()}}
    if rows.get("carried_over"):  # the opening totals the figures include (a term adopted mid-term; issue 23)
        out["carried_over"] = rows["carried_over"]
    return out


def compute(store: Store, period: Period, as_of: str) -> dict:
    """The report contract's figures for a period."""
    return contract(sections(store, period, as_of), period, as_of)
