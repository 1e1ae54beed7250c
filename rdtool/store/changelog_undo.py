"""The change log read back for `rdtool undo` (rdtool.services.admin.undo): commands newest first, a command's
entries and records, whether a later write changed them, and their reversal in batches."""

from __future__ import annotations

import json
from typing import Any, Iterator

from rdtool.store.changelog import _columns, _json, _key, _lookup, logged_tables
from rdtool.store.sqltext import ident


def commands_newest(store: Any, limit: int = 50) -> list[dict]:
    """Commands that wrote, newest first, with how many entries are their own and whether an undo reverted them."""
    return store.query(
        "SELECT c.id, c.at, c.argv, c.reason, c.undoes, c.first_log_id, c.last_log_id, "
        "(SELECT count(*) FROM change_log e WHERE e.command_id = c.id) AS entries, "
        "(SELECT u.id FROM commands u WHERE u.undoes = c.id ORDER BY u.id LIMIT 1) AS undone_by "
        "FROM commands c ORDER BY c.id DESC LIMIT ?", (limit,))


def command(store: Any, command_id: int) -> dict | None:
    rows = store.query(
        "SELECT c.id, c.at, c.argv, c.reason, c.undoes, c.first_log_id, c.last_log_id, "
        "(SELECT count(*) FROM change_log e WHERE e.command_id = c.id) AS entries, "
        "(SELECT u.id FROM commands u WHERE u.undoes = c.id ORDER BY u.id LIMIT 1) AS undone_by "
        "FROM commands c WHERE c.id = ?", (command_id,))
    return rows[0] if rows else None


class RecordSet:
    """The records a command touched, one row per record: table_name, row_id, before (of its first entry), after
    (of its last), last_id, first_id. A table whose records the command wrote once each (an import's) is read entry
    by entry through the log's command index, in order, as it streams; only the others are grouped by record (a
    sort of their entries). The inserts and deletes of the `links` tables are left out (see link_entries)."""

    def __init__(self, store: Any, command_id: int, links: tuple[str, ...] = ()):
        tables = store.conn.execute("SELECT table_name, count(*), count(DISTINCT row_id) FROM change_log "
                                    "WHERE command_id = ? GROUP BY table_name", (command_id,)).fetchall()
        self.count = sum(records for _, _, records in tables)
        skip = (f" AND NOT (table_name IN ({', '.join('?' for _ in links)}) AND action IN ('insert', 'delete'))"
                if links else "")
        self.parts: list[tuple[str, list]] = []
        for once in (True, False):
            names = [t for t, entries, records in tables if (entries == records) == once]
            if not names:
                continue
            # (+table_name: through the command's index, never every entry ever logged on those tables)
            where = f"command_id = ? AND +table_name IN ({', '.join('?' for _ in names)}){skip}"
            self.parts.append((
                f"SELECT table_name, row_id, before, after, id AS last_id, id AS first_id FROM change_log WHERE {where}"
                if once else
                "SELECT g.table_name, g.row_id, f.before, l.after, g.last_id, g.first_id FROM ("
                "SELECT table_name, row_id, min(id) AS first_id, max(id) AS last_id FROM change_log "
                f"WHERE {where} GROUP BY table_name, row_id) g "
                "JOIN change_log f ON f.id = g.first_id JOIN change_log l ON l.id = g.last_id",
                [command_id, *names, *links]))

    def select(self, columns: str, where: str, params: tuple = (), order: bool = True) -> tuple[str, list]:
        """SQL and parameters of `columns` of the records matching `where` (over the columns above), in the order
        first touched when `order` (each part streams in that order; SQLite merges them)."""
        if not self.parts:
            return "SELECT 1 WHERE 0", []
        sql = " UNION ALL ".join(f"SELECT {columns} FROM ({part}) WHERE {where}" for part, _ in self.parts)
        return sql + (" ORDER BY first_id" if order else ""), [p for _, ps in self.parts for p in (*ps, *params)]


def command_records(store: Any, records: RecordSet, after: int = 0) -> Iterator[dict]:
    """One row per record (RecordSet), in the order first touched; `after`: only those first touched after that
    entry."""
    return store.iter(*records.select("*", "first_id > ?", (after,)))


def records_after(store: Any, records: RecordSet, after: int = 0) -> tuple[int, Iterator[tuple[str, str, str]]]:
    """The records first touched after entry `after`: how many the command added or removed (counted by SQLite:
    an import's 100,000 added records are not read into Python), and (table_name, before, after) of those it
    changed, in the order first touched."""
    sql, params = records.select("1", "first_id > ? AND (before IS NULL) != (after IS NULL)", (after,), order=False)
    added_or_removed = store.scalar(f"SELECT count(*) FROM ({sql})", params)
    changed = store.conn.execute(*records.select("table_name, before, after, first_id",
                                                 "first_id > ? AND before IS NOT NULL AND after IS NOT NULL", (after,)))
    return added_or_removed, ((table, before, after_) for table, before, after_, _ in changed)


def link_entries(store: Any, command_id: int, links: tuple[str, ...]) -> list[dict]:
    """The inserts and deletes a command made in the `links` tables, oldest first."""
    if not links:
        return []
    return store.query(f"SELECT table_name, action, before, after FROM change_log WHERE command_id = ? "
                       f"AND table_name IN ({', '.join('?' for _ in links)}) AND action IN ('insert', 'delete') "
                       "ORDER BY id", (command_id, *links))


def first_changed_since(store: Any, command_id: int) -> dict | None:
    """The first record (table_name, row_id, after, last_id) a command wrote whose state now is not what the command
    left (None when every one is as it left it).

    One query per table: the command's last entry on each record against the record now, both as the triggers'
    JSON (the same expression over the same columns gives the same text), the record found through its key index.
    A table whose records the command wrote once each (an import's) is compared entry by entry, without grouping.
    """
    tables = store.conn.execute("SELECT table_name, count(*) = count(DISTINCT row_id) FROM change_log "
                                "WHERE command_id = ? GROUP BY table_name ORDER BY min(id)", (command_id,)).fetchall()
    existing = set(logged_tables(store.conn))
    for table, once in tables:
        # (+table_name: through the command's index, never every entry ever logged on the table)
        if table not in existing:
            row = store.one("SELECT table_name, row_id, after, max(id) AS last_id FROM change_log "
                            "WHERE command_id = ? AND +table_name = ? AND after IS NOT NULL GROUP BY row_id "
                            "ORDER BY min(id) LIMIT 1", (command_id, table))
        elif once:
            row = store.one(
                "SELECT l.table_name, l.row_id, l.after, l.id AS last_id FROM change_log l "
                f"WHERE l.command_id = ? AND +l.table_name = ? AND ({_now_sql(table, _columns(store.conn, table), 'l.row_id')}) IS NOT l.after "
                "ORDER BY l.id LIMIT 1", (command_id, table))
        else:
            row = store.one(
                f"SELECT g.table_name, g.row_id, l.after, g.last_id FROM ("
                "SELECT table_name, row_id, min(id) AS first_id, max(id) AS last_id FROM change_log "
                "WHERE command_id = ? AND +table_name = ? GROUP BY row_id) g JOIN change_log l ON l.id = g.last_id "
                f"WHERE ({_now_sql(table, _columns(store.conn, table), 'g.row_id')}) IS NOT l.after ORDER BY g.first_id LIMIT 1",
                (command_id, table))
        if row is not None:
            return {**row, "after": json.loads(row["after"]) if row["after"] else None}
    return None


def _now_sql(table: str, cols: list[tuple[str, str, int]], row_id: str) -> str:
    """A subquery giving the record `row_id` (entry `l`) of `table` now, as the log's JSON, through its index."""
    t = ident(table)
    pk = [n for _, n in sorted((pos, n) for n, _, pos in cols if pos)]
    if not pk:
        match = f"{t}.rowid = CAST({row_id} AS INTEGER)"
    else:
        match = " AND ".join(
            f"{t}.{ident(n)} = json_extract(coalesce(l.after, l.before), '$.\"{n}\"')" for n in pk)
        match += f" AND {_key(t, cols)} = {row_id}"
    return f"SELECT {_json(t, cols)} FROM {t} WHERE {match}"


def current_state(store: Any, table: str, row_id: str) -> dict | None:
    """The record now, as the log's JSON would write it (None when there is no such record)."""

    return _state(store, table, _columns(store.conn, table), row_id)


def _state(store: Any, table: str, cols: list, row_id: str) -> dict | None:
    where, params = _lookup(ident(table), cols, row_id)
    text = store.scalar(f"SELECT {_json(ident(table), cols)} FROM {ident(table)} WHERE {where}", params)
    return json.loads(text) if text is not None else None


def latest_entry_on(store: Any, table: str, row_id: str, after_id: int) -> dict | None:
    """The newest entry on a record after a given entry (who changed it since)."""
    return store.one("SELECT id, command_id FROM change_log WHERE table_name = ? AND row_id = ? AND id > ? "
                     "ORDER BY id DESC LIMIT 1", (table, str(row_id), after_id))


def revert_command(store: Any, command_id: int, chunk: int = 2000, batch: int = 5000) -> int:
    """Put back every record a command wrote, newest entry first, consecutive entries of the same shape (table,
    action, columns) with one statement; the reverting writes are logged by the triggers. Entries are read a chunk
    at a time and an insert's logged record is never read into Python (it is deleted through its key, which SQLite
    reads from the log): time and memory grow with the command, not faster. Returns how many entries."""
    run: list[tuple] = []
    shape = None
    count = 0
    for entry in _entries_newest_first(store, command_id, chunk):
        entry_id, table, row_id, before_text, removed = entry
        before = json.loads(before_text) if before_text else None
        s = (table, before is None, removed, tuple(before) if before else ())
        if run and (s != shape or len(run) >= batch):
            _revert_run(store, command_id, shape, run)
            run = []
        shape = s
        run.append((entry_id, row_id, before))
        count += 1
    if run:
        _revert_run(store, command_id, shape, run)
    return count


def _entries_newest_first(store: Any, command_id: int, chunk: int) -> Iterator[tuple]:
    """(id, table_name, row_id, before, whether the entry removed the record) of a command's entries, newest
    first, a chunk at a time (an import's 100,000 are never held at once)."""
    below = None
    while True:
        rows = store.conn.execute(
            "SELECT id, table_name, row_id, before, after IS NULL FROM change_log WHERE command_id = ? "
            + ("AND id < ? " if below is not None else "") + "ORDER BY id DESC LIMIT ?",
            (command_id, below, chunk) if below is not None else (command_id, chunk)).fetchall()
        if not rows:
            return
        yield from rows
        below = rows[-1][0]


def _revert_run(store: Any, command_id: int, shape: tuple, run: list[tuple]) -> None:
    """Revert a command's entries of one shape (same table, same action, same columns) with one statement;
    run: (id, row_id, before) newest first, consecutive among the command's entries."""
    table, inserted, removed, _ = shape
    cols = _columns(store.conn, table)
    t = ident(table)
    if inserted:  # delete the records, found through the key columns of the record each entry logged
        pk = [n for _, n in sorted((pos, n) for n, _, pos in cols if pos)]
        span = (command_id, run[-1][0], run[0][0])  # (the run is every entry of the command in its id span)
        if not pk:
            store.execute(f"DELETE FROM {t} WHERE rowid IN (SELECT CAST(row_id AS INTEGER) FROM change_log "
                          "WHERE command_id = ? AND id BETWEEN ? AND ?)", span)
        else:
            keys = ", ".join(f"json_extract(after, '$.\"{n}\"')" for n in pk)
            store.execute(f"DELETE FROM {t} WHERE ({', '.join(ident(n) for n in pk)}) IN (SELECT {keys} "
                          "FROM change_log WHERE command_id = ? AND id BETWEEN ? AND ?)", span)
        return
    befores = [before for _, _, before in run]
    names = [n for n, _, _ in cols if n in befores[0]]
    if removed:  # deletes: insert the records again
        store.conn.executemany(f"INSERT INTO {t} ({', '.join(ident(n) for n in names)}) "
                               f"VALUES ({', '.join('?' for _ in names)})", [[b[n] for n in names] for b in befores])
        return
    sets = ", ".join(f"{ident(n)} = ?" for n in names)
    by_where: dict[str, list] = {}
    for (_, row_id, before) in run:
        where, params = _lookup(t, cols, row_id)
        by_where.setdefault(where, []).append([*(before[n] for n in names), *params])
    for where, rows in by_where.items():  # (one WHERE unless a key value holds '/')
        store.conn.executemany(f"UPDATE {t} SET {sets} WHERE {where}", rows)
