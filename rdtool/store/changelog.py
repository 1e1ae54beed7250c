"""The change log, written by the database itself.

Every table gets three triggers (after insert, update, delete) that append a row to
`change_log` with the time, the table, the record's key and the whole record before and
after as JSON. No code path can forget to log: a write made with the sqlite3 shell is
logged too. The triggers are rebuilt from each table's current columns after every
schema migration (`install`, called at the end of `store.opening._apply_migrations`), so the
tables and columns added by later migrations are covered without touching this module.

An update that changes nothing is not logged; an update that sets `voided_at` on a
record that was not voided is logged as action `void`.

Commands and the sealed chain (migration m1100_commands): when an rdtool write transaction commits
(`Store.transaction`), the log entries it wrote are grouped under one row of `commands` (the command line, the
time, an optional reason) — `rdtool undo` reverts a command as a whole — and every entry not yet sealed gets a
`hash` chained to the entry before it (SHA-256 over the previous hash and the entry's fields), so an entry
deleted or altered afterwards by another program breaks the chain at a place `db check` can name. Entries that
other programs (sqlite3, sqlite-utils, Datasette) write through the triggers carry no command and are sealed into
the chain by the next rdtool write. The chain makes tampering evident, not impossible: a program that rewrites
the whole log and every hash after it is not detected.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from contextvars import ContextVar
from typing import Any, Iterator

from rdtool.store.sqltext import ident
from rdtool.store.where import Where

TRIGGER_PREFIX = "_rdlog_"
CHANGE_LOG = "change_log"
COMMANDS = "commands"

# The tables change_log and commands are made by migrations m701_change_log and m1100_commands
# (rdtool.store.migrations). No index on `at`: it would make every logged write of a bulk import a third
# slower; --since scans.

# The command line being run (set by rdtool.cli.main, private values masked), recorded with the entries a
# commit seals.
COMMAND_LINE: ContextVar[tuple[str, ...]] = ContextVar("rdtool_command_line", default=())
_PRIVATE_OPTIONS = ("--id-number", "--phone")
# database file -> the command entry this run's earlier commits created (a command that commits more than once
# is still one command: `undo` reverts it whole)
_RUN_COMMANDS: dict[str, int] = {}


def set_command_line(argv: list[str]) -> None:
    """Remember the command line for the command entry; ID and phone numbers typed as options are masked."""
    _RUN_COMMANDS.clear()
    if not any(a.split("=", 1)[0] in _PRIVATE_OPTIONS for a in argv):  # (most commands: no fields import)
        COMMAND_LINE.set(tuple(argv))
        return
    from rdtool.fields import mask_id, mask_phone

    out: list[str] = []
    for i, arg in enumerate(argv):
        option = argv[i - 1] if i else ""
        if option in _PRIVATE_OPTIONS:
            arg = mask_id(arg) if option == "--id-number" else mask_phone(arg)
        elif "=" in arg and arg.split("=", 1)[0] in _PRIVATE_OPTIONS:
            name, value = arg.split("=", 1)
            arg = f"{name}={mask_id(value) if name == '--id-number' else mask_phone(value)}"
        out.append(arg)
    COMMAND_LINE.set(tuple(out))


_JSON_ARGS = 100  # json_object(...) arguments per call (SQLite allows at least 127)


def logged_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table whose writes are logged (not the log, the migrations, FTS or sqlite's own)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    out = []
    for name, sql in rows:
        if name.startswith("sqlite_") or name in (CHANGE_LOG, COMMANDS, "_sqlite_migrations") or "_fts" in name:
            continue
        if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            continue
        out.append(name)
    return out


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int]]:
    """(name, declared type, primary-key position) of each column."""
    return [(r[1], (r[2] or "").upper(), r[5]) for r in conn.execute(f"PRAGMA table_info({ident(table)})")]


def _json(ref: str, cols: list[tuple[str, str, int]]) -> str:
    def value(name: str, decl: str) -> str:
        expr = f"{ref}.{ident(name)}"
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
        return f"{ref}.{ident(pk[0][1])}"
    return " || '/' || ".join(f"{ref}.{ident(n)}" for _, n in pk)


def _lookup(ref: str, cols: list[tuple[str, str, int]], row_id: Any) -> tuple[str, list]:
    """A WHERE clause finding the record whose log key is `row_id` through the table's primary key index.

    A composite key's row_id ('12/345') is split into its columns (checked against the whole key too, for values
    that themselves hold '/'); comparing the concatenation alone would read the whole table for every record.
    """
    whole, split, width = _lookup_sql(ref, tuple(cols))
    if split is None:
        return whole, [row_id]
    parts = str(row_id).split("/")
    if len(parts) != width:
        return whole, [row_id]
    return split, [*parts, row_id]


@functools.lru_cache(maxsize=256)
def _lookup_sql(ref: str, cols: tuple[tuple[str, str, int], ...]) -> tuple[str, str | None, int]:
    pk = [n for _, n in sorted((pos, n) for n, _, pos in cols if pos)]
    whole = f"{_key(ref, list(cols))} = ?"
    if len(pk) < 2:
        return whole, None, len(pk)
    return whole, " AND ".join([*(f"{ref}.{ident(n)} = ?" for n in pk), whole]), len(pk)


def key_where(conn: sqlite3.Connection, table: str, row_id: Any) -> tuple[str, list]:
    """(WHERE clause, parameters) that find one record of `table` by its log key, through its index."""
    return _lookup(ident(table), _columns(conn, table), row_id)


def key_expression(conn: sqlite3.Connection, table: str) -> str:
    """The SQL expression (over the table's own columns) that gives a record's row_id in the log."""
    cols = _columns(conn, table)
    return _key(ident(table), cols)


def trigger_sql(conn: sqlite3.Connection, table: str) -> list[str]:
    cols = _columns(conn, table)
    names = [n for n, _, _ in cols]
    t = ident(table)
    tn = table.replace("'", "''")
    trig = lambda suffix: ident(f"{TRIGGER_PREFIX}{table}_{suffix}")  # noqa: E731
    changed = " OR ".join(f"OLD.{ident(n)} IS NOT NEW.{ident(n)}" for n in names) or "0"
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
        conn.execute(f"DROP TRIGGER {ident(name)}")


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
    where = Where().equals("table_name", table or None).when(since or None, "at >= ?")
    where.equals("row_id", str(record) if record is not None else None)
    rows = store.query(f"SELECT id, at, table_name, row_id, action, before, after FROM change_log {where.sql} "
                       f"ORDER BY id DESC{' LIMIT :limit' if limit else ''}", {**where.params, "limit": limit})
    rows.reverse()
    return rows


def entries_between(store: Any, after_id: int, upto_id: int | None = None,
                    tables: tuple[str, ...] | None = None) -> list[dict]:
    """Entries with after_id < id <= upto_id (what one transaction wrote so far), oldest first."""
    where = Where().add("id > ?", after_id).when(upto_id, "id <= ?").one_of("table_name", tables or None)
    return store.query("SELECT id, at, table_name, row_id, action, before, after, command_id FROM change_log "
                       f"{where.sql} ORDER BY id", where.params)


def fields_between(store: Any, after_id: int, upto_id: int | None, table: str, fields: tuple[str, ...]) -> list[tuple]:
    """(action, before.f1, after.f1, before.f2, after.f2, …) of a table's entries in a span, read by SQLite's
    JSON functions (a bulk import's entries are not parsed one by one in Python)."""
    return list(iter_fields_between(store, after_id, upto_id, table, fields))


def iter_fields_between(store: Any, after_id: int, upto_id: int | None, table: str,
                        fields: tuple[str, ...], changed: bool = False) -> Iterator[tuple]:
    """fields_between as they are read, oldest first (`upto_id` None: to the newest): an import's 100,000 entries
    are never held at once. The caller writes nothing while it reads. `changed`: only the entries that changed a
    record (not its insert or delete)."""
    cols = ", ".join(f"json_extract(before, '$.{f}'), json_extract(after, '$.{f}')" for f in fields)
    # (by the id's range — `+table_name` keeps SQLite off the (table_name, row_id) index, which would read the
    # table's whole history and sort it)
    where = Where().add("+table_name = ?", table).add("id > ?", after_id).when(upto_id, "id <= ?")
    if changed:
        where.add("action NOT IN ('insert', 'delete')")
    yield from store.conn.execute(f"SELECT action, {cols} FROM change_log {where.sql} ORDER BY id", where.params)


def terms_inserted_or_deleted(store: Any, after_id: int, upto_id: int | None) -> list[tuple]:
    """(before.term, after.term) of the deputies inserted or deleted by the entries in a span, each pair once."""
    where = (Where().add("+table_name = 'deputies'").add("id > ?", after_id).when(upto_id, "id <= ?")
             .add("action IN ('insert', 'delete')"))
    return store.conn.execute("SELECT DISTINCT json_extract(before, '$.term'), json_extract(after, '$.term') "
                              f"FROM change_log {where.sql}", where.params).fetchall()


def last_before(store: Any, table: str, row_id: str) -> dict | None:
    """The record as it was before its most recent deletion (None when it was never deleted)."""

    text = store.scalar("SELECT before FROM change_log WHERE table_name = ? AND row_id = ? AND action = 'delete' "
                        "ORDER BY id DESC LIMIT 1", (table, str(row_id)))
    return json.loads(text) if text else None


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
    where, params = key_where(store.conn, table, key_value)
    return store.one(f"SELECT *, {key} AS _key FROM {ident(table)} WHERE {where}", params)


def void_record(store: Any, table: str, key_value: Any, at: str, reason: str) -> None:
    where, params = key_where(store.conn, table, key_value)
    store.execute(f"UPDATE {ident(table)} SET voided_at = ?, void_reason = ? WHERE {where}", (at, reason, *params))


def delete_record(store: Any, table: str, key_value: Any) -> None:
    where, params = key_where(store.conn, table, key_value)
    store.execute(f"DELETE FROM {ident(table)} WHERE {where}", params)


def dependents(store: Any, table: str, row: dict) -> list[tuple[str, str, dict]]:
    """(table, key, row) of every record whose foreign key points at this one, deepest first.

    A table's reference to itself (deputies.person_id: the mandates of one person) groups rows, it does not make
    one depend on another: deleting a mandate never deletes the person's other mandates."""
    out = []
    for child in logged_tables(store.conn):
        for fk in store.query(f"PRAGMA foreign_key_list({ident(child)})"):
            if fk["table"] != table or child == table:
                continue
            parent_col = fk["to"] or "id"
            if parent_col not in row:
                continue
            key = key_expression(store.conn, child)
            for r in store.query(f'SELECT *, {key} AS _key FROM {ident(child)} WHERE {ident(fk["from"])} = ?',
                                 (row[parent_col],)):
                out.extend(dependents(store, child, r))
                out.append((child, str(r["_key"]), r))
    return out


# ---- commands and the sealed chain --------------------------------------------------------------------------

_GENESIS = "0" * 64


def has_commands(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'commands'").fetchone() is not None


def last_id(conn: sqlite3.Connection) -> int:
    """The newest change_log id (0 for an empty log or a database without one)."""
    try:
        return conn.execute(f"SELECT coalesce(max(id), 0) FROM {CHANGE_LOG}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def entry_hash(previous: str, row: sqlite3.Row | tuple) -> str:
    """The chain's hash of one entry: SHA-256 over the previous hash and the entry's own fields."""
    import hashlib

    entry_id, at, table_name, row_id, action, before, after, command_id = row
    text = "\x1f".join((previous, str(entry_id), _text(at), _text(table_name), _text(row_id), _text(action),
                        _text(before), _text(after), _text(command_id)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _text(x: Any) -> str:
    return x if type(x) is str else "\x00" if x is None else str(x)


_ENTRY_COLUMNS = "id, at, table_name, row_id, action, before, after, command_id"


def _entry_text(command_id: str = "command_id") -> str:
    """The text entry_hash hashes after the previous hash, built by SQLite: each field as text, NULL as \\x00,
    joined by \\x1f (Python then only hashes it). `command_id`: the expression giving the entry's command."""
    fields = ["CAST(id AS TEXT)", *(f"coalesce({c}, char(0))" for c in
                                   ("at", "table_name", "row_id", "action", "before", "after", command_id))]
    return " || char(31) || ".join(fields)


def _chained(previous: str, text: bytes) -> str:
    """entry_hash over an entry's text (_entry_text), as its UTF-8 bytes (`CAST(… AS BLOB)`: SQLite hands them
    over as they are, rather than decoded into a Python string to be encoded again)."""
    import hashlib

    return hashlib.sha256(b"%s\x1f%s" % (previous.encode(), text)).hexdigest()


def seal(conn: sqlite3.Connection, started_after: int, reason: str | None = None, undoes: int | None = None,
         run_key: str | None = None) -> int | None:
    """Inside the committing transaction: group the entries written since `started_after` under this run's
    command (created by its first commit; `run_key` names the database file) and chain every unsealed entry.
    Returns the command's id (None when nothing was logged)."""

    if not has_commands(conn):
        return None
    newest = last_id(conn)
    if newest <= started_after:
        return None
    head = conn.execute("SELECT id, last_log_id, last_hash FROM commands ORDER BY id DESC LIMIT 1").fetchone()
    sealed_to, previous = (head[1], head[2]) if head else (0, _GENESIS)
    command_id = _RUN_COMMANDS.get(run_key) if run_key else None
    if command_id is not None and head is not None and head[0] == command_id:
        conn.execute("UPDATE commands SET last_log_id = ?, reason = coalesce(?, reason), undoes = coalesce(?, undoes) "
                     "WHERE id = ?", (newest, reason, undoes, command_id))
    else:
        cur = conn.execute("INSERT INTO commands (argv, reason, undoes, first_log_id, last_log_id, last_hash) "
                           "VALUES (?, ?, ?, ?, ?, '')",
                           (json.dumps(list(COMMAND_LINE.get()), ensure_ascii=False), reason, undoes,
                            sealed_to + 1, newest))
        command_id = cur.lastrowid
        if run_key:
            _RUN_COMMANDS[run_key] = command_id
    previous = _chain(conn, sealed_to, newest, started_after, command_id, previous)
    conn.execute("UPDATE commands SET last_hash = ? WHERE id = ?", (previous, command_id))
    return command_id


class _Chain:
    """The chain's step as an SQL function: SQLite hands it each entry as its UPDATE rewrites the entry, so the
    entries are read and written once, in one statement (not selected, hashed, then updated one by one). SQLite's
    UPDATE of a rowid range visits it in rowid order (one pass, or a sorted set of rowids in two); an entry out of
    order would fail the statement, and with it the command, rather than seal a wrong chain."""

    def __init__(self, previous: str):
        self.previous, self.last = previous, 0

    def __call__(self, entry_id: int, text: bytes) -> str:
        if entry_id <= self.last:
            raise ValueError("change_log entries out of order")
        self.last = entry_id
        self.previous = _chained(self.previous, text)
        return self.previous


def _chain(conn: sqlite3.Connection, sealed_to: int, newest: int, started_after: int, command_id: int,
           previous: str) -> str:
    """Chain the entries sealed_to < id <= newest; those after `started_after` without a command join
    `command_id` (the hash covers it). Returns the last hash."""
    step = _Chain(previous)
    conn.create_function("rdtool_chain", 2, step)
    owner = "CASE WHEN command_id IS NULL AND id > ? THEN ? ELSE command_id END"
    try:
        conn.execute(f"UPDATE {CHANGE_LOG} SET command_id = {owner}, hash = rdtool_chain(id, CAST({_entry_text(owner)} AS BLOB)) "
                     "WHERE id > ? AND id <= ?", (started_after, command_id, started_after, command_id, sealed_to, newest))
    finally:
        conn.create_function("rdtool_chain", 2, None)
    return step.previous


def chain_break(conn: sqlite3.Connection) -> dict | None:
    """The first place where the sealed log no longer matches its chain (None when it is whole): {'entry': id or
    None, 'command': id or None, 'problem': Chinese text}. Verified in rdtool.store.chain_check."""
    from rdtool.store.chain_check import chain_break as first_break

    return first_break(conn)


def unsealed(conn: sqlite3.Connection) -> int:
    """Entries written since the last rdtool commit (by other programs), not yet in the chain."""
    if not has_commands(conn):
        return 0
    sealed_to = conn.execute("SELECT coalesce(max(last_log_id), 0) FROM commands").fetchone()[0]
    return conn.execute(f"SELECT count(*) FROM {CHANGE_LOG} WHERE id > ?", (sealed_to,)).fetchone()[0]
