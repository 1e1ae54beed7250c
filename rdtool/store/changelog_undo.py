"""The change log read back for `rdtool undo` (rdtool.services.admin.undo): commands newest first, a command's
entries and records, whether a later write changed them, and their reversal in batches."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

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


def command_entries(store: Any, command_id: int) -> list[dict]:
    return store.query("SELECT id, at, table_name, row_id, action, before, after, command_id FROM change_log "
                       "WHERE command_id = ? ORDER BY id", (command_id,))


def command_records(store: Any, command_id: int, links: tuple[str, ...] = ()) -> Iterator[dict]:
    """One row per record a command touched, in the order first touched: table_name, row_id, before (of its first
    entry), after and last_id (of its last entry). SQLite groups the entries (an import's are not held in Python).
    The inserts and deletes of the `links` tables are left out (see link_entries)."""
    skip = (f" AND NOT (table_name IN ({', '.join('?' for _ in links)}) AND action IN ('insert', 'delete'))"
            if links else "")
    return store.iter(
        "SELECT g.table_name, g.row_id, f.before, l.after, g.last_id FROM ("
        "SELECT table_name, row_id, min(id) AS first_id, max(id) AS last_id FROM change_log "
        f"WHERE command_id = ?{skip} GROUP BY table_name, row_id) g "
        "JOIN change_log f ON f.id = g.first_id JOIN change_log l ON l.id = g.last_id ORDER BY g.first_id",
        (command_id, *links))


def link_entries(store: Any, command_id: int, links: tuple[str, ...]) -> list[dict]:
    """The inserts and deletes a command made in the `links` tables, oldest first."""
    if not links:
        return []
    return store.query(f"SELECT table_name, action, before, after FROM change_log WHERE command_id = ? "
                       f"AND table_name IN ({', '.join('?' for _ in links)}) AND action IN ('insert', 'delete') "
                       "ORDER BY id", (command_id, *links))


def command_record_count(store: Any, command_id: int) -> int:
    return store.scalar("SELECT count(*) FROM (SELECT DISTINCT table_name, row_id FROM change_log "
                        "WHERE command_id = ?)", (command_id,))


def first_changed_since(store: Any, command_id: int) -> dict | None:
    """The first record (table_name, row_id, after, last_id) a command wrote whose state now is not what the command
    left (None when every one is as it left it).

    One query per table: the command's last entry on each record against the record now, both as the triggers'
    JSON (the same expression over the same columns gives the same text), the record found through its key index.
    """
    tables = [t for (t,) in store.conn.execute(
        "SELECT table_name FROM change_log WHERE command_id = ? GROUP BY table_name ORDER BY min(id)", (command_id,))]
    existing = set(logged_tables(store.conn))
    for table in tables:
        if table not in existing:
            row = store.one("SELECT table_name, row_id, after, max(id) AS last_id FROM change_log "
                            "WHERE command_id = ? AND table_name = ? AND after IS NOT NULL GROUP BY row_id "
                            "ORDER BY min(id) LIMIT 1", (command_id, table))
        else:
            cols = _columns(store.conn, table)
            row = store.one(
                f"SELECT g.table_name, g.row_id, l.after, g.last_id FROM ("
                "SELECT table_name, row_id, min(id) AS first_id, max(id) AS last_id FROM change_log "
                "WHERE command_id = ? AND table_name = ? GROUP BY row_id) g JOIN change_log l ON l.id = g.last_id "
                f"WHERE ({_now_sql(table, cols)}) IS NOT l.after ORDER BY g.first_id LIMIT 1", (command_id, table))
        if row is not None:
            return {**row, "after": json.loads(row["after"]) if row["after"] else None}
    return None


def _now_sql(table: str, cols: list[tuple[str, str, int]]) -> str:
    """A subquery giving the record `g.row_id` (entry `l`) of `table` now, as the log's JSON, through its index."""
    t = ident(table)
    pk = [n for _, n in sorted((pos, n) for n, _, pos in cols if pos)]
    if not pk:
        match = f"{t}.rowid = CAST(g.row_id AS INTEGER)"
    else:
        match = " AND ".join(
            f"{t}.{ident(n)} = json_extract(coalesce(l.after, l.before), '$.\"{n}\"')" for n in pk)
        match += f" AND {_key(t, cols)} = g.row_id"
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


def revert(store: Any, entry: dict) -> None:
    """Put a record back as it was before one log entry (the reverting write is logged by the triggers)."""
    _revert_run(store, [entry])


def command_entries_newest_first(store: Any, command_id: int, chunk: int = 2000) -> Iterator[dict]:
    """A command's entries, newest first, read a chunk at a time (an import's 100,000 are never held at once)."""
    below = None
    while True:
        rows = store.query("SELECT id, table_name, row_id, action, before, after FROM change_log WHERE command_id = ? "
                           + ("AND id < ? " if below is not None else "") + "ORDER BY id DESC LIMIT ?",
                           (command_id, below, chunk) if below is not None else (command_id, chunk))
        if not rows:
            return
        yield from rows
        below = rows[-1]["id"]


def revert_all(store: Any, entries: Iterable[dict], batch: int = 500) -> int:
    """Revert entries in the order given (newest first), consecutive ones of the same shape in one executemany.
    Returns how many were reverted."""
    run: list[dict] = []
    shape = None
    count = 0
    for e in entries:
        e["_before"] = before = json.loads(e["before"]) if e["before"] else None
        s = (e["table_name"], before is None, e["after"] is None, tuple(before) if before else ())
        if run and (s != shape or len(run) >= batch):
            _revert_run(store, run)
            run = []
        shape = s
        run.append(e)
        count += 1
    if run:
        _revert_run(store, run)
    return count


def _revert_run(store: Any, run: list[dict]) -> None:
    """Revert entries of one shape (same table, same action, same columns) with one statement."""
    first = run[0]
    table = first["table_name"]
    cols = _columns(store.conn, table)
    t = ident(table)
    befores = [e["_before"] if "_before" in e else (json.loads(e["before"]) if e["before"] else None) for e in run]
    if befores[0] is None:  # inserts: delete the records, found through their key columns in the logged record
        pk = [n for _, n in sorted((pos, n) for n, _, pos in cols if pos)]
        ids = json.dumps([e["id"] for e in run])
        if not pk:
            store.execute(f"DELETE FROM {t} WHERE rowid IN (SELECT CAST(row_id AS INTEGER) FROM change_log "
                          "WHERE id IN (SELECT value FROM json_each(?)))", (ids,))
        else:
            keys = ", ".join(f"json_extract(after, '$.\"{n}\"')" for n in pk)
            store.execute(f"DELETE FROM {t} WHERE ({', '.join(ident(n) for n in pk)}) IN (SELECT {keys} "
                          "FROM change_log WHERE id IN (SELECT value FROM json_each(?)))", (ids,))
        return
    names = [n for n, _, _ in cols if n in befores[0]]
    if first["after"] is None:  # deletes: insert the records again
        store.conn.executemany(f"INSERT INTO {t} ({', '.join(ident(n) for n in names)}) "
                               f"VALUES ({', '.join('?' for _ in names)})", [[b[n] for n in names] for b in befores])
        return
    sets = ", ".join(f"{ident(n)} = ?" for n in names)
    by_where: dict[str, list] = {}
    for e, before in zip(run, befores):
        where, params = _lookup(t, cols, e["row_id"])
        by_where.setdefault(where, []).append([*(before[n] for n in names), *params])
    for where, rows in by_where.items():  # (one WHERE unless a key value holds '/')
        store.conn.executemany(f"UPDATE {t} SET {sets} WHERE {where}", rows)
