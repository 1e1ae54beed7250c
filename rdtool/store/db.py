"""The one SQLite file: where it lives, a connection to it, and the Store every layer above reads and writes through.

Every connection has foreign keys on, WAL and a busy timeout, so that the
secretary, cron and a script can use the file at the same time. Reads stay on
the plain sqlite3 module. Opening a file as rdtool's (checked, migrated) is rdtool.store.opening.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from rdtool.errors import RdtoolError
from rdtool.store.sqltext import ident

BUSY_TIMEOUT_MS = 10_000


def default_path() -> Path:
    """--db is handled by the caller; then RDTOOL_DB; then the user's data directory."""
    env = os.environ.get("RDTOOL_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("rdtool", appauthor=False)) / "rdtool.db"


def resolve_path(db: str | os.PathLike | None) -> Path:
    return Path(db).expanduser() if db else default_path()


class Store:
    """A connection with small helpers; write through `transaction()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool = False):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        # why a file opened read-only by necessity cannot be written (a full disk), said by any write
        self.why_readonly: RdtoolError | None = None
        self._depth = 0
        # Set by a command before it writes: kept with the command's entry in the change log.
        self.reason: str | None = None
        self.undoes: int | None = None
        # Set by open_store: why this file must not be written (read-only, incomplete schema), what its schema lacks
        # (`db check` reports it) and which change-log triggers the open rebuilt.
        self.refusal: str | None = None
        self.schema_problems: list = []
        self.repaired: list = []
        # Set by open_store for a file opened read-only with no -wal or -shm beside it: `close` removes the pair
        # SQLite made for its read (`tidy_wal`).
        self.tidy = False

    def query(self, sql: str, params: Any = ()) -> list[dict]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def iter(self, sql: str, params: Any = ()) -> Iterator[dict]:
        for r in self.conn.execute(sql, params):
            yield dict(r)

    def one(self, sql: str, params: Any = ()) -> dict | None:
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row is not None else None

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def insert(self, table: str, values: dict) -> int:
        keys = list(values)
        sql = f"INSERT INTO {table} ({', '.join(keys)}) VALUES ({', '.join('?' for _ in keys)})"
        return self.conn.execute(sql, [values[k] for k in keys]).lastrowid

    def update(self, table: str, row_id: int, values: dict, key: str = "id") -> None:
        if not values:
            return
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", [*values.values(), row_id])

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One write transaction (BEGIN IMMEDIATE: writers queue, readers go on)."""
        if self.refusal:
            raise RdtoolError(self.refusal, "用 rdtool db check 查看问题，或用 rdtool db restore 从备份恢复")
        if self.readonly:
            raise self.why_readonly or RdtoolError(f"数据库文件是只读的，不能写入：{self.path}",
                                                   "检查文件和所在目录的权限（如 chmod u+w），或换用可写的副本")
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        from rdtool.store import changelog

        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            started_after = changelog.last_id(self.conn)
            yield self
            # the entries this transaction wrote become one command, and the log's chain is sealed
            changelog.seal(self.conn, started_after, reason=self.reason, undoes=self.undoes, run_key=str(self.path))
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
            self._checkpoint()
        finally:
            self._depth = 0

    def _checkpoint(self) -> None:
        """Copy what was just committed from the -wal into the database file itself (PASSIVE: never waits for,
        never blocks a reader). SQLite does so when its last connection closes; with Datasette or a script
        holding the file open it would wait for 1000 pages, and a copy of the .db alone (a file manager, a USB
        stick) taken after the command would silently lack the change. A failure leaves the change safe in the
        -wal, where SQLite reads it."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.conn.close()
        if self.tidy:
            tidy_wal(self.path)


def wal_files(path: Path) -> bool:
    """A -wal or -shm lies beside the file (someone is using it, or its last writer did not close). Beside the file
    a link leads to: SQLite names them after it."""
    real = os.path.realpath(path)
    return any(os.path.lexists(f"{real}{end}") for end in ("-wal", "-shm"))


def tidy_wal(path: Path) -> None:
    """Remove the empty -wal and the -shm SQLite made beside a WAL file for a read-only connection, which cannot
    remove them itself (a read-only roll-up left two files beside each township's file).

    Only a connection that may write removes them, as the last to close: so one is opened, reads the header and
    closes. With nothing in the -wal it has nothing to copy into the file, which is left as it was (byte for byte,
    tested); while any other program has the file open, its connection is not the last and nothing is removed.
    A file or folder that cannot be written, or a -wal with content (a writer's), is left alone."""
    path = Path(os.path.realpath(path))
    wal = Path(f"{path}-wal")
    try:
        if not wal.exists() or wal.stat().st_size or not os.access(path, os.W_OK) \
                or not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
            return
        conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    except (OSError, ValueError, sqlite3.Error):
        return
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        pass
    finally:
        conn.close()


def bulk_cache(store: Store) -> None:
    """Up to 32 MiB of page cache for this connection (used only as needed): a bulk import touches the
    change-log index at random, and the default 2 MiB makes that several times slower. (32, not more:
    the import's whole process stays under rdtool.settings.IMPORT_MEMORY_MB, tests/test_memory_bound.py.)"""
    store.execute("PRAGMA cache_size = -32768")


def table_counts(store: Store) -> dict[str, int]:
    """Rows in each table (for `db info`)."""
    names = [r["name"] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: store.scalar(f'SELECT count(*) FROM "{name}"') for name in names}


def schema(store: Store) -> list[dict]:
    """Every table and view as the SQLite tools see it (docs/schema.md, Datasette metadata): name, type (table,
    view or virtual), its SQL, and its columns with type, NOT NULL, default, primary key and the column it
    references. FTS shadow tables and sqlite's own are left out."""
    objects = store.query("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    virtual = [o["name"] for o in objects if (o["sql"] or "").lstrip().upper().startswith("CREATE VIRTUAL")]
    out = []
    for o in objects:
        if any(o["name"] != v and o["name"].startswith(v + "_") for v in virtual):
            continue  # an FTS shadow table (proposals_fts_data …)
        q = ident(o["name"])
        refs = {r["from"]: f"{r['table']}({r['to'] or 'rowid'})"
                for r in store.query(f"PRAGMA foreign_key_list({q})")}
        columns = [{"name": c["name"], "type": c["type"], "notnull": bool(c["notnull"]), "default": c["dflt_value"],
                    "pk": bool(c["pk"]), "references": refs.get(c["name"])}
                   for c in store.query(f"PRAGMA table_info({q})")]
        kind = "virtual" if o["name"] in virtual else o["type"]
        out.append({"name": o["name"], "type": kind, "sql": o["sql"], "columns": columns})
    return out


def table_exists(store: Store, name: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)))


def integrity_messages(store: Store) -> list[str]:
    """PRAGMA integrity_check: ['ok'] for a sound file."""
    return [msg for (msg,) in store.conn.execute("PRAGMA integrity_check").fetchall()]


def foreign_key_violations(store: Store) -> list[tuple]:
    """PRAGMA foreign_key_check: (table, rowid, parent table, fk index) per dangling reference."""
    return store.conn.execute("PRAGMA foreign_key_check").fetchall()


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """A connection that has written nothing yet (the caller decides, once the file is accepted, to switch to WAL).

    Read-only: `mode=ro`; where SQLite cannot even read that way — a WAL database on a CD or a read-only share,
    or on a full disk, whose -shm it cannot create — `immutable=1`, which is sound because nothing can change
    such a file (a writer would need room for its -wal too), and is used only when no -wal file with content
    lies beside it, since immutable reads would not see it.
    """
    if readonly:
        from rdtool.paths import absolute, sqlite_uri

        uri = sqlite_uri(absolute(path))
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            wal = Path(f"{path}-wal")
            from rdtool.paths import disk_full

            cannot = getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))
            if (cannot or disk_full(path)) and not (wal.exists() and wal.stat().st_size):
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            else:
                raise
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
