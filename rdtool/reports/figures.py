"""The figures of a period, exactly as DESIGN.md's report contract counts them.

A period is a term, a calendar year or a date range; a record belongs to it by its
date. States (in office, replied, overdue) are judged on `as_of`, so a report run
next year for this year gives the same figures when given the same --as-of.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdtool.errors import RdtoolError, UsageError
from rdtool.store import figures as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store


@dataclass(frozen=True)
class Period:
    date_from: str
    date_to: str
    term: int | None
    kind: str     # term | annual | range
    label: str    # 第三届 / 2019年 / 2019-01-01至2019-06-30

    def as_dict(self) -> dict:
        return {"from": self.date_from, "to": self.date_to, "term": self.term}


def term_period(store: Store, number: int | None, as_of: str) -> Period:
    from rdtool.labels import chinese_numeral

    if number is None:
        number = settings_sql.get(store, "current_term") or settings_sql.term_on(store, as_of)
    if number is None:
        raise UsageError("没有指定届次，数据库里也没有本届设置", "用 --term N 指定，或 rdtool config current_term N")
    row = settings_sql.term(store, number)
    if row is None:
        raise RdtoolError(f"没有第{number}届的记录", "用 rdtool term list 查看已有的届次")
    return Period(row["start_date"], row["end_date"] or as_of, number, "term", f"第{chinese_numeral(number)}届")


def annual_period(store: Store, year: int) -> Period:
    if not 1949 <= year <= 2200:
        raise UsageError(f"年份 {year} 不合理")
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    term = settings_sql.term_on(store, end) or settings_sql.term_on(store, start)
    return Period(start, end, term, "annual", f"{year}年")


def range_period(store: Store, date_from: str, date_to: str) -> Period:
    if date_to < date_from:
        raise UsageError(f"--to {date_to} 早于 --from {date_from}")
    term = settings_sql.term_on(store, date_to) or settings_sql.term_on(store, date_from)
    return Period(date_from, date_to, term, "range", f"{date_from}至{date_to}")


def _rate(n: int, d: int) -> float | None:
    return None if not d else n / d


def compute(store: Store, period: Period, as_of: str) -> dict:
    """The report contract's figures for a period (keys only ever added, never renamed)."""
    from rdtool.services import proposals

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
        "proposals": proposals.figures(store, f, t, as_of),
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
