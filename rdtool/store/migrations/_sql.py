"""The one helper migrations share (frozen with them)."""

from __future__ import annotations


def run_sql(db, script: str) -> None:
    """Run a script statement by statement, inside the migration's transaction.

    (sqlite3's executescript would COMMIT first and break the migration's atomicity.)
    """
    import sqlite3

    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)
