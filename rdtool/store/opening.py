"""Opening a file as an rdtool database: refuse what is not one, verify its schema, migrate it (in one transaction).

Every command opens its database through `open_store`; sqlite_utils is imported only when a migration runs.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from rdtool.errors import RdtoolError, UsageError
from rdtool.store.db import Store, connect, resolve_path, wal_files
from rdtool.store.schema_check import MIGRATION_SET, applied_migrations

# The database files this run opened (rdtool.cli.main clears it per command): where a failure is looked for
# in stored values that other programs wrote (rdtool.services.admin.stored_values.explain).
OPENED: list[Path] = []


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
    from rdtool.paths import create_file

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
            from rdtool.paths import os_error

            raise os_error(exc, path, "建立") from None
        adopt = True
    elif not path.is_file():
        raise UsageError(f"数据库路径不是普通文件：{path}", "请给出 rdtool 数据库文件的路径")
    elif path.stat().st_size == 0:
        if not create:
            raise RdtoolError(f"{path} 是一个空文件，不是 rdtool 数据库；本程序没有改动它",
                              "要在这个文件里建立数据库，请运行 rdtool init --db 该文件")
        adopt = True
    tidy = readonly and not adopt and not wal_files(path)
    if not readonly and not _writable(path):
        readonly = True  # a read-only file or folder: reading works, any write says why it cannot
    full = None
    try:
        conn, applied = _connected(path, readonly)
    except sqlite3.DatabaseError as exc:
        from rdtool.paths import disk_full, disk_full_error

        if readonly or not disk_full(path):
            raise _open_error(path, exc) from None
        # a full disk: SQLite cannot make the -shm a read needs. Read-only commands (list, export, db backup to
        # another disk) still work, opened read-only; a write says the disk is full
        try:
            conn, applied = _connected(path, True)
        except sqlite3.DatabaseError:
            raise _open_error(path, exc) from None
        readonly, full = True, disk_full_error(path)
    store = Store(conn, path, readonly)
    store.why_readonly = full
    store.tidy = tidy
    try:
        _accept(store, applied, create, migrate, incomplete_ok)
    except BaseException:
        store.close()
        raise
    if adopt:
        os.chmod(path, 0o600)  # a file rdtool made, or the empty file it was told to make its database
    OPENED.append(path)
    return store


def _connected(path: Path, readonly: bool) -> tuple[sqlite3.Connection, list[str]]:
    conn = connect(path, readonly)
    try:
        return conn, applied_migrations(conn)
    except BaseException:
        conn.close()
        raise


def _accept(store: Store, applied: list[str], create: bool, migrate: bool, incomplete_ok: bool) -> None:
    from rdtool.store import schema_check
    from rdtool.store.migrations import MIGRATIONS

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
    state = schema_check.seen(conn) if applied else schema_check.CHANGED
    checked = state != schema_check.CHANGED
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
    elif state == schema_check.SAME and not store.readonly:
        with store.transaction():  # (a file last written before the cookie was kept: the next open reads it)
            schema_check.keep_cookie(conn)


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
    from rdtool.paths import disk_full, disk_full_error

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
    from rdtool.store.migrations import MIGRATIONS

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
