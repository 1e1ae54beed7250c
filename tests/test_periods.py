"""One period resolution (rdtool.services.terms.periods): the same rules for every --year/--term/--from/--to."""

from __future__ import annotations

import pytest

from rdtool.errors import NotFound, UsageError
from rdtool.services.terms.periods import bounds_from_options, period_from_options
from rdtool.store.opening import open_store


@pytest.fixture
def store(cli, db):
    cli("term", "add", "4", "--start", "2022-01-06")   # open-ended: no end date
    s = open_store(db)
    yield s
    s.close()


def test_terms_years_and_ranges(store):
    closed = period_from_options(store, term=3, as_of="2030-01-01")
    assert (closed.date_from, closed.date_to, closed.term, closed.kind) == ("2017-01-05", "2021-12-31", 3, "term")
    assert closed.span_label() == "第三届（2017-01-05 至 2021-12-31）"
    open_term = period_from_options(store, term=4, as_of="2024-05-01")
    assert (open_term.date_to, open_term.open_ended) == ("2024-05-01", True)   # an open term ends on as_of
    assert open_term.span_label() == "第四届（2022-01-06 至 今）"
    year = period_from_options(store, year=2019, as_of="2030-01-01")
    assert (year.date_from, year.date_to, year.term, year.year, year.label) == ("2019-01-01", "2019-12-31", 3,
                                                                                 2019, "2019年")
    span = period_from_options(store, date_from="2021-06-01", date_to="2022-03-01", as_of="2030-01-01")
    assert (span.term, span.kind, span.span_label()) == (4, "range", "2021-06-01 至 2022-03-01")
    assert period_from_options(store, as_of="2030-01-01", default_term=3) == closed
    assert period_from_options(store, year=1949, as_of="x").date_from == "1949-01-01"
    assert period_from_options(store, year=2200, as_of="x").date_to == "2200-12-31"


@pytest.mark.parametrize("options", [
    {"year": 2019, "term": 3},
    {"year": 2019, "date_from": "2019-01-01", "date_to": "2019-06-30"},
    {"term": 3, "date_from": "2019-01-01", "date_to": "2019-06-30"},
    {"date_from": "2019-01-01"},
    {"date_to": "2019-01-01"},
    {"date_from": "2019-01-02", "date_to": "2019-01-01"},
    {"year": 1948},
    {"year": 2201},
    {"year": 99999},
    {},
])
def test_bad_combinations_are_usage_errors(store, options):
    with pytest.raises(UsageError):
        period_from_options(store, as_of="2030-01-01", **options)


def test_unknown_term_is_not_found(store):
    with pytest.raises(NotFound):
        period_from_options(store, term=9, as_of="2030-01-01")


def test_bounds_without_a_database():
    assert bounds_from_options(year=2019) == ("2019-01-01", "2019-12-31")
    assert bounds_from_options(date_from="2019-01-01", date_to="2019-01-01") == ("2019-01-01", "2019-01-01")
    for bad in ({}, {"year": 2019, "date_from": "2019-01-01", "date_to": "2019-02-01"}, {"year": 3000},
                {"date_from": "2019-02-01", "date_to": "2019-01-01"}, {"date_to": "2019-01-01"}):
        with pytest.raises(UsageError):
            bounds_from_options(**bad)
