"""SQL that finds stored values breaking the field rules (rows written by other programs), table by table.

A rule is one of: `enum` (one of the given codes), `date` (ISO YYYY-MM-DD, a real day), `month` (a date or
YYYY-MM), `int` (a whole number, at least the given minimum), `bool` (0 or 1). NULL is always allowed here
(the schema's NOT NULL covers required values). Every check is one query per table, reading it once whatever the
number of its rules, so `db check` on a county database of 200,000 rows stays quick.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from rdtool.store import changelog
from rdtool.store.db import Store
from rdtool.store.sqltext import ident, literal

_DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_MONTH = "[0-9][0-9][0-9][0-9]-[0-9][0-9]"


class Rule(NamedTuple):
    kind: str                    # enum | date | month | int | bool
    codes: tuple[str, ...] = ()  # enum
    minimum: int | None = None   # int


class Violation(NamedTuple):
    table: str
    record: str
    column: str
    value: Any
    rule: Rule


def _bad(column: str, rule: Rule) -> str:
    c = ident(column)
    if rule.kind == "enum":
        return f"{c} IS NOT NULL AND (typeof({c}) != 'text' OR {c} NOT IN ({', '.join(map(literal, rule.codes))}))"
    if rule.kind == "date":
        return f"{c} IS NOT NULL AND NOT (typeof({c}) = 'text' AND {c} GLOB '{_DAY}' AND date({c}, '+0 days') IS {c})"
    if rule.kind == "month":
        return (f"{c} IS NOT NULL AND NOT (typeof({c}) = 'text' AND ({c} GLOB '{_DAY}' AND date({c}, '+0 days') IS {c} "
                f"OR {c} GLOB '{_MONTH}' AND date({c} || '-01', '+0 days') IS {c} || '-01'))")
    if rule.kind == "bool":
        return f"{c} IS NOT NULL AND (typeof({c}) != 'integer' OR {c} NOT IN (0, 1))"
    low = f" OR {c} < {int(rule.minimum)}" if rule.minimum is not None else ""
    return f"{c} IS NOT NULL AND (typeof({c}) != 'integer'{low})"


def integer_columns(store: Store, table: str) -> list[str]:
    """Columns declared INTEGER (SQLite keeps text such as 'abc' in them as it is)."""
    return [r["name"] for r in store.query(f"PRAGMA table_info({ident(table)})") if "INT" in (r["type"] or "").upper()]


def columns(store: Store, table: str) -> set[str]:
    return {r["name"] for r in store.query(f"PRAGMA table_info({ident(table)})")}


def violations(store: Store, table: str, rules: dict[str, Rule], limit: int | None = None) -> Iterator[Violation]:
    """The stored values of `table` breaking `rules` (column -> Rule), by record key, one per (record, column)."""
    have = columns(store, table)
    rules = {c: r for c, r in rules.items() if c in have}
    if not rules:
        return
    key = changelog.key_expression(store.conn, table)
    cols = list(rules)
    # one pass over the table: each row with a bad value, its values and which of them break their rule
    bad = [f"({_bad(c, rules[c])})" for c in cols]
    sql = (f"SELECT {key}, {', '.join(ident(c) for c in cols)}, {', '.join(bad)} FROM {ident(table)} "
           f"WHERE {' OR '.join(bad)}")
    found = 0
    for row in store.conn.execute(sql):
        for i, c in enumerate(cols):
            if row[1 + len(cols) + i]:
                if limit is not None and found >= limit:
                    return
                found += 1
                yield Violation(table, str(row[0]), c, row[1 + i], rules[c])


def bad_settings(store: Store) -> list[tuple[str, str]]:
    """(key, value) of each setting whose value is not valid JSON."""
    return [(r["key"], r["value"]) for r in store.query(
        "SELECT key, value FROM settings WHERE typeof(value) != 'text' OR json_valid(value) = 0 ORDER BY key")]
