"""The change log, written by the database itself.

Every table gets three triggers (after insert, update, delete) that append a row to
`change_log` with the time, the table, the record's key and the whole record before and
after as JSON. No code path can forget to log: a write made with the sqlite3 shell is
logged too. The triggers are rebuilt from each table's current columns after every
schema migration (`install`, called at the end of `store.db._apply_migrations`), so the
tables and columns added by later migrations are covered without touching this module.

An update that changes nothing is not logged; an update that sets `voided_at` on a
record that was not voided is logged as action `void`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

TRIGGER_PREFIX = "_rdlog_"
CHANGE_LOG = "change_log"

# Created by migration m701_change_log (rdtool.store.schema).
SCHEMA = """
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL,             -- insert | update | void | delete
    before TEXT,                      -- JSON: the record before (update, void, delete)
    after TEXT                        -- JSON: the record after (insert, update, void)
);
CREATE INDEX change_log_record ON change_log(table_name, row_id);
"""
# No index on `at`: it would make every logged write of a bulk import a third slower; --since scans.

_JSON_ARGS = 100  # json_object(...) arguments per call (SQLite allows at least 127)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def logged_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table whose writes are logged (not the log, the migrations, FTS or sqlite's own)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    out = []
    for name, sql in rows:
        if name.startswith("sqlite_") or name in (CHANGE_LOG, "_sqlite_migrations") or "_fts" in name:
            continue
        if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            continue
        out.append(name)
    return out


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int]]:
    """(name, declared type, primary-key position) of each column."""
    return [(r[1], (r[2] or "").upper(), r[5]) for r in conn.execute(f"PRAGMA table_info({_q(table)})")]


def _json(ref: str, cols: list[tuple[str, str, int]]) -> str:
    def value(name: str, decl: str) -> str:
        expr = f"{ref}.{_q(name)}"
        return f"hex({expr})" if "BLOB" in decl else expr

    parts = []
    for i in range(0, len(cols), _JSON_ARGS // 2):
        chunk = cols[i:i + _JSON_ARGS // 2]
        parts.append("json_object(" + ", ".join(f"'{n.replace(chr(39), chr(39) * 2)}', {value(n, d)}"
                                                  for n, d, _ in chunk) + ")")
    expr = parts[0]
    for p in parts[1:]:
        expr = f"json_patch({expr}, {p})"
    return expr


def _key(ref: str, cols: list[tuple[str, str, int]]) -> str:
    pk = sorted((pos, n) for n, _, pos in cols if pos)
    if not pk:
        return f"{ref}.rowid"
    if len(pk) == 1:
        return f"{ref}.{_q(pk[0][1])}"
    return " || '/' || ".join(f"{ref}.{_q(n)}" for _, n in pk)


def key_expression(conn: sqlite3.Connection, table: str) -> str:
    """The SQL expression (over the table's own columns) that gives a record's row_id in the log."""
    cols = _columns(conn, table)
    return _key(_q(table), cols)


def trigger_sql(conn: sqlite3.Connection, table: str) -> list[str]:
    cols = _columns(conn, table)
    names = [n for n, _, _ in cols]
    t = _q(table)
    tn = table.replace("'", "''")
    trig = lambda suffix: _q(f"{TRIGGER_PREFIX}{table}_{suffix}")  # noqa: E731
    changed = " OR ".join(f"OLD.{_q(n)} IS NOT NEW.{_q(n)}" for n in names) or "0"
    action = ("CASE WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL THEN 'void' ELSE 'update' END"
              if "voided_at" in names else "'update'")
    insert = f"INSERT INTO {CHANGE_LOG} (table_name, row_id, action, before, after) VALUES"
    return [
        f"CREATE TRIGGER {trig('insert')} AFTER INSERT ON {t} BEGIN {insert} "
        f"('{tn}', {_key('NEW', cols)}, 'insert', NULL, {_json('NEW', cols)}); END",
        f"CREATE TRIGGER {trig('update')} AFTER UPDATE ON {t} WHEN {changed} BEGIN {insert} "
        f"('{tn}', {_key('NEW', cols)}, {action}, {_json('OLD', cols)}, {_json('NEW', cols)}); END",
        f"CREATE TRIGGER {trig('delete')} AFTER DELETE ON {t} BEGIN {insert} "
        f"('{tn}', {_key('OLD', cols)}, 'delete', {_json('OLD', cols)}, NULL); END",
    ]


def install(conn: sqlite3.Connection) -> int:
    """Drop rdtool's log triggers and create them again for every current table; returns how many tables.

    The caller runs this inside a transaction. Without the change_log table (a database
    from before m701) nothing is done.
    """
    uninstall(conn)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CHANGE_LOG,)).fetchone():
        return 0
    tables = logged_tables(conn)
    for table in tables:
        for sql in trigger_sql(conn, table):
            conn.execute(sql)
    return len(tables)


def uninstall(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
                                (TRIGGER_PREFIX.replace("_", "\\_") + "%",)).fetchall():
        conn.execute(f"DROP TRIGGER {_q(name)}")


def installed(conn: sqlite3.Connection) -> dict[str, int]:
    """table -> number of rdtool log triggers on it (for checks and tests)."""
    out: dict[str, int] = {}
    for (tbl,) in conn.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
                               (TRIGGER_PREFIX.replace("_", "\\_") + "%",)):
        out[tbl] = out.get(tbl, 0) + 1
    return out


def entries(store: Any, table: str | None = None, since: str | None = None, record: str | None = None,
            limit: int | None = None) -> list[dict]:
    """Log entries, oldest first (the newest `limit` when limited)."""
    where, params = [], []
    if table:
        where.append("table_name = ?")
        params.append(table)
    if since:
        where.append("at >= ?")
        params.append(since)
    if record is not None:
        where.append("row_id = ?")
        params.append(str(record))
    sql = "SELECT id, at, table_name, row_id, action, before, after FROM change_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.query(sql, params)
    rows.reverse()
    return rows


def inserted_at(store: Any, table: str, row_id: str) -> str | None:
    """When the record was inserted (from the log), or None when the log does not say."""
    return store.scalar("SELECT at FROM change_log WHERE table_name = ? AND row_id = ? AND action = 'insert' "
                        "ORDER BY id DESC LIMIT 1", (table, str(row_id)))


# ---- records of any logged table, by their log key (voiding, the rare true delete) ----------------------

def column_names(store: Any, table: str) -> list[str]:
    return [name for name, _, _ in _columns(store.conn, table)]


def find_record(store: Any, table: str, key_value: Any) -> dict | None:
    """The record whose log key is `key_value`, with the key as `_key`."""
    key = key_expression(store.conn, table)
    return store.one(f"SELECT *, {key} AS _key FROM {_q(table)} WHERE {key} = ?", (key_value,))


def void_record(store: Any, table: str, key_value: Any, at: str, reason: str) -> None:
    key = key_expression(store.conn, table)
    store.execute(f"UPDATE {_q(table)} SET voided_at = ?, void_reason = ? WHERE {key} = ?", (at, reason, key_value))


def delete_record(store: Any, table: str, key_value: Any) -> None:
    store.execute(f"DELETE FROM {_q(table)} WHERE {key_expression(store.conn, table)} = ?", (key_value,))


def dependents(store: Any, table: str, row: dict) -> list[tuple[str, str, dict]]:
    """(table, key, row) of every record whose foreign key points at this one, deepest first."""
    out = []
    for child in logged_tables(store.conn):
        for fk in store.query(f"PRAGMA foreign_key_list({_q(child)})"):
            if fk["table"] != table:
                continue
            parent_col = fk["to"] or "id"
            if parent_col not in row:
                continue
            key = key_expression(store.conn, child)
            for r in store.query(f'SELECT *, {key} AS _key FROM {_q(child)} WHERE {_q(fk["from"])} = ?',
                                 (row[parent_col],)):
                out.extend(dependents(store, child, r))
                out.append((child, str(r["_key"]), r))
    return out
