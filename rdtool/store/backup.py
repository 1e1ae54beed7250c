"""Consistent copies of the database with SQLite's online backup API.

Manual backups (`db backup`) are kept at the top of the backups folder beside the database (`x.db.backups/`);
the automatic ones rdtool takes before an import writes, a migration or a restore go to its `auto/` folder. Each
kind is pruned only by its own kind, to the newest `backups_keep`, so automatic backups never push a manual one
out. A copy counts only once `PRAGMA quick_check` passed on it: a damaged database is never backed up as if
sound, and then nothing older is pruned. Temporary files that killed backups left are removed at the next one.
Every copy is written through rdtool.output_file (never onto the database, never half a file).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from rdtool.dates import file_stamp
from rdtool.errors import RdtoolError, UsageError
from rdtool.paths import (absolute, backup_dir, disk_full, remove_leftovers, remove_quietly, same_file,
                          sqlite_uri)

if TYPE_CHECKING:
    from rdtool.store.db import Store

DEFAULT_KEEP = 10
AUTO = "auto"


def folder(db_path: Path, automatic: bool) -> Path:
    """Where manual (False) or automatic (True) backups of the database go."""
    return backup_dir(db_path) / AUTO if automatic else backup_dir(db_path)


def _name(store: Store, reason: str) -> str:
    stamp = file_stamp()  # local time with its offset (rdtool.dates)
    return f"{store.path.stem}-{stamp}-{reason}.db"


def take(store: Store, dest: Path | None = None, reason: str = "manual", keep: int | None = None,
         overwrite=False, prune_old: bool = True) -> Path:
    """Copy the live database to `dest` (default: the backups folder, by kind), mode 0600, checked; returns it.

    The online backup reads a consistent snapshot even while other processes write. `overwrite` (the CLI's
    --force, or a yes on a terminal) allows replacing an existing file named as `dest`.
    """
    from rdtool.output_file import write_file
    from rdtool.paths import os_error

    automatic = reason != "manual"
    home = folder(store.path, automatic)
    for f in {backup_dir(store.path), folder(store.path, True)}:
        remove_leftovers(f)
    if dest is None:
        try:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise os_error(exc, home, "建立备份目录") from None
        dest = home / _name(store, reason)
    else:
        dest = Path(dest).expanduser()
        if dest.is_dir():
            dest = dest / _name(store, reason)
        if not dest.parent.is_dir():
            raise UsageError(f"备份目录不存在：{dest.parent}", "先建立该目录，或换一个位置")
        if same_file(dest, store.path):
            raise UsageError("备份文件不能是数据库本身")
    with write_file(dest, db=store.path, overwrite=overwrite, database_copy=True) as tmp:
        _copy(store, tmp, dest)
    if prune_old and dest.parent == home:
        prune(home, _keep_setting(store) if keep is None else keep)
    return dest


def _copy(store: Store, tmp: Path, dest: Path) -> None:
    try:
        target = sqlite3.connect(tmp)
        try:
            store.conn.backup(target)
            # a self-contained file: no -wal needed next to it
            target.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in target.execute("PRAGMA quick_check").fetchall()]
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        raise _copy_error(exc, store.path, dest) from None
    if problems != ["ok"]:
        raise RdtoolError(f"数据库文件已损坏，没有备份：{store.path}（{problems[0]}）",
                          "已有的备份全部保留；用 rdtool db check 查看，必要时用 rdtool db restore 从较早的备份恢复")


def _copy_error(exc: sqlite3.DatabaseError, db: Path, dest: Path) -> RdtoolError:
    import errno

    from rdtool.paths import os_error

    text = str(exc)
    if "disk is full" in text or disk_full(dest):
        return os_error(OSError(errno.ENOSPC, "disk full"), dest, "备份到")
    if "malformed" in text or "corrupt" in text:
        return RdtoolError(f"数据库文件已损坏，没有备份：{db}（{text}）",
                           "已有的备份全部保留；用 rdtool db check 查看，必要时用 rdtool db restore 从较早的备份恢复")
    if "disk I/O" in text:
        return os_error(OSError(errno.EIO, "I/O error"), dest, "备份到")
    if "readonly" in text or "unable to open" in text:
        return os_error(OSError(errno.EACCES, "permission denied"), dest, "备份到")
    return RdtoolError(f"备份失败：{text}（{dest}）", "已有的备份全部保留；检查目标位置的权限和磁盘空间")


@contextlib.contextmanager
def kept_if_written(store: Store, reason: str) -> Iterator[Path | None]:
    """An automatic backup before a write that is kept only if the write commits.

    A failed import leaves no backup behind and prunes nothing older (the copy it took equals the database, which
    the failure left as it was). None when the database holds no records worth a copy.
    """
    taken = take(store, reason=reason, prune_old=False) if has_data(store) else None
    try:
        yield taken
    except BaseException:
        if taken is not None:
            remove_quietly(taken, "这次的自动备份")
        raise
    if taken is not None:
        prune(taken.parent, _keep_setting(store))


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` backups directly in the folder (manual or automatic: each folder holds one kind).

    Housekeeping after a committed write: an old backup that cannot be deleted (open in another program) is
    named in a 注意 line and kept; the command does not fail (its write is in)."""
    if not folder.is_dir() or keep <= 0:
        return
    files = sorted(folder.glob("*.db"), key=_age)
    for old in files[:-keep]:
        remove_quietly(old, "旧备份")


def _age(path: Path) -> tuple:
    try:
        return path.stat().st_mtime, path.name
    except OSError:
        return 0.0, path.name


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
    """Every backup in the folder, newest first: manual ones and (kind `auto`) the automatic ones."""
    files = [(p, kind) for kind, automatic in (("manual", False), ("auto", True))
             if (home := folder(store.path, automatic)).is_dir() for p in home.glob("*.db")]
    files.sort(key=lambda f: (f[0].stat().st_mtime, f[0].name), reverse=True)
    return [{"file": str(p), "size": p.stat().st_size, "kind": kind,
             "time": datetime.fromtimestamp(p.stat().st_mtime).astimezone().isoformat(timespec="seconds")}
            for p, kind in files]


def verify(path: Path) -> dict:
    """Check that a file is a sound rdtool database this version can open; returns what it holds.

    The file is opened read-only and never changed.
    """
    from rdtool.store import schema_check
    from rdtool.store.migrations import MIGRATIONS

    path = Path(path).expanduser()
    if not path.exists():
        raise UsageError(f"备份文件不存在：{path}")
    if path.is_dir():
        raise UsageError(f"这是一个目录，不是备份文件：{path}")
    try:
        conn = sqlite3.connect(sqlite_uri(absolute(path)) + "?mode=ro", uri=True)
    except sqlite3.Error:
        raise RdtoolError(f"无法打开备份文件：{path}") from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise RdtoolError(f"备份文件已损坏，没有恢复：{path}（{problems[0]}）")
        applied = schema_check.applied_migrations(conn)
        if not applied:
            raise RdtoolError(f"这不是 rdtool 的数据库文件，没有恢复：{path}")
        known = [name for name, _ in MIGRATIONS]
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise RdtoolError(f"备份由更新版本的 rdtool 写入（{', '.join(unknown)}），没有恢复：{path}",
                              "请升级 rdtool 后再恢复")
        missing = schema_check.problems(conn, applied)
        if missing:
            shown = "；".join(p.message for p in missing[:3]) + ("……" if len(missing) > 3 else "")
            raise RdtoolError(f"备份文件的结构不完整（{shown}），没有恢复：{path}",
                              "rdtool 写的备份总是完整的，这个文件可能被其他程序改过；请换一份备份")
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise RdtoolError(f"备份文件中有引用不存在记录的行，没有恢复：{path}")
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
    if same_file(path, store.path):
        raise UsageError("要恢复的文件就是当前数据库")
    safety = take(store, reason="before-restore") if has_data(store) or _has_settings(store) else None
    src = sqlite3.connect(sqlite_uri(absolute(path)) + "?mode=ro", uri=True)
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
