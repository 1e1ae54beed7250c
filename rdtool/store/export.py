"""SQL for the streamed CSV/TSV exports: one query, rows as plain tuples in batches (constant memory)."""

from __future__ import annotations

from typing import Iterator

from rdtool.store.db import Store


def neutralised_sql(column: str) -> str:
    """render.neutralise in SQL: text starting with = + - @ tab or CR gets a leading apostrophe."""
    c = '"' + column.replace('"', '""') + '"'
    # = + - @ tab CR by code point: cheaper than substr(); only text is neutralised (as render.machine does)
    return (f"CASE WHEN unicode({c}) IN (61, 43, 45, 64, 9, 13) AND typeof({c}) = 'text' "
            f"THEN '''' || {c} ELSE {c} END")


def batches(store: Store, inner_sql: str, columns: list[str], size: int = 5000) -> Iterator[list[tuple]]:
    """The columns of `inner_sql`, neutralised, in batches of tuples; the query runs before this returns."""
    cursor = store.conn.cursor()
    cursor.row_factory = None
    cursor.arraysize = size
    cursor.execute(f"SELECT {', '.join(neutralised_sql(c) for c in columns)} FROM ({inner_sql})")

    def fetch() -> Iterator[list[tuple]]:
        while True:
            batch = cursor.fetchmany()
            if not batch:
                return
            yield batch

    return fetch()
