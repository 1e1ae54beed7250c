"""Terms (届): each has a number and start and end dates. Five years (组织法 art. 9... see rules.deputies.TERM_YEARS)."""

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


def add(store: Store, number: int, start: str, end: str | None) -> None:
    if end and end <= start:
        raise ValidationError(f"第{number}届的结束日期 {end} 应晚于开始日期 {start}")
    with store.transaction():
        _insert(store, number, start, end)


def _insert(store: Store, number: int, start: str, end: str | None) -> None:
    if sql.term(store, number):
        raise RdtoolError(f"第{number}届已经存在", "用 rdtool term list 查看")
    sql.add_term(store, number, start, end)


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
