"""The one resolution of a period: a term, a calendar year or a date range.

A record belongs to a period by its date. Every command that takes --year, --term or
--from/--to resolves them here, with the same rules and the same usage errors:
--year and --term exclude each other; --from and --to come together and exclude both;
a year lies between 1949 and 2200; --to is not before --from; a term that has not
ended (no end date) ends on `as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdtool.errors import NotFound, UsageError
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

YEAR_MIN, YEAR_MAX = 1949, 2200


@dataclass(frozen=True)
class Period:
    date_from: str
    date_to: str
    term: int | None
    kind: str     # term | annual | range
    label: str    # 第三届 / 2019年 / 2019-01-01至2019-06-30
    open_ended: bool = False  # a term without an end date (date_to is then the as_of day)

    def as_dict(self) -> dict:
        return {"from": self.date_from, "to": self.date_to, "term": self.term}

    @property
    def year(self) -> int | None:
        return int(self.date_from[:4]) if self.kind == "annual" else None

    def span_label(self) -> str:
        """The label of archives and listings: 2018年 / 第三届（2017-01-05 至 今） / 2018-06-01 至 2018-12-31."""
        if self.kind == "term":
            from rdtool.labels import chinese_numeral

            return f"第{chinese_numeral(self.term)}届（{self.date_from} 至 {'今' if self.open_ended else self.date_to}）"
        if self.kind == "annual":
            return self.label
        return f"{self.date_from} 至 {self.date_to}"


def year_bounds(year: int) -> tuple[str, str]:
    """(first day, last day) of a calendar year; a usage error outside 1949–2200."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise UsageError(f"年份 {year} 不合理", f"年份应在 {YEAR_MIN}–{YEAR_MAX} 之间，如 --year 2019")
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def check_range(date_from: str, date_to: str) -> None:
    if date_to < date_from:
        raise UsageError(f"--to {date_to} 早于 --from {date_from}")


def term_period(store: Store, number: int | None, as_of: str) -> Period:
    """A term (default: the current term, else the term in force on as_of); an open term ends on as_of."""
    from rdtool.labels import chinese_numeral

    if number is None:
        number = settings_sql.get(store, "current_term") or settings_sql.term_on(store, as_of)
    if number is None:
        raise UsageError("没有指定届次，数据库里也没有本届设置", "用 --term N 指定，或 rdtool config current_term N")
    row = settings_sql.term(store, number)
    if row is None:
        raise NotFound(f"没有第{number}届的记录", "用 rdtool term list 查看已有的届次")
    return Period(row["start_date"], row["end_date"] or as_of, number, "term", f"第{chinese_numeral(number)}届",
                  open_ended=row["end_date"] is None)


def annual_period(store: Store, year: int) -> Period:
    start, end = year_bounds(year)
    term = settings_sql.term_on(store, end) or settings_sql.term_on(store, start)
    return Period(start, end, term, "annual", f"{year}年")


def range_period(store: Store, date_from: str, date_to: str) -> Period:
    check_range(date_from, date_to)
    term = settings_sql.term_on(store, date_to) or settings_sql.term_on(store, date_from)
    return Period(date_from, date_to, term, "range", f"{date_from}至{date_to}")


def bounds_from_options(year: int | None = None, date_from: str | None = None,
                        date_to: str | None = None) -> tuple[str, str]:
    """(from, to) for --year or --from/--to where there is no single database (the county roll-up)."""
    _check_combination(year, None, date_from, date_to)
    if year is not None:
        return year_bounds(year)
    if not (date_from and date_to):
        raise UsageError("请用 --year，或同时用 --from 和 --to 指定期间")
    check_range(date_from, date_to)
    return date_from, date_to


def period_from_options(store: Store, year: int | None = None, term: int | None = None,
                        date_from: str | None = None, date_to: str | None = None, *, as_of: str,
                        default_term: int | None = None) -> Period:
    """The period named by a command's --year / --term / --from --to (or `default_term` when none is given)."""
    _check_combination(year, term, date_from, date_to)
    if year is not None:
        return annual_period(store, year)
    if date_from or date_to:
        return range_period(store, date_from, date_to)
    number = term if term is not None else default_term
    if number is None:
        raise UsageError("请用 --year、--term 或 --from/--to 指定期间")
    return term_period(store, number, as_of)


def _check_combination(year: int | None, term: int | None, date_from: str | None, date_to: str | None) -> None:
    if year is not None and term is not None:
        raise UsageError("--year 和 --term 只能选一个")
    if date_from or date_to:
        if year is not None or term is not None:
            raise UsageError("--from/--to 不能与 --year、--term 同用")
        if not (date_from and date_to):
            raise UsageError("--from 和 --to 须同时给出")
