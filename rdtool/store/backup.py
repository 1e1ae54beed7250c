"""Consistent copies of the database with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

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
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        dest = folder / f"{store.path.stem}-{stamp}-{reason}.db"
    dest = Path(dest)
    if dest.exists():
        os.remove(dest)
    create_file(dest)
    target = sqlite3.connect(dest)
    try:
        store.conn.backup(target)
    finally:
        target.close()
    os.chmod(dest, 0o600)
    if keep is None:
        keep = _keep_setting(store)
    prune(backup_dir(store.path), keep)
    return dest


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` automatic and manual backups in the folder."""
    if not folder.is_dir() or keep <= 0:
        return
    files = sorted(folder.glob("*.db"), key=lambda p: p.name)
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
