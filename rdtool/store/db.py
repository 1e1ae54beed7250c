"""The one SQLite file: where it lives, how it is opened, and its schema version.

Every connection has foreign keys on, WAL and a busy timeout, so that the
secretary, cron and a script can use the file at the same time. Reads stay on
the plain sqlite3 module; sqlite_utils is imported only when a migration runs.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from rdtool.errors import RdtoolError, UsageError

BUSY_TIMEOUT_MS = 10_000
MIGRATION_SET = "rdtool"


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
        self._depth = 0
        # Set by a command before it writes: kept with the command's entry in the change log.
        self.reason: str | None = None
        self.undoes: int | None = None

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
        if self.readonly:
            raise RdtoolError(f"数据库文件是只读的，不能写入：{self.path}",
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
        finally:
            self._depth = 0

    def close(self) -> None:
        self.conn.close()


def bulk_cache(store: Store) -> None:
    """Up to 64 MiB of page cache for this connection (used only as needed): a bulk import touches the
    change-log index at random, and the default 2 MiB makes that several times slower."""
    store.execute("PRAGMA cache_size = -65536")


def table_counts(store: Store) -> dict[str, int]:
    """Rows in each table (for `db info`)."""
    names = [r["name"] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: store.scalar(f'SELECT count(*) FROM "{name}"') for name in names}


def table_exists(store: Store, name: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)))


def integrity_messages(store: Store) -> list[str]:
    """PRAGMA integrity_check: ['ok'] for a sound file."""
    return [msg for (msg,) in store.conn.execute("PRAGMA integrity_check").fetchall()]


def foreign_key_violations(store: Store) -> list[tuple]:
    """PRAGMA foreign_key_check: (table, rowid, parent table, fk index) per dangling reference."""
    return store.conn.execute("PRAGMA foreign_key_check").fetchall()


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def create_file(path: Path) -> None:
    """Create an empty database file readable only by its owner (mode 0600)."""
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_store(db: str | os.PathLike | None = None, *, create: bool = False, readonly: bool = False,
               migrate: bool = True) -> Store:
    """Open (or with create=True, create) the database and bring its schema up to date.

    A database written by a newer rdtool is refused, never altered.
    """
    path = resolve_path(db)
    if path.is_dir():
        raise UsageError(f"数据库路径是一个目录：{path}", "请给出文件路径，例如 --db ~/rdtool.db")
    if not path.exists():
        if not create:
            raise UsageError(f"数据库不存在：{path}",
                             "先运行 rdtool init 建立数据库，或用 --db 指定已有的文件（rdtool demo 可建一个示例库）")
        create_file(path)
    elif not readonly and not os.access(path, os.W_OK):
        readonly = True  # a read-only file: reading works, any write says why it cannot
    try:
        conn = _connect(path, readonly)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        applied = applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise RdtoolError(f"无法作为 rdtool 数据库打开：{path}（{_why(exc)}）",
                          "请确认这是 rdtool 的 SQLite 数据库文件，并且有读写权限") from None
    store = Store(conn, path, readonly)
    from rdtool.store.schema import MIGRATIONS

    known = [name for name, _ in MIGRATIONS]
    unknown = [name for name in applied if name not in known]
    if unknown:
        conn.close()
        raise RdtoolError(f"这个数据库由更新版本的 rdtool 写入（未知的结构版本：{', '.join(unknown)}）：{path}",
                          "请升级 rdtool 后再打开；本程序没有改动这个文件")
    pending = [name for name in known if name not in applied]
    if pending and migrate:
        if readonly:
            conn.close()
            raise RdtoolError(f"这个数据库由较旧版本的 rdtool 写入，需要升级结构后才能读取：{path}",
                              "用 rdtool db info --db 该文件 打开一次即可升级（会先自动备份）")
        _apply_migrations(store, fresh=not applied)
    return store


def _why(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text:
        return "不是 SQLite 数据库文件"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的"
    if "unable to open" in text:
        return "无法打开文件"
    return text


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if not has_table:
        user_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        if user_tables:
            raise sqlite3.DatabaseError("这个 SQLite 文件不是 rdtool 数据库（没有 rdtool 的结构记录）")
        return []
    return [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))]


def _apply_migrations(store: Store, fresh: bool) -> None:
    import sqlite_utils

    from rdtool.store.schema import MIGRATIONS

    if not fresh:
        from rdtool.store import backup

        backup.before_migration(store)
    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    from rdtool.store import changelog

    try:
        # The log triggers name every column; a migration may drop or rebuild tables, so they are
        # taken off first and rebuilt from the tables as they are afterwards (even if a migration fails).
        with store.transaction():
            changelog.uninstall(store.conn)
            from rdtool.store import report_views

            report_views.uninstall(store.conn)  # a table a migration rebuilds must not trip over rdtool's views
        try:
            migrations.apply(sqlite_utils.Database(store.conn))
        finally:
            with store.transaction():
                changelog.install(store.conn)
                if "m1301_figures" in applied_migrations(store.conn):
                    report_views.install(store.conn)  # the report's views, from this version's definitions
    except sqlite3.OperationalError as exc:
        raise RdtoolError(f"升级数据库结构失败：{_why(exc)}（{store.path}）", "数据库保持原样；请检查文件权限") from None
