"""Terms (届): each has a number and start and end dates (five years, 组织法 art. 9: rules.deputies.TERM_YEARS)."""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.errors import RdtoolError, ValidationError
from rdtool.io.kinds import Kind, Row, RowError
from rdtool.store import settings as sql
from rdtool.store.db import Store

FIELDS = [
    F.Field("number", F.integer(1), required=True),
    F.Field("start_date", F.DATE, required=True),
    F.Field("end_date", F.DATE),
]


def validate(number: int, start: str, end: str | None) -> None:
    if number < 1 or number > 1000:
        raise ValidationError(f"届次 {number} 不合理（应为 1 以上的整数）")
    if end and end <= start:
        raise ValidationError(f"第{number}届的结束日期 {end} 应晚于开始日期 {start}")


def add(store: Store, number: int, start: str, end: str | None, make_current: bool = False) -> str | None:
    """Add a term (and make it the current one) in one transaction.

    An earlier term still open-ended is closed the day before the new one starts; the note saying so is
    returned. Terms whose dates overlap are refused.
    """
    from rdtool.services.kernel import corrections

    validate(number, start, end)
    with corrections.write(store, verb="已增加"):
        note = _insert(store, number, start, end)
        if make_current:
            sql.put(store, "current_term", number)
    return note


def edit(store: Store, number: int, start: str | None, end: str | None, clear_end: bool = False,
         reason: str | None = None):
    """Correct a term's dates; meetings dated outside the new dates are refused (move them first). The term's
    meetings are recomputed (rdtool.services.kernel.corrections)."""
    from rdtool.services.kernel import corrections

    current = sql.term(store, number)
    if current is None:
        raise RdtoolError(f"第{number}届尚未建立", "用 rdtool term list 查看")
    new_start = start or current["start_date"]
    new_end = None if clear_end else (end or current["end_date"])
    validate(number, new_start, new_end)
    for other in sql.terms(store):
        if other["number"] == number:
            continue
        if other["start_date"] <= (new_end or "9999-12-31") and new_start <= (other["end_date"] or "9999-12-31"):
            raise ValidationError(f"第{number}届（{new_start} 至 {new_end or '—'}）与第{other['number']}届"
                                  f"（{other['start_date']} 至 {other['end_date'] or '—'}）的日期重叠")
    outside = sql.meetings_outside(store, number, new_start, new_end)
    if outside:
        raise ValidationError(f"第{number}届有会议在新的起止日期之外：{'、'.join(f'{m}' for m in outside[:10])}",
                              "先更正这些会议的日期或届次（rdtool meeting edit），再改届的起止日期")
    with corrections.write(store, reason, subject=("terms", number)) as report:
        sql.set_term_dates(store, number, new_start, new_end)
    return report


def _insert(store: Store, number: int, start: str, end: str | None) -> str | None:
    from datetime import date, timedelta

    if sql.term(store, number):
        raise RdtoolError(f"第{number}届已经存在", "用 rdtool term list 查看")
    note = None
    for other in sql.terms(store):
        if other["end_date"] is None and other["start_date"] < start and other["number"] < number:
            closed = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
            sql.close_term(store, other["number"], closed)
            note = f"第{other['number']}届的结束日期记为 {closed}"
            other = {**other, "end_date": closed}
        other_end = other["end_date"] or "9999-12-31"
        if other["start_date"] <= (end or "9999-12-31") and start <= other_end:
            raise ValidationError(f"第{number}届（{start} 至 {end or '—'}）与第{other['number']}届"
                                  f"（{other['start_date']} 至 {other['end_date'] or '—'}）的日期重叠")
    sql.add_term(store, number, start, end)
    return note


def check(store: Store, rows: list[Row]) -> list[RowError]:
    errors = []
    for row in rows:
        v = row.values
        if v.get("end_date") and v["end_date"] <= v["start_date"]:
            errors.append(RowError(row.number, "end_date", v["end_date"], "结束日期应晚于开始日期"))
        if sql.term(store, v["number"]):
            errors.append(RowError(row.number, "number", str(v["number"]), "该届已经存在"))
    return errors


def write(store: Store, rows: list[Row]) -> int:
    for row in rows:
        _insert(store, row.values["number"], row.values["start_date"], row.values.get("end_date"))
    return len(rows)


def export(store: Store, show_private: bool = False) -> Iterator[dict]:
    yield from sql.terms(store)


KIND = Kind("terms", "届次", FIELDS, write, export, check=check)
