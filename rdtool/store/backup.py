"""Consistent copies of the database with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from rdtool.dates import file_stamp
from rdtool.errors import RdtoolError, UsageError
from rdtool.store.db import Store, create_file

DEFAULT_KEEP = 10


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.name}.backups"


def take(store: Store, dest: Path | None = None, reason: str = "manual", keep: int | None = None) -> Path:
    """Copy the live database to dest (default: the backups folder), mode 0600.

    The online backup reads a consistent snapshot even while other processes write.
    """
    if dest is None:
        folder = backup_dir(store.path)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = file_stamp()
        dest = folder / f"{store.path.stem}-{stamp}-{reason}.db"
    dest = Path(dest).expanduser()
    if dest.is_dir():
        stamp = file_stamp()
        dest = dest / f"{store.path.stem}-{stamp}-{reason}.db"
    if not dest.parent.is_dir():
        raise UsageError(f"备份目录不存在：{dest.parent}")
    if dest.resolve() == store.path.resolve():
        raise UsageError("备份文件不能是数据库本身")
    # Write to a temporary file first: a backup interrupted half-way never replaces a good one.
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    create_file(tmp)
    try:
        target = sqlite3.connect(tmp)
        try:
            store.conn.backup(target)
            # a self-contained file: no -wal needed next to it
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if keep is None:
        keep = _keep_setting(store)
    prune(backup_dir(store.path), keep)
    return dest


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` automatic and manual backups in the folder."""
    if not folder.is_dir() or keep <= 0:
        return
    files = sorted(folder.glob("*.db"), key=lambda p: (p.stat().st_mtime, p.name))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)


def _keep_setting(store: Store) -> int:
    try:
        raw = store.scalar("SELECT value FROM settings WHERE key = 'backups_keep'")
    except sqlite3.DatabaseError:
        raw = None
    try:
        return int(raw) if raw is not None else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def before_migration(store: Store) -> Path:
    return take(store, reason="before-migration")


def has_data(store: Store) -> bool:
    """Whether the database holds any record beyond its settings and terms (worth a backup before an import)."""
    from rdtool.store.changelog import logged_tables

    for table in logged_tables(store.conn):
        if table in ("settings", "terms"):
            continue
        if store.scalar(f'SELECT 1 FROM "{table}" LIMIT 1'):
            return True
    return False


def listing(store: Store) -> list[dict]:
    folder = backup_dir(store.path)
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.db"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return [{"file": str(p), "size": p.stat().st_size,
             "time": datetime.fromtimestamp(p.stat().st_mtime).astimezone().isoformat(timespec="seconds")}
            for p in files]


def verify(path: Path) -> dict:
    """Check that a file is a sound rdtool database this version can open; returns what it holds.

    The file is opened read-only and never changed.
    """
    from rdtool.store.db import applied_migrations
    from rdtool.store.schema import MIGRATIONS

    path = Path(path).expanduser()
    if not path.exists():
        raise UsageError(f"备份文件不存在：{path}")
    if path.is_dir():
        raise UsageError(f"这是一个目录，不是备份文件：{path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise RdtoolError(f"无法打开备份文件：{path}") from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise RdtoolError(f"备份文件已损坏，没有恢复：{path}（{problems[0]}）")
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise RdtoolError(f"备份文件中有引用不存在记录的行，没有恢复：{path}")
        applied = applied_migrations(conn)
        if not applied:
            raise RdtoolError(f"这不是 rdtool 的数据库文件，没有恢复：{path}")
        known = [name for name, _ in MIGRATIONS]
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise RdtoolError(f"备份由更新版本的 rdtool 写入（{', '.join(unknown)}），没有恢复：{path}",
                              "请升级 rdtool 后再恢复")
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        return {"file": str(path), "migrations": applied, "tables": counts}
    except sqlite3.DatabaseError as exc:
        raise RdtoolError(f"不是可用的 SQLite 数据库文件，没有恢复：{path}（{exc}）") from None
    finally:
        conn.close()


def restore(store: Store, path: Path) -> Path | None:
    """Replace the database's content with a verified backup; the current content is backed up first.

    Returns the safety backup of what was there (None when the database was empty).
    """
    path = Path(path).expanduser()
    verify(path)
    if path.resolve() == store.path.resolve():
        raise UsageError("要恢复的文件就是当前数据库")
    safety = take(store, reason="before-restore") if has_data(store) or _has_settings(store) else None
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(store.conn)
    finally:
        src.close()
    store.conn.execute("PRAGMA journal_mode = WAL")
    os.chmod(store.path, 0o600)
    return safety


def _has_settings(store: Store) -> bool:
    try:
        return bool(store.scalar("SELECT 1 FROM settings LIMIT 1"))
    except sqlite3.DatabaseError:
        return False
