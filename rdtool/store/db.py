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
from rdtool.store.schema_check import MIGRATION_SET, applied_migrations
from rdtool.store.sqltext import ident

BUSY_TIMEOUT_MS = 10_000
# The database files this run opened (rdtool.cli.main clears it per command): where a failure is looked for
# in stored values that other programs wrote (rdtool.services.stored_values.explain).
OPENED: list[Path] = []


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
        # Set by open_store: why this file must not be written (read-only, incomplete schema), what its schema lacks
        # (`db check` reports it) and which change-log triggers the open rebuilt.
        self.refusal: str | None = None
        self.schema_problems: list = []
        self.repaired: list = []

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
    """Up to 32 MiB of page cache for this connection (used only as needed): a bulk import touches the
    change-log index at random, and the default 2 MiB makes that several times slower. (32, not more:
    the import's whole process stays under 200 MB, rdtool.io.limits.)"""
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


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """A connection that has written nothing yet (the caller decides, once the file is accepted, to switch to WAL).

    Read-only: `mode=ro`; where SQLite cannot even read that way — a WAL database on a CD or a read-only share,
    whose -shm it cannot create — `immutable=1`, which is sound because nothing can change such a file (and
    is used only when no -wal file with content lies beside it, since immutable reads would not see it).
    """
    if readonly:
        from rdtool.store.paths import absolute, sqlite_uri

        uri = sqlite_uri(absolute(path))
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            wal = Path(f"{path}-wal")
            if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) and \
                    not (wal.exists() and wal.stat().st_size):
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            else:
                raise
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _writable(path: Path) -> bool:
    """The file and its folder (SQLite makes its -wal, -shm or -journal there) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent if str(path.parent) else Path("."), os.W_OK)


def open_store(db: str | os.PathLike | None = None, *, create: bool = False, readonly: bool = False,
               migrate: bool = True, incomplete_ok: bool = False) -> Store:
    """Open an existing rdtool database (with create=True: create one, or adopt an empty file) and bring its
    schema up to date.

    Only an rdtool database is opened: an empty file (unless create), another program's SQLite file, a file
    written by a newer rdtool or one whose schema lost a table, column, index or view is refused before
    anything in it is changed (the switch to WAL included). The change-log triggers are rebuilt when they are
    missing or stale (in one transaction); a file opened read-only that lacks them cannot be written.
    `incomplete_ok` (the `db` maintenance commands) opens an incomplete file anyway, for reading only, with
    what is missing in `store.schema_problems`.
    """
    from rdtool.store.paths import create_file

    path = resolve_path(db)
    if path.is_dir():
        raise UsageError(f"数据库路径是一个目录：{path}", "请给出文件路径，例如 --db ~/rdtool.db")
    adopt = False
    if not path.exists():
        if not create:
            raise UsageError(f"数据库不存在：{path}",
                             "先运行 rdtool init 建立数据库，或用 --db 指定已有的文件（rdtool demo 可建一个示例库）")
        try:
            create_file(path)
        except OSError as exc:
            from rdtool.store.paths import os_error

            raise os_error(exc, path, "建立") from None
        adopt = True
    elif not path.is_file():
        raise UsageError(f"数据库路径不是普通文件：{path}", "请给出 rdtool 数据库文件的路径")
    elif path.stat().st_size == 0:
        if not create:
            raise RdtoolError(f"{path} 是一个空文件，不是 rdtool 数据库；本程序没有改动它",
                              "要在这个文件里建立数据库，请运行 rdtool init --db 该文件")
        adopt = True
    if not readonly and not _writable(path):
        readonly = True  # a read-only file or folder: reading works, any write says why it cannot
    try:
        conn = _connect(path, readonly)
        applied = applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from None
    store = Store(conn, path, readonly)
    try:
        _accept(store, applied, create, migrate, incomplete_ok)
    except BaseException:
        conn.close()
        raise
    if adopt:
        os.chmod(path, 0o600)  # a file rdtool made, or the empty file it was told to make its database
    OPENED.append(path)
    return store


def _accept(store: Store, applied: list[str], create: bool, migrate: bool, incomplete_ok: bool) -> None:
    from rdtool.store import schema_check
    from rdtool.store.schema import MIGRATIONS

    path, conn = store.path, store.conn
    if not applied and not create:
        raise RdtoolError(f"这个 SQLite 文件不是 rdtool 数据库（没有任何表）：{path}；本程序没有改动它",
                          "要在这个文件里建立数据库，请运行 rdtool init --db 该文件")
    known = [name for name, _ in MIGRATIONS]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise RdtoolError(f"这个数据库由更新版本的 rdtool 写入（未知的结构版本：{', '.join(unknown)}）：{path}",
                          "请升级 rdtool 后再打开；本程序没有改动这个文件")
    if not migrate:
        return
    pending = [name for name in known if name not in applied]
    checked = bool(applied) and schema_check.unchanged(conn)
    if applied and not checked:
        # an older or changed file: nothing is written to it until its schema is known to be rdtool's and whole
        _verify(store, applied, incomplete_ok, repair=not pending)
        if store.refusal:
            return
    if pending and store.readonly:
        raise RdtoolError(f"这个数据库由较旧版本的 rdtool 写入，需要升级结构后才能读取：{path}",
                          "用 rdtool db info --db 该文件 打开一次即可升级（会先自动备份）")
    if not store.readonly:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise _open_error(path, exc) from None
    if pending:
        _apply_migrations(store, fresh=not applied)
        store.schema_problems = []
    elif applied and not checked and not store.readonly and not store.repaired:
        with store.transaction():  # found whole: the next open need not compare it again
            schema_check.record(conn)


def _verify(store: Store, applied: list[str], incomplete_ok: bool, repair: bool) -> None:
    """Compare the file's schema with what its migrations built; rebuild the log triggers or refuse."""
    from rdtool.store import changelog, schema_check

    conn = store.conn
    found = schema_check.problems(conn, applied)
    store.schema_problems = found
    lost = [p for p in found if not p.repairable]
    if lost:
        if not incomplete_ok:
            shown = "；".join(p.message for p in lost[:3]) + ("……" if len(lost) > 3 else "")
            raise RdtoolError(f"数据库结构不完整（{shown}）：{store.path}；本程序没有改动这个文件",
                              "用 rdtool db check 查看全部问题，或用 rdtool db restore 从备份恢复")
        store.refusal = f"数据库结构不完整（{lost[0].message}），不能写入：{store.path}"
        return
    if found and store.readonly:
        store.refusal = f"修改记录触发器缺失，只读打开时无法修复，不能写入：{store.path}"
        return
    if found and repair:
        with store.transaction():
            changelog.install(conn)
            schema_check.record(conn)
        store.repaired = found


def _open_error(path: Path, exc: sqlite3.DatabaseError) -> RdtoolError:
    from rdtool.store.paths import disk_full, disk_full_error

    if disk_full(path) or "disk is full" in str(exc):
        return disk_full_error(path)
    return RdtoolError(f"无法作为 rdtool 数据库打开：{path}（{_why(exc)}）",
                       "请确认这是 rdtool 的 SQLite 数据库文件，并且有读写权限；本程序没有改动它")


def _why(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text:
        return "不是 SQLite 数据库文件"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的"
    if "unable to open" in text:
        return "无法打开文件"
    if "malformed" in text:
        return "文件已损坏"
    if "disk I/O" in text:
        return "读写错误"
    return text


def _apply_migrations(store: Store, fresh: bool) -> None:
    """Every pending migration, the log triggers rebuilt and the schema checked, in one transaction: a crash at
    any point leaves the file as it was before (with its triggers) or fully migrated."""
    import sqlite_utils

    from rdtool.store import changelog, report_views, schema_check
    from rdtool.store.schema import MIGRATIONS

    if not fresh:
        from rdtool.store import backup

        backup.before_migration(store)
    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    try:
        with store.transaction():
            # The log triggers name every column; a migration may drop or rebuild tables, so they are
            # taken off first and rebuilt from the tables as they are afterwards.
            changelog.uninstall(store.conn)
            report_views.uninstall(store.conn)  # a table a migration rebuilds must not trip over rdtool's views
            migrations.apply(sqlite_utils.Database(store.conn, recursive_triggers=False, execute_plugins=False))
            changelog.install(store.conn)
            report_views.install(store.conn)  # the report's views, from this version's definitions
            missing = schema_check.problems(store.conn)
            if missing:
                raise RdtoolError(f"升级数据库结构后检查不通过：{missing[0].message}（{store.path}）",
                                  "数据库保持原样；请把这行信息告诉维护人员")
            schema_check.record(store.conn)
    except sqlite3.OperationalError as exc:
        raise RdtoolError(f"升级数据库结构失败：{_why(exc)}（{store.path}）", "数据库保持原样；请检查文件权限和磁盘空间") from None
