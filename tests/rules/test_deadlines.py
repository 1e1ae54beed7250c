"""Deadlines (代表法 2025 第五十一条; re-handling 一个月)."""

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdtool.rules.deadlines import add_months, days_overdue, rehandle_due, reply_due


@pytest.mark.parametrize(
    "start,n,expected",
    [
        (date(2021, 11, 30), 3, date(2022, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2021, 12, 15), 1, date(2022, 1, 15)),
        (date(2021, 10, 31), 3, date(2022, 1, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 5, 10), 0, date(2024, 5, 10)),
    ],
)
def test_add_months(start, n, expected):
    assert add_months(start, n) == expected


def test_add_months_out_of_range():
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)


def test_reply_due_default_and_complex():
    assert reply_due(date(2021, 11, 30), complex=False) == date(2022, 2, 28)
    assert reply_due(date(2023, 8, 31), complex=True) == date(2024, 2, 29)
    assert reply_due(date(2024, 3, 1), complex=False) == date(2024, 6, 1)


def test_reply_due_province_limits():
    assert reply_due(date(2024, 3, 1), complex=False, months=2, complex_months=4) == date(2024, 5, 1)
    assert reply_due(date(2024, 3, 1), complex=True, months=2, complex_months=4) == date(2024, 7, 1)


def test_rehandle_due():
    assert rehandle_due(date(2024, 1, 31)) == date(2024, 2, 29)
    assert rehandle_due(date(2024, 1, 31), months=2) == date(2024, 3, 31)


def test_days_overdue():
    due = date(2024, 6, 1)
    assert days_overdue(due, date(2024, 6, 1), date(2024, 12, 31)) == 0  # on the due date
    assert days_overdue(due, date(2024, 5, 20), date(2024, 12, 31)) == 0
    assert days_overdue(due, date(2024, 6, 2), date(2024, 12, 31)) == 1
    assert days_overdue(due, None, date(2024, 6, 1)) == 0
    assert days_overdue(due, None, date(2024, 6, 11)) == 10
    assert days_overdue(due, None, date(2024, 5, 1)) == 0
    # reply after as_of is not yet known on as_of
    assert days_overdue(due, date(2024, 7, 1), date(2024, 6, 11)) == 10


@settings(max_examples=200)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=-120, max_value=120))
def test_add_months_properties(d, n):
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day <= d.day
    if r.day < d.day:  # clamped: must be the target month's last day
        assert r.day == calendar.monthrange(r.year, r.month)[1]
