"""The database side of shell completion (rdtool.cli.completion): a read-only connection that creates nothing
(no -wal/-shm: an idle database is opened immutable, one in use read-only), never migrated, and the queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

LIMIT = 200
SQL = {
    "deputy": "SELECT DISTINCT name FROM deputies WHERE voided_at IS NULL AND name LIKE ? ESCAPE '\\' "
              "ORDER BY status = 'active' DESC, term DESC, name LIMIT ?",
    "meeting": "SELECT code FROM meetings WHERE voided_at IS NULL AND code LIKE ? ESCAPE '\\' "
               "ORDER BY date DESC LIMIT ?",
    "proposal": "SELECT code FROM proposals WHERE voided_at IS NULL AND code LIKE ? ESCAPE '\\' "
                "ORDER BY submitted_on DESC LIMIT ?",
}


def values(kind: str, word: str, db: str | None) -> list[str]:
    """Up to LIMIT names or codes of a kind (deputy, meeting, proposal) starting with `word`; [] without a file."""
    from rdtool.store.db import resolve_path

    path = resolve_path(db)
    if not path.is_file():
        return []
    conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=0.5)
    try:
        pattern = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r[0] for r in conn.execute(SQL[kind], (pattern, LIMIT))]
    finally:
        conn.close()


def _read_only_uri(path: Path) -> str:
    """Read-only, and creating nothing: SQLite would create -wal and -shm for a read-only connection to an
    idle WAL database, so an idle one (no -wal beside it) is opened immutable."""
    from rdtool.paths import absolute, sqlite_uri

    uri = sqlite_uri(absolute(path)) + "?mode=ro"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not (wal.exists() and shm.exists()):
        uri += "&immutable=1"
    return uri
