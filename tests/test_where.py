"""One WHERE-clause builder (docs/architecture.md, "Where a new … goes"): every list and filter of the store builds
its conditions with `rdtool.store.where.Where`, and `Where` binds every value (no value reaches the SQL text)."""

from __future__ import annotations

import re
from pathlib import Path

import rdtool

PACKAGE = Path(rdtool.__file__).parent
# A condition list joined by hand: `" AND ".join(…)`, `where.append(…)`, `sql += " AND …"`.
BY_HAND = re.compile(r"""["']\s*AND\s*["']\s*\.join\(|\bwhere\.append\(|\+=\s*f?["']\s*AND\b""")
# Matching a record by its primary key (not a filter): the change log's two key lookups.
KEY_MATCHES = {"store/changelog.py": 1, "store/changelog_undo.py": 2}


def test_no_store_module_joins_conditions_by_hand():
    found = {}
    for path in sorted((PACKAGE / "store").rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "store/where.py" or rel.startswith("store/migrations/"):
            continue
        n = len(BY_HAND.findall(path.read_text("utf-8")))
        if n != KEY_MATCHES.get(rel, 0):
            found[rel] = n
    assert found == {}


def test_filters_combined_keep_exactly_the_rows_each_would(sample):
    """Conditions ANDed: a list with two filters is the rows that pass both, computed here from the whole list."""
    everything = sample.json("proposal", "list")
    year = everything[-1]["submitted_on"][:4]
    both = sample.json("proposal", "list", "--year", year, "--kind", "建议")
    assert [r["code"] for r in both] == [r["code"] for r in everything
                                         if r["submitted_on"].startswith(year) and r["kind"] == "suggestion"]
    assert both and len(both) < len(everything)
    meetings = sample.json("meeting", "list")
    term, kind = meetings[0]["term"], meetings[0]["kind"]
    assert sample.json("meeting", "list", "--term", term, "--kind", kind) == [
        m for m in meetings if m["term"] == term and m["kind"] == kind]


def test_a_filter_value_is_bound_not_written_into_the_sql(sample):
    """A value with a quote and SQL in it is a value like any other: it matches nothing and breaks nothing."""
    assert sample.json("deputy", "list", "--name", "x' OR '1'='1") == []
    assert sample.json("proposal", "list", "--unit", "%' OR 1=1 --") == []
