"""SQL for the streamed CSV/TSV exports: one query, rows as plain tuples in batches (constant memory)."""

from __future__ import annotations

from typing import Iterator

from rdtool import formula
from rdtool.store.db import Store
from rdtool.store.sqltext import ident, literal


def neutralised_sql(expr: str) -> str:
    """The formula guard in SQL (rdtool.formula): only text is neutralised (as cells.machine does)."""
    return formula.sql(expr)


def cell_sql(column: str, labels: dict[str, str] | None = None, yes_no: tuple[str, str] | None = None) -> str:
    """One exported cell: the stored value, or its label (an enum's code → label, a boolean → yes/no text)."""
    c = ident(column)
    if labels:
        cases = " ".join(f"WHEN {literal(code)} THEN {literal(text)}" for code, text in labels.items())
        return neutralised_sql(f"(CASE {c} {cases} ELSE {c} END)")
    if yes_no:
        return f"CASE WHEN {c} IS NULL THEN NULL WHEN {c} THEN {literal(yes_no[0])} ELSE {literal(yes_no[1])} END"
    return neutralised_sql(c)


def batches(store: Store, inner_sql: str, cells: list[str], size: int = 5000) -> Iterator[list[tuple]]:
    """The cells (SQL expressions from cell_sql) of `inner_sql`'s rows, in batches of tuples; the query runs
    before this returns."""
    cursor = store.conn.cursor()
    cursor.row_factory = None
    cursor.arraysize = size
    cursor.execute(f"SELECT {', '.join(cells)} FROM ({inner_sql})")

    def fetch() -> Iterator[list[tuple]]:
        while True:
            batch = cursor.fetchmany()
            if not batch:
                return
            yield batch

    return fetch()
